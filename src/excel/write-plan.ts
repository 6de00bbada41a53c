import type { Cell } from '../engine/cell';
import type { SkippedEdit, SkipReason } from '../engine/edit-guard';
import type { WriteOutcome } from './gateway';
import { GatewayError } from './gateway';

/**
 * How a fix or revert of many cells is cut into Office.js requests. Excel on the web refuses a
 * request or response over 5 MB, and a checked write queues, per cell, a range, a load of four
 * properties, the cell's protection and one or two property writes: several object paths and
 * actions of Office's JSON protocol. Shared by the Office gateway and the fake, so the fake's sync
 * count is the real one; the fake measures the bytes it would send independently of this estimate.
 * How a failed write is reported is shared too, so the fake and Excel fail alike.
 */

/** Pessimistic request + response bytes of one checked cell write, before its value's own text. */
export const WRITE_BYTES_PER_CELL = 1_500;
/** Budget of one sync's request (and of its response); a third of the host's limit. */
const WRITE_CHUNK_BYTES = 1_700_000;

export function estimateWriteBytes(next: Cell): number {
  const v = next.value;
  const text = v.kind === 'text' ? v.text.length : v.kind === 'error' ? v.error.length : 24;
  // The value travels in the load response and in the write; JSON may escape every character.
  return WRITE_BYTES_PER_CELL + 4 * text;
}

/** Consecutive runs of `items` whose estimated bytes stay under the budget (at least one item each). */
export function planWriteChunks<T extends { readonly next: Cell }>(items: readonly T[], budget = WRITE_CHUNK_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = estimateWriteBytes(item.next);
    if (current.length > 0 && bytes + size > budget) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

type AppliedCell = WriteOutcome['applied'][number];

/** How far a chunked write got: each part's batch is committed by its own sync, so a later failure keeps it. */
export interface WriteProgress<Item> {
  /** Cells written by the parts whose write sync succeeded. */
  committed: AppliedCell[];
  /** Items of those parts (written or skipped). */
  readonly handled: Set<Item>;
  writeSyncs: number;
  /** Skips recorded by those parts (later ones are dropped: their parts never ran). */
  skippedCount: number;
}

export function startProgress<Item>(skipped: readonly SkippedEdit[]): WriteProgress<Item> {
  return { committed: [], handled: new Set(), writeSyncs: 0, skippedCount: skipped.length };
}

/** Marks a part as done once its write sync succeeded (or it had nothing to write). */
export function settlePart<Item>(progress: WriteProgress<Item>, part: readonly Item[], applied: readonly AppliedCell[], writeSyncs: number, skipped: readonly SkippedEdit[]): void {
  progress.writeSyncs = writeSyncs;
  progress.committed = [...applied];
  progress.skippedCount = skipped.length;
  for (const item of part) progress.handled.add(item);
}

const PAYLOAD_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/**
 * A write that failed with Office error `code`, reported as every gateway reports it. After a part was
 * written, those parts stand and every other cell is skipped (`edit-mode`, `protected` for
 * AccessDenied, else `interrupted`). Before any part was written: edit mode or AccessDenied skip every
 * cell; a payload refusal is a `request-too-large` GatewayError. Undefined: the caller decides (rethrows).
 */
export function failedWriteOutcome<Item extends { readonly sheet: string; readonly cell: string }>(
  failure: { readonly code: string | undefined; readonly editMode: boolean },
  progress: WriteProgress<Item>,
  present: readonly Item[],
  skipped: SkippedEdit[],
  skip: (item: Item, reason: SkipReason) => void,
): { applied: AppliedCell[]; writeSyncs: number } | undefined {
  const { code, editMode } = failure;
  if (progress.writeSyncs > 0) {
    skipped.splice(progress.skippedCount);
    const reason = editMode ? 'edit-mode' : code === 'AccessDenied' ? 'protected' : 'interrupted';
    for (const item of present) if (!progress.handled.has(item)) skip(item, reason);
    return { applied: progress.committed, writeSyncs: progress.writeSyncs };
  }
  if (editMode || code === 'AccessDenied') {
    // Protection changed between the check and the write: Excel refused the batch, nothing was written.
    for (const item of present) skip(item, editMode ? 'edit-mode' : 'protected');
    return { applied: [], writeSyncs: 0 };
  }
  if (code !== undefined && PAYLOAD_CODES.has(code)) {
    throw new GatewayError('request-too-large', 'Excel refused the request as too large, so nothing was written. Fix fewer cells at a time.', code);
  }
  return undefined;
}
