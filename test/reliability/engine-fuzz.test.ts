import fc from 'fast-check';
import { applyEditsToSnapshot } from '../../src/engine/apply-edits';
import type { Cell } from '../../src/engine/cell';
import { cellsEqual } from '../../src/engine/cell';
import { planWorkbookFixes } from '../../src/engine/plan-workbook-fixes';
import type { SheetSnapshot, WorkbookSnapshot } from '../../src/engine/snapshot';
import { cellAt } from '../../src/engine/snapshot';
import { ValidationSession, validateWorkbook } from '../../src/engine/validate';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { hostileValue, hostileWorkbookArbitrary } from '../support/hostile-workbook';
import { CaseCounter } from '../support/reliability-counts';
import type { TestValue } from '../support/sheet-builder';
import { HEADER_ROW, MA_HEADERS, toCell, TODAY } from '../support/sheet-builder';
import { wellFormedProblems } from './well-formed';
import { RULES } from '../../src/rules';

/**
 * Properties over random hostile workbooks and random edit sequences: no throw, well-formed findings,
 * incremental equal to full, idempotent fixes and exact reverts. Seeded and with a fixed number of
 * runs, so CI time is bounded and a failure replays exactly.
 */
const counter = new CaseCounter('engine-fuzz');
afterAll(() => counter.report());

const OPTIONS = { rules: RULES, today: TODAY };
const SEED = 20261129;

/** Every cell of two sheets, compared as the user sees them (value, type and formula flag). */
function differingCells(a: SheetSnapshot, b: SheetSnapshot): string[] {
  const out: string[] = [];
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 1; r <= rows; r++) {
    const width = Math.max(a.rows[r - 1]?.length ?? 0, b.rows[r - 1]?.length ?? 0);
    for (let c = 1; c <= width; c++) if (!cellsEqual(cellAt(a, r, c), cellAt(b, r, c))) out.push(`${a.name}!R${r}C${c}`);
  }
  return out;
}

function differingWorkbooks(a: WorkbookSnapshot, b: WorkbookSnapshot): string[] {
  return a.sheets.flatMap((s, i) => differingCells(s, b.sheets[i]!));
}

describe('engine fuzz (seeded)', () => {
  it('never throws on a hostile workbook, and its findings are well-formed and sorted', () => {
    fc.assert(
      fc.property(
        hostileWorkbookArbitrary(12),
        fc.option(fc.constantFrom('70-B3-D5-1F-30-00-A0-08', 'junk', ' 70b3d51f3000a008 ', '00-00-00-00-00-00-00-00'), { nil: undefined }),
        ({ workbook }, userId) => {
          const result = validateWorkbook(workbook, userId === undefined ? OPTIONS : { ...OPTIONS, userId });
          expect(wellFormedProblems(result, workbook)).toEqual([]);
          counter.add('fuzz-engine-never-throws');
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  });

  it('incremental re-validation equals a full run after any edit sequence (cells, whole rows, header, far rows)', () => {
    const edit = fc.record({
      // Rows up to the header block (re-detection), into the table, and past its end.
      row: fc.oneof(fc.integer({ min: 1, max: HEADER_ROW }), fc.integer({ min: HEADER_ROW + 1, max: HEADER_ROW + 16 })),
      col: fc.integer({ min: 1, max: 15 }),
      value: fc.oneof(hostileValue, fc.constantFrom<TestValue>('Group ID', 'MPRN', MA_HEADERS.chfId)),
      clearRow: fc.boolean(),
      alsoRow: fc.option(fc.integer({ min: HEADER_ROW + 1, max: HEADER_ROW + 16 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(hostileWorkbookArbitrary(10), fc.array(edit, { minLength: 1, maxLength: 6 }), ({ workbook }, edits) => {
        const session = new ValidationSession(workbook, OPTIONS);
        const sheet = workbook.sheets[0]!.name;
        for (const e of edits) {
          const current = session.snapshot().sheets.find((s) => s.name === sheet)!;
          const rowCells = (row: number): Array<Cell | undefined> => {
            const width = Math.max(e.col, current.rows[row - 1]?.length ?? 0);
            return Array.from({ length: width }, (_v, c) => cellAt(current, row, c + 1));
          };
          const cells = e.clearRow ? [] : rowCells(e.row);
          if (!e.clearRow) cells[e.col - 1] = toCell(e.value);
          const updates = [{ row: e.row, cells }];
          if (e.alsoRow !== undefined && e.alsoRow !== e.row)
            updates.push({ row: e.alsoRow, cells: rowCells(e.alsoRow).map((c, i) => (i === e.col - 1 ? toCell(e.value) : c)) });
          session.updateRows(sheet, updates);
          const full = validateWorkbook(session.snapshot(), OPTIONS);
          const incremental = session.result();
          expect(incremental.findings).toEqual(full.findings);
          expect(incremental.rowsChecked).toBe(full.rowsChecked);
          expect(incremental.template).toEqual(full.template);
          expect(wellFormedProblems(incremental, session.snapshot())).toEqual([]);
          counter.add('fuzz-incremental-edits');
        }
        counter.add('fuzz-incremental-sequences');
      }),
      { numRuns: 100, seed: SEED + 1 },
    );
  });

  it('fixes are idempotent: applying all fixes leaves nothing to fix, and planning again yields no edit', () => {
    fc.assert(
      fc.property(hostileWorkbookArbitrary(10), ({ workbook }) => {
        const edits = planWorkbookFixes(workbook, OPTIONS, { kind: 'all' });
        const { workbook: fixed, skipped } = applyEditsToSnapshot(workbook, edits);
        expect(skipped).toEqual([]);
        const after = validateWorkbook(fixed, OPTIONS);
        expect(after.findings.filter((f) => f.fix !== null)).toEqual([]);
        expect(planWorkbookFixes(fixed, OPTIONS, { kind: 'all' })).toEqual([]);
        // Only the planned cells changed.
        const planned = new Set(edits.map((e) => `${e.sheet}!R${e.row}C${e.col}`));
        expect(differingWorkbooks(workbook, fixed).filter((c) => !planned.has(c))).toEqual([]);
        counter.add('fuzz-fix-idempotent');
        counter.add('fuzz-fix-idempotent-edits', edits.length);
      }),
      { numRuns: 100, seed: SEED + 2 },
    );
  });

  it('fix then revert through the gateway restores every cell and the same findings', async () => {
    await fc.assert(
      fc.asyncProperty(hostileWorkbookArbitrary(8), async ({ workbook }) => {
        const fake = new FakeGateway(simulatedWorkbookFromSnapshot(workbook));
        // What Excel holds, which is not always what was generated: an empty text becomes an empty cell.
        const initial = await fake.scan();
        const before = validateWorkbook(initial, OPTIONS);
        const edits = planWorkbookFixes(initial, OPTIONS, { kind: 'all' });
        const written = await fake.writeEdits(edits);
        expect(written.skipped).toEqual([]);
        expect(written.applied).toHaveLength(edits.length);
        const reverted = await fake.restoreCells(written.applied.map((a) => ({ sheet: a.sheet, cell: a.cell, expected: a.after, previous: a.before })));
        expect(reverted.skipped).toEqual([]);
        const now = await fake.scan();
        expect(differingWorkbooks(initial, now)).toEqual([]);
        expect(validateWorkbook(now, OPTIONS).findings).toEqual(before.findings);
        counter.add('fuzz-fix-revert');
        counter.add('fuzz-fix-revert-cells', edits.length);
      }),
      { numRuns: 60, seed: SEED + 3 },
    );
  });
});
