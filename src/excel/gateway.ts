import type { Edit } from '../engine/fix-planner';
import type { Cell } from '../engine/cell';
import type { RowUpdate } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';

/**
 * The only door to the workbook. `office-gateway.ts` implements it with Office.js; `fake-gateway.ts`
 * implements it in memory for tests and the browser demo. Components and the engine never see Office.
 */
export interface WorkbookGateway {
  /** Reads every sheet (values, number formats, formulas, list validations) in bounded chunks. */
  scan(): Promise<WorkbookSnapshot>;
  /** Re-reads whole rows (column 1 .. last used column) of one sheet. */
  readRows(sheet: string, rows: readonly number[]): Promise<RowUpdate[]>;
  /** Subscribes to user edits; returns the unsubscribe function. */
  onChange(listener: (change: SheetChange) => void): () => void;
  /**
   * Applies edits after checking each cell still holds `edit.from`; never writes over a formula.
   * All edits of one call are one undo step where the host supports it.
   */
  writeEdits(edits: readonly Edit[]): Promise<WriteOutcome>;
  /** Writes exact previous cells back (journal revert), each only if the cell still holds `expected`. */
  restoreCells(restores: readonly CellRestore[]): Promise<WriteOutcome>;
  /** Replaces MAM Prep's own highlight formats with these (no-op when unchanged). */
  setHighlights(highlights: Highlights): Promise<void>;
  clearHighlights(): Promise<void>;
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
}

export interface SheetChange {
  readonly sheet: string;
  /** Changed rows, when the host says; undefined when the event gave no detail (re-scan needed). */
  readonly rows?: readonly number[];
  /** `remote`: a co-author's edit (Excel on the web). Remote edits re-validate but never trigger writes. */
  readonly source: 'local' | 'remote';
}

export interface CellRestore {
  readonly sheet: string;
  readonly cell: string;
  /** The value the cell must still hold (the fix's `to`). */
  readonly expected: Cell;
  /** The exact previous value and type. */
  readonly previous: Cell;
}

export interface SkippedEdit {
  readonly sheet: string;
  readonly cell: string;
  readonly reason: 'changed' | 'formula' | 'protected' | 'edit-mode' | 'missing-sheet';
  readonly message: string;
}

export interface WriteOutcome {
  readonly applied: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly before: Cell; readonly after: Cell }>;
  readonly skipped: readonly SkippedEdit[];
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
  readonly undoGroups: boolean;
  readonly changeSource: boolean;
  readonly triggerSource: boolean;
  readonly host: 'excel-desktop' | 'excel-web' | 'fake';
}
