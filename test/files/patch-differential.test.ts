import fc from 'fast-check';
import { applyEditsToSnapshot } from '../../src/engine/apply-edits';
import { cellsEqual } from '../../src/engine/cell';
import { planWorkbookFixes } from '../../src/engine/plan-workbook-fixes';
import type { SheetSnapshot, WorkbookSnapshot } from '../../src/engine/snapshot';
import { cellAt } from '../../src/engine/snapshot';
import { validateWorkbook } from '../../src/engine/validate';
import { patchWorkbook } from '../../src/files/cell-patcher';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { RULES } from '../../src/rules';
import { rowArbitrary } from '../support/random-workbook';
import { TODAY } from '../support/sheet-builder';
import { templateWorkbookBytes } from '../support/template-files';

const OPTIONS = { rules: RULES, today: TODAY };

/** Cells that differ between two sheets, as the user sees them, each with both values. */
function differingCells(a: SheetSnapshot, b: SheetSnapshot): string[] {
  const out: string[] = [];
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 1; r <= rows; r++) {
    const width = Math.max(a.rows[r - 1]?.length ?? 0, b.rows[r - 1]?.length ?? 0);
    for (let c = 1; c <= width; c++)
      if (!cellsEqual(cellAt(a, r, c), cellAt(b, r, c)))
        out.push(`${a.name}!R${r}C${c} ${JSON.stringify(cellAt(a, r, c))} vs ${JSON.stringify(cellAt(b, r, c))}`);
  }
  return out;
}
const differing = (a: WorkbookSnapshot, b: WorkbookSnapshot) => a.sheets.flatMap((s, i) => differingCells(s, b.sheets[i]!));

/**
 * `mam-prep fix` patches the saved workbook's XML in place; the pane and the engine apply the same
 * edits to a snapshot. Both must give the same workbook: an independent implementation checks the
 * other on random workbooks (shared and inline strings, both templates, every fixable rule).
 */
it('patching the saved bytes gives, read back, the workbook the engine gets by applying the same edits (seeded)', () => {
  const arb = fc.constantFrom<'ma' | 'dormant'>('ma', 'dormant').chain((template) =>
    fc.tuple(
      fc.constant(template),
      fc.constantFrom<'shared' | 'inline'>('shared', 'inline'),
      fc.array(
        fc.integer({ min: 0, max: 4 }).chain((i) => rowArbitrary(template, i)),
        { maxLength: 10 },
      ),
    ),
  );
  fc.assert(
    fc.property(arb, ([template, strings, rows]) => {
      const bytes = templateWorkbookBytes(rows, { template, strings });
      const snapshot = readWorkbookBytes(bytes, 'in.xlsm');
      const edits = planWorkbookFixes(snapshot, OPTIONS, { kind: 'all' });
      const expected = applyEditsToSnapshot(snapshot, edits);
      const patched = patchWorkbook(bytes, 'in.xlsm', edits);
      // Planned from this very workbook, no edit finds its cell changed.
      expect([patched.skipped, expected.skipped]).toEqual([[], []]);
      expect(patched.applied).toHaveLength(edits.length);
      const reread = readWorkbookBytes(patched.bytes, 'out.xlsm');
      expect(differing(expected.workbook, reread)).toEqual([]);
      expect(validateWorkbook(reread, OPTIONS).findings).toEqual(validateWorkbook(expected.workbook, OPTIONS).findings);
    }),
    { numRuns: 150, seed: 20261202 },
  );
});
