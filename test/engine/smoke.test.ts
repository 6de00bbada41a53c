import { validateWorkbook } from '../../src/engine/validate';
import { buildWorkbook, TODAY, validMaRow, validDormantRow } from '../support/sheet-builder';
import { RULES } from '../../src/rules';

describe('validateWorkbook on valid templates', () => {
  it('finds nothing wrong in a valid Migration Authorisation', () => {
    const result = validateWorkbook(buildWorkbook([validMaRow(1), validMaRow(2)]), { rules: RULES, today: TODAY });
    expect(result.findings.map((f) => [f.row, f.field, f.ruleId])).toEqual([]);
    expect(result.template).toMatchObject({ id: 'migration-authorisation', version: 'v06a', headerRow: 6, sheet: 'Migration Authorisation' });
    expect(result.ready).toBe(true);
    expect(result.rowsChecked).toBe(2);
  });
  it('finds nothing wrong in a valid Dormant schedule', () => {
    const result = validateWorkbook(buildWorkbook([validDormantRow(1), validDormantRow(2)], { template: 'dormant' }), { rules: RULES, today: TODAY });
    expect(result.findings.map((f) => [f.row, f.field, f.ruleId])).toEqual([]);
    expect(result.template?.id).toBe('dormant-schedule');
  });
});
