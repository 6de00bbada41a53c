import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RULES } from '../../src/rules';
import { finding, resultOf } from './pane-fixtures';
import { renderPane } from './render-pane';

describe('rule catalogue tab', () => {
  it('lists every rule of the catalogue with its id, severity and title', async () => {
    renderPane({ result: resultOf([]) });
    await userEvent.click(screen.getByRole('tab', { name: 'Rules' }));

    const catalogue = screen.getByRole('region', { name: 'Rule catalogue' });
    const listed = Array.from(catalogue.querySelectorAll('[data-rule-id]')).map((el) => el.getAttribute('data-rule-id'));
    expect(listed).toEqual(RULES.map((r) => r.id));
    for (const rule of RULES) {
      const item = catalogue.querySelector(`[data-rule-id="${rule.id}"]`) as HTMLElement;
      expect(within(item).getByText(rule.title)).toBeTruthy();
      expect(within(item).getByText(rule.id)).toBeTruthy();
    }
  });

  it('opens a rule to show what it checks, why, a valid and an invalid example, and its fix', async () => {
    const fixable = RULES.find((r) => r.fixable)!;
    renderPane({ result: resultOf([]) });
    await userEvent.click(screen.getByRole('tab', { name: 'Rules' }));

    const item = document.querySelector(`[data-rule-id="${fixable.id}"]`) as HTMLElement;
    await userEvent.click(within(item).getByRole('button'));
    const terms = within(item)
      .getAllByRole('term')
      .map((el) => el.textContent);
    expect(terms).toEqual(['Checks', 'Why', 'Valid', 'Invalid', 'Fix']);
    const values = within(item)
      .getAllByRole('definition')
      .map((el) => el.textContent);
    expect(values).toEqual([
      fixable.description,
      fixable.why,
      fixable.examples.valid,
      fixable.examples.invalid,
      fixable.fixDescription ?? 'One-click fix available.',
    ]);
  });

  it('says where a rule that compares files applies: the command line only', async () => {
    renderPane({ result: resultOf([]) });
    await userEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    const item = document.querySelector('[data-rule-id="duplicate-across-files"]') as HTMLElement;
    await userEvent.click(within(item).getByRole('button'));
    expect(
      within(item)
        .getAllByRole('term')
        .map((el) => el.textContent),
    ).toEqual(['Checks', 'Why', 'Valid', 'Invalid', 'Where', 'Fix']);
    expect(within(item).getByText(/^Only mam-prep check with several files: MAM Prep in Excel checks one workbook/)).toBeTruthy();
  });
});

/** Fluent draws a tab's label twice (one copy reserves the bold width), so read the first copy. */
const tabNames = (): Array<string | null | undefined> =>
  screen.getAllByRole('tab').map((t) => t.querySelector('.fui-Tab__content')?.textContent || t.getAttribute('aria-label'));

describe('slots for fixes, settings and the export gate', () => {
  it('shows Fixes, Export and Settings tabs only when their slot is given, with the current state', async () => {
    const result = resultOf([finding('mpan-format', 'error', 'C8')]);
    const { view } = renderPane({ result });
    expect(tabNames()).toEqual(['Issues', 'Rules']);
    view.unmount();

    const seen: unknown[] = [];
    renderPane(
      { result },
      {
        fixes: ({ state }) => <p>fixes for {state.result?.findings.length} findings</p>,
        settings: () => <p>settings body</p>,
        exportGate: (context) => {
          seen.push(context.state.result);
          return <p>export gate</p>;
        },
      },
    );
    expect(tabNames()).toEqual(['Issues', 'Fixes', 'Export', 'Rules', 'Settings']);
    // The export check is a tab of its own, so it does not push the findings down.
    expect(screen.queryByText('export gate')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Export' }));
    expect(screen.getByText('export gate')).toBeTruthy();
    expect(seen.at(-1)).toBe(result);

    await userEvent.click(screen.getByRole('tab', { name: 'Fixes' }));
    expect(screen.getByText('fixes for 1 findings')).toBeTruthy();
    expect(screen.queryByRole('tree')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    expect(screen.getByText('settings body')).toBeTruthy();
  });
});
