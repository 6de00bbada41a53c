import { date, text } from '../../src/engine/cell';
import { changedRows } from '../../src/excel/change-rows';
import { cellRanges, highlightsEqual, joinAddresses, planHighlights } from '../../src/excel/highlight-plan';
import { areasAddress, cellFromOffice, officeWriteFor, rowsFromBlock, splitAreas } from '../../src/excel/office-cells';
import { OwnWriteGuard } from '../../src/excel/own-write-guard';
import type { RowChunk } from '../../src/excel/scan-plan';
import { loadAdaptively, payloadBytes, PayloadTooLargeError, rowRunSegments } from '../../src/excel/scan-plan';

describe('scan plan', () => {
  it('measures payloads exactly as JSON.stringify serialises them in UTF-8', () => {
    const samples: unknown[] = [
      [
        ['a', 'b"c', 'back\\slash', 'tab\there', '\u0001'],
        [1, 2.5, -3e-7, 1e21, true, false, null],
      ],
      { values: [['£', '€', '😀', 'é']], numberFormat: [['General']] },
      'lone \ud800 surrogate',
    ];
    for (const v of samples) expect(payloadBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v), 'utf8'));
  });

  it('sizes later requests by the bytes per row the host returned, packing several segments into one sync', async () => {
    const batches: RowChunk[][] = [];
    await loadAdaptively(
      [
        { sheet: 'A', firstRow: 1, lastRow: 20_000, lastCol: 10 },
        { sheet: 'B', firstRow: 1, lastRow: 10, lastCol: 2 },
      ],
      (batch) => {
        batches.push([...batch]);
        return Promise.resolve(batch.map((c) => ({ data: null, bytes: c.rowCount * 700 })));
      },
      () => undefined,
    );
    // First guess 10 columns x 32 bytes = 320 a row: 10,937 rows, and B's first rows fill the 160 bytes left
    // (2 columns x 32 = 64 a row); then 700 a row measured for A: 5,000 rows.
    expect(batches.map((b) => b.map((c) => [c.sheet, c.startRow, c.rowCount]))).toEqual([
      [
        ['A', 1, 10_937],
        ['B', 1, 2],
      ],
      [['A', 10_938, 5_000]],
      [
        ['A', 15_938, 4_063],
        ['B', 3, 8],
      ],
    ]);
  });

  it('retries a refused request with its chunk at most half as long, and stops a sheet where the caller says', async () => {
    const sizes: number[] = [];
    let refused = false;
    const seen: number[] = [];
    await loadAdaptively(
      [{ sheet: 'A', firstRow: 1, lastRow: 30_000, lastCol: 10 }],
      (batch) => {
        sizes.push(batch[0]!.rowCount);
        if (!refused) {
          refused = true;
          return Promise.reject(new PayloadTooLargeError());
        }
        return Promise.resolve(batch.map((c) => ({ data: null, bytes: c.rowCount * 320 })));
      },
      (chunk) => {
        seen.push(chunk.startRow);
        return chunk.startRow > 1 ? chunk.startRow : undefined;
      },
    );
    // Refused at 10,937 rows: the estimate becomes 7,000,000 / 10,937 = 641 bytes a row, so 5,460 rows; then 320 measured.
    expect(sizes).toEqual([10_937, 5_460, 10_937]);
    expect(seen).toEqual([1, 5_461]);
  });

  it('reads changed rows as contiguous runs', () => {
    expect(rowRunSegments('S', [9, 3, 4, 5, 9], 4).map((c) => [c.firstRow, c.lastRow])).toEqual([
      [3, 5],
      [9, 9],
    ]);
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
    expect(officeWriteFor(text("'0123"), '@')).toEqual({ value: "''0123" });
    expect(officeWriteFor(text("'0123"), 'General')).toEqual({ value: "''0123" });
    expect(officeWriteFor(date('2027-06-07'), 'General')).toEqual({ value: 46545, numberFormat: 'yyyy-mm-dd' });
    expect(officeWriteFor(date('2027-06-07'), 'dd/mm/yyyy')).toEqual({ value: 46545 });
  });

  it("converts 1904-system date serials to and from the engine's 1900 serials", () => {
    // 2027-06-07 is 46545 in the 1900 system and 46545 - 1462 = 45083 in the 1904 system.
    expect(cellFromOffice(45083, 'dd/mm/yyyy', 'Double', 45083, '1904')).toEqual(date('2027-06-07'));
    expect(cellFromOffice(45083, 'General', 'Double', 45083, '1904').value).toEqual({ kind: 'number', number: 45083 });
    expect(officeWriteFor(date('2027-06-07'), 'dd/mm/yyyy', '1904')).toEqual({ value: 45083 });
  });

  it('reads a block: formulas and errors from special-cell addresses, typed "#N/A" text apart from the error', () => {
    const rows = rowsFromBlock(
      {
        startRow: 5,
        startCol: 1,
        values: [
          ['#N/A', '#N/A', 46545],
          ['', '', 'x'],
        ],
        numberFormat: [
          ['General', 'General', 'yyyy-mm-dd'],
          ['General', 'General', 'General'],
        ],
        formulaAddress: "'My, sheet'!B5:B6",
        errorAddresses: ["'My, sheet'!A5", null],
      },
      '1900',
    );
    expect(rows).toEqual([
      [{ value: { kind: 'error', error: '#N/A' }, formula: false }, text('#N/A', true), date('2027-06-07')],
      [{ value: { kind: 'empty' } }, { value: { kind: 'empty' }, formula: true }, text('x')],
    ]);
    expect(splitAreas("'My, sheet'!A1:B2,Other!C3")).toEqual(['A1:B2', 'C3']);
    expect(
      areasAddress('My sheet', [
        { row: 2, col: 1 },
        { row: 3, col: 1 },
        { row: 9, col: 1 },
        { row: 1, col: 3 },
      ]),
    ).toBe("'My sheet'!A2:A3,'My sheet'!A9,'My sheet'!C1");
  });
});
