import { text } from '../../src/engine/cell';
import type { RuleSet } from '../../src/engine/rule';
import { defineRule, Verdict } from '../../src/engine/rule';
import { planWorkbookFixes } from '../../src/engine/plan-workbook-fixes';
import { validateWorkbook } from '../../src/engine/validate';
import { parseArgs } from '../../src/cli/args';
import type { CliIo } from '../../src/cli/cli-io';
import { runRules } from '../../src/cli/rules-command';
import type { RuleId } from '../../src/rules';
import { RULES } from '../../src/rules';
import { renderCatalogueMarkdown } from '../../src/rules/catalogue-markdown';
import { parseRuleList } from '../support/report-json';
import { buildWorkbook, TODAY, validMaRow } from '../support/sheet-builder';

// ---- One file's worth of rule: metadata, check, message, fix, training example. ----
const smsoReferenceCase = defineRule({
  id: 'smso-reference-case',
  severity: 'warning',
  scope: 'cell',
  title: 'SMSO reference in lower case',
  description: 'The SMSO reference has lower-case letters.',
  why: 'Upper case keeps references comparable with the SMSO system.',
  fields: ['smsoReference'],
  fixable: true,
  fixDescription: 'Upper-cases the reference.',
  examples: { valid: 'REF-1', invalid: 'ref-1' },
  stage: 3,
  cellCheck: {
    types: ['free-text'],
    values: ['text'],
    check: (p, report) => {
      const value = p.text!;
      const upper = value.toUpperCase();
      if (upper === value) return undefined;
      report(`"${value}" has lower-case letters: write ${upper}.`, { to: upper, type: 'text' });
      return Verdict.invalid;
    },
  },
  training: { templates: ['migration-authorisation'], field: () => 'smsoReference', mistake: (row) => ({ ...row, smsoReference: text('ref-1') }) },
});
// ---------------------------------------------------------------------------------------

// The SMSO reference is column L of the builder's Migration Authorisation (A GroupID … K EIS, L SMSO reference).
const REGISTRY: RuleSet<RuleId | 'smso-reference-case'> = [...RULES, smsoReferenceCase];

function captured(): { io: CliIo; text: () => string } {
  let out = '';
  return { io: { out: (t) => (out += t), err: () => undefined, isTTY: false, env: {}, cwd: process.cwd(), columns: 160 }, text: () => out };
}

describe('a rule added in a registry of its own', () => {
  const workbook = buildWorkbook([validMaRow(1), { ...validMaRow(2), smsoReference: 'ref-2' }]);

  it('is run by the engine, with its message and fix, only when the registry holds it', () => {
    const found = validateWorkbook(workbook, { rules: REGISTRY, today: TODAY }).findings;
    expect(found.map((f) => [f.ruleId, f.row, f.field, f.message, f.fix?.to])).toEqual([
      ['smso-reference-case', 8, 'smsoReference', '"ref-2" has lower-case letters: write REF-2.', 'REF-2'],
    ]);
    expect(validateWorkbook(workbook, { rules: RULES, today: TODAY }).findings).toEqual([]);
  });

  it('is fixed by the planner like a built-in rule', () => {
    const edits = planWorkbookFixes(workbook, { rules: REGISTRY, today: TODAY }, { kind: 'rule', ruleId: 'smso-reference-case' });
    expect(edits.map((e) => [e.cell, e.from, e.to])).toEqual([['L8', 'ref-2', 'REF-2']]);
  });

  it('is listed by `mam-prep rules` (160 columns wide, one line a rule), as text and as JSON', () => {
    const asText = captured();
    expect(runRules(parseArgs(['rules']), asText.io, REGISTRY)).toBe(0);
    expect(asText.text()).toMatch(/^smso-reference-case +warning +fixable +The SMSO reference has lower-case letters\.$/m);
    const asJson = captured();
    runRules(parseArgs(['rules', '--format', 'json']), asJson.io, REGISTRY);
    expect(parseRuleList(asJson.text()).rules).toContainEqual({
      id: 'smso-reference-case',
      severity: 'warning',
      scope: 'cell',
      title: 'SMSO reference in lower case',
      description: 'The SMSO reference has lower-case letters.',
      fixable: true,
      fix: 'Upper-cases the reference.',
    });
  });

  it('appears in the generated catalogue', () => {
    expect(renderCatalogueMarkdown(REGISTRY)).toContain(
      '| `smso-reference-case` | Warning | The SMSO reference has lower-case letters. | Upper case keeps references comparable with the SMSO system. | REF-1 | ref-1 | Upper-cases the reference. |',
    );
  });

  it('refuses a registry where two rules share an id', () => {
    expect(() => validateWorkbook(workbook, { rules: [...REGISTRY, smsoReferenceCase], today: TODAY })).toThrow('Two rules share the id "smso-reference-case"');
  });
});

describe('only a fixable rule can propose a fix (checked by the compiler)', () => {
  it('rejects a fix from a rule whose metadata says it is not fixable', () => {
    const notFixable = defineRule({
      id: 'not-fixable',
      severity: 'info',
      scope: 'cell',
      title: 't',
      description: 'd',
      why: 'w',
      fields: [],
      fixable: false,
      examples: { valid: 'v', invalid: 'i' },
      stage: 3,
      training: { notOnARow: 'about the workbook' },
      cellCheck: {
        types: ['free-text'],
        check: (_p, report) => {
          // @ts-expect-error a rule that is not fixable cannot pass a fix (tsc fails if this line ever compiles)
          report('message', { to: 'x', type: 'text' });
          report('message');
          return undefined;
        },
      },
    });
    expect(notFixable.fixable).toBe(false);
  });
  it('requires a fix description exactly when the rule is fixable', () => {
    const base = {
      severity: 'info',
      scope: 'cell',
      title: 't',
      description: 'd',
      why: 'w',
      fields: [],
      examples: { valid: 'v', invalid: 'i' },
      stage: 3,
      training: { notOnARow: 'about the workbook' },
    } as const;
    // @ts-expect-error a fixable rule must say what its fix does
    const undescribed = defineRule({ ...base, id: 'undescribed', fixable: true });
    const described = defineRule({
      ...base,
      id: 'described',
      fixable: false,
      // @ts-expect-error a rule that is not fixable has no fix to describe
      fixDescription: 'Does something.',
    });
    expect([undescribed.fixable, described.fixable]).toEqual([true, false]);
  });
});

describe('rule ids are typed by the rule set handed to the engine (checked by the compiler)', () => {
  const workbook = buildWorkbook([{ ...validMaRow(1), groupId: 'aa' }]);

  it("gives the catalogue's findings and edits the catalogue's ids", () => {
    const ids: readonly RuleId[] = validateWorkbook(workbook, { rules: RULES, today: TODAY }).findings.map((f) => f.ruleId);
    const edited: readonly RuleId[] = planWorkbookFixes(workbook, { rules: RULES, today: TODAY }, { kind: 'all' }).map((e) => e.ruleId);
    expect([ids, edited]).toEqual([['group-id-unknown'], ['group-id-unknown']]);
  });
  it('refuses a fix selection naming a rule the rule set does not hold', () => {
    // @ts-expect-error 'group-id-unkown' is not a rule id of the catalogue
    const edits = planWorkbookFixes(workbook, { rules: RULES, today: TODAY }, { kind: 'rule', ruleId: 'group-id-unkown' });
    expect(edits).toEqual([]);
  });
  it('gives a test registry its own ids', () => {
    const ids: readonly (RuleId | 'smso-reference-case')[] = validateWorkbook(workbook, { rules: REGISTRY, today: TODAY }).findings.map((f) => f.ruleId);
    // @ts-expect-error the catalogue's ids do not include the test rule's
    const catalogueOnly: readonly RuleId[] = validateWorkbook(workbook, { rules: REGISTRY, today: TODAY }).findings.map((f) => f.ruleId);
    expect([ids, catalogueOnly]).toEqual([['group-id-unknown'], ['group-id-unknown']]);
  });
});
