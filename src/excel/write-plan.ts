import type { Cell } from '../engine/cell';
import type { DateSystem } from '../engine/date-system';
import type { CellBlocker, SkippedEdit, SkipReason } from '../engine/edit-guard';
import { editBlocker, restoreBlocker } from '../engine/edit-guard';
import type { Edit } from '../engine/fix-planner';
import { cellForEdit } from '../engine/fix-planner';
import { officeWriteFor } from './office-cells';
import type { CellRestore, HighlightOutcome, Highlights, WriteOptions, WriteOutcome } from './gateway';
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
export function settlePart<Item>(
  progress: WriteProgress<Item>,
  part: readonly Item[],
  applied: readonly AppliedCell[],
  writeSyncs: number,
  skipped: readonly SkippedEdit[],
): void {
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

/** One target cell of a checked write, as the check sync read it. */
export interface CheckedCell {
  /** The sheet is protected; `allowFormatCells`: it still allows "Format cells". */
  readonly sheetProtected: boolean;
  readonly allowFormatCells: boolean;
  /** The cell's `format.protection.locked` (true unless the sheet's author unlocked it). */
  readonly locked: boolean;
  /** The cell as the engine types it (1900-system serials), and its number format. */
  readonly current: Cell;
  readonly numberFormat: string | undefined;
}

/**
 * What a checked write does with one cell, decided once for both gateways: skip it (a locked cell of
 * a protected sheet, the write guard's reasons, or a date needing a number format the sheet refuses),
 * or write these Office.js values. Predicting the host's refusals keeps one locked cell from failing
 * the whole batch.
 */
export function decideCellWrite(
  cell: CheckedCell,
  item: { readonly block: (current: Cell) => CellBlocker | null; readonly next: Cell },
  dateSystem: DateSystem,
): { readonly skip: SkipReason } | { readonly write: { readonly value: string | number | boolean; readonly numberFormat?: string } } {
  if (cell.sheetProtected && cell.locked) return { skip: 'protected' };
  const blocked = item.block(cell.current);
  if (blocked) return { skip: blocked };
  const write = officeWriteFor(item.next, cell.numberFormat, dateSystem);
  // An unlocked cell on a protected sheet takes values, but a number format only with "Format cells".
  if (write.numberFormat !== undefined && cell.sheetProtected && !cell.allowFormatCells) return { skip: 'protected' };
  return { write };
}

/** One cell of a checked write: where, what decides whether it may be written, and what it becomes. */
export interface CheckedWriteItem {
  readonly sheet: string;
  readonly cell: string;
  readonly block: (current: Cell) => CellBlocker | null;
  readonly next: Cell;
}

export type CellWrite = Extract<ReturnType<typeof decideCellWrite>, { readonly write: unknown }>['write'];

/**
 * A host's side of a checked write: the only requests the algorithm needs. `check` and `commit` are
 * each one `context.sync()` (check may add the highlight search's syncs when our formats are not known).
 */
export interface CheckedWriteHost<Item extends CheckedWriteItem> {
  /** Reads the part's cells (as the engine types them), their lock and their sheet's protection; with `highlights`, also the highlight sheet's. */
  check(part: readonly Item[], highlights: boolean): Promise<readonly CheckedCell[]>;
  /** Queues one cell's write in the part's batch. */
  queueWrite(item: Item, write: CellWrite): void;
  /** Queues the highlight refresh in the same batch; `afterCommit` runs once the batch is written. */
  queueHighlights(wanted: Highlights): { readonly outcome: HighlightOutcome; readonly queued: boolean; readonly afterCommit?: () => void };
  /** The write sync: the batch is written, or it fails as a whole. */
  commit(): Promise<void>;
}

/**
 * The checked write, written once for both gateways: each part is read in one sync and the cells
 * that may be written (decideCellWrite) are written in the next; the highlight refresh of
 * `highlightsAfter` rides in the last part's write sync, so fix and colours are one batch. Progress
 * is settled after each part, so a later failure still reports what was written (failedWriteOutcome).
 */
export async function runCheckedWrite<Item extends CheckedWriteItem>(
  host: CheckedWriteHost<Item>,
  parts: ReadonlyArray<readonly Item[]>,
  report: { readonly skip: (item: Item, reason: SkipReason) => void; readonly skipped: readonly SkippedEdit[]; readonly progress: WriteProgress<Item> },
  highlightsAfter: WriteOptions['highlightsAfter'],
  dateSystem: DateSystem,
): Promise<{ applied: AppliedCell[]; writeSyncs: number; highlights?: HighlightOutcome; highlightsWritten: Highlights | null }> {
  const { skip, skipped, progress } = report;
  const applied: AppliedCell[] = [];
  let writeSyncs = 0;
  let highlights: HighlightOutcome | undefined;
  let highlightsWritten: Highlights | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const withHighlights = i === parts.length - 1 && highlightsAfter !== undefined;
    const cells = await host.check(part, withHighlights);
    let queued = 0;
    part.forEach((item, k) => {
      const cell = cells[k]!;
      const decision = decideCellWrite(cell, item, dateSystem);
      if ('skip' in decision) {
        skip(item, decision.skip);
        return;
      }
      host.queueWrite(item, decision.write);
      applied.push({ sheet: item.sheet, cell: item.cell, before: cell.current, after: item.next });
      queued++;
    });
    const wanted = withHighlights ? highlightsAfter({ applied: [...applied], skipped: [...skipped] }) : null;
    const refresh = wanted ? host.queueHighlights(wanted) : null;
    if (refresh && wanted) {
      highlights = refresh.outcome;
      if (refresh.outcome.written) highlightsWritten = wanted;
    }
    if (queued > 0 || refresh?.queued === true) {
      await host.commit();
      writeSyncs++;
      refresh?.afterCommit?.();
    }
    settlePart(progress, part, applied, writeSyncs, skipped);
  }
  return { applied, writeSyncs, highlightsWritten, ...(highlights ? { highlights } : {}) };
}

/** A fix's edits as checked writes: each only while its cell still holds the fix's `from` (edit-guard.ts). */
export function editWriteItems(edits: readonly Edit[], dateSystem: () => DateSystem): CheckedWriteItem[] {
  return edits.map((e) => ({ sheet: e.sheet, cell: e.cell, block: (current: Cell) => editBlocker(current, e, dateSystem()), next: cellForEdit(e) }));
}

/** A revert as checked writes: each only while its cell still holds what the fix wrote. */
export function restoreWriteItems(restores: readonly CellRestore[]): CheckedWriteItem[] {
  return restores.map((r) => ({ sheet: r.sheet, cell: r.cell, block: (current: Cell) => restoreBlocker(current, r), next: r.previous }));
}
