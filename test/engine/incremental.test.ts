import fc from 'fast-check';
import type { Cell } from '../../src/engine/cell';
import { cellAt } from '../../src/engine/snapshot';
import { ValidationSession, validateWorkbook } from '../../src/engine/validate';
import { buildWorkbook, columnOf, HEADER_ROW, mpanFor, toCell, TODAY, validMaRow } from '../support/sheet-builder';
import { fieldsOf, valueFor, workbookArbitrary } from '../support/random-workbook';
import { RULES } from '../../src/rules';

const OPTIONS = { rules: RULES, today: TODAY };

describe('incremental validation equals full validation', () => {
  it('over random edit sequences (seeded)', () => {
    fc.assert(
      fc.property(
        workbookArbitrary(10).chain((w) =>
          fc.record({
            w: fc.constant(w),
            edits: fc.array(
              fc
                .record({
                  row: fc.integer({ min: HEADER_ROW + 1, max: HEADER_ROW + 14 }),
                  field: fc.constantFrom(...fieldsOf(w.template)),
                })
                .chain((e) => valueFor(e.field).map((value) => ({ ...e, value }))),
              { minLength: 1, maxLength: 8 },
            ),
          }),
        ),
        ({ w, edits }) => {
          const session = new ValidationSession(w.workbook, OPTIONS);
          const sheet = w.workbook.sheets[0]!.name;
          for (const edit of edits) {
            const current = session.snapshot().sheets[0]!;
            const col = columnOf(edit.field, { template: w.template });
            const width = Math.max(col, current.rows[edit.row - 1]?.length ?? 0);
            const cells: (Cell | undefined)[] = Array.from({ length: width }, (_, c) => cellAt(current, edit.row, c + 1));
            cells[col - 1] = toCell(edit.value);
            session.updateRows(sheet, [{ row: edit.row, cells }]);
            const full = validateWorkbook(session.snapshot(), OPTIONS);
            expect(session.result().findings).toEqual(full.findings);
            expect(session.result().rowsChecked).toBe(full.rowsChecked);
          }
        },
      ),
      { numRuns: 150, seed: 424242 },
    );
  });

  it('re-checks only the edited row and the rows sharing its identifiers', () => {
    const workbook = buildWorkbook([validMaRow(1), validMaRow(2), validMaRow(3), validMaRow(4)]);
    const session = new ValidationSession(workbook, OPTIONS);
    const col = columnOf('mpan');
    const rowCells = (row: number, mpan: string): Cell[] =>
      Array.from({ length: workbook.sheets[0]!.rows[row - 1]!.length }, (_, c) =>
        c + 1 === col ? toCell(mpan) : cellAt(session.snapshot().sheets[0]!, row, c + 1),
      );
    expect(session.updateRows('Migration Authorisation', [{ row: 9, cells: rowCells(9, mpanFor(50)) }])).toEqual({ full: false, affectedRows: [9] });
    const dup = session.updateRows('Migration Authorisation', [{ row: 10, cells: rowCells(10, mpanFor(1)) }]);
    expect(dup.affectedRows).toEqual([7, 10]);
    expect(session.result().findings.map((f) => [f.row, f.ruleId])).toEqual([[10, 'duplicate-meter-point']]);
  });

  it('a header edit re-detects the whole workbook', () => {
    const w = fc.sample(workbookArbitrary(3), { numRuns: 1, seed: 7 })[0]!;
    const session = new ValidationSession(w.workbook, OPTIONS);
    const outcome = session.updateRows(w.workbook.sheets[0]!.name, [{ row: 2, cells: [toCell('Template Version'), toCell('v05')] }]);
    expect(outcome.full).toBe(true);
    expect(session.result().findings.some((f) => f.ruleId === 'template-version')).toBe(true);
  });

  it('does not modify the snapshot it was given', () => {
    const w = fc.sample(workbookArbitrary(3), { numRuns: 1, seed: 3 })[0]!;
    const before = JSON.stringify(w.workbook);
    const session = new ValidationSession(w.workbook, OPTIONS);
    session.updateRows(w.workbook.sheets[0]!.name, [
      { row: 7, cells: [toCell('ZZ')] },
      { row: 40, cells: [toCell('AA')] },
    ]);
    expect(JSON.stringify(w.workbook)).toBe(before);
  });

  it('reads rows in place and copies them on the first update, so read-only (lazily read) rows work', () => {
    const built = buildWorkbook([validMaRow(1), validMaRow(2), validMaRow(3)]);
    const sheet = built.sheets[0]!;
    // A lazily read sheet's rows refuse writes, as a frozen array does.
    const frozen = { ...built, sheets: [{ ...sheet, rows: Object.freeze([...sheet.rows]) }] };
    const before = JSON.stringify(frozen);
    const session = new ValidationSession(frozen, OPTIONS);
    const name = sheet.name;
    const col = columnOf('mpan');
    const withMpan = (row: number, mpan: string): Cell[] =>
      Array.from({ length: sheet.rows[row - 1]!.length }, (_, c) => (c + 1 === col ? toCell(mpan) : cellAt(session.snapshot().sheets[0]!, row, c + 1)));
    session.updateRows(name, [{ row: 8, cells: withMpan(8, mpanFor(1)) }]);
    session.updateRows(name, [{ row: 9, cells: withMpan(9, mpanFor(1)) }]);
    expect(session.updateRows(name, [{ row: 2, cells: [toCell('Template Version'), toCell('v05')] }]).full).toBe(true);
    session.updateRows(name, [{ row: 9, cells: withMpan(9, mpanFor(3)) }]);
    expect(JSON.stringify(frozen)).toBe(before);
    expect(session.result()).toEqual(validateWorkbook(session.snapshot(), OPTIONS));
    expect(session.result().findings.map((f) => [f.row, f.ruleId])).toEqual(expect.arrayContaining([[8, 'duplicate-meter-point']]));
  });

  it('keeps blank-row runs whole through edits that split, merge and cut them', () => {
    const workbook = buildWorkbook([validMaRow(1), null, null, null, null, null, validMaRow(2)]);
    const session = new ValidationSession(workbook, OPTIONS);
    const name = workbook.sheets[0]!.name;
    const runs = () =>
      session
        .result()
        .findings.filter((f) => f.ruleId === 'blank-row')
        .map((f) => [f.row, f.lastRow]);
    const sameAsFull = () => expect(session.result().findings).toEqual(validateWorkbook(session.snapshot(), OPTIONS).findings);
    expect(runs()).toEqual([[8, 12]]);
    // Row 10 filled: the run splits in two, and its first row's finding changes.
    const filled = session.updateRows(name, [{ row: 10, cells: [toCell('ZZ')] }]);
    expect(filled.affectedRows).toEqual([8, 10, 11]);
    expect(runs()).toEqual([
      [8, 9],
      [11, 12],
    ]);
    sameAsFull();
    // Emptied again: one run.
    const emptied = session.updateRows(name, [{ row: 10, cells: [] }]);
    expect(emptied.affectedRows).toEqual([8, 10, 11]);
    expect(runs()).toEqual([[8, 12]]);
    sameAsFull();
    // The last filled row emptied: the table ends at row 7 and the run goes.
    session.updateRows(name, [{ row: 13, cells: [] }]);
    expect(runs()).toEqual([]);
    sameAsFull();
    // A value far below: one run down to the row above it.
    session.updateRows(name, [{ row: 5000, cells: [toCell('ZZ')] }]);
    expect(runs()).toEqual([[8, 4999]]);
    sameAsFull();
  });
});
