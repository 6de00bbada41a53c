import './resize-observer';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useSyncExternalStore, type JSX } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { text } from '../../../src/engine/cell';
import { RULES } from '../../../src/rules';
import { FixFindingAction, FixesPanel } from '../../../src/taskpane/fixes/fixes-panel';
import type { LivePaneController } from '../../../src/taskpane/live-pane-controller';
import { buildWorkbook, columnOf, mpanFor, validMaRow } from '../../support/sheet-builder';
import { openFixes, plain } from './fix-harness';

const SHEET = 'Migration Authorisation';
const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));
const col = (field: string): string => String.fromCharCode(64 + columnOf(field));
const GROUP = col('groupId');
const CHF = col('chfId');

function workbook() {
  return buildWorkbook([
    { ...validMaRow(0), groupId: ' AA' },
    { ...validMaRow(1), chfId: '00-12-4b-00-00-03-00-02' },
    { ...validMaRow(2), mpan: Number(mpanFor(2)) },
  ]);
}

function Harness({
  controller,
  children,
}: {
  controller: LivePaneController;
  children: (result: ReturnType<LivePaneController['getState']>['result']) => JSX.Element;
}) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return <FluentProvider theme={webLightTheme}>{children(state.result)}</FluentProvider>;
}

async function renderPanel() {
  const opened = await openFixes(workbook());
  render(
    <Harness controller={opened.controller}>
      {(result) => <FixesPanel service={opened.service} journal={opened.journal} result={result} rules={RULES_BY_ID} />}
    </Harness>,
  );
  return opened;
}

/** [cell, before, after] of each change the preview lists (stacked, so full values wrap instead of being cut). */
const previewRows = () =>
  within(within(screen.getByRole('region', { name: /Preview:/ })).getByRole('list', { name: 'Changes' }))
    .getAllByRole('listitem')
    .map((li) => [...li.children].map((c, i) => (c.textContent ?? '').replace(i === 1 ? /^Before / : /^After /, '')));

describe('fixes panel', () => {
  it('previews cell, before and after; writes nothing until Apply; then applies and lists the batch', async () => {
    const { fake } = await renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Fix all fixable (3)' }));
    await screen.findByRole('region', { name: /Preview:/ });
    const heading = screen.getByRole('heading', { name: 'Preview: 3 changes' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(previewRows()).toEqual(
      [
        [`${GROUP}7`, '“ AA”', '“AA”'],
        [`${col('mpan')}9`, mpanFor(2), `“${mpanFor(2)}”`],
        [`${CHF}8`, '“00-12-4b-00-00-03-00-02”', '“00-12-4B-00-00-03-00-02”'],
      ].sort((a, b) => Number(a[0]!.slice(1)) - Number(b[0]!.slice(1)) || a[0]!.localeCompare(b[0]!)),
    );
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text(' AA')));
    expect(fake.undoSteps).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Apply 3 changes' }));

    await screen.findByText(/^Applied \d/);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('AA')));
    expect(fake.undoSteps).toBe(1);
    expect(
      screen
        .getAllByRole('status')
        .map((s) => s.textContent)
        .join(' '),
    ).toMatch(/Applied 3 fixes\. Undo in Excel \(Ctrl\+Z\) reverses this in one step/);
    expect(screen.queryByRole('region', { name: /Preview:/ })).toBeNull();
    const history = screen.getByRole('region', { name: 'Applied fixes' });
    expect(within(history).getByText('Fix all fixable findings')).toBeTruthy();
    expect(screen.getByText('No finding has a one-click fix.')).toBeTruthy();
  });

  it('Cancel writes nothing', async () => {
    const { fake } = await renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Fix all fixable (3)' }));
    await screen.findByRole('region', { name: /Preview:/ });
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.undoSteps).toBe(0);
    expect(screen.getByText('Fix cancelled; nothing was changed.')).toBeTruthy();
  });

  it("fixes one cell from a rule's cell list, by keyboard", async () => {
    const { fake } = await renderPanel();
    const title = RULES_BY_ID.get('eui64-canonical')!.title;
    screen.getByRole('button', { name: `Show cells: ${title}` }).focus();
    await userEvent.keyboard('{Enter}');
    screen.getByRole('button', { name: `Fix ${CHF}8` }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Preview: 1 change'));
    expect(previewRows()).toEqual([[`${CHF}8`, '“00-12-4b-00-00-03-00-02”', '“00-12-4B-00-00-03-00-02”']]);
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Apply 1 change' }));
    await userEvent.keyboard('{Enter}');
    await screen.findByText(/^Applied \d/);
    expect(plain(fake.getCell(SHEET, `${CHF}8`))).toEqual(plain(text('00-12-4B-00-00-03-00-02')));
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text(' AA')));
  });

  it('lists a cell the user changed between preview and apply, and leaves it', async () => {
    const { fake } = await renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Fix all fixable (3)' }));
    await screen.findByRole('region', { name: /Preview:/ });
    act(() => fake.setCell(SHEET, `${GROUP}7`, text('ZZ')));
    await userEvent.click(screen.getByRole('button', { name: 'Apply 3 changes' }));
    await screen.findByText(/^Applied \d/);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('ZZ')));
    const left = screen.getByRole('list', { name: 'Cells left as they are' });
    expect(left.textContent).toContain(`${SHEET}!${GROUP}7 changed since it was checked`);
    expect(screen.getByText(/Applied 2 fixes/)).toBeTruthy();
  });

  it('says clearly when the sheet is protected', async () => {
    const { fake } = await renderPanel();
    fake.setProtected(SHEET, true);
    await userEvent.click(screen.getByRole('button', { name: 'Fix all fixable (3)' }));
    await screen.findByRole('region', { name: /Preview:/ });
    await userEvent.click(screen.getByRole('button', { name: 'Apply 3 changes' }));
    await screen.findByText(/^Applied \d/);
    expect(screen.getByText(/Applied 0 fixes\./)).toBeTruthy();
    expect(screen.getByText(/protected sheet "Migration Authorisation" were not changed\. Unprotect the sheet/)).toBeTruthy();
  });

  it('reverts a batch from the history and one cell on its own', async () => {
    const { fake } = await renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Fix all fixable (3)' }));
    await screen.findByRole('region', { name: /Preview:/ });
    await userEvent.click(screen.getByRole('button', { name: 'Apply 3 changes' }));
    await screen.findByText(/^Applied \d/);
    await userEvent.click(screen.getByRole('button', { name: 'Show cells' }));
    await userEvent.click(screen.getByRole('button', { name: `Revert ${SHEET}!${CHF}8` }));
    await screen.findByText('Reverted 1 cell.');
    expect(plain(fake.getCell(SHEET, `${CHF}8`))).toEqual(plain(text('00-12-4b-00-00-03-00-02')));
    expect(screen.getByText('Reverted 1 cell.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Revert Fix all fixable findings' }));
    await screen.findByText('Reverted 2 cells.');
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text(' AA')));
    expect(screen.getByText('Reverted 2 cells.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Revert Fix all fixable findings' }).disabled).toBe(true);
  });

  it('refuses a revert where the user edited the cell after the fix, naming it', async () => {
    const { fake } = await renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Fix all fixable (3)' }));
    await screen.findByRole('region', { name: /Preview:/ });
    await userEvent.click(screen.getByRole('button', { name: 'Apply 3 changes' }));
    await screen.findByText(/^Applied \d/);
    act(() => fake.setCell(SHEET, `${GROUP}7`, text('AB')));
    await userEvent.click(screen.getByRole('button', { name: 'Revert Fix all fixable findings' }));
    expect(await screen.findByText('Reverted 2 cells. 1 cell was not reverted.')).toBeTruthy();
    expect(screen.getByText(`${SHEET}!${GROUP}7 was changed after the fix, so it was not reverted. It keeps its current value.`)).toBeTruthy();
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('AB')));
  });
});

describe('Fix button for one finding (issue list)', () => {
  it("previews and applies that finding's fix inline", async () => {
    const opened = await openFixes(workbook());
    const finding = opened.controller.getState().result!.findings.find((f) => f.ruleId === 'text-whitespace')!;
    render(
      <FluentProvider theme={webLightTheme}>
        <FixFindingAction finding={finding} service={opened.service} dataSheet={SHEET} />
      </FluentProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Fix…' }));
    await screen.findByRole('region', { name: /Preview:/ });
    expect(previewRows()).toEqual([[`${GROUP}7`, '“ AA”', '“AA”']]);
    await userEvent.click(screen.getByRole('button', { name: 'Apply 1 change' }));
    await screen.findByText(/^Applied \d/);
    expect(plain(opened.fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('AA')));
    expect(opened.journal.batches()).toHaveLength(1);
  });
});
