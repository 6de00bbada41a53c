import type { EngineOptions, ValidationResult } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { ValidationSession } from '../engine/validate';
import type { SheetChange, WorkbookGateway, WriteOutcome } from './gateway';
import type { Highlights } from './gateway';
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

export const realScheduler: Scheduler = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type LiveTrigger = 'scan' | 'recheck' | 'local' | 'remote' | 'write';

export interface LiveUpdate {
  readonly result: ValidationResult;
  readonly trigger: LiveTrigger;
  /** The whole workbook was validated again (scan, re-check, layout change). */
  readonly full: boolean;
  /** Rows whose findings may have changed (empty when `full`). */
  readonly affectedRows: readonly number[];
}

export interface LiveValidationOptions {
  readonly gateway: WorkbookGateway;
  /** Read on every validation, so a changed User ID setting or a new day applies. */
  readonly engineOptions: () => EngineOptions;
  readonly debounceMs?: number;
  readonly scheduler?: Scheduler;
  readonly highlights?: boolean;
  /** Reports a failure to read the workbook (message names the sheet); validation goes on with what it has. */
  readonly onError?: (error: Error) => void;
}

export const DEFAULT_DEBOUNCE_MS = 300;

interface Pending {
  rows: Map<string, Set<number>>;
  rescan: boolean;
  local: boolean;
}

export class LiveValidation {
  private session: ValidationSession | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<(update: LiveUpdate) => void>();
  private pending: Pending = emptyPending();
  private timer: unknown = null;
  private work: Promise<void> = Promise.resolve();
  private highlightsOn: boolean;
  private shown: Highlights | null = null;
  private readonly scheduler: Scheduler;
  private readonly debounceMs: number;

  constructor(private readonly options: LiveValidationOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.highlightsOn = options.highlights ?? true;
  }

  get result(): ValidationResult | null {
    return this.session?.result() ?? null;
  }

  get snapshot(): WorkbookSnapshot | null {
    return this.session?.snapshot() ?? null;
  }

  get highlightsEnabled(): boolean {
    return this.highlightsOn;
  }

  onUpdate(listener: (update: LiveUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to changes (first, so edits made during the scan are not lost) and scans. */
  async start(): Promise<ValidationResult> {
    this.unsubscribe ??= this.options.gateway.onChange((change) => this.noteChange(change));
    await this.enqueue(() => this.fullScan('scan'));
    return this.result!;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
    this.pending = emptyPending();
  }

  /** "Re-check all": a fresh full scan, dropping whatever was pending. */
  async recheckAll(): Promise<ValidationResult> {
    this.cancelTimer();
    this.pending = emptyPending();
    await this.enqueue(() => this.fullScan('recheck'));
    return this.result!;
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
   * The pane wrote cells through the gateway (fixes, undo). The gateway does not report its own writes
   * as changes, so the written rows are re-read here.
   */
  async refreshAfterWrite(outcome: WriteOutcome): Promise<void> {
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

  async setHighlightsEnabled(on: boolean): Promise<void> {
    this.highlightsOn = on;
    await this.enqueue(async () => {
      if (on) {
        // Asked for highlights: write them even if we think they are shown (the export check may have removed them).
        this.shown = null;
        await this.syncHighlights();
      } else {
        await this.options.gateway.clearHighlights();
        this.shown = null;
      }
    });
  }

  // ---- internals ---------------------------------------------------------------------------------

  private noteChange(change: SheetChange): void {
    if (change.rows === undefined) this.pending.rescan = true;
    else {
      const rows = this.pending.rows.get(change.sheet) ?? new Set<number>();
      for (const r of change.rows) rows.add(r);
      this.pending.rows.set(change.sheet, rows);
    }
    if (change.source === 'local') this.pending.local = true;
    this.cancelTimer();
    this.timer = this.scheduler.set(() => {
      this.timer = null;
      void this.enqueue(() => this.processPending());
    }, this.debounceMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task).catch((e: unknown) => this.options.onError?.(e instanceof Error ? e : new Error(String(e))));
    this.work = next;
    return next;
  }

  private async processPending(): Promise<void> {
    const pending = this.pending;
    this.pending = emptyPending();
    if (!pending.rescan && pending.rows.size === 0) return;
    await this.revalidate(pending, pending.local ? 'local' : 'remote');
  }

  private async revalidate(pending: Pending, trigger: LiveTrigger): Promise<void> {
    if (pending.rescan || !this.session) {
      await this.fullScan(trigger);
      return;
    }
    let full = false;
    const affected = new Set<number>();
    for (const [sheet, rows] of pending.rows) {
      let updates;
      try {
        updates = await this.options.gateway.readRows(sheet, [...rows].sort((a, b) => a - b));
      } catch {
        // The sheet was renamed or deleted since the event: only a full scan can say what is there now.
        await this.fullScan(trigger);
        return;
      }
      const outcome = this.session.updateRows(sheet, updates);
      full ||= outcome.full;
      for (const r of outcome.affectedRows) affected.add(r);
    }
    await this.publish(trigger, full, full ? [] : [...affected].sort((a, b) => a - b));
  }

  private async fullScan(trigger: LiveTrigger): Promise<void> {
    const snapshot = await this.options.gateway.scan();
    this.session = new ValidationSession(snapshot, this.options.engineOptions());
    await this.publish(trigger, true, []);
  }

  private async publish(trigger: LiveTrigger, full: boolean, affectedRows: readonly number[]): Promise<void> {
    const result = this.session!.result();
    const update: LiveUpdate = { result, trigger, full, affectedRows };
    for (const l of [...this.listeners]) l(update);
    if (trigger !== 'remote') await this.syncHighlights();
  }

  /** Writes highlights only when they differ from what is shown. */
  private async syncHighlights(): Promise<void> {
    if (!this.highlightsOn || !this.session) return;
    const highlights = highlightsFromResult(this.session.result());
    if (!highlights) {
      if (this.shown !== null) await this.options.gateway.clearHighlights();
      this.shown = null;
      return;
    }
    if (highlightsEqual(highlights, this.shown)) return;
    await this.options.gateway.setHighlights(highlights);
    this.shown = highlights;
  }
}

function emptyPending(): Pending {
  return { rows: new Map(), rescan: false, local: false };
}
