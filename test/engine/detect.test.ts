import { text } from '../../src/engine/cell';
import type { SheetSnapshot } from '../../src/engine/snapshot';
import { validateWorkbook } from '../../src/engine/validate';
import { buildWorkbook, TODAY, validDormantRow, validMaRow } from '../support/sheet-builder';
import { RULES } from '../../src/rules';

const OPTIONS = { rules: RULES, today: TODAY };
const lists = (rows: string[][]): SheetSnapshot => ({ name: 'Lists', hidden: true, rows: rows.map((r) => r.map((v) => (v === '' ? undefined : text(v)))) });

describe('template detection', () => {
  it('binds columns by header text and aliases, in any order, case and spacing', () => {
    const wb = buildWorkbook([validMaRow(1)], {
      columns: ['chfId', 'groupId', 'mprn', 'mpan', 'esmeId', 'gsmeId', 'gpfId', 'elecSupplierEuid', 'gasSupplierEuid', 'eis'],
      headerText: { groupId: 'GROUPID', mpan: '  mpan   core ', chfId: 'Comms Hub\nDevice ID', eis: 'Coordinating Supplier' },
    });
    const result = validateWorkbook(wb, OPTIONS);
    expect(result.columns).toMatchObject({ chfId: 1, groupId: 2, mprn: 3, mpan: 4, eis: 10 });
    expect(result.findings).toEqual([]);
  });

  it('ignores unknown extra columns', () => {
    const wb = buildWorkbook([{ ...validMaRow(1), notes: '  anything ' }], {
      columns: [...Object.keys(validMaRow(1)), 'notes'],
      headerText: { notes: 'Analyst notes' },
    });
    expect(validateWorkbook(wb, OPTIONS).findings).toEqual([]);
  });

  it('finds a header row moved to row 30 but not to row 31', () => {
    const base = buildWorkbook([validMaRow(1)]);
    const rows = base.sheets[0]!.rows;
    const moved = (offset: number) => ({
      sheets: [{ ...base.sheets[0]!, rows: [...rows.slice(0, 5), ...Array<undefined>(offset).fill(undefined), ...rows.slice(5)] }],
    });
    expect(validateWorkbook(moved(24), OPTIONS).template?.headerRow).toBe(30);
    expect(validateWorkbook(moved(25), OPTIONS).template).toBeNull();
  });

  it('uses the title to choose between templates that share headers', () => {
    const maOnDormantSheet = buildWorkbook([validMaRow(1)], { sheetName: 'Dormant Meter Schedule' });
    expect(validateWorkbook(maOnDormantSheet, OPTIONS).template?.id).toBe('migration-authorisation');
    const dormant = buildWorkbook([validDormantRow(1)], { template: 'dormant', title: null, sheetName: 'Sheet1' });
    expect(validateWorkbook(dormant, OPTIONS).template?.id).toBe('dormant-schedule');
  });

  it('tries other sheets when the named data sheet has no header row', () => {
    const wb = buildWorkbook([validMaRow(1)], { sheetName: 'Data' });
    const withEmptyNamed = { sheets: [{ name: 'Migration Authorisation', rows: [[text('Instructions only')]] }, ...wb.sheets] };
    const result = validateWorkbook(withEmptyNamed, OPTIONS);
    expect(result.template).toMatchObject({ id: 'migration-authorisation', sheet: 'Data' });
  });

  it('reports a non-template workbook as template-unrecognised', () => {
    const result = validateWorkbook({ sheets: [{ name: 'Sheet1', rows: [] }] }, OPTIONS);
    expect(result.template).toBeNull();
    expect(result.findings.map((f) => [f.ruleId, f.sheet, f.cell, f.row, f.field])).toEqual([['template-unrecognised', null, null, null, null]]);
    expect(result.ready).toBe(false);
  });

  it('counts rows checked down to the last filled row, blank rows included', () => {
    const result = validateWorkbook(buildWorkbook([validMaRow(1), null, null, validMaRow(2), null]), OPTIONS);
    expect(result.rowsChecked).toBe(4);
    expect(result.findings.map((f) => [f.row, f.lastRow, f.ruleId])).toEqual([[8, 9, 'blank-row']]);
  });
});

describe('allowed values', () => {
  const row = { ...validMaRow(1), groupId: 'QQ' };
  it('reads a range validation on another (hidden) sheet', () => {
    const wb = buildWorkbook([row], { validations: [{ sqref: 'A7:A100', source: 'Lists!$A$2:$A$4' }], extraSheets: [lists([['Group ID'], ['QQ'], ['RR']])] });
    expect(validateWorkbook(wb, OPTIONS).findings).toEqual([]);
  });
  it('reads a quoted sheet name and a same-sheet range', () => {
    const quoted = buildWorkbook([row], {
      validations: [{ sqref: 'A7', source: "'My Lists'!A2:A9" }],
      extraSheets: [{ ...lists([['x'], ['QQ']]), name: 'My Lists' }],
    });
    expect(validateWorkbook(quoted, OPTIONS).findings).toEqual([]);
    const same = buildWorkbook([row], { validations: [{ sqref: 'A7:A9', source: '=$A$2:$A$2' }] });
    expect(validateWorkbook(same, OPTIONS).findings.map((f) => f.ruleId)).toEqual(['group-id-unknown']);
  });
  it('resolves a defined name', () => {
    const wb = buildWorkbook([row], {
      validations: [{ sqref: 'A7:A100', source: 'GroupIds' }],
      definedNames: { GroupIds: 'Lists!$B$2:$B$3' },
      extraSheets: [
        lists([
          ['a', 'b'],
          ['', 'QQ'],
        ]),
      ],
    });
    expect(validateWorkbook(wb, OPTIONS).findings).toEqual([]);
  });
  it('falls back to the Lists sheet column with the field header, stopping at the first empty cell', () => {
    const wb = buildWorkbook([row, { ...validMaRow(2), groupId: 'SS' }], {
      extraSheets: [
        lists([
          ['Energy Installation Supplier', 'Group ID'],
          ['E', 'QQ'],
          ['G', ''],
          ['', 'SS'],
        ]),
      ],
    });
    expect(validateWorkbook(wb, OPTIONS).findings.map((f) => [f.row, f.ruleId])).toEqual([[8, 'group-id-unknown']]);
  });
  it("lets the workbook's code list win and maps variants only onto its values", () => {
    const wb = buildWorkbook([{ ...validMaRow(1), eis: 'Electricity' }], { validations: [{ sqref: 'K7:K50', source: '"ELEC,GAS"' }] });
    const findings = validateWorkbook(wb, OPTIONS).findings;
    expect(findings.map((f) => [f.ruleId, f.fix?.to ?? null])).toEqual([['code-value', null]]);
  });
  it('accepts an Office.js style unquoted inline list', () => {
    const wb = buildWorkbook([row], { validations: [{ sqref: 'A7:A100', source: 'QQ,RR' }] });
    expect(validateWorkbook(wb, OPTIONS).findings).toEqual([]);
  });
});

describe('submitting User ID', () => {
  it('prefers the workbook value over the option', () => {
    const result = validateWorkbook(buildWorkbook([validMaRow(1)]), { ...OPTIONS, userId: '70-B3-D5-1F-30-00-B1-99' });
    expect(result.userIdSource).toBe('workbook');
    expect(result.userId).toBe('70-B3-D5-1F-30-00-A0-08');
  });
  it('uses the option when the workbook has none', () => {
    const result = validateWorkbook(buildWorkbook([validMaRow(1)], { userId: null }), { ...OPTIONS, userId: '70b3d51f3000a008' });
    expect(result.userIdSource).toBe('option');
    expect(result.userId).toBe('70-B3-D5-1F-30-00-A0-08');
    expect(result.findings).toEqual([]);
  });
});
