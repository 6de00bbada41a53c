import type { Edit } from '../engine/fix-planner';
import type { Cell } from '../engine/cell';
import type { RowUpdate } from '../engine/result';
import type { Profile } from '../engine/profile';
import type { WorkbookSnapshot } from '../engine/snapshot';
import type { SkippedEdit } from '../engine/edit-guard';

/**
 * The only door to the workbook. `office-gateway.ts` implements it with Office.js; `fake-gateway.ts`
 * implements it in memory for tests and the browser demo. Components and the engine never see Office.
 */
export interface WorkbookGateway {
  /**
   * Reads every sheet (values, number formats, formulas, list validations) in requests sized by
   * estimated payload, capped by the used range of the bound columns. Dates come back as 1900-system
   * serials whatever the workbook's date system. Rejects with a `GatewayError` (`cancelled` when
   * `options.signal` aborts).
   */
  scan(options?: ScanOptions): Promise<WorkbookSnapshot>;
  /** Re-reads whole rows (column 1 .. last used column) of one sheet. */
  readRows(sheet: string, rows: readonly number[]): Promise<RowUpdate[]>;
  /** Subscribes to user edits; returns the unsubscribe function. */
  onChange(listener: (change: SheetChange) => void): () => void;
  /**
   * Applies edits after checking each cell still holds `edit.from`; never writes over a formula.
   * All edits of one call are one undo step where the host supports it.
   */
  writeEdits(edits: readonly Edit[], options?: WriteOptions): Promise<WriteOutcome>;
  /** Writes exact previous cells back (journal revert), each only if the cell still holds `expected`. */
  restoreCells(restores: readonly CellRestore[], options?: WriteOptions): Promise<WriteOutcome>;
  /**
   * Replaces MAM Prep's own highlight formats with these (no-op when unchanged). Never throws for a
   * refused write: the outcome says what is (and is not) in the grid.
   */
  setHighlights(highlights: Highlights, options?: HighlightOptions): Promise<HighlightOutcome>;
  /**
   * Searches every sheet for MAM Prep's formats (including copies Excel made on paste/insert),
   * deletes them and verifies none remain; the outcome says what is left.
   */
  clearHighlights(): Promise<ClearOutcome>;
  /** Selects a cell (and activates its sheet) so the user sees it. */
  select(sheet: string, cell: string): Promise<void>;
  /**
   * Adds a worksheet after the last one, fills it from A1 with `grid` (rows of cells) and activates it:
   * trainer mode's training sheet. Never touches an existing sheet; fails when the name is taken.
   * Optional so stubs need not implement it; the pane hides what needs it when it is absent.
   */
  insertWorksheet?(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void>;
  /** Document-scoped settings (travel with the workbook). */
  readonly documentSettings: SettingsStore;
  /** User-scoped settings (partitioned local storage). */
  readonly userSettings: SettingsStore;
  /** What this host can do (feature-detected). */
  readonly capabilities: GatewayCapabilities;
  /**
   * Reports whether change events are being received (a failed handler registration is retried by
   * the gateway and reported here, never swallowed). Optional for stubs.
   */
  onEventStatus?(listener: (status: EventStatus) => void): () => void;
  /**
   * A stable id for this user on this machine (kept in user settings): per-user document settings
   * (the fix journal) and the owner of this user's highlight formats. Optional for stubs.
   */
  userKey?(): string;
}

export type EventStatus = { readonly state: 'listening' } | { readonly state: 'failed'; readonly message: string; readonly retrying: boolean };

export interface HighlightOptions {
  /**
   * `auto` (default): a refresh MAM Prep makes by itself; it leaves another user's MAM Prep formats
   * alone and then writes nothing (`skippedReason: 'other-user'`). `request`: the user asked
   * (Highlight cells); every MAM Prep format on the sheet is replaced, whoever wrote it.
   */
  readonly mode?: 'auto' | 'request';
}

export interface SheetChange {
  readonly sheet: string;
  /** Changed rows, when the host says; undefined when the event gave no detail (re-scan needed). */
  readonly rows?: readonly number[];
  /** `remote`: a co-author's edit (Excel on the web). Remote edits re-validate but never trigger writes. */
  readonly source: 'local' | 'remote';
  /**
   * Set when the workbook's shape changed (a sheet added, deleted or renamed) or the change names a
   * sheet the pane does not know: the listener re-scans. `calculated`: formula results changed.
   */
  readonly rescan?: 'sheet-added' | 'sheet-deleted' | 'sheet-renamed' | 'unknown-sheet';
  readonly cause?: 'edit' | 'calculated';
}

export interface ScanOptions {
  /** Rows read so far of the rows to read; called after each request. */
  readonly onProgress?: (progress: { readonly rowsRead: number; readonly rowsTotal: number }) => void;
  readonly signal?: AbortSignal;
  /** Called once a scan succeeded: what was left out of the read and which date system the workbook uses. */
  readonly onReport?: (report: ScanReport) => void;
  /**
   * The templates to look for (the engine's profiles): the scan finds the template sheet in the head
   * rows to read only its bound columns' extent and probe its list validations. Default: built-in.
   */
  readonly profiles?: readonly Profile[];
}

/** What a successful scan tells beyond the snapshot. */
export interface ScanReport {
  /** Parts of sheets that were not read, and why (a stray value far right, formulas filled to the last row). */
  readonly caps: readonly ScanCap[];
  readonly dateSystem: '1900' | '1904';
  /** False when the host could not say and 1900 was assumed. */
  readonly dateSystemDetected: boolean;
}

export interface ScanCap {
  readonly sheet: string;
  /** The sheet's used range (values only) as the host reports it. */
  readonly usedLastRow: number;
  readonly usedLastCol: number;
  /** What was read: rows 1..readLastRow, columns 1..readLastCol. */
  readonly readLastRow: number;
  readonly readLastCol: number;
  /**
   * `columns`: values beyond the widest column read; `bound-columns`: values below the table in other
   * columns; `blank-rows`: the used range runs on with nothing but formulas showing nothing.
   */
  readonly reason: 'columns' | 'bound-columns' | 'blank-rows';
}

export interface WriteOptions {
  /**
   * Called inside the same host batch right after the cells were written, with what was written;
   * the highlights it returns are written in that batch too, so on hosts that merge undo groups the
   * fix and its highlight refresh are ONE undo step. Return null to leave highlights alone.
   */
  readonly highlightsAfter?: (outcome: WriteOutcome) => Highlights | null;
}

/**
 * What Excel's undo does with Office.js writes on this host:
 * - `none`: there is no Excel undo (the browser demo);
 * - `clears`: any Office.js write empties the user's undo stack (ExcelApi below 1.19);
 * - `separate`: each write is its own undo step (ExcelApi 1.19);
 * - `merged`: the writes of one call can be one undo step (ExcelApi 1.20+, `mergeUndoGroup`).
 */
export type UndoSupport = 'none' | 'clears' | 'separate' | 'merged';

export type GatewayErrorCode =
  | 'edit-mode' // the user is editing a cell and the host refused the batch
  | 'protected' // the sheet is protected and the write was refused (AccessDenied)
  | 'request-too-large' // the host's request/response payload limit was hit
  | 'cancelled' // the caller aborted (scan cancel)
  | 'storage' // browser storage is blocked or failed
  | 'settings-save' // Office settings saveAsync failed
  | 'name-taken' // a sheet with that name exists (Office's ItemAlreadyExists)
  | 'host'; // any other host error (its Office error code is in `hostCode`)

/** A host failure the pane can explain truthfully. Match on `code`, never on message text. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly hostCode?: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface HighlightOutcome {
  /** The formats now in the grid match the request. */
  readonly written: boolean;
  /** Sheets left without highlights because they are protected (shown in the pane only). */
  readonly protectedSheets: readonly string[];
  /** Why nothing was written, when nothing was (e.g. the host has no undo and writes are on request only). */
  readonly skippedReason?: 'protected' | 'policy' | 'error' | 'other-user';
}

export interface ClearOutcome {
  /** MAM Prep formats deleted. */
  readonly removed: number;
  /** MAM Prep formats still in the workbook after the clear (verified by a second search). */
  readonly remaining: number;
  readonly protectedSheets: readonly string[];
}

export interface CellRestore {
  readonly sheet: string;
  readonly cell: string;
  /** The value the cell must still hold (the fix's `to`). */
  readonly expected: Cell;
  /** The exact previous value and type. */
  readonly previous: Cell;
}

/** One skipped-edit type for every writer of fixes (the gateways and the CLI's patcher). */
export type { SkippedEdit, SkipReason } from '../engine/edit-guard';

export interface WriteOutcome {
  readonly applied: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly before: Cell; readonly after: Cell }>;
  readonly skipped: readonly SkippedEdit[];
  /** Steps the call added to Excel's undo stack (0 where Office.js writes clear it or there is no undo). */
  readonly undoSteps?: number;
  /** What `WriteOptions.highlightsAfter` wrote in the same batch (absent when it was not asked for). */
  readonly highlights?: HighlightOutcome;
}

export interface Highlights {
  readonly sheet: string;
  /** A1 addresses of cells with an error / a warning. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Rows whose GroupID is exempt (shown in a distinct style). */
  readonly exemptRows: readonly number[];
  /** Columns the exempt-row style covers (first..last bound column). */
  readonly firstCol: number;
  readonly lastCol: number;
}

export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string | undefined): Promise<void>;
}

export interface GatewayCapabilities {
  /** One call's writes are one undo step (ExcelApi 1.20+). Kept for callers; same as `undo === 'merged'`. */
  readonly undoGroups: boolean;
  readonly undo: UndoSupport;
  readonly changeSource: boolean;
  readonly triggerSource: boolean;
  readonly host: 'excel-desktop' | 'excel-web' | 'fake';
}
