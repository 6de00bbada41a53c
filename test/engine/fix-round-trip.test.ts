import fc from 'fast-check';
import { applyEditsToSnapshot } from '../../src/engine/apply-edits';
import { cellsEqual } from '../../src/engine/cell';
import { planFixes } from '../../src/engine/fix-planner';
import { planWorkbookFixes } from '../../src/engine/plan-workbook-fixes';
import { cellAt } from '../../src/engine/snapshot';
import { validateWorkbook } from '../../src/engine/validate';
import { stageOf } from '../../src/rules';
import { buildWorkbook, mpanFor, TODAY, validMaRow } from '../support/sheet-builder';
import { workbookArbitrary } from '../support/random-workbook';
import { RULES } from '../../src/rules';

const OPTIONS = { rules: RULES, today: TODAY };

describe('fix planner', () => {
  it('keeps one edit per cell: the latest stage, which includes the hygiene fix', () => {
    const workbook = buildWorkbook([{ ...validMaRow(1), mpan: ` 13 ${mpanFor(1).slice(2)}`, chfId: '00124b0000030001 ' }]);
    const findings = validateWorkbook(workbook, OPTIONS).findings;
    expect(findings.map((f) => [f.cell, f.ruleId])).toEqual([
      ['B7', 'mpan-format'],
      ['B7', 'text-whitespace'],
      ['F7', 'eui64-canonical'],
      ['F7', 'text-whitespace'],
    ]);
    const edits = planFixes(findings, { kind: 'all' }, stageOf);
    expect(edits.map((e) => [e.cell, e.from, e.to, e.ruleId])).toEqual([
      ['B7', ` 13 ${mpanFor(1).slice(2)}`, mpanFor(1), 'mpan-format'],
      ['F7', '00124b0000030001 ', '00-12-4B-00-00-03-00-01', 'eui64-canonical'],
    ]);
  });

  it('fixes one rule only when asked', () => {
    const workbook = buildWorkbook([{ ...validMaRow(1), groupId: 'aa', chfId: '00124b0000030001' }]);
    const edits = planWorkbookFixes(workbook, OPTIONS, { kind: 'rule', ruleId: 'group-id-unknown' });
    expect(edits.map((e) => [e.cell, e.to])).toEqual([['A7', 'AA']]);
  });

  it('never fixes a formula cell', () => {
    const workbook = buildWorkbook([{ ...validMaRow(1), chfId: { formula: '00124b0000030001' } }]);
    const findings = validateWorkbook(workbook, OPTIONS).findings;
    expect(findings.map((f) => [f.cell, f.ruleId, f.fix])).toEqual([['F7', 'eui64-canonical', null]]);
    expect(findings[0]!.message).toMatch(/formula/);
  });

  it('follows a fix that reveals another (upper-cased GroupID becomes exempt)', () => {
    const workbook = buildWorkbook([{ ...validMaRow(1), groupId: 'ea', eis: 'E' }]);
    const edits = planWorkbookFixes(workbook, OPTIONS, { kind: 'all' });
    expect(edits.map((e) => [e.cell, e.from, e.to, e.type])).toEqual([
      ['A7', 'ea', 'EA', 'text'],
      ['K7', 'E', '', 'empty'],
    ]);
  });
});

describe('fix round trip over random workbooks (seeded)', () => {
  it('applying all fixes leaves no fixable finding and changes no other cell; a second run plans nothing', () => {
    fc.assert(
      fc.property(workbookArbitrary(12), ({ workbook }) => {
        const edits = planWorkbookFixes(workbook, OPTIONS, { kind: 'all' });
        const { workbook: fixed, skipped } = applyEditsToSnapshot(workbook, edits);
        expect(skipped).toEqual([]);
        const after = validateWorkbook(fixed, OPTIONS);
        expect(after.findings.filter((f) => f.fix !== null)).toEqual([]);
        const edited = new Set(edits.map((e) => `${e.sheet}!${e.cell}`));
        const sheet = workbook.sheets[0]!;
        const fixedSheet = fixed.sheets[0]!;
        const rows = Math.max(sheet.rows.length, fixedSheet.rows.length);
        for (let r = 1; r <= rows; r++) {
          const width = Math.max(sheet.rows[r - 1]?.length ?? 0, fixedSheet.rows[r - 1]?.length ?? 0);
          for (let c = 1; c <= width; c++) {
            const address = `${sheet.name}!${String.fromCharCode(64 + c)}${r}`;
            if (!edited.has(address)) expect(cellsEqual(cellAt(sheet, r, c), cellAt(fixedSheet, r, c))).toBe(true);
          }
        }
        expect(planWorkbookFixes(fixed, OPTIONS, { kind: 'all' })).toEqual([]);
      }),
      { numRuns: 120, seed: 97 },
    );
  });
});
