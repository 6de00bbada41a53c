import type { Cell } from '../engine/cell';

/**
 * How a fix or revert of many cells is cut into Office.js requests. Excel on the web refuses a
 * request or response over 5 MB, and a checked write queues, per cell, a range, a load of four
 * properties, the cell's protection and one or two property writes: several object paths and
 * actions of Office's JSON protocol. Shared by the Office gateway and the fake, so the fake's sync
 * count is the real one; the fake measures the bytes it would send independently of this estimate.
 */

/** Pessimistic request + response bytes of one checked cell write, before its value's own text. */
export const WRITE_BYTES_PER_CELL = 1_500;
/** Budget of one sync's request (and of its response); a third of the host's limit. */
export const WRITE_CHUNK_BYTES = 1_700_000;

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
