import { date, text } from '../../src/engine/cell';
import { changedRows } from '../../src/excel/change-rows';
import { cellRanges, highlightsEqual, joinAddresses, planHighlights } from '../../src/excel/highlight-plan';
import { cellFromOffice, officeWriteFor } from '../../src/excel/office-cells';
import { OwnWriteGuard } from '../../src/excel/own-write-guard';
import { planBatches, planChunks, rowRunChunks, rowsPerChunk } from '../../src/excel/scan-plan';
import { listValidationsFromProbe } from '../../src/excel/snapshot-builder';

describe('scan plan', () => {
  it('sizes chunks by column count and packs them into syncs by bytes', () => {
    expect(rowsPerChunk(13)).toBeGreaterThan(rowsPerChunk(50));
    const chunks = planChunks([{ sheet: 'A', lastRow: 2_000, lastCol: 13 }, { sheet: 'B', lastRow: 10, lastCol: 3 }]);
    expect(chunks.map((c) => [c.sheet, c.startRow, c.rowCount])).toEqual([['A', 1, 641], ['A', 642, 641], ['A', 1283, 641], ['A', 1924, 77], ['B', 1, 10]]);
    // Two full chunks fill a sync's budget; the small tail chunks share the next one.
    expect(planBatches(chunks).map((b) => b.length)).toEqual([2, 3]);
  });

  it('reads changed rows as contiguous runs', () => {
    expect(rowRunChunks('S', [9, 3, 4, 5, 9], 4).map((c) => [c.startRow, c.rowCount])).toEqual([[3, 3], [9, 1]]);
  });
});

describe('highlight plan', () => {
  it('merges cells of a column into runs and splits long address lists', () => {
    expect(cellRanges(['B3', 'B2', 'B4', 'B9', 'A1'])).toEqual(['A1', 'B2:B4', 'B9']);
    expect(joinAddresses(['A1', 'B2:B4', 'C5'], 8)).toEqual(['A1,B2:B4', 'C5']);
    const plan = planHighlights({ sheet: 'S', errors: ['B2'], warnings: ['B2', 'C2'], exemptRows: [5, 6], firstCol: 1, lastCol: 3 });
    expect(plan.layers).toEqual([
      { kind: 'exempt', addressLists: ['A5:C6'] },
      { kind: 'warning', addressLists: ['C2'] },
      { kind: 'error', addressLists: ['B2'] },
    ]);
  });

  it('treats the same cells in another order as unchanged', () => {
    const h = { sheet: 'S', errors: ['B2', 'B10'], warnings: [], exemptRows: [5], firstCol: 1, lastCol: 3 };
    expect(highlightsEqual(h, { ...h, errors: ['B10', 'B2'] })).toBe(true);
    expect(highlightsEqual(h, { ...h, errors: ['B2'] })).toBe(false);
    expect(highlightsEqual(h, null)).toBe(false);
  });
});

describe('change rows', () => {
  it('takes rows from the address, and asks for a re-scan when rows moved or the range is unbounded', () => {
    expect(changedRows('B5')).toEqual([5]);
    expect(changedRows('B5:C7,A9', 'RangeEdited')).toEqual([5, 6, 7, 9]);
    expect(changedRows('4:5')).toEqual([4, 5]);
    expect(changedRows('B:B')).toBeUndefined();
    expect(changedRows('A5', 'RowInserted')).toBeUndefined();
  });
});

describe('own write guard', () => {
  it('consumes events covering only cells it wrote, until they expire', () => {
    let now = 0;
    const guard = new OwnWriteGuard(() => now, 1_000);
    guard.expect('S', ['B5', 'B6']);
    expect(guard.consume('S', 'B5:C5')).toBe(false);
    expect(guard.consume('S', '$B$5')).toBe(true);
    expect(guard.consume('S', 'B5')).toBe(false);
    now = 2_000;
    expect(guard.consume('S', 'B6')).toBe(false);
  });
});

describe('office cells', () => {
  it('types Office values and writes text so Excel cannot turn it into a number', () => {
    expect(cellFromOffice('=A1', 'General', 'String', '=A1')).toEqual(text('=A1'));
    expect(cellFromOffice(46000, 'dd/mm/yyyy', 'Integer', 46000).value.kind).toBe('date');
    expect(officeWriteFor(text('0123'), 'General')).toEqual({ value: "'0123" });
    expect(officeWriteFor(text('0123'), '@')).toEqual({ value: '0123' });
    expect(officeWriteFor(date('2027-06-07'), 'General')).toEqual({ value: 46545, numberFormat: 'yyyy-mm-dd' });
    expect(officeWriteFor(date('2027-06-07'), 'dd/mm/yyyy')).toEqual({ value: 46545 });
  });

  it('turns a validation probe into list validations per column', () => {
    const probe = [[null, null], ['AA,EA', null], ['AA,EA', '=Lists!$B$2:$B$3']];
    expect(listValidationsFromProbe(probe, 500)).toEqual([
      { sqref: 'A2:A500', source: '"AA,EA"' },
      { sqref: 'B3:B500', source: 'Lists!$B$2:$B$3' },
    ]);
  });
});
