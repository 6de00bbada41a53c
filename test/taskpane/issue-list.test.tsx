import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding } from '../../src/engine/finding';
import { ruleById, type RuleId } from '../../src/rules';
import { DATA_SHEET, finding, resultOf } from './pane-fixtures';
import { renderPane } from './render-pane';
import { text } from '../../src/engine/cell';
import { validateWorkbook } from '../../src/engine/validate';
import { RULES } from '../../src/rules';
import { buildWorkbook, TODAY, validMaRow } from '../support/sheet-builder';

const titleOf = (ruleId: RuleId): string => ruleById(ruleId)!.title;
const groupRow = (ruleId: RuleId): HTMLElement => screen.getAllByRole('treeitem').find((el) => el.getAttribute('data-rule-id') === ruleId)!;
const groupIds = (): string[] => screen.getAllByRole('treeitem').flatMap((el) => el.getAttribute('data-rule-id') ?? []);

const MIXED: Finding<RuleId>[] = [
  finding('mpan-check-digit', 'error', 'C8'),
  finding('required-field', 'error', 'E8'),
  finding('mpan-check-digit', 'error', 'C9'),
  finding('eui64-canonical', 'warning', 'F9'),
  finding('mpan-check-digit', 'error', 'C11'),
  finding('blank-row', 'info', null, { row: 12 }),
];

describe('issue list', () => {
  it('groups findings by rule, errors first, with counts and a severity badge of icon and words', () => {
    renderPane({ result: resultOf(MIXED) });

    expect(groupIds()).toEqual(['mpan-check-digit', 'required-field', 'eui64-canonical', 'blank-row']);
    const mpan = groupRow('mpan-check-digit');
    // Named by what it shows (no aria-label that could differ from the visible text); the rule's
    // "why" is its description, not part of its name.
    expect(mpan.getAttribute('aria-label')).toBeNull();
    expect(screen.getByRole('treeitem', { name: `${titleOf('mpan-check-digit')} 3 issues Error mpan-check-digit` })).toBe(mpan);
    expect(screen.getByRole('treeitem', { description: ruleById('mpan-check-digit')!.why })).toBe(mpan);
    expect(within(mpan).getByText('Error').closest('.fui-Badge')?.querySelector('svg')).not.toBeNull();
    expect(within(groupRow('eui64-canonical')).getByText('Warning')).toBeTruthy();
    expect(within(groupRow('blank-row')).getByText('Info')).toBeTruthy();
    // A short list opens every group: the rule's "why" and its findings in sheet order are visible.
    expect(within(mpan).getByText(ruleById('mpan-check-digit')!.why)).toBeTruthy();
    expect(screen.getAllByRole('treeitem', { name: /^C\d+ mpan-check-digit/ }).map((el) => el.getAttribute('aria-posinset'))).toEqual(['1', '2', '3']);
    expect(screen.getByRole('treeitem', { name: /^Row 12/ })).toBeTruthy();
  });

  it('filters by severity with the count buttons in the header', async () => {
    renderPane({ result: resultOf(MIXED) });
    const warnings = screen.getByRole('button', { name: '1 warning' });
    expect(warnings.getAttribute('aria-pressed')).toBe('true');

    await userEvent.click(warnings);
    expect(warnings.getAttribute('aria-pressed')).toBe('false');
    expect(groupIds()).toEqual(['mpan-check-digit', 'required-field', 'blank-row']);

    await userEvent.click(screen.getByRole('button', { name: '4 errors' }));
    await userEvent.click(screen.getByRole('button', { name: '1 info' }));
    expect(screen.queryByRole('tree')).toBeNull();
    expect(screen.getByText(/^No issues of the selected severities\./)).toBeTruthy();

    await userEvent.click(warnings);
    expect(groupIds()).toEqual(['eui64-canonical']);
  });

  it('moves with the arrow keys, Home and End, and Enter or Space goes to the cell', async () => {
    const { gateway } = renderPane({ result: resultOf(MIXED) });
    const user = userEvent.setup();
    const items = (): HTMLElement[] => screen.getAllByRole('treeitem');

    // One tab stop: Tab from the Re-check controls lands on the first group.
    groupRow('mpan-check-digit').focus();
    expect(items().filter((el) => el.tabIndex === 0)).toHaveLength(1);

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toMatch(/^C8 /);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toMatch(/^C9 /);
    await user.keyboard('{Enter}');
    expect(gateway.selections).toEqual([{ sheet: DATA_SHEET, cell: 'C9' }]);

    await user.keyboard('{ArrowUp}');
    await user.keyboard(' ');
    expect(gateway.selections.at(-1)).toEqual({ sheet: DATA_SHEET, cell: 'C8' });

    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toMatch(/^Row 12/);
    await user.keyboard('{Enter}');
    // A row finding goes to the row's first cell.
    expect(gateway.selections.at(-1)).toEqual({ sheet: DATA_SHEET, cell: 'A12' });

    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(groupRow('mpan-check-digit'));
    expect(items().filter((el) => el.tabIndex === 0)).toEqual([groupRow('mpan-check-digit')]);
  });

  it('opens and closes groups with Left, Right and Enter', async () => {
    renderPane({ result: resultOf(MIXED) });
    const user = userEvent.setup();
    const group = groupRow('mpan-check-digit');
    group.focus();
    expect(group.getAttribute('aria-expanded')).toBe('true');

    await user.keyboard('{ArrowLeft}');
    expect(groupRow('mpan-check-digit').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('treeitem', { name: /^C8/ })).toBeNull();

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(groupRow('required-field'));
    await user.keyboard('{ArrowUp}{ArrowRight}');
    expect(groupRow('mpan-check-digit').getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.textContent).toMatch(/^C8 /);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(groupRow('mpan-check-digit'));
    await user.keyboard('{Enter}');
    expect(groupRow('mpan-check-digit').getAttribute('aria-expanded')).toBe('false');
  });

  it('goes to the cell on click, including cells on another sheet', async () => {
    const findings = [finding('mpan-check-digit', 'error', 'C8'), finding('eui64-format', 'error', 'B3', { sheet: 'Cover' })];
    const { gateway } = renderPane({ result: resultOf(findings) });

    await userEvent.click(screen.getByRole('treeitem', { name: /^C8/ }));
    await userEvent.click(screen.getByRole('treeitem', { name: /^Cover!B3/ }));
    expect(gateway.selections).toEqual([
      { sheet: DATA_SHEET, cell: 'C8' },
      { sheet: 'Cover', cell: 'B3' },
    ]);
  });

  it('does not try to go anywhere for a file-level finding', async () => {
    const { gateway } = renderPane({ result: resultOf([finding('submitter-user-id', 'error', null, { sheet: null, row: null })]) });
    const item = screen.getByRole('treeitem', { name: /^Workbook/ });
    expect(item.getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(item);
    expect(gateway.selections).toEqual([]);
  });

  it('shows which GroupID exempts a row and which parties an EUID finding compares', () => {
    const findings = [
      finding('euid-party-mismatch', 'error', 'J9', { details: { party: '00-B1', submitterParty: '00-A0', octets: 'octets 6 and 7' } }),
      finding('group-id-exempt', 'info', 'B8', { details: { groupId: 'EA' } }),
    ];
    renderPane({ result: resultOf(findings) });

    const facts = (item: HTMLElement): Array<string | null> =>
      within(item)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(facts(screen.getByRole('treeitem', { name: /^J9/ }))).toEqual(['EUID party: 00-B1', 'Submitter party: 00-A0', 'Party read from: octets 6 and 7']);
    expect(facts(screen.getByRole('treeitem', { name: /^B8/ }))).toEqual(['Exempt GroupID: EA']);
  });

  // Building 100,000 findings and rendering their groups takes a few seconds in jsdom on a busy machine.
  it('keeps the DOM bounded for 100,000 findings: closed groups, then pages of 50 with "show more"', async () => {
    const many: Finding<RuleId>[] = [];
    for (let row = 7; row < 7 + 100_000; row++) many.push(finding('mpan-check-digit', 'error', `C${row}`));
    many.push(finding('date-in-past', 'warning', 'M7'));
    renderPane({ result: resultOf(many, { rowsChecked: 100_000 }) });
    const user = userEvent.setup();

    expect(screen.getAllByRole('treeitem')).toHaveLength(2);
    expect(groupRow('mpan-check-digit').getAttribute('aria-expanded')).toBe('false');
    expect(within(groupRow('mpan-check-digit')).getByText('100,000')).toBeTruthy();

    groupRow('mpan-check-digit').focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getAllByRole('treeitem')).toHaveLength(1 + 50 + 1 + 1);
    const more = screen.getByRole('treeitem', { name: /^Show 50 more \(99,950 not shown\)/ });

    await user.click(more);
    expect(screen.getAllByRole('treeitem')).toHaveLength(1 + 100 + 1 + 1);
    // Focus moves to the first newly shown finding, where "show more" was.
    expect(document.activeElement?.textContent).toMatch(/^C57 mpan-check-digit/);
    expect(document.querySelectorAll('*').length).toBeLessThan(5_000);
  }, 20_000);

  it('follows live updates without losing the list', () => {
    const { controller } = renderPane({ result: resultOf(MIXED) });
    act(() => controller.update({ result: resultOf(MIXED.filter((f) => f.ruleId !== 'required-field')) }));
    expect(groupIds()).toEqual(['mpan-check-digit', 'eui64-canonical', 'blank-row']);
    expect(screen.getByText('Not ready: 3 errors.')).toBeTruthy();
  });
});

describe('issue list, blank-row runs', () => {
  it('lists a run of empty rows once, by its range, and goes to its first row', async () => {
    // Two filled rows, then a stray value far below: the empty rows between make one run.
    const workbook = buildWorkbook([validMaRow(1), validMaRow(2)]);
    const sheet = workbook.sheets[0]!;
    const rows = [...sheet.rows];
    rows[1_048_575] = [undefined, text('stray')];
    const result = validateWorkbook({ ...workbook, sheets: [{ ...sheet, rows }] }, { rules: RULES, today: TODAY });
    const { gateway } = renderPane({ result });

    const blank = within(groupRow('blank-row'));
    expect(blank.getByText('1')).toBeTruthy();
    const item = screen.getByRole('treeitem', { name: /^Rows 9–1,048,575 Rows 9–1,048,575 are empty between filled rows/ });
    await userEvent.click(item);
    expect(gateway.selections.at(-1)).toEqual({ sheet: DATA_SHEET, cell: 'A9' });
  });
});
