/**
 * How a full scan is cut into Office.js requests. Shared by the Office gateway and the fake so the
 * fake's sync count is the real one: both run `loadInBatches` with the same plan, only the loader
 * differs.
 *
 * Excel on the web refuses requests and responses over 5 MB. We size one sync's response to about
 * 2 MB with a pessimistic per-cell estimate (value, number format, value type and formula are all
 * returned for every cell), so an estimate twice too small still fits. If the host refuses anyway,
 * the batch is split and retried.
 */

/** Response budget of one chunk (one range load). */
export const CHUNK_BYTES = 1_000_000;
/** Range loads queued before each `context.sync()`; CHUNK_BYTES × this stays well under 5 MB. */
export const CHUNKS_PER_SYNC = 2;
/**
 * Pessimistic response bytes per cell for values + numberFormat + valueTypes + formulas as JSON:
 * a 20-character text is ~24 bytes as a value, the same again as a formula, ~12 for "General" and
 * ~10 for "String", plus separators: ~70. We assume 120.
 */
export const BYTES_PER_CELL = 120;
/** The host's hard limit; the fake refuses batches over it as Excel on the web does. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

export function rowsPerChunk(colCount: number): number {
  return Math.max(1, Math.floor(CHUNK_BYTES / (Math.max(1, colCount) * BYTES_PER_CELL)));
}

/** The part of a sheet a scan reads: rows 1..lastRow, columns 1..lastCol (so snapshot rows start at row 1). */
export interface SheetExtent {
  readonly sheet: string;
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

export function planChunks(extents: readonly SheetExtent[]): RowChunk[] {
  const chunks: RowChunk[] = [];
  for (const e of extents) {
    if (e.lastRow < 1 || e.lastCol < 1) continue;
    const size = rowsPerChunk(e.lastCol);
    for (let start = 1; start <= e.lastRow; start += size) {
      chunks.push({ sheet: e.sheet, startRow: start, rowCount: Math.min(size, e.lastRow - start + 1), colCount: e.lastCol });
    }
  }
  return chunks;
}

/** Contiguous runs of the requested rows (columns 1..lastCol), each cut to chunk size: what readRows loads. */
export function rowRunChunks(sheet: string, rows: readonly number[], lastCol: number): RowChunk[] {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1).sort((a, b) => a - b);
  const runs: Array<{ start: number; count: number }> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last.start + last.count) last.count++;
    else runs.push({ start: r, count: 1 });
  }
  return runs.flatMap((run) =>
    planChunks([{ sheet, lastRow: run.count, lastCol }]).map((c) => ({ ...c, startRow: c.startRow + run.start - 1 })),
  );
}

/**
 * Groups chunks into syncs: at most CHUNKS_PER_SYNC chunks' worth of bytes per sync, so full-size
 * chunks go CHUNKS_PER_SYNC at a time and many small ones (scattered changed rows) share a sync.
 */
export function planBatches(chunks: readonly RowChunk[]): RowChunk[][] {
  const budget = CHUNKS_PER_SYNC * CHUNK_BYTES;
  const batches: RowChunk[][] = [];
  let current: RowChunk[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    const size = chunk.rowCount * chunk.colCount * BYTES_PER_CELL;
    if (current.length > 0 && bytes + size > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(chunk);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Syncs before the first chunk: sheets and names, then the used ranges the chunk sizes depend on. */
export const SCAN_METADATA_SYNCS = 2;

/** Syncs a scan of these extents needs when no batch is refused. */
export function expectedScanSyncs(extents: readonly SheetExtent[]): number {
  return SCAN_METADATA_SYNCS + planBatches(planChunks(extents)).length;
}

/** Thrown by a loader when the host refused the batch for its size (Office: ResponsePayloadSizeLimitExceeded). */
export class PayloadTooLargeError extends Error {
  constructor() {
    super('The request was larger than the host accepts.');
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Loads chunks in the batches of planBatches, one call of `loadBatch` (= one sync) each. A refused
 * batch is retried as halves; a single refused chunk is split by rows. `onChunk` receives results in order.
 */
export async function loadInBatches<T>(
  chunks: readonly RowChunk[],
  loadBatch: (batch: readonly RowChunk[]) => Promise<T[]>,
  onChunk: (chunk: RowChunk, data: T) => void,
): Promise<void> {
  const queue = planBatches(chunks);
  while (queue.length > 0) {
    const batch = queue.shift()!;
    try {
      const data = await loadBatch(batch);
      batch.forEach((chunk, i) => onChunk(chunk, data[i]!));
    } catch (e) {
      if (!(e instanceof PayloadTooLargeError)) throw e;
      queue.unshift(...splitBatch(batch));
    }
  }
}

function splitBatch(batch: readonly RowChunk[]): RowChunk[][] {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    return [batch.slice(0, mid), batch.slice(mid)];
  }
  const only = batch[0]!;
  if (only.rowCount <= 1) throw new Error(`Row ${only.startRow} of sheet "${only.sheet}" is too large to read in one request.`);
  const half = Math.ceil(only.rowCount / 2);
  return [
    [{ ...only, rowCount: half }],
    [{ ...only, startRow: only.startRow + half, rowCount: only.rowCount - half }],
  ];
}

/** Approximate JSON response size of a loaded chunk, for the fake's payload limit. */
export function estimateResponseBytes(grids: ReadonlyArray<ReadonlyArray<ReadonlyArray<unknown>>>): number {
  let bytes = 0;
  for (const grid of grids) {
    for (const row of grid) {
      for (const v of row) bytes += (typeof v === 'string' ? v.length + 2 : String(v).length) + 1;
    }
  }
  return bytes;
}
