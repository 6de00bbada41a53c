import { parseA1 } from '../engine/address';
import type { Cell } from '../engine/cell';
import type { EngineOptions, RowUpdate, ValidationResult } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { ValidationSession } from '../engine/validate';
import type { ClearOutcome, HighlightOutcome, Highlights, ScanOptions, SheetChange, UndoSupport, WorkbookGateway, WriteOptions, WriteOutcome } from './gateway';
import { GatewayError } from './gateway';
import { highlightsEqual } from './highlight-plan';
import { highlightsFromResult } from './live-highlights';

/**
 * Keeps a ValidationSession in step with the workbook: one full scan, then only the rows the user
 * changes (debounced, so a burst of typing or a paste is one re-read). The controller never writes
 * cell values; the pane applies fixes through the gateway and then calls `refreshAfterWrite`.
 *
 * Highlights (MAM Prep's conditional formats) are the only thing it writes, and only in response to
 * a scan, a re-check or a local edit. A change that came only from co-authors re-validates the pane
 * but leaves the formats alone: formats are shared document content, so two people running the
 * add-in would otherwise rewrite them in answer to each other's edits. They catch up on the next
 * local change or re-check.
 */

export interface Scheduler {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realScheduler: Scheduler = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type LiveTrigger = 'scan' | 'recheck' | 'local' | 'remote' | 'write';

/** `Id`: the rule ids of the catalogue the pane hands over in `engineOptions`. */
export interface LiveUpdate<Id extends string = string> {
  readonly result: ValidationResult<Id>;
  readonly trigger: LiveTrigger;
  /** The whole workbook was validated again (scan, re-check, layout change). */
  readonly full: boolean;
  /** Rows whose findings may have changed (empty when `full`). */
  readonly affectedRows: readonly number[];
}

export interface LiveValidationOptions<Id extends string = string> {
  readonly gateway: WorkbookGateway;
  /** Read on every validation, so a changed User ID setting or a new day applies. */
  readonly engineOptions: () => EngineOptions<Id>;
  readonly debounceMs?: number;
  readonly scheduler?: Scheduler;
  readonly highlights?: boolean;
  /**
   * Reports a failure the user must know about: reading the workbook (`read`, message names the
   * sheet) or writing its highlights (`highlights`). Validation goes on with what it has, and the
   * rows that could not be re-read stay pending. Cell edit mode is not a failure: it is waited out.
   */
  readonly onError?: (error: Error, during: 'read' | 'highlights') => void;
  /** Waits before trying again after Excel refused a batch because a cell is being edited. */
  readonly editModeRetryMs?: number;
  /** Progress, cancel and report hooks for each full scan (a fresh set per scan). */
  readonly scanOptions?: () => ScanOptions;
}

const DEFAULT_DEBOUNCE_MS = 300;
const DEFAULT_EDIT_MODE_RETRY_MS = 1_000;

/**
 * What the pane should say besides findings; null fields say nothing. Each sentence matches what is
 * in the workbook.
 */
export interface LiveStatus {
  /** Excel is in cell edit mode and MAM Prep is waiting to read. */
  readonly waiting: string | null;
  /** Why the grid's colours differ from the pane (protected sheet, another user, on-request host). */
  readonly highlights: string | null;
  /** Change events could not be subscribed (the gateway retries). */
  readonly events: string | null;
}

/**
 * How grid highlights follow the findings on this host (from `capabilities.undo`):
 * - `auto`: after scans, re-checks, local edits and fixes (hosts with undo steps, and the demo);
 * - `on-request`: only when the user asks, or inside a fix's own batch while our colours are shown,
 *   because below ExcelApi 1.19 every Office.js write empties the user's undo history.
 */
export type HighlightPolicy = 'auto' | 'on-request';

function highlightPolicyFor(undo: UndoSupport): HighlightPolicy {
  return undo === 'clears' ? 'on-request' : 'auto';
}

export const HIGHLIGHT_MESSAGES = {
  protected: (sheet: string) => `Sheet "${sheet}" is protected: highlights are shown in the pane only.`,
  otherUser:
    'Someone else working in this workbook has MAM Prep colouring this sheet, so your findings are shown in the pane only. Use Highlight cells to colour them with yours.',
  onRequest:
    'On this version of Excel, any change MAM Prep makes to the sheet clears your undo history, so the colours in the grid are updated only when you choose Highlight cells.',
  failed: 'The colours in the grid could not be updated; the pane shows the current findings.',
} as const;

const WAITING_MESSAGE = 'Waiting for you to finish editing the cell (press Enter or Esc) before checking it.';

interface Pending {
  rows: Map<string, Set<number>>;
  rescan: boolean;
  local: boolean;
}

const NO_STATUS: LiveStatus = { waiting: null, highlights: null, events: null };

export class LiveValidation<Id extends string = string> {
  private session: ValidationSession<Id> | null = null;
  private unsubscribe: (() => void) | null = null;
  private unsubscribeStatus: (() => void) | null = null;
  private readonly listeners = new Set<(update: LiveUpdate<Id>) => void>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private pending: Pending = emptyPending();
  private timer: unknown = null;
  private work: Promise<void> = Promise.resolve();
  private highlightsOn: boolean;
  private shown: Highlights | null = null;
  /** An automatic highlight refresh was refused (cell edit mode) and is still owed. */
  private highlightsDirty = false;
  private statusValue: LiveStatus = NO_STATUS;
  private readonly scheduler: Scheduler;
  private readonly debounceMs: number;
  readonly policy: HighlightPolicy;

  constructor(private readonly options: LiveValidationOptions<Id>) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.highlightsOn = options.highlights ?? true;
    this.policy = highlightPolicyFor(options.gateway.capabilities.undo);
    if (this.policy === 'on-request' && this.highlightsOn) this.statusValue = { ...NO_STATUS, highlights: HIGHLIGHT_MESSAGES.onRequest };
  }

  get result(): ValidationResult<Id> | null {
    return this.session?.result() ?? null;
  }

  get snapshot(): WorkbookSnapshot | null {
    return this.session?.snapshot() ?? null;
  }

  get highlightsEnabled(): boolean {
    return this.highlightsOn;
  }

  get status(): LiveStatus {
    return this.statusValue;
  }

  onUpdate(listener: (update: LiveUpdate<Id>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Subscribes to changes (first, so edits made during the scan are not lost) and scans. While Excel
   * is in cell edit mode the scan waits (retried on the scheduler); this resolves once it has run.
   */
  async start(): Promise<ValidationResult<Id>> {
    this.unsubscribe ??= this.options.gateway.onChange((change) => this.noteChange(change));
    this.unsubscribeStatus ??= this.options.gateway.onEventStatus?.((s) => this.setStatus({ events: s.state === 'failed' ? s.message : null })) ?? null;
    await this.enqueue(() => this.fullScan('scan'));
    if (this.session) return this.session.result();
    return new Promise((resolve) => {
      const stop = this.onUpdate((update) => {
        stop();
        resolve(update.result);
      });
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.unsubscribeStatus?.();
    this.unsubscribeStatus = null;
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
    this.pending = emptyPending();
  }

  /** "Re-check all": a fresh full scan, dropping whatever was pending (the scan reads it all). */
  async recheckAll(): Promise<ValidationResult<Id> | null> {
    this.cancelTimer();
    const dropped = this.pending;
    this.pending = emptyPending();
    try {
      await this.enqueue(() => this.fullScan('recheck'));
    } catch (e) {
      mergePending(this.pending, dropped);
      if (isEditMode(e)) {
        // The caller hears that this re-check did not run; the pane still catches up when the edit ends.
        this.pending.rescan = true;
        this.setStatus({ waiting: WAITING_MESSAGE });
        this.schedule(this.options.editModeRetryMs ?? DEFAULT_EDIT_MODE_RETRY_MS);
      }
      throw e;
    }
    return this.result;
  }

  /** Runs pending changes now instead of waiting for the debounce (e.g. before planning fixes). */
  async flush(): Promise<void> {
    this.cancelTimer();
    await this.enqueue(() => this.processPending());
  }

  /** Resolves when all queued work has finished. */
  idle(): Promise<void> {
    return this.work;
  }

  /**
   * Options for a fix or revert: the highlights after the write are computed from what was written,
   * synchronously, so the gateway writes them in the same batch (one undo step on ExcelApi 1.20+).
   * Null when the grid must not be written now (highlights off, or an on-request host whose grid
   * does not show our colours).
   */
  writeOptions(): WriteOptions {
    // No hook when the grid must not change: the gateway then spends nothing on finding our formats.
    if (!this.highlightsOn || (this.policy === 'on-request' && this.shown === null)) return {};
    return {
      highlightsAfter: (outcome) => {
        if (!this.session || !this.highlightsOn) return null;
        if (this.policy === 'on-request' && this.shown === null) return null;
        this.applyWritten(outcome);
        return highlightsFromResult(this.session.result());
      },
    };
  }

  /**
   * The pane wrote cells through the gateway (fixes, undo). The gateway does not report its own writes
   * as changes, so the written rows are re-read here. Highlights the write already refreshed are
   * recorded as shown and not written again.
   */
  async refreshAfterWrite(outcome: WriteOutcome): Promise<void> {
    if (outcome.highlights) this.noteHighlightOutcome(outcome.highlights, this.session ? highlightsFromResult(this.session.result()) : null);
    const bySheet = new Map<string, Set<number>>();
    for (const a of outcome.applied) {
      const row = Number(/\d+$/.exec(a.cell)?.[0]);
      if (!Number.isInteger(row)) continue;
      const rows = bySheet.get(a.sheet) ?? new Set<number>();
      rows.add(row);
      bySheet.set(a.sheet, rows);
    }
    if (bySheet.size === 0) return;
    await this.enqueue(() => this.revalidate({ rows: bySheet, rescan: false, local: true }, 'write'));
  }

  /** A write failed after `writeOptions` may have updated the session: read the workbook again. */
  async afterFailedWrite(): Promise<void> {
    await this.enqueue(() => this.fullScan('write'));
  }

  /**
   * The Highlights switch (or "Highlight cells"). On writes the current findings now as the user's
   * request (replacing any user's MAM Prep colours); off removes every MAM Prep format and verifies.
   * Rejects when the workbook could not be changed; the outcome says what is in the grid.
   */
  async setHighlightsEnabled(on: boolean): Promise<HighlightOutcome | ClearOutcome | null> {
    this.highlightsOn = on;
    let outcome: HighlightOutcome | ClearOutcome | null = null;
    await this.enqueue(async () => {
      if (on) {
        // Asked for highlights: write them even if we think they are shown (the export check may have removed them).
        this.shown = null;
        outcome = await this.syncHighlights('request');
      } else {
        const cleared = await this.options.gateway.clearHighlights();
        this.shown = null;
        this.setStatus({ highlights: null });
        outcome = cleared;
      }
    });
    return outcome;
  }

  // ---- internals ---------------------------------------------------------------------------------

  private noteChange(change: SheetChange): void {
    const knownSheet = !this.session || this.session.snapshot().sheets.some((s) => s.name === change.sheet);
    if (change.rows === undefined || change.rescan !== undefined || !knownSheet) this.pending.rescan = true;
    else {
      const rows = this.pending.rows.get(change.sheet) ?? new Set<number>();
      for (const r of change.rows) rows.add(r);
      this.pending.rows.set(change.sheet, rows);
    }
    if (change.source === 'local') this.pending.local = true;
    this.schedule(this.debounceMs);
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.scheduler.set(() => {
      this.timer = null;
      void this.enqueue(() => this.processPending()).catch((e: unknown) => this.options.onError?.(asError(e), 'read'));
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
  }

  /** Runs tasks one at a time. The caller sees the task's own failure; the queue goes on. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task);
    this.work = next.catch(() => undefined);
    return next;
  }

  private async processPending(): Promise<void> {
    const pending = this.pending;
    this.pending = emptyPending();
    if (!pending.rescan && pending.rows.size === 0) {
      if (this.highlightsDirty) await this.publishHighlights();
      return;
    }
    await this.revalidate(pending, pending.local ? 'local' : 'remote');
  }

  /**
   * Re-reads the pending rows (or the whole workbook) and publishes. On ANY failure the rows go back
   * into the pending set: nothing is dropped. Cell edit mode is waited out (retried), never reported.
   */
  private async revalidate(pending: Pending, trigger: LiveTrigger): Promise<void> {
    try {
      await this.revalidateOnce(pending, trigger);
      this.setStatus({ waiting: null });
    } catch (e) {
      mergePending(this.pending, pending);
      if (isEditMode(e)) {
        this.setStatus({ waiting: WAITING_MESSAGE });
        this.schedule(this.options.editModeRetryMs ?? DEFAULT_EDIT_MODE_RETRY_MS);
        return;
      }
      throw e;
    }
  }

  private async revalidateOnce(pending: Pending, trigger: LiveTrigger): Promise<void> {
    if (pending.rescan || !this.session) {
      await this.fullScan(trigger);
      return;
    }
    let full = false;
    const affected = new Set<number>();
    const updatesBySheet: Array<[string, RowUpdate[]]> = [];
    for (const [sheet, rows] of pending.rows) {
      let updates;
      try {
        updates = await this.options.gateway.readRows(
          sheet,
          [...rows].sort((a, b) => a - b),
        );
      } catch (e) {
        if (isEditMode(e)) throw e;
        // The sheet was renamed or deleted since the event: only a full scan can say what is there now.
        await this.fullScan(trigger);
        return;
      }
      updatesBySheet.push([sheet, updates]);
    }
    // Applied only once every sheet was read, so a failed read leaves the session as it was.
    for (const [sheet, updates] of updatesBySheet) {
      const outcome = this.session.updateRows(sheet, updates);
      full ||= outcome.full;
      for (const r of outcome.affectedRows) affected.add(r);
    }
    await this.publish(trigger, full, full ? [] : [...affected].sort((a, b) => a - b));
  }

  private async fullScan(trigger: LiveTrigger): Promise<void> {
    let snapshot: WorkbookSnapshot;
    try {
      // A cancelled scan rejects before anything is replaced: the pane keeps the last complete result.
      const profiles = this.options.engineOptions().profiles;
      snapshot = await this.options.gateway.scan({ ...this.options.scanOptions?.(), ...(profiles ? { profiles } : {}) });
    } catch (e) {
      if (!isEditMode(e) || trigger === 'recheck') throw e;
      this.pending.rescan = true;
      if (trigger === 'local' || trigger === 'scan') this.pending.local = true;
      this.setStatus({ waiting: WAITING_MESSAGE });
      this.schedule(this.options.editModeRetryMs ?? DEFAULT_EDIT_MODE_RETRY_MS);
      return;
    }
    this.setStatus({ waiting: null });
    this.session = new ValidationSession(snapshot, this.options.engineOptions());
    await this.publish(trigger, true, []);
  }

  private async publish(trigger: LiveTrigger, full: boolean, affectedRows: readonly number[]): Promise<void> {
    const result = this.session!.result();
    const update: LiveUpdate<Id> = { result, trigger, full, affectedRows };
    for (const l of [...this.listeners]) l(update);
    // Co-authors' edits re-validate but never write; on-request hosts write only when asked.
    if (trigger === 'remote' || this.policy === 'on-request') return;
    await this.publishHighlights();
  }

  /** The automatic highlight refresh: edit mode is waited out; any other failure is reported as such. */
  private async publishHighlights(): Promise<void> {
    this.highlightsDirty = false;
    try {
      await this.syncHighlights('auto');
    } catch (e) {
      if (isEditMode(e)) {
        // The findings are published; the colours follow once the edit ends.
        this.shown = null;
        this.highlightsDirty = true;
        this.schedule(this.options.editModeRetryMs ?? DEFAULT_EDIT_MODE_RETRY_MS);
        return;
      }
      this.shown = null;
      this.setStatus({ highlights: HIGHLIGHT_MESSAGES.failed });
      this.options.onError?.(asError(e), 'highlights');
    }
  }

  /** Writes highlights when they differ from what is shown (always on a user's request). */
  private async syncHighlights(mode: 'auto' | 'request'): Promise<HighlightOutcome | ClearOutcome | null> {
    if (!this.highlightsOn || !this.session) return null;
    const highlights = highlightsFromResult(this.session.result());
    if (!highlights) {
      if (this.shown === null && mode === 'auto') return null;
      const cleared = await this.options.gateway.clearHighlights();
      this.shown = null;
      return cleared;
    }
    if (mode === 'auto' && highlightsEqual(highlights, this.shown)) return null;
    const outcome = await this.options.gateway.setHighlights(highlights, { mode });
    this.noteHighlightOutcome(outcome, highlights);
    return outcome;
  }

  private noteHighlightOutcome(outcome: HighlightOutcome, highlights: Highlights | null): void {
    this.shown = outcome.written ? highlights : null;
    const message = outcome.written
      ? this.policy === 'on-request'
        ? HIGHLIGHT_MESSAGES.onRequest
        : null
      : outcome.skippedReason === 'protected'
        ? HIGHLIGHT_MESSAGES.protected(outcome.protectedSheets[0] ?? highlights?.sheet ?? '')
        : outcome.skippedReason === 'other-user'
          ? HIGHLIGHT_MESSAGES.otherUser
          : outcome.skippedReason === 'policy'
            ? HIGHLIGHT_MESSAGES.onRequest
            : HIGHLIGHT_MESSAGES.failed;
    this.setStatus({ highlights: message });
  }

  /** Puts what a write applied into the session (the re-read after the write confirms it). */
  private applyWritten(outcome: WriteOutcome): void {
    const session = this.session!;
    const snapshot = session.snapshot();
    const bySheet = new Map<string, Map<number, Array<Cell | undefined>>>();
    for (const a of outcome.applied) {
      const ref = parseA1(a.cell);
      const sheet = snapshot.sheets.find((s) => s.name === a.sheet);
      if (!ref || !sheet) continue;
      const rows = bySheet.get(a.sheet) ?? new Map<number, Array<Cell | undefined>>();
      const cells = rows.get(ref.row) ?? [...(sheet.rows[ref.row - 1] ?? [])];
      while (cells.length < ref.col) cells.push(undefined);
      cells[ref.col - 1] = a.after;
      rows.set(ref.row, cells);
      bySheet.set(a.sheet, rows);
    }
    for (const [sheet, rows] of bySheet)
      session.updateRows(
        sheet,
        [...rows].map(([row, cells]) => ({ row, cells })),
      );
  }

  private setStatus(partial: Partial<LiveStatus>): void {
    const next = { ...this.statusValue, ...partial };
    if (next.waiting === this.statusValue.waiting && next.highlights === this.statusValue.highlights && next.events === this.statusValue.events) return;
    this.statusValue = next;
    for (const l of [...this.statusListeners]) l(next);
  }
}

function emptyPending(): Pending {
  return { rows: new Map(), rescan: false, local: false };
}

function mergePending(into: Pending, from: Pending): void {
  into.rescan ||= from.rescan;
  into.local ||= from.local;
  for (const [sheet, rows] of from.rows) {
    const target = into.rows.get(sheet) ?? new Set<number>();
    for (const r of rows) target.add(r);
    into.rows.set(sheet, target);
  }
}

/** Excel refused the batch because a cell is being edited (matched by code, never by message). */
export function isEditMode(e: unknown): boolean {
  if (e instanceof GatewayError) return e.code === 'edit-mode';
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'InvalidOperationInCellEditMode';
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
