import { text } from '../../src/engine/cell';
import { validateWorkbook } from '../../src/engine/validate';
import { RULES } from '../../src/rules';
import { buildWorkbook, TODAY } from '../support/sheet-builder';
import { Expected, RULE_TABLES, RuleCase } from './rule-tables';

function run(c: RuleCase): Expected[] {
  const workbook = c.unrecognised
    ? { sheets: [{ name: 'Customers', rows: [[text('Name'), text('Address')], [text('A'), text('B')]] }] }
    : buildWorkbook(c.rows ?? [], c.build);
  const result = validateWorkbook(workbook, { rules: RULES, today: TODAY, ...c.options });
  return result.findings.map((f) => (f.fix ? [f.row, f.field, f.ruleId, f.fix.to] : [f.row, f.field, f.ruleId]) as Expected);
}

describe('every rule has a test table', () => {
  it.each(RULES.map((r) => r.id))('%s has passing and failing cases', (id) => {
    const table = RULE_TABLES[id];
    expect(table).toBeDefined();
    expect(table!.pass.length).toBeGreaterThan(0);
    expect(table!.fail.length).toBeGreaterThan(0);
    expect(table!.fail.some((c) => c.expect.some((e) => e[2] === id))).toBe(true);
  });
  it('has no table for an unknown rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(Object.keys(RULE_TABLES).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(Object.entries(RULE_TABLES))('%s', (id, table) => {
  it.each(table.pass.map((c) => [c.name, c] as const))('passes: %s', (_name, c) => {
    const found = run(c);
    expect(found.filter((e) => e[2] === id)).toEqual([]);
    expect(found).toEqual(c.expect);
  });
  it.each(table.fail.map((c) => [c.name, c] as const))('fails: %s', (_name, c) => {
    expect(run(c)).toEqual(c.expect);
  });
});
