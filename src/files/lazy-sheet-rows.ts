import type { Cell } from '../engine/cell';
import type { SheetSnapshot } from '../engine/snapshot';
import { RawCell, RowSpans, SheetXmlError, scanCellRange } from './sheet-scanner';

type SheetRows = SheetSnapshot['rows'];
type RowCells = Array<Cell | undefined>;

/** Types one raw cell (undefined for a styled blank), as the eager reader does. */
export type CellTyper = (bytes: Buffer, raw: RawCell) => Cell | undefined;

/**
 * A big sheet's rows as a read-only array view: reading `rows[i]` types row i + 1's cells from the
 * worksheet bytes at that moment, and keeps nothing. A check reads each row about once, so its
 * cells die young instead of filling the old generation: holding 100,000 typed rows cost more
 * (garbage-collector copying and first-touch page faults) than typing them.
 *
 * It answers like the eager reader's array: the same `length` (the last row holding a cell), the
 * same rows and holes. Two reads of a row give equal arrays, not the same one. Indexing, `length`,
 * `in`, iteration and the array methods work; writes throw. A row's malformed XML is thrown when
 * that row is read, through `fail`.
 */
export function lazySheetRows(xml: Buffer, spans: RowSpans, typeCell: CellTyper, fail: (e: SheetXmlError) => never): SheetRows {
  const lastNumber = spans.count > 0 ? spans.numbers[spans.count - 1]! : 0;
  // Row number → its span + 1 (0: no <row> element).
  const spanOfRow = new Int32Array(lastNumber + 1);
  for (let k = 0; k < spans.count; k++) spanOfRow[spans.numbers[k]!] = k + 1;

  // The engine often reads the row it just read (the last row, then the loop's first look at it).
  let cachedIndex = -1;
  let cachedRow: RowCells | undefined;
  const read = (index: number): RowCells | undefined => {
    if (index === cachedIndex) return cachedRow;
    const k = index + 1 <= lastNumber ? spanOfRow[index + 1]! - 1 : -1;
    let row: RowCells | undefined;
    if (k >= 0) {
      const to = k + 1 < spans.count ? spans.starts[k + 1]! : spans.end;
      try {
        scanCellRange(xml, spans.tags, spans.starts[k]!, to, spans.numbers[k]! - 1, (raw) => {
          const cell = typeCell(xml, raw);
          if (cell) (row ??= [])[raw.col - 1] = cell;
        });
      } catch (e) {
        if (e instanceof SheetXmlError) fail(e);
        throw e;
      }
    }
    cachedIndex = index;
    cachedRow = row;
    return row;
  };

  let length = 0;
  for (let k = spans.count - 1; k >= 0 && length === 0; k--) if (read(spans.numbers[k]! - 1)) length = spans.numbers[k]!;

  const target: RowCells[] = [];
  target.length = length;
  return new Proxy(target, {
    get(t, key, receiver) {
      const index = typeof key === 'string' ? arrayIndex(key) : -1;
      if (index >= 0) return index < length ? read(index) : undefined;
      return Reflect.get(t, key, receiver);
    },
    has(t, key) {
      const index = typeof key === 'string' ? arrayIndex(key) : -1;
      if (index >= 0) return index < length && read(index) !== undefined;
      return Reflect.has(t, key);
    },
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

/** The array index a property key names (`"0"`, `"41"`, not `"041"` or `"1e3"`), or -1. */
function arrayIndex(key: string): number {
  const n = key.length;
  if (n === 0 || n > 9 || (n > 1 && key.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
