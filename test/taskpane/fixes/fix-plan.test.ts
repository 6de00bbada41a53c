import type { Edit, FixSelection } from '../../../src/engine/fix-planner';
import { validateWorkbook } from '../../../src/engine/validate';
import { previewValue, selectionLabel, withholdUnsafe } from '../../../src/taskpane/fixes/fix-plan';
import { buildWorkbook, columnOf, TODAY, validMaRow } from '../../support/sheet-builder';
import { RULES, type RuleId } from '../../../src/rules';

const SHEET = 'Migration Authorisation';

function edit(col: number, row: number, to: string, from: string): Edit<RuleId> {
  return { sheet: SHEET, cell: `${String.fromCharCode(64 + col)}${row}`, row, col, from, to, type: 'text', ruleId: 'text-whitespace' };
}

describe('withholding unsafe edits', () => {
  const workbook = buildWorkbook([{ ...validMaRow(0), smsoReference: ' spaced ', mpan: { formula: ' 1300000000016' } }, validMaRow(1)]);
  const result = validateWorkbook(workbook, { rules: RULES, today: TODAY });

  it('never writes SMSO free text, formula cells or formula-like text', () => {
    const smso = edit(columnOf('smsoReference'), 7, 'spaced', ' spaced ');
    const formula = edit(columnOf('mpan'), 7, '1300000000016', ' 1300000000016');
    const formulaText = edit(columnOf('groupId'), 8, '=HYPERLINK("x")', 'AA');
    const fine = edit(columnOf('groupId'), 7, 'AA', 'AA');
    const plan = withholdUnsafe([smso, formula, formulaText, fine], workbook, result, {}, { kind: 'all' });
    expect(plan.edits).toEqual([fine]);
    expect(plan.withheld.map((w) => [w.edit.cell, w.reason])).toEqual([
      [smso.cell, 'free-text'],
      [formula.cell, 'formula'],
      [formulaText.cell, 'formula-text'],
    ]);
    expect(plan.withheld[0]!.message).toContain(`${SHEET}!${smso.cell}`);
  });

  it('the engine itself plans no fix for SMSO free text or formulas', () => {
    const fixable = result.findings.filter((f) => f.fix).map((f) => f.cell);
    expect(fixable).not.toContain(`${String.fromCharCode(64 + columnOf('smsoReference'))}7`);
    expect(fixable).not.toContain(`${String.fromCharCode(64 + columnOf('mpan'))}7`);
  });
});

describe('preview wording', () => {
  it('shows text in quotes so spaces are visible, and empty as (empty)', () => {
    expect(previewValue(' AA')).toBe('“ AA”');
    expect(previewValue(1300000000016)).toBe('1300000000016');
    expect(previewValue('', 'empty')).toBe('(empty)');
    expect(previewValue('2027-03-01', 'date')).toBe('2027-03-01');
  });

  it('labels batches by what was fixed', () => {
    expect(selectionLabel({ kind: 'all' })).toBe('Fix all fixable findings');
    expect(selectionLabel({ kind: 'rule', ruleId: 'mpan-format' }, (id) => `Title of ${id}`)).toBe('Fix all: Title of mpan-format');
  });

  it("takes only the catalogue's rule ids in a fix selection (typecheck covers this file)", () => {
    // @ts-expect-error a misspelt rule id is not a RuleId (tsc fails if this line ever compiles)
    const misspelt: FixSelection<RuleId> = { kind: 'rule', ruleId: 'mpan-formt' };
    // @ts-expect-error the pane's fix workflow takes only catalogue ids in a "fix these rules" selection
    expect(selectionLabel({ kind: 'rules', ruleIds: ['text-whitespace', 'eui64-canonicl'] })).toBe('Fix text-whitespace, eui64-canonicl');
    // The compile-time check changes nothing at run time: the label still names what it was given.
    expect(selectionLabel(misspelt)).toBe('Fix all: mpan-formt');
  });
});
