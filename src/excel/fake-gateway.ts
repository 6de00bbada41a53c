import { parseA1, parseRange, toA1 } from '../engine/address';
import type { Cell } from '../engine/cell';
import { EMPTY_CELL } from '../engine/cell';
import type { DateSystem } from '../engine/date-system';
import type { Edit } from '../engine/fix-planner';
import type { RowUpdate } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { changedRows, sheetChangeFromEvent } from './change-rows';
import type {
  CellRestore,
  ClearOutcome,
  GatewayCapabilities,
  HighlightOptions,
  HighlightOutcome,
  Highlights,
  ScanOptions,
  SettingsStore,
  SheetChange,
  SkippedEdit,
  SkipReason,
  UndoSupport,
  WorkbookGateway,
  WriteOptions,
  WriteOutcome,
} from './gateway';
import { GatewayError } from './gateway';
import type { HighlightKind } from './highlight-plan';
import { expandPlan, highlightFormula, highlightKindOf, highlightOwnerOf, highlightsEqual, isOwnHighlightFormula, planHighlights } from './highlight-plan';
import { CELL_EDIT_MODE_CODE, officeErrorCode, realWait, retryInCellEditMode } from './host-run';
import { ACCESS_DENIED, CellEditMode, payloadLimitFor, payloadRefusal, refusesFormats, refusesValueWrite, SimulatedOfficeError } from './host-simulation';
import type { LoadedBlock, OfficeCell } from './office-cells';
import { areasAddress, blockBytes, officeWriteFor, SKIP_MESSAGES } from './office-cells';
import type { LoadedChunk, RowChunk } from './scan-plan';
import { payloadBytes, PayloadTooLargeError } from './scan-plan';
import type { BoundRequest, BoundResult, RangeValidation, ScanSteps } from './scan-runner';
import { DATE_2000, runRowRead, runScan } from './scan-runner';
import { MapSettingsStore, OfficeDocumentSettingsStore } from './settings-stores';
import type { CellBox, SheetOptions, SimulatedSheet, SimulatedWorkbook } from './simulated-workbook';
import {
  addFormat,
  batchSavepoint,
  createSimulatedWorkbook,
  deleteFormat,
  EMPTY_OFFICE_CELL,
  enteredCell,
  listSources,
  officeCellAt,
  putOfficeCell,
  SimulatedDocumentSettings,
  sheetNameRefusal,
  simulatedSheet,
  specialCellsOf,
  typedCellAt,
  usedExtent,
  writeNumberFormat,
  writeValue,
} from './simulated-workbook';
import type { CheckedCell, CheckedWriteItem, WriteProgress } from './write-plan';
import { editWriteItems, failedWriteOutcome, planWriteChunks, restoreWriteItems, runCheckedWrite, startProgress } from './write-plan';

/**
 * The WorkbookGateway over the simulated workbook (simulated-workbook.ts), for tests and the browser
 * demo; its host behaviours are switched by `FakeGatewayOptions.host` and are never kinder than
 * Excel's. It runs the Office gateway's own algorithms: the scan and the row re-read (scan-runner.ts),
 * the checked write and its failure report (write-plan.ts), with cells converted by the Office
 * gateway's code (office-cells.ts). It supplies only the host's requests, answered and applied by the
 * simulated workbook's primitives (the same ones the Office.js object model used in the Office
 * gateway's tests calls), so every `context.sync()` is counted where the Office gateway makes one and
 * each request and response is measured as Office serialises it (JSON). Excel's refusals (cell edit
 * mode, the web's payload limit, protection) are host-simulation.ts. It does not report its own writes
 * as changes (as the Office gateway filters them).
 *
 * Host behaviours modelled from the Office.js documentation:
 * - cell edit mode (`editMode = true`): a batch run without `delayForCellEdit` fails with
 *   `InvalidOperationInCellEditMode`; with it, the batch waits until edit mode ends, unless the host
 *   is below ExcelApi 1.11 (`delayForCellEdit: 'ignored'`), where it fails as well;
 * - Excel on the web (`platform: 'web'`) refuses a request or response over 5 MB
 *   (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`); desktop has no such limit;
 * - the workbook's date system (`SimulatedWorkbook.dateSystem`): a 1904 workbook stores 1904 serials.
 */

export interface FakeHostBehaviours {
  /** `web`: Excel on the web's 5 MB request/response limit. Default `desktop`. */
  readonly platform: 'desktop' | 'web';
  /** `honoured` (ExcelApi 1.11+, default): a batch run with delayForCellEdit waits out edit mode; `ignored`: it fails. */
  readonly delayForCellEdit: 'honoured' | 'ignored';
  /** Whether `DATE(2000,1,1)` can be evaluated (false: the gateway must assume 1900 and say so). */
  readonly evaluatesFunctions: boolean;
}

const DESKTOP_EXCEL: FakeHostBehaviours = Object.freeze({ platform: 'desktop', delayForCellEdit: 'honoured', evaluatesFunctions: true });

export interface FakeGatewayOptions {
  readonly userSettings?: Map<string, string>;
  readonly capabilities?: Partial<GatewayCapabilities>;
  /** Host behaviours; default desktop Excel (DESKTOP_EXCEL). */
  readonly host?: Partial<FakeHostBehaviours>;
  /** Pause between retries of a batch refused in cell edit mode (default: real time). */
  readonly wait?: (ms: number) => Promise<void>;
  /** The id this user's highlight formats carry (two fakes over one workbook are two users). */
  readonly user?: string;
}

/** One entry of the user's Excel undo stack, as the fake models it. */
export interface FakeUndoEntry {
  readonly by: 'user' | 'mam-prep';
  readonly what: string;
}

/** An Office error as Office.js throws it: matched by `code` (the simulators' one error type). */
export { SimulatedOfficeError as FakeOfficeError } from './host-simulation';

/**
 * Request bytes Office sends per queued action (a range load, a property set), on top of any values
 * it carries: the action's JSON (ids, method name, arguments) is about this long.
 */
const REQUEST_BYTES_PER_ACTION = 150;

const WRITTEN: HighlightOutcome = Object.freeze({ written: true, protectedSheets: [] });

/** Syncs MAM Prep spends on each operation, mirroring office-gateway.ts. */
export const SYNCS = {
  /** Sheets, names and date system; used ranges and head rows (a third when the template needs narrowing). */
  scanMetadata: 2,
  /** Listing the sheets again after a write hit a renamed or deleted sheet. */
  missingSheetLookup: 1,
} as const;

export class FakeGateway implements WorkbookGateway {
  readonly documentSettings: SettingsStore;
  readonly userSettings: SettingsStore;
  readonly capabilities: GatewayCapabilities;

  /** `context.sync()` calls so far (see resetSyncCount). */
  syncCount = 0;
  /** Response and request bytes of every sync since resetSyncCount, as Office would serialise them. */
  responseBytes: number[] = [];
  requestBytes: number[] = [];
  readonly behaviours: FakeHostBehaviours;
  /** setHighlights calls, and how many of them rewrote formats. */
  highlightCalls = 0;
  highlightWrites = 0;
  /** Undo steps MAM Prep's writes created. */
  undoSteps = 0;
  /**
   * The user's undo stack as Excel keeps it for this host's undo level (capabilities.undo): `clears`
   * empties it on any MAM Prep write, `separate` adds one step per write sync, `merged` one per call,
   * `none` has no undo. User edits through setCell/setCells push a step.
   */
  undoStack: FakeUndoEntry[] = [];
  /** The workbook has changes MAM Prep made since the test last reset it (Excel's "dirty" state). */
  dirtiedByAddIn = false;
  /** Bytes of the largest write request so far, as Office would serialize it. */
  largestWriteRequestBytes = 0;
  /** The sync with this number (counted as syncCount) fails with this Office error code, as a dropped connection does. */
  failAtSync: { index: number; code: string } | undefined;
  /** The next N document-settings saves fail as Office's saveAsync can. */
  failSettingsSaves = 0;
  /** The id this user's highlight formats carry. */
  readonly user: string;
  selection: { sheet: string; cell: string } | null = null;
  activeSheet: string | null = null;

  private readonly listeners = new Set<(change: SheetChange) => void>();
  private readonly selectionListeners = new Set<(selection: { sheet: string; cell: string }) => void>();
  private lastHighlights: Highlights | null = null;
  private readonly widthBySheet = new Map<string, number>();
  /** Our formats are known by id after the first replacement (as in the Office gateway). */
  private ownFormatsKnown = false;
  private readonly coauthors = new Set<FakeGateway>();
  private readonly settingsBag: SimulatedDocumentSettings;
  private readonly cellEditMode = new CellEditMode();
  private readonly wait: (ms: number) => Promise<void>;

  constructor(
    readonly data: SimulatedWorkbook = createSimulatedWorkbook(),
    options: FakeGatewayOptions = {},
  ) {
    this.behaviours = { ...DESKTOP_EXCEL, ...options.host };
    this.wait = options.wait ?? realWait;
    // Office's settings bag: a copy per session, saved whole (last write wins), refreshed on request.
    this.settingsBag = new SimulatedDocumentSettings(data, () => {
      if (this.failSettingsSaves <= 0) return false;
      this.failSettingsSaves--;
      return true;
    });
    this.documentSettings = new OfficeDocumentSettingsStore(this.settingsBag);
    this.userSettings = new MapSettingsStore(options.userSettings ?? new Map<string, string>());
    // A host that cannot group writes and says nothing else is an old one: its writes clear the undo stack.
    const undo: UndoSupport = options.capabilities?.undoGroups === false ? 'clears' : 'merged';
    const merged = { changeSource: true, triggerSource: true, host: 'fake' as const, undo, ...options.capabilities };
    this.capabilities = { ...merged, undoGroups: options.capabilities?.undoGroups ?? merged.undo === 'merged' };
    this.activeSheet = data.sheets[0]?.name ?? null;
    this.user = options.user ?? 'u-fake';
  }

  /** Makes two fakes over one workbook co-authors: each one's user edits reach the other as remote. */
  static coauthor(a: FakeGateway, b: FakeGateway): void {
    if (a.data !== b.data) throw new Error('Co-authors share one workbook.');
    a.coauthors.add(b);
    b.coauthors.add(a);
  }

  userKey(): string {
    return this.user;
  }

  resetSyncCount(): void {
    this.syncCount = 0;
    this.responseBytes = [];
    this.requestBytes = [];
  }

  /** The user is typing in a cell (Excel's cell edit mode); setting it false releases held batches. */
  get editMode(): boolean {
    return this.cellEditMode.active;
  }

  set editMode(on: boolean) {
    this.cellEditMode.active = on;
  }

  get largestResponseBytes(): number {
    return Math.max(0, ...this.responseBytes);
  }

  get dateSystem(): DateSystem {
    return this.data.dateSystem ?? '1900';
  }

  /**
   * One host batch of one sync, as an add-in's `Excel.run(options, …)` with one `context.sync()`:
   * in cell edit mode it fails with InvalidOperationInCellEditMode, or waits when `delayForCellEdit`
   * is set and the host honours it; on the web a request or response over 5 MB is refused. Tests use
   * it to see the host's own behaviour.
   */
  async hostBatch<T>(
    options: { readonly delayForCellEdit?: boolean; readonly requestBytes?: number; readonly responseBytes?: number },
    body: () => T,
  ): Promise<T> {
    await this.hostSync(options.delayForCellEdit === true, options.requestBytes ?? 0, options.responseBytes ?? 0);
    return body();
  }

  // ---- WorkbookGateway -------------------------------------------------------------------------

  async scan(options: ScanOptions = {}): Promise<WorkbookSnapshot> {
    const result = await this.run(() => runScan(this.scanSteps(), options));
    this.widthBySheet.clear();
    for (const [sheet, width] of result.widths) this.widthBySheet.set(sheet, width);
    return result.snapshot;
  }

  /** The Office gateway's re-read (scan-runner.ts) over the fake's requests. */
  async readRows(sheetName: string, rows: readonly number[]): Promise<RowUpdate[]> {
    return this.run(async () => {
      const gone = () => new GatewayError('host', `Sheet "${sheetName}" no longer exists.`, 'ItemNotFound');
      const result = await runRowRead(
        {
          loadBlocks: async (batch) => {
            if (!this.sheet(sheetName)) {
              await this.hostSync(true, 0, 0);
              throw gone();
            }
            return this.loadBlocks(batch);
          },
          loadUsedWidth: () => this.hostSync(true, REQUEST_BYTES_PER_ACTION, 40),
          usedLastCol: () => {
            const sheet = this.sheet(sheetName);
            if (!sheet) throw gone();
            return usedExtent(sheet).lastCol;
          },
        },
        sheetName,
        rows,
        this.widthBySheet.get(sheetName),
        this.dateSystem,
      );
      this.widthBySheet.set(sheetName, result.width);
      return result.updates;
    });
  }

  onChange(listener: (change: SheetChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async writeEdits(edits: readonly Edit[], options?: WriteOptions): Promise<WriteOutcome> {
    return this.write(
      editWriteItems(edits, () => this.dateSystem),
      options,
    );
  }

  async restoreCells(restores: readonly CellRestore[], options?: WriteOptions): Promise<WriteOutcome> {
    return this.write(restoreWriteItems(restores), options);
  }

  async setHighlights(highlights: Highlights, options: HighlightOptions = {}): Promise<HighlightOutcome> {
    this.highlightCalls++;
    const mode = options.mode ?? 'auto';
    if (mode === 'auto' && highlightsEqual(highlights, this.lastHighlights)) return WRITTEN;
    const outcome = await this.run(async () => {
      // The sheet's protection is read alone when our formats are known by id, else with the search.
      await this.formatReadSyncs(this.ownFormatsKnown && mode === 'auto' ? 1 : this.formatSearchSyncs());
      // Deleting ours and adding the new set is one batch: it fails whole, and then nothing changed.
      const outcome = await this.inOneBatch(
        () => this.replaceFormats(highlights, mode),
        (o) => o.written,
      );
      if (outcome.written) {
        this.ownFormatsKnown = true;
        this.highlightWrites++;
        this.recordUndo('highlight colours', 1);
      }
      return outcome;
    });
    this.lastHighlights = outcome.written ? highlights : null;
    return outcome;
  }

  async clearHighlights(): Promise<ClearOutcome> {
    const outcome = await this.run(async () => {
      // As the Office gateway: search every sheet, delete what was found, search again to count what is left.
      await this.formatReadSyncs(this.formatSearchSyncs());
      const protectedSheets: string[] = [];
      const removed = await this.inOneBatch(
        () => {
          let n = 0;
          for (const s of this.data.sheets) {
            const mine = s.conditionalFormats.filter((f) => isOwnHighlightFormula(f.formula));
            if (mine.length === 0) continue;
            if (refusesFormats(s)) {
              protectedSheets.push(s.name);
              continue;
            }
            for (const f of mine) deleteFormat(s, f.id);
            n += mine.length;
          }
          return n;
        },
        (n) => n > 0,
      );
      if (removed > 0) this.recordUndo('remove highlight colours', 1);
      await this.formatReadSyncs(this.formatSearchSyncs());
      const remaining = this.data.sheets.reduce((n, s) => n + s.conditionalFormats.filter((f) => isOwnHighlightFormula(f.formula)).length, 0);
      return { removed, remaining, protectedSheets };
    });
    this.lastHighlights = null;
    this.ownFormatsKnown = true;
    return outcome;
  }

  /** Syncs that read sheets and their conditional formats (the search, or the protection alone). */
  private async formatReadSyncs(count: number): Promise<void> {
    const formats = this.data.sheets.reduce((n, s) => n + s.conditionalFormats.length, 0);
    for (let i = 0; i < count; i++) await this.hostSync(true, REQUEST_BYTES_PER_ACTION * (1 + this.data.sheets.length), 40 + 120 * formats);
  }

  /**
   * Format changes queued and sent in one sync, as Excel runs a batch: when the sync fails (a dropped
   * connection, a payload refusal) the workbook is as it was before. `sent` says whether there was
   * anything to send.
   */
  private async inOneBatch<T>(change: () => T, sent: (result: T) => boolean): Promise<T> {
    const undo = batchSavepoint(this.data, []);
    const result = change();
    if (!sent(result)) return result;
    try {
      await this.hostSync(true, REQUEST_BYTES_PER_ACTION * 4, 40);
    } catch (e) {
      undo();
      throw e;
    }
    return result;
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.run(async () => {
      await this.hostSync(true, 3 * REQUEST_BYTES_PER_ACTION, 40);
      if (!this.sheet(sheet)) throw new GatewayError('host', `Sheet "${sheet}" no longer exists.`, 'ItemNotFound');
      this.selection = { sheet, cell };
      this.activeSheet = sheet;
      for (const l of this.selectionListeners) l(this.selection);
    });
  }

  /** The gateway's own sheet insertion (trainer mode): one sync, no change event, as for other own writes. */
  async insertWorksheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void> {
    // One batch (add, number formats, values, activate): it can fail or be too large like any other.
    const width = Math.max(1, ...grid.map((row) => row.length));
    const values = grid.map((row) => Array.from({ length: width }, (_, c) => officeWriteFor(row[c] ?? EMPTY_CELL, 'General', this.dateSystem)));
    await this.run(() => this.hostSync(true, REQUEST_BYTES_PER_ACTION * 4 + 2 * payloadBytes(values.map((r) => r.map((w) => w.value))), 40));
    const refusal = sheetNameRefusal(this.data, name);
    if (refusal === 'ItemAlreadyExists') throw new GatewayError('name-taken', `A sheet named "${name}" already exists.`, 'ItemAlreadyExists');
    if (refusal) throw new SimulatedOfficeError(refusal);
    this.data.sheets.push(simulatedSheet(name, grid, {}, this.dateSystem));
    this.activeSheet = name;
    this.recordUndo('insert sheet', 1);
    // Our own insert is filtered like our other writes; co-authors see a new sheet.
    for (const other of this.coauthors) other.deliver({ sheet: name, source: 'remote', rescan: 'sheet-added', cause: 'edit' });
  }

  // ---- The demo grid's and tests' side of the workbook -----------------------------------------

  listSheets(): string[] {
    return this.data.sheets.map((s) => s.name);
  }

  getCell(sheetName: string, a1: string): Cell {
    const ref = parseA1(a1);
    const sheet = this.sheet(sheetName);
    if (!ref || !sheet) return EMPTY_CELL;
    return typedCellAt(this.data, sheet, ref.row, ref.col);
  }

  /** A user (or co-author) edit of one cell: emits a change with that row. */
  setCell(sheetName: string, a1: string, cell: Cell, options: { source?: 'local' | 'remote'; withRows?: boolean } = {}): void {
    const ref = parseA1(a1);
    if (!ref) throw new Error(`"${a1}" is not a cell address.`);
    this.setCells(sheetName, a1, [[cell]], options);
  }

  /**
   * A typed edit or paste of a block whose top-left cell is `a1`. Excel reports it as one `RangeEdited`
   * event with the block's address string (`withRows: false`: a paste whose event carries no address
   * detail); co-authors receive it as a remote change.
   */
  setCells(
    sheetName: string,
    a1: string,
    grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>,
    options: { source?: 'local' | 'remote'; withRows?: boolean } = {},
  ): void {
    const ref = parseA1(a1);
    if (!ref) throw new Error(`"${a1}" is not a cell address.`);
    const cells = grid.flatMap((row, i) =>
      row.map((cell, j) => ({ row: ref.row + i, col: ref.col + j, cell: cell ? enteredCell(cell, this.dateSystem) : undefined })),
    );
    const width = Math.max(1, ...grid.map((r) => r.length));
    const end = toA1(ref.row + Math.max(grid.length, 1) - 1, ref.col + width - 1);
    const address = end === toA1(ref.row, ref.col) ? toA1(ref.row, ref.col) : `${toA1(ref.row, ref.col)}:${end}`;
    this.userEdit(sheetName, cells, address, { source: options.source ?? 'local', withAddress: options.withRows !== false, what: 'edit' });
  }

  /**
   * The user types one value into a selection of several areas and presses Ctrl+Enter: every cell of
   * every area takes it, and Excel sends one `RangeEdited` event whose address lists the areas
   * (`B9,D12:D13`).
   */
  fillSelection(sheetName: string, areas: readonly string[], cell: Cell): void {
    const cells = areas.flatMap((area) => {
      const range = parseRange(area);
      if (!range) throw new Error(`"${area}" is not a range.`);
      const inArea: Array<{ row: number; col: number; cell: OfficeCell }> = [];
      for (let r = range.start.row; r <= range.end.row; r++)
        for (let c = range.start.col; c <= range.end.col; c++) inArea.push({ row: r, col: c, cell: enteredCell(cell, this.dateSystem) });
      return inArea;
    });
    this.userEdit(sheetName, cells, areas.join(','), { what: 'edit' });
  }

  /** The user selects whole rows and presses Delete: their cells empty, and the event's address is `12:14`. */
  clearRows(sheetName: string, first: number, last: number): void {
    this.deleteContents(sheetName, { firstRow: first, lastRow: last, firstCol: 1, lastCol: 16_384 }, `${first}:${last}`);
  }

  /** The user selects whole columns and presses Delete: their cells empty, and the event's address is `D:E`. */
  clearColumns(sheetName: string, first: number, last: number): void {
    const letters = (col: number): string => toA1(1, col).replace(/\d+$/, '');
    this.deleteContents(sheetName, { firstRow: 1, lastRow: 1_048_576, firstCol: first, lastCol: last }, `${letters(first)}:${letters(last)}`);
  }

  /**
   * Delete over a box (Excel's Clear Contents): values go, number formats stay; one edit of the user's.
   * On a protected sheet every cell of the box must be unlocked, the empty ones past the data included.
   */
  private deleteContents(sheetName: string, box: CellBox, address: string): void {
    const sheet = this.requireSheet(sheetName);
    const boxSize = (box.lastRow - box.firstRow + 1) * (box.lastCol - box.firstCol + 1);
    const unlockedInBox = [...sheet.unlocked].filter((a) => {
      const ref = parseA1(a);
      return ref !== undefined && ref.row >= box.firstRow && ref.row <= box.lastRow && ref.col >= box.firstCol && ref.col <= box.lastCol;
    }).length;
    if (refusesValueWrite(sheet, unlockedInBox === boxSize)) throw new SimulatedOfficeError(ACCESS_DENIED);
    const cells: Array<{ row: number; col: number; cell: OfficeCell }> = [];
    for (let r = box.firstRow; r <= Math.min(box.lastRow, sheet.cells.length); r++) {
      const line = sheet.cells[r - 1] ?? [];
      for (let c = box.firstCol; c <= Math.min(box.lastCol, line.length); c++)
        cells.push({ row: r, col: c, cell: { ...EMPTY_OFFICE_CELL, numberFormat: officeCellAt(sheet, r, c).numberFormat } });
    }
    this.userEdit(sheetName, cells, address, { what: 'clear' });
  }

  /**
   * A user's (or co-author's) edit as Excel takes it: a locked cell of a protected sheet refuses the
   * whole edit (nothing changes, no event), as Excel refuses it with its protection message; otherwise
   * every cell changes, a local edit adds one step to the user's undo, and one `RangeEdited` event
   * goes out with the address (none for a paste without details).
   */
  private userEdit(
    sheetName: string,
    cells: ReadonlyArray<{ readonly row: number; readonly col: number; readonly cell: OfficeCell | undefined }>,
    address: string,
    options: { source?: 'local' | 'remote'; withAddress?: boolean; what: string },
  ): void {
    const sheet = this.requireSheet(sheetName);
    if (cells.some(({ row, col }) => refusesValueWrite(sheet, sheet.unlocked.has(toA1(row, col))))) throw new SimulatedOfficeError(ACCESS_DENIED);
    for (const { row, col, cell } of cells) putOfficeCell(sheet, row, col, cell);
    const source = options.source ?? 'local';
    if (source === 'local') this.undoStack.push({ by: 'user', what: `${options.what} ${sheetName}!${address}` });
    this.emitEvent({ sheet: sheetName, address: options.withAddress === false ? undefined : address, changeType: 'RangeEdited', source });
  }

  /**
   * Delivers a worksheet `onChanged` event as Excel sends it (an address string: one cell, a range,
   * several areas, whole rows or columns) through the same translation the Office gateway uses.
   * A local event also reaches co-authors as remote.
   */
  emitEvent(event: { sheet: string; address: string | undefined; changeType?: string; source?: 'local' | 'remote' }): void {
    const source = event.source ?? 'local';
    const known = this.sheet(event.sheet);
    this.deliver(
      known
        ? sheetChangeFromEvent(event.sheet, event.address, event.changeType, source)
        : { sheet: event.sheet, source, rescan: 'unknown-sheet', cause: 'edit' },
    );
    if (source === 'local') for (const other of this.coauthors) other.emitEvent({ ...event, source: 'remote' });
  }

  /** Formulas recalculated: Excel sends `onCalculated` (no `onChanged`), with the address on ExcelApi 1.13+. */
  recalculate(sheetName: string, address?: string): void {
    const rows = changedRows(address);
    this.deliver({ sheet: sheetName, source: 'local', cause: 'calculated', ...(rows ? { rows } : {}) });
  }

  /** The user renames a sheet: `onNameChanged`. */
  renameSheet(from: string, to: string): void {
    this.requireSheet(from).name = to;
    this.deliver({ sheet: to, source: 'local', rescan: 'sheet-renamed', cause: 'edit' });
  }

  /** The user deletes a sheet: `onDeleted`. */
  deleteSheet(name: string): void {
    this.data.sheets.splice(this.data.sheets.indexOf(this.requireSheet(name)), 1);
    this.deliver({ sheet: name, source: 'local', rescan: 'sheet-deleted', cause: 'edit' });
  }

  /** Adds (or, with `index`, inserts) a sheet as the user does: `onAdded` (a re-scan). */
  addSheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: SheetOptions = {}): void {
    if (this.sheet(name)) throw new Error(`A sheet named "${name}" already exists.`);
    const sheet = simulatedSheet(name, grid, options, this.dateSystem);
    if (options.index === undefined) this.data.sheets.push(sheet);
    else this.data.sheets.splice(options.index, 0, sheet);
    this.activeSheet ??= name;
    this.deliver({ sheet: name, source: 'local', rescan: 'sheet-added', cause: 'edit' });
  }

  /** The user copies a range with MAM Prep's formats (paste, insert): Excel copies the formats too. */
  copyFormatsTo(sheetName: string, addresses: string): number {
    const sheet = this.requireSheet(sheetName);
    const copies = this.data.sheets
      .flatMap((s) => s.conditionalFormats)
      .filter((f) => isOwnHighlightFormula(f.formula))
      .map((f) => ({ type: f.type, formula: f.formula, addresses }));
    for (const copy of copies) addFormat(this.data, sheet, copy);
    return copies.length;
  }

  insertSheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: SheetOptions = {}): void {
    this.addSheet(name, grid, { index: 0, ...options });
  }

  /** Emits a change exactly as given (e.g. one without row details). */
  emit(change: SheetChange): void {
    this.deliver(change);
  }

  private deliver(change: SheetChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  onSelectionChange(listener: (selection: { sheet: string; cell: string }) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  setDefinedName(name: string, reference: string): void {
    this.data.definedNames[name] = reference;
  }

  setProtected(sheetName: string, isProtected: boolean, options: { allowFormatCells?: boolean } = {}): void {
    const sheet = this.requireSheet(sheetName);
    sheet.protected = isProtected;
    sheet.allowFormatCells = options.allowFormatCells ?? false;
  }

  /** Cells shown with each MAM Prep highlight style (the last-added format wins where they overlap). */
  highlightedCells(sheetName: string): Map<string, HighlightKind> {
    const sheet = this.sheet(sheetName);
    const own = (sheet?.conditionalFormats ?? []).filter((f) => isOwnHighlightFormula(f.formula));
    return expandPlan({ sheet: sheetName, layers: own.map((f) => ({ kind: highlightKindOf(f.formula)!, addressLists: [f.addresses] })) });
  }

  /** MAM Prep formats in the workbook, by owner (for co-authoring tests). */
  highlightOwners(): Map<string, number> {
    const owners = new Map<string, number>();
    for (const s of this.data.sheets) {
      for (const f of s.conditionalFormats) {
        if (!isOwnHighlightFormula(f.formula)) continue;
        const owner = highlightOwnerOf(f.formula) ?? '(none)';
        owners.set(owner, (owners.get(owner) ?? 0) + 1);
      }
    }
    return owners;
  }

  // ---- internals ---------------------------------------------------------------------------------

  private sync(): void {
    this.syncCount++;
  }

  private sheet(name: string): SimulatedSheet | undefined {
    return this.data.sheets.find((s) => s.name === name);
  }

  private requireSheet(name: string): SimulatedSheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`Sheet "${name}" does not exist.`);
    return s;
  }

  /**
   * The gateway side of a batch, as OfficeGateway.run: asks for delayForCellEdit and retries a batch
   * refused in cell edit mode.
   */
  private run<T>(body: () => Promise<T>): Promise<T> {
    return retryInCellEditMode(body, this.wait);
  }

  /**
   * One `context.sync()` as the host performs it: cell edit mode first (hold or refuse), then the
   * payload limit of Excel on the web for the request and the response, then it counts.
   */
  private async hostSync(delayForCellEdit: boolean, requestBytes: number, responseBytes: number): Promise<void> {
    await this.editModeGate(delayForCellEdit);
    this.sync();
    this.requestBytes.push(requestBytes);
    this.responseBytes.push(responseBytes);
    if (this.failAtSync !== undefined && this.syncCount === this.failAtSync.index) throw new SimulatedOfficeError(this.failAtSync.code);
    const refused = payloadRefusal(payloadLimitFor(this.behaviours.platform), { requestBytes, responseBytes });
    if (refused) throw refused;
  }

  /** Cell edit mode as the host applies it to a batch: hold it (delayForCellEdit, honoured) or refuse it. */
  private async editModeGate(delayForCellEdit: boolean): Promise<void> {
    try {
      await this.cellEditMode.admit(delayForCellEdit, this.behaviours.delayForCellEdit === 'honoured');
    } catch (e) {
      // A refused batch still made its round trip.
      this.sync();
      throw e;
    }
  }

  /** A read sync: a refusal for size becomes PayloadTooLargeError, as in the Office gateway's syncSized. */
  private async readSync(actions: number, responseBytes: number): Promise<void> {
    try {
      await this.hostSync(true, actions * REQUEST_BYTES_PER_ACTION, responseBytes);
    } catch (e) {
      if (e instanceof SimulatedOfficeError && (e.code === 'ResponsePayloadSizeLimitExceeded' || e.code === 'RequestPayloadSizeLimitExceeded'))
        throw new PayloadTooLargeError();
      throw e;
    }
  }

  /** The blocks Office would return for these ranges (values, number formats, special-cell addresses). */
  private block(sheet: SimulatedSheet, startRow: number, rowCount: number, colCount: number): LoadedBlock {
    const values: unknown[][] = [];
    const numberFormat: unknown[][] = [];
    for (let r = startRow; r < startRow + rowCount; r++) {
      const v: unknown[] = [];
      const f: unknown[] = [];
      for (let c = 1; c <= colCount; c++) {
        const o = officeCellAt(sheet, r, c);
        v.push(o.value);
        f.push(o.numberFormat);
      }
      values.push(v);
      numberFormat.push(f);
    }
    const special = specialCellsOf(sheet, { firstRow: startRow, firstCol: 1, lastRow: startRow + rowCount - 1, lastCol: colCount });
    return {
      startRow,
      startCol: 1,
      values,
      numberFormat,
      formulaAddress: areasAddress(sheet.name, special.formulas),
      errorAddresses: [areasAddress(sheet.name, special.constantErrors), areasAddress(sheet.name, special.formulaErrors)],
    };
  }

  /** One sync loading these chunks (range + 3 special-cell calls each), refused over the web's limit. */
  private async loadBlocks(batch: readonly RowChunk[]): Promise<Array<LoadedChunk<LoadedBlock>>> {
    const loaded = batch.map((chunk) => {
      const block = this.block(this.requireSheet(chunk.sheet), chunk.startRow, chunk.rowCount, chunk.colCount);
      return { data: block, bytes: blockBytes(block) };
    });
    await this.readSync(
      4 * batch.length,
      loaded.reduce((n, l) => n + l.bytes, 0),
    );
    return loaded;
  }

  private scanSteps(): ScanSteps {
    return {
      listSheets: async () => {
        const sheets = this.data.sheets.map((s) => ({ name: s.name, hidden: s.hidden }));
        const definedNames = { ...this.data.definedNames };
        const date2000 = this.behaviours.evaluatesFunctions ? DATE_2000[this.dateSystem] : null;
        await this.readSync(3, payloadBytes({ sheets, definedNames, date2000 }));
        return { sheets, definedNames, date2000 };
      },
      loadHeads: async (names, rows, cols) => {
        const heads = names.map((name) => {
          const sheet = this.requireSheet(name);
          const extent = usedExtent(sheet);
          return { used: extent.lastRow === 0 ? null : extent, head: this.block(sheet, 1, rows, cols) };
        });
        await this.readSync(
          5 * names.length,
          heads.reduce((n, h) => n + payloadBytes(h.used) + blockBytes(h.head), 0),
        );
        return heads;
      },
      loadBounds: async (requests: readonly BoundRequest[]) => {
        const results = requests.map((req): BoundResult => {
          const sheet = this.requireSheet(req.sheet);
          if (req.kind === 'used') {
            const extent = usedExtent(sheet, { firstRow: 1, firstCol: 1, lastRow: 1_048_576, lastCol: req.lastCol });
            return { used: extent.lastRow === 0 ? null : extent };
          }
          return { validation: this.rangeValidation(sheet, req.col, req.firstRow, req.lastRow) };
        });
        await this.readSync(requests.length, payloadBytes(results));
        return results;
      },
      loadBlocks: (chunks) => this.loadBlocks(chunks),
    };
  }

  /** A column range's data validation as Office reports it: one list, none, or Inconsistent. */
  private rangeValidation(sheet: SimulatedSheet, col: number, firstRow: number, lastRow: number): RangeValidation {
    const sources = listSources(sheet, { firstRow, firstCol: col, lastRow, lastCol: col });
    if (sources.size > 1) return { type: 'Inconsistent' };
    const [only] = [...sources];
    return only ? { type: 'List', source: only } : { type: 'None' };
  }

  /**
   * As the Office gateway: edit mode waited out, missing sheets looked up, then the checked write in
   * parts (write-plan.ts) inside one call, a failure reported as the Office gateway reports it.
   */
  private async write(items: readonly CheckedWriteItem[], options?: WriteOptions): Promise<WriteOutcome> {
    if (items.length === 0) return { applied: [], skipped: [], undoSteps: 0 };
    const skipped: SkippedEdit[] = [];
    const skip = (item: Pick<CheckedWriteItem, 'sheet' | 'cell'>, reason: SkipReason) =>
      skipped.push({ sheet: item.sheet, cell: item.cell, reason, message: SKIP_MESSAGES[reason](item.sheet, item.cell) });
    try {
      // The check-and-write batch waits out cell edit mode like every gateway batch (host-run.ts).
      await this.run(() => this.editModeGate(true));
    } catch (e) {
      if (!(e instanceof GatewayError && e.code === 'edit-mode')) throw e;
      for (const i of items) skip(i, 'edit-mode');
      return { applied: [], skipped, undoSteps: 0 };
    }
    if (items.some((i) => !this.sheet(i.sheet))) {
      // The Office gateway's first batch fails on the missing sheet: it lists the sheets, then checks the rest again.
      this.sync();
      this.syncCount += SYNCS.missingSheetLookup;
    }
    const present = items.filter((i) => {
      if (this.sheet(i.sheet) && parseA1(i.cell)) return true;
      skip(i, 'missing-sheet');
      return false;
    });
    const progress = startProgress<CheckedWriteItem>(skipped);
    try {
      const done = await this.checkAndWrite(planWriteChunks(present), skip, skipped, options, progress);
      const undoSteps = this.recordUndo(done.applied.length > 0 ? 'MAM Prep fix' : 'highlight colours', done.writeSyncs);
      if (done.writeSyncs > 0) this.undoSteps++;
      return { applied: done.applied, skipped, undoSteps, ...(done.highlights ? { highlights: done.highlights } : {}) };
    } catch (e) {
      // Excel commits each sync's batch: a failure in a later part leaves the earlier parts written (write-plan.ts).
      const code = officeErrorCode(e);
      const reported = failedWriteOutcome({ code, editMode: code === CELL_EDIT_MODE_CODE }, progress, present, skipped, skip);
      if (!reported) throw e;
      const undoSteps = this.recordUndo('MAM Prep fix', reported.writeSyncs);
      if (reported.writeSyncs > 0) this.undoSteps++;
      return { applied: reported.applied, skipped, undoSteps };
    }
  }

  /**
   * The Office gateway's checked write (write-plan.ts) over the fake's requests: each check sync is
   * measured as Office would serialise it and refused over the host's limit; each write sync applies
   * Excel's own refusals to the whole batch before anything changes.
   */
  private async checkAndWrite(
    chunks: ReadonlyArray<readonly CheckedWriteItem[]>,
    skip: (item: CheckedWriteItem, reason: SkipReason) => void,
    skipped: readonly SkippedEdit[],
    options: WriteOptions | undefined,
    progress: WriteProgress<CheckedWriteItem>,
  ): Promise<{ applied: Array<{ sheet: string; cell: string; before: Cell; after: Cell }>; writeSyncs: number; highlights?: HighlightOutcome }> {
    type Queued = { sheet: SimulatedSheet; row: number; col: number; value: unknown; numberFormat: string | undefined };
    let batch: Queued[] = [];
    // Taken before the part's highlight refresh is applied, so a refused batch puts everything back.
    let rollback: (() => void) | null = null;
    const done = await runCheckedWrite<CheckedWriteItem>(
      {
        check: async (part, withHighlights) => {
          batch = [];
          rollback = null;
          const bytes = officeRequestBytes(part);
          this.largestWriteRequestBytes = Math.max(this.largestWriteRequestBytes, bytes);
          await this.hostSync(true, bytes, payloadBytes(part.map(() => ['', 'General', 'String', '', true])));
          // The highlight sheet's formats are searched for (2 or 3 more syncs) until they are known by id.
          if (withHighlights && !this.ownFormatsKnown) await this.formatReadSyncs(this.formatSearchSyncs());
          return part.map((item): CheckedCell => {
            const sheet = this.sheet(item.sheet)!;
            const ref = parseA1(item.cell)!;
            return {
              sheetProtected: sheet.protected,
              allowFormatCells: sheet.allowFormatCells,
              locked: !sheet.unlocked.has(toA1(ref.row, ref.col)),
              current: typedCellAt(this.data, sheet, ref.row, ref.col),
              numberFormat: officeCellAt(sheet, ref.row, ref.col).numberFormat,
            };
          });
        },
        queueWrite: (item, write) => {
          const sheet = this.sheet(item.sheet)!;
          const ref = parseA1(item.cell)!;
          batch.push({ sheet, row: ref.row, col: ref.col, value: write.value, numberFormat: write.numberFormat });
        },
        queueHighlights: (wanted) => {
          // The refresh is applied now and rolled back if the write sync fails (Excel drops the whole batch).
          rollback = batchSavepoint(this.data, batch);
          const outcome = this.replaceFormats(wanted, 'auto');
          return {
            outcome,
            queued: outcome.written,
            afterCommit: () => {
              if (!outcome.written) return;
              this.ownFormatsKnown = true;
              this.lastHighlights = wanted;
              this.highlightWrites++;
            },
          };
        },
        commit: async () => {
          const undo = rollback ?? batchSavepoint(this.data, batch);
          try {
            await this.hostSync(true, 0, 40);
            // The values and number formats the Office gateway sets, as Excel takes them: a refusal
            // (AccessDenied on a protected sheet), whatever the gateway decided, fails the whole batch.
            for (const w of batch) {
              writeValue(this.data, w.sheet, w.row, w.col, w.value);
              if (w.numberFormat !== undefined) writeNumberFormat(w.sheet, w.row, w.col, w.numberFormat);
            }
          } catch (e) {
            undo();
            throw e;
          }
          // Our own writes: the Office gateway filters their change events, so the fake emits none here.
          if (batch.length > 0)
            for (const other of this.coauthors)
              for (const w of batch) other.emitEvent({ sheet: w.sheet.name, address: toA1(w.row, w.col), changeType: 'RangeEdited', source: 'remote' });
        },
      },
      chunks,
      { skip, skipped, progress },
      options?.highlightsAfter,
      this.dateSystem,
    );
    return { applied: done.applied, writeSyncs: done.writeSyncs, ...(done.highlights ? { highlights: done.highlights } : {}) };
  }

  /**
   * Replaces MAM Prep formats on the highlight sheet as the Office gateway does: never on a sheet
   * that refuses formats; `auto` leaves another user's formats alone (and then writes nothing).
   */
  private replaceFormats(highlights: Highlights, mode: 'auto' | 'request'): HighlightOutcome {
    const sheet = this.sheet(highlights.sheet);
    if (!sheet) return { written: false, protectedSheets: [], skippedReason: 'error' };
    if (refusesFormats(sheet)) return { written: false, protectedSheets: [highlights.sheet], skippedReason: 'protected' };
    const others = sheet.conditionalFormats.filter((f) => isOwnHighlightFormula(f.formula) && isOtherUser(f.formula, this.user));
    if (mode === 'auto' && others.length > 0) return { written: false, protectedSheets: [], skippedReason: 'other-user' };
    for (const s of this.data.sheets) {
      for (const f of s.conditionalFormats.filter((x) => isOwnHighlightFormula(x.formula))) {
        const mine = !isOtherUser(f.formula, this.user);
        if (mine || (mode === 'request' && s === sheet)) {
          if (refusesFormats(s)) continue;
          deleteFormat(s, f.id);
        }
      }
    }
    for (const layer of planHighlights(highlights).layers) {
      for (const addresses of layer.addressLists) addFormat(this.data, sheet, { type: 'Custom', formula: highlightFormula(layer.kind, this.user), addresses });
    }
    // The workbook counts as changed once the batch is sent (recordUndo), not when it is queued.
    return WRITTEN;
  }

  /** Applies Excel's undo behaviour for MAM Prep writes made in `writeSyncs` syncs of one call; returns the steps added. */
  private recordUndo(what: string, writeSyncs: number): number {
    if (writeSyncs === 0) return 0;
    this.dirtiedByAddIn = true;
    switch (this.capabilities.undo) {
      case 'none':
        return 0;
      case 'clears':
        this.undoStack = [];
        return 0;
      case 'separate':
        for (let i = 0; i < writeSyncs; i++) this.undoStack.push({ by: 'mam-prep', what });
        return writeSyncs;
      case 'merged':
        this.undoStack.push({ by: 'mam-prep', what });
        return 1;
    }
  }

  /**
   * Syncs of the Office gateway's search for MAM Prep formats: the sheets, their conditional formats,
   * and the formulas of the custom ones when there are any.
   */
  private formatSearchSyncs(): number {
    return this.data.sheets.some((s) => s.conditionalFormats.some((f) => f.type === 'Custom')) ? 3 : 2;
  }
}

function isOtherUser(formula: string, user: string): boolean {
  const owner = highlightOwnerOf(formula);
  return owner !== null && owner !== user;
}

/**
 * Request bytes of one checked write as Office.js serializes it: per cell, object paths for the
 * sheet's range and its format protection, queries for four range properties and `locked`, and
 * property sets for the value and number format (Office's RichApi JSON shape).
 */
function officeRequestBytes(items: readonly CheckedWriteItem[]): number {
  let id = 10;
  let bytes = 0;
  for (const item of items) {
    const range = ++id;
    const protection = ++id;
    const write = officeWriteFor(item.next, undefined);
    const parts = [
      { Id: range, ObjectPathType: 3, Name: 'getRange', ParentObjectPathId: 4, ArgumentInfo: { Arguments: [item.cell] } },
      { Id: ++id, ActionType: 1, Name: '', ObjectPathId: range },
      {
        Id: ++id,
        ActionType: 2,
        Name: '',
        ObjectPathId: range,
        QueryInfo: { Select: ['values', 'numberFormat', 'valueTypes', 'formulas'], Expand: [], Skip: null, Top: null },
      },
      { Id: ++id, ObjectPathType: 4, Name: 'format', ParentObjectPathId: range },
      { Id: protection, ObjectPathType: 4, Name: 'protection', ParentObjectPathId: id - 1 },
      { Id: ++id, ActionType: 2, Name: '', ObjectPathId: protection, QueryInfo: { Select: ['locked'], Expand: [], Skip: null, Top: null } },
      { Id: ++id, ActionType: 4, Name: 'values', ObjectPathId: range, ArgumentInfo: { Arguments: [[[write.value]]] } },
      { Id: ++id, ActionType: 4, Name: 'numberFormat', ObjectPathId: range, ArgumentInfo: { Arguments: [[[write.numberFormat ?? 'General']]] } },
    ];
    for (const part of parts) bytes += JSON.stringify(part).length + 1;
  }
  return bytes;
}
