import type { ValidationResult } from '../engine/result';
import type { WriteOptions, WriteOutcome } from '../excel/gateway';
import type { RuleId } from '../rules';

/**
 * What the pane needs from live validation. LivePaneController adapts src/excel's LiveValidation to
 * it; tests use an in-memory stub. Components never reach Office through it.
 */
export interface PaneState {
  /** `checking`: a scan or re-validation is running; `failed`: the last scan could not read the workbook. */
  readonly phase: 'checking' | 'done' | 'failed';
  /** The latest result; kept while a re-check runs so the list does not flicker. */
  readonly result: ValidationResult<RuleId> | null;
  /** A sentence for the user when `phase` is `failed` (names the sheet or cell, never a stack trace). */
  readonly error: string | null;
  /** Whether MAM Prep's cell highlights are on. */
  readonly highlights: boolean;
  /**
   * Sentences the pane shows besides findings, each true of the workbook now: waiting for a cell
   * edit to end, why the grid's colours differ from the pane, change events not received.
   */
  readonly notices?: readonly string[];
  /** A full scan that needs more than one request to Excel: how far it is (null or absent when none runs). */
  readonly scan?: ScanProgress | null;
  /** What the last scan left out or assumed (a stray value far right, the date system), one sentence each. */
  readonly scanNotes?: readonly string[];
}

export interface ScanProgress {
  readonly rowsRead: number;
  readonly rowsTotal: number;
}

export interface PaneController {
  // Properties, not methods: React receives these three detached (useSyncExternalStore, onCancel), so
  // an implementation must not depend on `this`.
  /** The current state; the same object until something changes (React's useSyncExternalStore contract). */
  readonly getState: () => PaneState;
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
  /** Scans the whole workbook again and re-validates. */
  recheck(): Promise<void>;
  /** Turns highlights on (gateway.setHighlights with the current findings) or off (gateway.clearHighlights). */
  setHighlights(on: boolean): Promise<void>;
  /** Re-validates pending edits now (the fixes slot calls it before planning fixes). */
  flush(): Promise<void>;
  /** The pane wrote cells through the gateway (fix, undo): re-reads the rows it wrote. */
  refreshAfterWrite(outcome: WriteOutcome): Promise<void>;
  /** Stops the running full scan; the pane keeps the last complete result. */
  readonly cancelScan?: () => void;
  /** Options for the pane's writes, so a fix and its highlight refresh are one batch (optional for stubs). */
  writeOptions?(): WriteOptions;
  /** A write failed (it may have been partly applied): re-read the workbook (optional for stubs). */
  afterFailedWrite?(): Promise<void>;
}
