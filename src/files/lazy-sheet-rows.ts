import type { Cell } from '../engine/cell';
import type { SheetSnapshot } from '../engine/snapshot';
import type { RawCell } from './sheet-scanner';
import { SheetXmlError, cellTags, nextRowTag, outOfOrder, previousRowTag, rowOpenTag, scanCellRange, sheetDataSpan, statedRowNumber } from './sheet-scanner';
import { indexOfByte } from './xml-bytes';

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
 *
 * Where rows start is learnt as they are read: reading a row in order finds where the next one
 * begins, so a pass from the top costs no separate index. Only the last rows are found up front,
 * searching back from the end, to know the length. A read far ahead of what is learnt (the engine
 * samples rows across the sheet to size its indexes) finds its row by bisecting the bytes on the
 * rows' stated numbers, and learns nothing: searching every row tag up to it would pass over the
 * whole sheet once more. Rows it skips are checked for order when the pass from the top reads them. Returns undefined when the layout does not
 * allow reading rows apart (markup before the first row, or a last row that states no number):
 * the caller then reads the sheet whole.
 */
export function lazySheetRows(xml: Buffer, typeCell: CellTyper, fail: (e: SheetXmlError) => never): SheetRows | undefined {
  const data = sheetDataSpan(xml);
  if (!data) return NO_ROWS;
  const tags = cellTags(data.prefix);
  const open = rowOpenTag(data.prefix);
  const first = nextRowTag(xml, open, data.from, data.to);
  if (indexOfByte(xml, 60 /* < */, data.from, first < 0 ? data.to : first) >= 0) return undefined;
  if (first < 0) return NO_ROWS;

  const scan = (start: number, end: number, number: number): { cells: RowCells | undefined; stop: number } => {
    let cells: RowCells | undefined;
    try {
      const stop = scanCellRange(
        xml,
        tags,
        start,
        end,
        number - 1,
        (raw) => {
          const cell = typeCell(xml, raw);
          if (cell) (cells ??= [])[raw.col - 1] = cell;
        },
        true,
      );
      return { cells, stop };
    } catch (e) {
      if (e instanceof SheetXmlError) fail(e);
      throw e;
    }
  };

  // The last row holding a cell: its number is the length. Rows after it (styled blanks) are never read again.
  let length = 0;
  let lastStart = -1;
  let lastEnd = data.to;
  for (let at = previousRowTag(xml, open, data.to, first); at >= 0; at = at > first ? previousRowTag(xml, open, at, first) : -1) {
    const number = statedRowNumber(xml, open, at);
    if (number === 0) return undefined;
    if (scan(at, lastEnd, number).cells) {
      length = number;
      lastStart = at;
      break;
    }
    lastEnd = at;
  }
  if (length === 0) return NO_ROWS;

  const front = new FrontIndex(xml, open, first, lastStart, length, fail);
  let cachedIndex = -1;
  let cachedRow: RowCells | undefined;
  const readRow = (index: number): RowCells | undefined => {
    // The engine often reads the row it just read (the last row, then the loop's first look at it).
    if (index === cachedIndex) return cachedRow;
    const number = index + 1;
    let row: RowCells | undefined;
    const ahead = number === length ? -1 : front.farAhead(number);
    if (number === length) row = scan(lastStart, lastEnd, number).cells;
    else if (ahead !== undefined) row = ahead < 0 ? undefined : scan(ahead, lastStart, number).cells;
    else {
      const k = front.find(number);
      if (k >= 0) {
        const read = scan(front.starts[k]!, front.endOf(k), number);
        if (k === front.count - 1) front.learn(read.stop);
        row = read.cells;
      }
    }
    cachedIndex = index;
    cachedRow = row;
    return row;
  };
  return readOnlyRows(length, (index) => {
    try {
      return readRow(index);
    } catch (e) {
      // Learning where rows start reads their `r` too: its faults reach the caller as the scan's do.
      if (e instanceof SheetXmlError) fail(e);
      throw e;
    }
  });
}

/** Where the rows before the last one start, learnt from the top as rows are read or skipped. */
class FrontIndex {
  numbers = new Int32Array(1024);
  starts = new Int32Array(1024);
  count = 0;
  /** Row number → its place + 1 (0: no such row, or not learnt yet). */
  private readonly placeOf: Int32Array;
  /** No row starts between the last learnt one and `limit`. */
  private done = false;

  constructor(
    private readonly xml: Buffer,
    private readonly open: Uint8Array,
    first: number,
    /** Where the last row (numbered `lastNumber`) starts. */
    private readonly limit: number,
    private readonly lastNumber: number,
    private readonly fail: (e: SheetXmlError) => never,
  ) {
    this.placeOf = new Int32Array(lastNumber);
    this.learn(first);
  }

  /** Place of row `number`, learning rows up to it; -1 when the sheet has no such row. */
  find(number: number): number {
    // Reading rows in order learns each next one on the way; a jump ahead skips rows by native search.
    while (!this.done && this.numbers[this.count - 1]! < number) {
      const last = this.starts[this.count - 1]!;
      this.learn(nextRowTag(this.xml, this.open, last + this.open.length, this.limit));
    }
    return this.placeOf[number]! - 1;
  }

  /**
   * Where row `number` starts when it lies far beyond the rows learnt so far, found by bisection
   * without learning it; -1 when the sheet has no such row; undefined when the row is near (the
   * pass from the top is about to learn it) or cannot be found that way (a row states no number).
   */
  farAhead(number: number): number | undefined {
    if (this.done || this.numbers[this.count - 1]! + FAR_AHEAD_ROWS >= number) return undefined;
    const { xml, open } = this;
    // The row tag at `low` states a number below `number`; rows from `high` on state more.
    let low = this.starts[this.count - 1]!;
    let high = this.limit;
    while (high - low > BISECT_BYTES) {
      const middle = low + ((high - low) >> 1);
      const at = nextRowTag(xml, open, middle, high);
      if (at < 0) {
        high = middle;
        continue;
      }
      const stated = statedRowNumber(xml, open, at);
      if (stated === 0) return undefined;
      if (stated === number) return at;
      if (stated < number) low = at;
      else high = at;
    }
    for (let at = nextRowTag(xml, open, low + open.length, high); at >= 0; at = nextRowTag(xml, open, at + open.length, high)) {
      const stated = statedRowNumber(xml, open, at);
      if (stated === 0) return undefined;
      if (stated >= number) return stated === number ? at : -1;
    }
    return -1;
  }

  /** Where row k ends: the next row's start, or the last row's while the next is unknown. */
  endOf(k: number): number {
    return k + 1 < this.count ? this.starts[k + 1]! : this.limit;
  }

  /** Records the row whose start tag is at `at` (a position at or past `limit`, or -1, means none is left). */
  learn(at: number): void {
    if (this.done) return;
    if (at < 0 || at >= this.limit) {
      this.done = true;
      return;
    }
    const before = this.count > 0 ? this.numbers[this.count - 1]! : 0;
    const number = statedRowNumber(this.xml, this.open, at) || before + 1;
    if (number <= before) this.fail(new SheetXmlError(outOfOrder(number, before)));
    if (number >= this.lastNumber) this.fail(new SheetXmlError(outOfOrder(this.lastNumber, number)));
    if (this.count === this.numbers.length) {
      this.numbers = grow(this.numbers);
      this.starts = grow(this.starts);
    }
    this.numbers[this.count] = number;
    this.starts[this.count] = at;
    this.placeOf[number] = ++this.count;
  }
}

/** Rows beyond the last learnt one that a read still learns in order rather than by bisection. */
const FAR_AHEAD_ROWS = 64;
/** Bytes of sheet XML below which bisection stops and the row tags are searched in order. */
const BISECT_BYTES = 2048;

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** A read-only array of `length` rows whose entries come from `read`. */
function readOnlyRows(length: number, read: (index: number) => RowCells | undefined): SheetRows {
  const target: RowCells[] = [];
  target.length = length;
  return new Proxy(target, {
    get(t, key, receiver): unknown {
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

const NO_ROWS: SheetRows = readOnlyRows(0, () => undefined);

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
