import { columnLetters } from '../../../src/engine/address';
import type { SheetSnapshot, WorkbookSnapshot } from '../../../src/engine/snapshot';
import { validateWorkbook } from '../../../src/engine/validate';
import { RULES } from '../../../src/rules';
import {
  ACROSS_FILES_RULES,
  buildTrainingSheet,
  NOT_ON_A_ROW,
  trainingEngineOptions,
  trainingRuleIds,
  trainingSheetName,
  TRAINING_SHEET_NAME,
} from '../../../src/taskpane/training/training-sheet';
import { buildTemplateGrid, columnOfField, FIRST_DATA_ROW, type TemplateId } from '../../../src/taskpane/training/template-layout';

const TODAY = '2026-11-29';
const TEMPLATES: readonly TemplateId[] = ['migration-authorisation', 'dormant-schedule'];

function workbookWith(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets, definedNames: {} };
}

/** [row, rule id, cell] triples of every finding (cell null for row-level findings). */
function triples(wb: WorkbookSnapshot, options = { rules: RULES, today: TODAY }): Array<[number | null, string, string | null]> {
  return validateWorkbook(wb, options).findings.map((f) => [f.row, f.ruleId, f.cell]);
}

describe.each(TEMPLATES)('training sheet for %s', (template) => {
  const sheet = buildTrainingSheet(template, TODAY, RULES);
  const snapshot = workbookWith({ name: TRAINING_SHEET_NAME, rows: sheet.grid });

  it('is detected as that template', () => {
    expect(validateWorkbook(snapshot, { rules: RULES, today: TODAY }).template?.id).toBe(template);
  });

  it("yields exactly each row's rule, on the cell of the row's field, and nothing on the correct row", () => {
    const cellOf = (row: number, field: string | null) => (field === null ? null : `${columnLetters(columnOfField(template, field))}${row}`);
    const expected = sheet.rows
      .filter((r) => r.ruleId !== null)
      .flatMap((r) =>
        [{ ruleId: r.ruleId!, field: r.field }, ...r.companions]
          .map((f) => ({ f, col: f.field === null ? 0 : columnOfField(template, f.field) }))
          .sort((a, b) => a.col - b.col)
          .map(({ f }) => [r.row, f.ruleId, cellOf(r.row, f.field)]),
      );
    expect(triples(snapshot)).toEqual(expected);
  });

  it('starts with the correct row and has one row per rule, in order', () => {
    expect(sheet.rows[0]).toEqual({ row: FIRST_DATA_ROW, ruleId: null, field: null, companions: [] });
    expect(sheet.rows.slice(1).map((r) => r.ruleId)).toEqual(trainingRuleIds(template));
    sheet.rows.forEach((r, i) => expect(r.row).toBe(FIRST_DATA_ROW + i));
  });

  it('stays correct on a later day (dates are generated from today)', () => {
    const later = buildTrainingSheet(template, '2031-02-14', RULES);
    const wb = workbookWith({ name: TRAINING_SHEET_NAME, rows: later.grid });
    const rules = (rows: typeof later.rows) =>
      rows
        .filter((r) => r.ruleId !== null)
        .flatMap((r) => [r.ruleId, ...r.companions.map((c) => c.ruleId)])
        .sort();
    expect(
      triples(wb, { rules: RULES, today: '2031-02-14' })
        .map(([, rule]) => rule)
        .sort(),
    ).toEqual(rules(later.rows));
  });
});

it('covers every rule of the catalogue: a training row on some template, a header/file rule, or an across-files rule', () => {
  const onRows = new Set(TEMPLATES.flatMap(trainingRuleIds));
  const uncovered = RULES.map((r) => r.id).filter((id) => !onRows.has(id) && !NOT_ON_A_ROW.has(id) && !ACROSS_FILES_RULES.includes(id));
  expect(uncovered).toEqual([]);
  // Only the command line, comparing files, shows it: no training row claims it.
  expect(ACROSS_FILES_RULES).toEqual(['duplicate-across-files']);
  expect([...onRows].filter((id) => ACROSS_FILES_RULES.includes(id))).toEqual([]);
  // Each header or file rule says why no row shows it.
  expect(Object.fromEntries(NOT_ON_A_ROW)).toEqual({
    'column-missing': 'about the header row: a whole column is missing',
    'submitter-user-id': 'about the User ID in the header block',
    'template-unrecognised': 'about the whole file: no sheet looks like a template',
    'template-version': 'about the template version in the header block',
  });
});

describe('training alongside the user data sheet', () => {
  const userSheet: SheetSnapshot = {
    name: 'Migration Authorisation',
    rows: buildTemplateGrid({ template: 'migration-authorisation', userId: '70-B3-D5-1F-30-00-A0-08', serviceProvider: 'CGI', rows: [] }),
  };
  const training = buildTrainingSheet('migration-authorisation', TODAY, RULES);
  const wb = workbookWith(userSheet, { name: TRAINING_SHEET_NAME, rows: training.grid });

  it('the user data sheet stays the one checked by default', () => {
    expect(validateWorkbook(wb, { rules: RULES, today: TODAY }).template?.sheet).toBe('Migration Authorisation');
  });

  it('trainingEngineOptions points the engine at the training sheet, and null leaves the options alone', () => {
    const options = { rules: RULES, today: TODAY };
    const result = validateWorkbook(wb, trainingEngineOptions(options, TRAINING_SHEET_NAME));
    expect(result.template?.sheet).toBe(TRAINING_SHEET_NAME);
    expect(new Set(result.findings.map((f) => f.sheet))).toEqual(new Set([TRAINING_SHEET_NAME]));
    expect(result.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(trainingRuleIds('migration-authorisation')));
    expect(trainingEngineOptions(options, null)).toBe(options);
  });
});

it('picks a sheet name that is not taken, ignoring case', () => {
  expect(trainingSheetName(['Migration Authorisation'])).toBe(TRAINING_SHEET_NAME);
  expect(trainingSheetName(['mam prep TRAINING', 'MAM Prep training (2)'])).toBe('MAM Prep training (3)');
});
