import { GatewayError, type ScanCap } from './gateway';

/**
 * How reads are cut into Office.js requests. Shared by the Office gateway and the fake so the fake's
 * sync count is the real one: both drive `loadAdaptively` with the same segments, only the loader
 * differs.
 *
 * Excel on the web refuses a request or response over 5 MB, and every sync there is a network round
 * trip, so a sync should carry as much as safely fits. The first request of a sheet is sized from a
 * per-cell guess; every later one from the bytes per row the host actually returned for that sheet,
 * aiming at RESPONSE_TARGET_BYTES. A refused request is retried with its chunks at most half as long.
 */

/** The host's hard limit (Excel on the web: request and response each). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** What one sync's response is aimed at: under 4 MB, with room for rows longer than the ones measured. */
export const RESPONSE_TARGET_BYTES = 3_500_000;
/**
 * First guess of response bytes per cell (values and number format as JSON), before a sheet's first
 * response is measured: a 20-character text is ~23 bytes, "General" 10, separators 2.
 */
export const INITIAL_BYTES_PER_CELL = 32;
/** Rows 1..HEAD_ROWS of every sheet are read with the metadata (template detection needs them). */
export const HEAD_ROWS = 40;
/**
 * Widest read: the templates have 11 or 13 bound columns and the engine ignores columns beyond a few
 * notes, so a stray value in column XFD must not make a read 16,384 cells wide.
 */
export const MAX_SCAN_COLS = 64;
/**
 * A sheet whose used range runs on with formulas (filled down to row 1,048,576) stops being read after
 * this many rows below its last value that hold only formulas showing nothing: those are not data.
 */
export const BLANK_ROWS_STOP = 5_000;

/**
 * Bytes of `value` serialised as JSON in UTF-8, exactly as `JSON.stringify` would give them, without
 * building the string: what Office sends for loaded values or for values written. Exported so write
 * paths can size their requests with the same measure.
 */
export function payloadBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (Array.isArray(value)) {
        let bytes = 2 + Math.max(0, value.length - 1);
        for (const v of value) bytes += payloadBytes(v);
        return bytes;
      }
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      let bytes = 2 + Math.max(0, entries.length - 1);
      for (const [k, v] of entries) bytes += stringBytes(k) + 1 + payloadBytes(v);
      return bytes;
    }
    default:
      return 4;
  }
}

function stringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      bytes += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff)
      bytes += 6; // a lone surrogate is escaped as \uXXXX
    else bytes += 3;
  }
  return bytes;
}

/**
 * Columns a row re-read covers: the used range's, capped at MAX_SCAN_COLS. A sheet used beyond that
 * (a stray value far right) keeps the width its scan found in the first MAX_SCAN_COLS columns, so an
 * edit there costs one sync, not two.
 */
export function rereadWidth(usedLastCol: number, knownWidth: number | undefined): number {
  if (usedLastCol <= MAX_SCAN_COLS) return usedLastCol;
  return knownWidth !== undefined && knownWidth > 0 ? knownWidth : MAX_SCAN_COLS;
}

/** Rows firstRow..lastRow, columns 1..lastCol of one sheet: one thing a read has to load. */
export interface ReadSegment {
  readonly sheet: string;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

export interface RowChunk {
  readonly sheet: string;
  /** 1-based first row. */
  readonly startRow: number;
  readonly rowCount: number;
  readonly colCount: number;
}

/** Contiguous runs of the requested rows (columns 1..lastCol): what readRows loads. */
export function rowRunSegments(sheet: string, rows: readonly number[], lastCol: number): ReadSegment[] {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1).sort((a, b) => a - b);
  const runs: ReadSegment[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last.lastRow + 1) runs[runs.length - 1] = { ...last, lastRow: r };
    else runs.push({ sheet, firstRow: r, lastRow: r, lastCol });
  }
  return runs;
}

/** Thrown by a loader when the host refused the batch for its size (Office: Request/ResponsePayloadSizeLimitExceeded). */
export class PayloadTooLargeError extends Error {
  constructor() {
    super('The request was larger than the host accepts.');
    this.name = 'PayloadTooLargeError';
  }
}

/** What a loader returns per chunk: the data, and the response bytes it cost (for sizing the next request). */
export interface LoadedChunk<T> {
  readonly data: T;
  readonly bytes: number;
}

export interface AdaptiveLoadOptions {
  readonly onProgress?: (progress: { readonly rowsRead: number; readonly rowsTotal: number }) => void;
  readonly signal?: AbortSignal;
  /** Response bytes per row already measured per sheet (e.g. by the head rows); updated as chunks arrive. */
  readonly bytesPerRow?: Map<string, number>;
}

/**
 * Loads the segments in as few syncs as fit RESPONSE_TARGET_BYTES: one `loadBatch` call is one sync
 * and may carry chunks of several segments. `onChunk` receives every chunk in order and returns the
 * last row of its sheet still worth reading (to cut a sheet short), or undefined to go on.
 * Rejects with GatewayError `cancelled` when the signal aborts (checked before each sync and after it,
 * so no chunk arrives after a cancel) and `request-too-large` when a single row is refused.
 */
export async function loadAdaptively<T>(
  segments: readonly ReadSegment[],
  loadBatch: (batch: readonly RowChunk[]) => Promise<ReadonlyArray<LoadedChunk<T>>>,
  onChunk: (chunk: RowChunk, data: T) => number | undefined,
  options: AdaptiveLoadOptions = {},
): Promise<void> {
  const queue = segments.filter((s) => s.lastRow >= s.firstRow && s.lastCol >= 1).map((s) => ({ ...s, next: s.firstRow }));
  const perRow = options.bytesPerRow ?? new Map<string, number>();
  const estimate = (s: ReadSegment) => perRow.get(s.sheet) ?? s.lastCol * INITIAL_BYTES_PER_CELL;
  let rowsTotal = queue.reduce((n, s) => n + s.lastRow - s.firstRow + 1, 0);
  let rowsRead = 0;
  // Lowered when the host refuses a request: a host with a smaller limit is not asked for more again.
  let ceiling = RESPONSE_TARGET_BYTES;
  const measured = new Set<string>();
  while (queue.length > 0) {
    throwIfCancelled(options.signal);
    const batch: RowChunk[] = [];
    let budget = ceiling;
    for (const s of queue) {
      const bytes = Math.max(1, estimate(s));
      let rows = Math.min(s.lastRow - s.next + 1, Math.floor(budget / bytes));
      if (rows < 1) {
        if (batch.length > 0) break;
        rows = 1;
      }
      batch.push({ sheet: s.sheet, startRow: s.next, rowCount: rows, colCount: s.lastCol });
      budget -= rows * bytes;
      if (budget <= 0) break;
    }
    let loaded: ReadonlyArray<LoadedChunk<T>>;
    try {
      loaded = await loadBatch(batch);
    } catch (e) {
      if (!(e instanceof PayloadTooLargeError)) throw e;
      if (batch.length === 1 && batch[0]!.rowCount === 1) {
        const only = batch[0]!;
        throw new GatewayError(
          'request-too-large',
          `Row ${only.startRow} of sheet "${only.sheet}" holds more than Excel can send in one request, so the sheet could not be read.`,
        );
      }
      if (batch.every((chunk) => measured.has(chunk.sheet))) {
        // The rows were sized from what the host really sent: its limit is below our target.
        ceiling = Math.max(1, Math.floor((ceiling - budget) / 2));
        continue;
      }
      // A guess was too low: at least halve every guessed chunk, however far off the guess was.
      for (const chunk of batch) {
        if (measured.has(chunk.sheet)) continue;
        const current = Math.max(1, estimate(queue.find((s) => s.sheet === chunk.sheet)!));
        perRow.set(chunk.sheet, Math.max(current * 2, Math.ceil((RESPONSE_TARGET_BYTES * 2) / chunk.rowCount)));
      }
      continue;
    }
    throwIfCancelled(options.signal);
    batch.forEach((chunk, i) => {
      const item = loaded[i]!;
      perRow.set(chunk.sheet, Math.max(1, Math.ceil(item.bytes / chunk.rowCount)));
      measured.add(chunk.sheet);
      const segment = queue.find((s) => s.sheet === chunk.sheet && s.next === chunk.startRow)!;
      segment.next += chunk.rowCount;
      rowsRead += chunk.rowCount;
      const stopAfter = onChunk(chunk, item.data);
      if (stopAfter !== undefined) {
        for (const s of queue) {
          if (s.sheet !== chunk.sheet || s.next > s.lastRow) continue;
          rowsTotal -= s.lastRow - s.next + 1;
          s.next = s.lastRow + 1;
        }
      }
    });
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.next > queue[i]!.lastRow) queue.splice(i, 1);
    options.onProgress?.({ rowsRead, rowsTotal });
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GatewayError('cancelled', 'The scan was cancelled; the pane still shows the results of the last complete check.');
}

/** One line a person can act on, e.g. for the status area. */
export function describeCap(cap: ScanCap): string {
  switch (cap.reason) {
    case 'columns':
      return `Sheet "${cap.sheet}" has values as far as column ${cap.usedLastCol}; MAM Prep read columns 1 to ${cap.readLastCol} only.`;
    case 'bound-columns':
      return `Sheet "${cap.sheet}" has values below the table's columns down to row ${cap.usedLastRow}; MAM Prep read rows to ${cap.readLastRow}, the last row with a value in the table's columns.`;
    case 'blank-rows':
      return `Sheet "${cap.sheet}" has formulas down to row ${cap.usedLastRow} but they show nothing after row ${cap.readLastRow}; MAM Prep stopped reading there.`;
  }
}
