import { text } from '../../src/engine/cell';
import { findAcrossFiles, withFindings } from '../../src/engine/cross-files';
import { ValidationSession, validateWorkbook } from '../../src/engine/validate';
import type { CatalogueFinding } from '../../src/rules';
import { RULES } from '../../src/rules';
import { buildWorkbook, TODAY } from '../support/sheet-builder';
import type { Expected, RuleCase } from './rule-tables';
import { RULE_TABLES } from './rule-tables';

function findingsOf(c: RuleCase): readonly CatalogueFinding[] {
  const workbook =
    c.raw ??
    (c.unrecognised
      ? {
          sheets: [
            {
              name: 'Customers',
              rows: [
                [text('Name'), text('Address')],
                [text('A'), text('B')],
              ],
            },
          ],
        }
      : buildWorkbook(c.rows ?? [], c.build));
  const options = { rules: RULES, today: TODAY, ...c.options };
  if (!c.alongside) return validateWorkbook(workbook, options).findings;
  // A run over several files, as `mam-prep check` makes it: this file first, then the others.
  const own = new ValidationSession(workbook, options);
  const others = c.alongside.map((o) => ({
    name: o.file,
    identity: o.file,
    identifiers: new ValidationSession(buildWorkbook(o.rows, o.build), options).identifiers(),
  }));
  const across = findAcrossFiles([{ name: 'this.xlsm', identity: 'this.xlsm', identifiers: own.identifiers() }, ...others], RULES);
  return withFindings(own.result(), across[0]!).findings;
}

const triples = (findings: readonly CatalogueFinding[]): Expected[] =>
  findings.map((f) => (f.fix ? [f.row, f.field, f.ruleId, f.fix.to] : [f.row, f.field, f.ruleId]) as Expected);

const ALL_CASES = Object.values(RULE_TABLES).flatMap((t) => [...t.pass, ...t.fail]);

describe('every rule has a test table', () => {
  it.each(RULES.map((r) => r.id))('%s has passing cases, two failing cases and an asserted message', (id) => {
    const table = RULE_TABLES[id];
    expect(table).toBeDefined();
    expect(table.pass.length).toBeGreaterThan(0);
    expect(table.fail.filter((c) => c.expect.some((e) => e[2] === id)).length).toBeGreaterThanOrEqual(2);
    expect(table.fail.some((c) => c.messages !== undefined && c.messages.length > 0)).toBe(true);
  });
  it('has no table for an unknown rule', () => {
    const ids = new Set<string>(RULES.map((r) => r.id));
    expect(Object.keys(RULE_TABLES).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(Object.entries(RULE_TABLES))('%s', (id, table) => {
  it.each(table.pass.map((c) => [c.name, c] as const))('passes: %s', (_name, c) => {
    const found = triples(findingsOf(c));
    expect(found.filter((e) => e[2] === id)).toEqual([]);
    expect(found).toEqual(c.expect);
  });
  it.each(table.fail.map((c) => [c.name, c] as const))('fails: %s', (_name, c) => {
    const findings = findingsOf(c);
    expect(triples(findings)).toEqual(c.expect);
    if (c.messages) expect(findings.filter((f) => f.ruleId === id).map((f) => f.message)).toEqual(c.messages);
  });
});

describe('only fixable rules fix', () => {
  // Every case of every table, so every rule's check runs on its mistakes and on valid rows.
  const fixed = ALL_CASES.flatMap((c) =>
    findingsOf(c)
      .filter((f) => f.fix !== null)
      .map((f) => f.ruleId),
  );
  const fixable = new Set(RULES.filter((r) => r.fixable).map((r) => r.id));

  it('a finding with a fix comes from a rule whose metadata says fixable', () => {
    expect(fixed.length).toBeGreaterThan(0);
    expect([...new Set(fixed)].filter((id) => !fixable.has(id))).toEqual([]);
  });
  it('every fixable rule offers a fix in its table', () => {
    expect([...fixable].filter((id) => !fixed.includes(id))).toEqual([]);
  });
});
