import type { Cell } from '../engine/cell';
import { EMPTY_CELL } from '../engine/cell';
import type { Edit } from '../engine/fix-planner';
import type { RowUpdate } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import type { DateSystem } from '../engine/date-system';
import { changedRows, sheetChangeFromEvent } from './change-rows';
import type {
  CellRestore,
  ClearOutcome,
  EventStatus,
  GatewayCapabilities,
  HighlightOptions,
  HighlightOutcome,
  Highlights,
  ScanOptions,
  SettingsStore,
  SheetChange,
  SkippedEdit,
  WorkbookGateway,
  WriteOptions,
  WriteOutcome,
} from './gateway';
import { GatewayError } from './gateway';
import {
  HIGHLIGHT_STYLES,
  highlightFormula,
  highlightOwnerOf,
  highlightsEqual,
  isOwnHighlightFormula,
  newHighlightOwner,
  planHighlights,
} from './highlight-plan';
import { officeErrorCode, realWait, retryInCellEditMode } from './host-run';
import type { LoadedBlock } from './office-cells';
import { blockBytes, cellFromOffice, officeWriteFor, SKIP_MESSAGES } from './office-cells';
import { OwnWriteGuard } from './own-write-guard';
import type { LoadedChunk, RowChunk } from './scan-plan';
import { PayloadTooLargeError } from './scan-plan';
import type { BoundRequest, BoundResult, RangeValidation, ScanSteps, UsedExtent } from './scan-runner';
import { runRowRead, runScan } from './scan-runner';
import type { OfficeDocumentSettings } from './settings-stores';
import { browserLocalStorage, LocalStorageSettingsStore, OfficeDocumentSettingsStore } from './settings-stores';
import type { CheckedCell, CheckedWriteItem, WriteProgress } from './write-plan';
import { editWriteItems, failedWriteOutcome, planWriteChunks, restoreWriteItems, runCheckedWrite, startProgress } from './write-plan';

/**
 * The WorkbookGateway over Office.js: the only module that calls Excel. Every operation is a fixed
 * number of `context.sync()` calls (scans grow with the sheet's size, never with its findings):
 *
 * - scan: 2 or 3 (scan-runner.ts) + one per request of rows sized by measured payload (scan-plan.ts)
 * - readRows: one per request of changed rows (the first also loads the used range); a one-cell
 *   edit costs 1, plus 1 when the sheet's width is not known yet or has grown
 * - writeEdits / restoreCells: 2 (read and check every target; write the ones that still match)
 * - setHighlights / clearHighlights: 0 when the set did not change; 1 when it did and our formats are
 *   known by id (after the first call); 4 for the first call (search every sheet for our marker)
 * - select: 1
 *
 * Every batch goes through `run`, which asks Excel to hold it while the user is editing a cell and
 * retries it on hosts that ignore that (host-run.ts).
 */

export interface RunOptions {
  readonly mergeUndoGroup?: boolean;
  /** Hold the batch until the user leaves cell edit mode instead of failing it (ExcelApi 1.11). */
  readonly delayForCellEdit?: boolean;
}

/** What the gateway needs from the host; `officeHostFromGlobals()` gives the real one, tests a mock. */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T>;
  /** Removes an event handler in its own context (Office's pattern for `EventHandlerResult`). */
  removeHandler(handler: OfficeExtension.EventHandlerResult<unknown>): Promise<void>;
  isSetSupported(name: string, version: string): boolean;
  readonly documentSettings: OfficeDocumentSettings;
  readonly localStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** `Office.context.partitionKey`, where the host gives one: user settings are keyed with it. */
  readonly partitionKey?: string;
  readonly platform: 'web' | 'desktop';
}

/** Timers for retrying a failed event registration (tests pass a manual scheduler). */
export interface GatewayTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export function officeHostFromGlobals(): OfficeHost {
  return {
    run: (batch, options) => Excel.run(options ?? {}, batch),
    removeHandler: (handler) =>
      Excel.run(handler.context as Excel.RequestContext, async (context) => {
        handler.remove();
        await context.sync();
      }),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    documentSettings: Office.context.document.settings as unknown as OfficeDocumentSettings,
    localStorage: browserLocalStorage(),
    partitionKey: Office.context.partitionKey || undefined,
    platform: String(Office.context.platform) === 'OfficeOnline' ? 'web' : 'desktop',
  };
}

const RANGE_PROPS = ['values', 'numberFormat', 'valueTypes', 'formulas'];
/** A scan loads only these per cell; formulas and errors come from special-cell addresses (office-cells.ts). */
const READ_PROPS = ['values', 'numberFormat'];

type AppliedCell = WriteOutcome['applied'][number];

export class OfficeGateway implements WorkbookGateway {
  readonly documentSettings: SettingsStore;
  readonly userSettings: SettingsStore;
  readonly capabilities: GatewayCapabilities;

  private readonly guard: OwnWriteGuard;
  private readonly listeners = new Set<(change: SheetChange) => void>();
  private registration: Promise<Array<OfficeExtension.EventHandlerResult<unknown>>> | null = null;
  private readonly statusListeners = new Set<(status: EventStatus) => void>();
  private eventStatus: EventStatus | null = null;
  private registrationFailures = 0;
  private retryHandle: unknown = null;
  private readonly retryDelaysMs: readonly number[];
  private readonly timers: GatewayTimers;
  /** The id this user's highlight formats carry (read from user settings on first use). */
  private owner: string | null = null;
  private readonly sheetNamesById = new Map<string, string>();
  private lastHighlights: Highlights | null = null;
  /** Last used column per sheet, so a row re-read needs no extra sync to find the width. */
  private readonly widthBySheet = new Map<string, number>();
  /** Our conditional formats added this session; null until a full search has removed older ones. */
  private ownFormats: OwnFormat[] | null = null;
  /** The workbook's date system, learnt by the last scan (1900 until then). */
  private dateSystem: DateSystem = '1900';
  private readonly wait: (ms: number) => Promise<void>;

  constructor(
    private readonly host: OfficeHost,
    options: { now?: () => number; timers?: GatewayTimers; retryDelaysMs?: readonly number[]; wait?: (ms: number) => Promise<void> } = {},
  ) {
    this.wait = options.wait ?? realWait;
    this.guard = new OwnWriteGuard(options.now);
    this.timers = options.timers ?? {
      set: (callback, ms) => setTimeout(callback, ms),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000];
    this.documentSettings = new OfficeDocumentSettingsStore(host.documentSettings);
    this.userSettings = new LocalStorageSettingsStore(host.localStorage, { partitionKey: host.partitionKey });
    this.capabilities = {
      undoGroups: host.isSetSupported('ExcelApi', '1.20'),
      undo: host.isSetSupported('ExcelApi', '1.20') ? 'merged' : host.isSetSupported('ExcelApi', '1.19') ? 'separate' : 'clears',
      changeSource: host.isSetSupported('ExcelApi', '1.7'),
      triggerSource: host.isSetSupported('ExcelApi', '1.14'),
      host: host.platform === 'web' ? 'excel-web' : 'excel-desktop',
    };
  }

  // ---- reading -------------------------------------------------------------------------------------

  /** The one way into Excel: every batch waits out cell edit mode (host-run.ts). */
  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options: RunOptions = {}): Promise<T> {
    return retryInCellEditMode(() => this.host.run(batch, { ...options, delayForCellEdit: true }), this.wait);
  }

  async scan(options: ScanOptions = {}): Promise<WorkbookSnapshot> {
    const result = await this.run((context) =>
      runScan(
        officeScanSteps(context, (items) => this.rememberSheets(items)),
        options,
      ),
    );
    this.dateSystem = result.report.dateSystem;
    this.widthBySheet.clear();
    for (const [sheet, width] of result.widths) this.widthBySheet.set(sheet, width);
    return result.snapshot;
  }

  /**
   * One sync when the sheet's width is known from an earlier read: the rows are loaded at that width
   * together with the used range, and only if the sheet grew wider are they read again (a second sync).
   * Width is capped at MAX_SCAN_COLS, as in the scan.
   */
  readRows(sheet: string, rows: readonly number[]): Promise<RowUpdate[]> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('columnIndex,columnCount');
      const result = await runRowRead(
        {
          loadBlocks: async (batch) => {
            const queued = batch.map((chunk) => queueBlock(ws, chunk));
            await syncSized(context);
            return queued.map(readBlock);
          },
          loadUsedWidth: () => context.sync(),
          usedLastCol: () => {
            if (ws.isNullObject) throw new GatewayError('host', `Sheet "${sheet}" no longer exists.`, 'ItemNotFound');
            return used.isNullObject ? 0 : used.columnIndex + used.columnCount;
          },
        },
        sheet,
        rows,
        this.widthBySheet.get(sheet),
        this.dateSystem,
      );
      this.widthBySheet.set(sheet, result.width);
      return result.updates;
    });
  }

  // ---- change events -------------------------------------------------------------------------------

  onChange(listener: (change: SheetChange) => void): () => void {
    this.listeners.add(listener);
    this.ensureRegistered();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.registration) {
        const pending = this.registration;
        this.registration = null;
        this.cancelRetry();
        void pending.then((handlers) => Promise.all(handlers.map((h) => this.host.removeHandler(h)))).catch(() => undefined);
      }
    };
  }

  onEventStatus(listener: (status: EventStatus) => void): () => void {
    this.statusListeners.add(listener);
    if (this.eventStatus) listener(this.eventStatus);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  /** Handles one `worksheets.onChanged` event; public so tests can drive it without a host. */
  async handleChanged(
    event: Pick<Excel.WorksheetChangedEventArgs, 'worksheetId' | 'address' | 'changeType' | 'source'> & { triggerSource?: string },
  ): Promise<void> {
    if (event.triggerSource === 'ThisLocalAddin') return;
    const sheet = this.sheetNamesById.get(event.worksheetId) ?? (await this.lookUpSheetName(event.worksheetId));
    const source = event.source === 'Remote' ? ('remote' as const) : ('local' as const);
    if (sheet === undefined) {
      // A sheet the pane has never seen (added and edited before its onAdded arrived): re-scan.
      this.emit({ sheet: '', source, rescan: 'unknown-sheet', cause: 'edit' });
      return;
    }
    // Hosts without triggerSource: recognise our own writes by the cells we just wrote.
    if (event.triggerSource === undefined && this.guard.consume(sheet, event.address)) return;
    this.emit(sheetChangeFromEvent(sheet, event.address, event.changeType, source));
  }

  /** `worksheets.onAdded` / `onDeleted` / `onNameChanged`: the workbook's shape changed. */
  async handleSheetEvent(
    kind: 'sheet-added' | 'sheet-deleted' | 'sheet-renamed',
    event: { worksheetId: string; source?: string; nameAfter?: string },
  ): Promise<void> {
    const known = this.sheetNamesById.get(event.worksheetId);
    if (kind === 'sheet-deleted') this.sheetNamesById.delete(event.worksheetId);
    else if (kind === 'sheet-renamed' && event.nameAfter) this.sheetNamesById.set(event.worksheetId, event.nameAfter);
    const sheet = kind === 'sheet-deleted' ? known : (event.nameAfter ?? (await this.lookUpSheetName(event.worksheetId)));
    this.emit({ sheet: sheet ?? '', source: event.source === 'Remote' ? 'remote' : 'local', rescan: kind, cause: 'edit' });
  }

  /** `worksheets.onCalculated`: formula results changed; the address (ExcelApi 1.13) names the cells. */
  async handleCalculated(event: { worksheetId: string; address?: string }): Promise<void> {
    const sheet = this.sheetNamesById.get(event.worksheetId) ?? (await this.lookUpSheetName(event.worksheetId));
    if (sheet === undefined) {
      this.emit({ sheet: '', source: 'local', rescan: 'unknown-sheet', cause: 'calculated' });
      return;
    }
    const rows = changedRows(event.address);
    this.emit({ sheet, source: 'local', cause: 'calculated', ...(rows ? { rows } : {}) });
  }

  private emit(change: SheetChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  private ensureRegistered(): void {
    if (this.registration) return;
    const attempt = this.register();
    this.registration = attempt;
    attempt.then(
      () => {
        this.registrationFailures = 0;
        this.setEventStatus({ state: 'listening' });
      },
      (e: unknown) => {
        if (this.registration !== attempt) return;
        this.registration = null;
        const delay = this.retryDelaysMs[this.registrationFailures];
        this.registrationFailures++;
        const why = e instanceof GatewayError && e.code === 'edit-mode' ? ' while a cell was being edited' : '';
        this.setEventStatus({
          state: 'failed',
          retrying: delay !== undefined,
          message:
            delay !== undefined
              ? `MAM Prep could not start listening for your edits${why}; it is trying again. Until then, use Re-check to see changes.`
              : 'MAM Prep could not listen for your edits, so changes are checked only when you press Re-check. Reopen the add-in to try again.',
        });
        if (delay !== undefined && this.listeners.size > 0) {
          this.retryHandle = this.timers.set(() => {
            this.retryHandle = null;
            if (this.listeners.size > 0) this.ensureRegistered();
          }, delay);
        }
      },
    );
  }

  /** Retries a failed registration now (the pane's "Try again"). */
  retryEvents(): void {
    this.cancelRetry();
    this.registrationFailures = 0;
    if (this.listeners.size > 0) this.ensureRegistered();
  }

  private cancelRetry(): void {
    if (this.retryHandle !== null) this.timers.clear(this.retryHandle);
    this.retryHandle = null;
  }

  private setEventStatus(status: EventStatus): void {
    this.eventStatus = status;
    for (const l of [...this.statusListeners]) l(status);
  }

  /** Subscribes every event the host supports in one batch; an unsupported one is simply not asked for. */
  private register(): Promise<Array<OfficeExtension.EventHandlerResult<unknown>>> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      const handlers: Array<OfficeExtension.EventHandlerResult<unknown>> = [worksheets.onChanged.add((event) => this.handleChanged(event))];
      if (this.host.isSetSupported('ExcelApi', '1.7')) {
        handlers.push(worksheets.onAdded.add((event) => this.handleSheetEvent('sheet-added', event)));
        handlers.push(worksheets.onDeleted.add((event) => this.handleSheetEvent('sheet-deleted', event)));
      }
      if (this.host.isSetSupported('ExcelApi', '1.8')) handlers.push(worksheets.onCalculated.add((event) => this.handleCalculated(event)));
      if (this.host.isSetSupported('ExcelApi', '1.17')) handlers.push(worksheets.onNameChanged.add((event) => this.handleSheetEvent('sheet-renamed', event)));
      await context.sync();
      this.rememberSheets(worksheets.items);
      return handlers;
    });
  }

  private lookUpSheetName(id: string): Promise<string | undefined> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      await context.sync();
      this.rememberSheets(worksheets.items);
      return this.sheetNamesById.get(id);
    });
  }

  private rememberSheets(items: readonly Excel.Worksheet[]): void {
    this.sheetNamesById.clear();
    for (const ws of items) this.sheetNamesById.set(ws.id, ws.name);
  }

  // ---- writing -------------------------------------------------------------------------------------

  writeEdits(edits: readonly Edit[], options?: WriteOptions): Promise<WriteOutcome> {
    return this.write(
      editWriteItems(edits, () => this.dateSystem),
      options,
    );
  }

  restoreCells(restores: readonly CellRestore[], options?: WriteOptions): Promise<WriteOutcome> {
    return this.write(restoreWriteItems(restores), options);
  }

  /**
   * Checks and writes in chunks sized by request payload (write-plan.ts), all in ONE Excel.run: with
   * `mergeUndoGroup` (ExcelApi 1.20+) the whole call, its highlight refresh included, is one undo step.
   * Each chunk reads its targets in one sync and writes the ones that still hold what the fix expects
   * in the next, so the check and the write see the same state.
   */
  private async write(items: readonly CheckedWriteItem[], options: WriteOptions | undefined, missing: readonly string[] = []): Promise<WriteOutcome> {
    const skipped: SkippedEdit[] = [];
    const skip = (item: Pick<CheckedWriteItem, 'sheet' | 'cell'>, reason: SkippedEdit['reason']) =>
      skipped.push({ sheet: item.sheet, cell: item.cell, reason, message: SKIP_MESSAGES[reason](item.sheet, item.cell) });
    for (const item of items) if (missing.includes(item.sheet)) skip(item, 'missing-sheet');
    const present = items.filter((i) => !missing.includes(i.sheet));
    if (present.length === 0) return { applied: [], skipped, undoSteps: 0 };
    const progress = startProgress<CheckedWriteItem>(skipped);
    try {
      const done = await this.run(
        async (context) => this.checkAndWrite(context, planWriteChunks(present), skip, skipped, options?.highlightsAfter, progress),
        this.capabilities.undo === 'merged' ? { mergeUndoGroup: true } : {},
      );
      if (done.highlights?.written) this.lastHighlights = done.highlightsWritten;
      const undoSteps = done.writeSyncs === 0 ? 0 : this.capabilities.undo === 'merged' ? 1 : this.capabilities.undo === 'separate' ? done.writeSyncs : 0;
      return { applied: done.applied, skipped, undoSteps, ...(done.highlights ? { highlights: done.highlights } : {}) };
    } catch (e) {
      const code = errorCode(e);
      const editMode = code === 'InvalidOperationInCellEditMode' || (e instanceof GatewayError && e.code === 'edit-mode');
      // Earlier parts stay written: they are reported (the journal records them) with every cell that was not.
      const reported = failedWriteOutcome({ code, editMode }, progress, present, skipped, skip);
      if (reported) {
        const undoSteps =
          reported.writeSyncs === 0 ? 0 : this.capabilities.undo === 'merged' ? 1 : this.capabilities.undo === 'separate' ? reported.writeSyncs : 0;
        return { applied: reported.applied, skipped, undoSteps };
      }
      if (code === 'ItemNotFound' && missing.length === 0) {
        // A sheet was renamed or deleted since it was read: find which, report those, retry the rest.
        const existing = await this.run(async (context) => {
          const worksheets = context.workbook.worksheets;
          worksheets.load('items/name,items/id');
          await context.sync();
          this.rememberSheets(worksheets.items);
          return new Set(worksheets.items.map((ws) => ws.name));
        });
        const gone = [...new Set(items.map((i) => i.sheet))].filter((s) => !existing.has(s));
        if (gone.length > 0) return this.write(items, options, gone);
      }
      throw e;
    }
  }

  private async checkAndWrite(
    context: Excel.RequestContext,
    chunks: ReadonlyArray<readonly CheckedWriteItem[]>,
    skip: (item: CheckedWriteItem, reason: SkippedEdit['reason']) => void,
    skipped: readonly SkippedEdit[],
    highlightsAfter: WriteOptions['highlightsAfter'],
    progress: WriteProgress<CheckedWriteItem>,
  ): Promise<{ applied: AppliedCell[]; writeSyncs: number; highlights?: HighlightOutcome; highlightsWritten: Highlights | null }> {
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetFor = (name: string): Excel.Worksheet => {
      let ws = sheets.get(name);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(name);
        ws.protection.load('protected,options');
        sheets.set(name, ws);
      }
      return ws;
    };
    let ranges = new Map<CheckedWriteItem, Excel.Range>();
    let highlightTarget: { sheet: string; ws: Excel.Worksheet; formats: FoundFormats } | null = null;
    return runCheckedWrite<CheckedWriteItem>(
      {
        check: async (part, withHighlights) => {
          const targets = part.map((item) => {
            const ws = sheetFor(item.sheet);
            const range = ws.getRange(item.cell);
            range.load(RANGE_PROPS);
            range.format.protection.load('locked');
            return { item, ws, range };
          });
          ranges = new Map(targets.map((t) => [t.item, t.range]));
          // The sheet whose highlights will be refreshed: its protection and our formats are read before
          // anything is written, so the refresh can ride in the same write sync (one undo record on 1.19).
          const highlightSheet = withHighlights ? (this.lastHighlights?.sheet ?? chunks[0]![0]!.sheet) : null;
          const highlightWs = highlightSheet !== null ? sheetFor(highlightSheet) : null;
          await context.sync();
          if (highlightSheet !== null && highlightWs)
            highlightTarget = { sheet: highlightSheet, ws: highlightWs, formats: await this.findFormats(context, 'auto') };
          return targets.map(({ ws, range }): CheckedCell => {
            const guard = protectionOf(ws);
            const format: unknown = range.numberFormat[0]?.[0];
            return {
              sheetProtected: guard.protected,
              allowFormatCells: guard.allowFormatCells,
              locked: range.format.protection.locked !== false,
              current: cellFromOffice(range.values[0]?.[0], format, range.valueTypes[0]?.[0], range.formulas[0]?.[0], this.dateSystem),
              numberFormat: typeof format === 'string' ? format : undefined,
            };
          });
        },
        queueWrite: (item, write) => {
          const range = ranges.get(item)!;
          if (write.numberFormat !== undefined) range.numberFormat = [[write.numberFormat]];
          range.values = [[write.value]];
          if (!this.capabilities.triggerSource) this.guard.expect(item.sheet, [item.cell]);
        },
        queueHighlights: (wanted) => {
          const target = highlightTarget!;
          const refresh = this.queueReplace(context, wanted, 'auto', target.formats, target.ws, wanted.sheet === target.sheet);
          return { outcome: refresh.outcome, queued: refresh.queued, afterCommit: () => refresh.commit() };
        },
        commit: () => context.sync(),
      },
      chunks,
      { skip, skipped, progress },
      highlightsAfter,
      this.dateSystem,
    );
  }

  // ---- highlights ----------------------------------------------------------------------------------

  /**
   * Replaces this user's MAM Prep formats on the sheet with the new set, after reading the sheet's
   * protection: a protected sheet (without "Format cells") is left alone and the outcome says so.
   * The formats added this session are known by id (2 syncs); otherwise every sheet is searched for
   * our marker first (4 syncs). The template's own formats and fills are never touched.
   */
  async setHighlights(highlights: Highlights, options: HighlightOptions = {}): Promise<HighlightOutcome> {
    const mode = options.mode ?? 'auto';
    if (mode === 'auto' && highlightsEqual(highlights, this.lastHighlights)) return { written: true, protectedSheets: [] };
    const outcome = await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(highlights.sheet);
      ws.protection.load('protected,options');
      // The protection load rides on the search's first sync when there is a search.
      const formats = await this.findFormats(context, mode);
      if (formats.known) await context.sync();
      if (ws.isNullObject) return { written: false, protectedSheets: [], skippedReason: 'error' as const };
      const refresh = this.queueReplace(context, highlights, mode, formats, ws, true);
      if (refresh.queued) {
        await context.sync();
        refresh.commit();
      }
      return refresh.outcome;
    });
    this.lastHighlights = outcome.written ? highlights : null;
    return outcome;
  }

  /**
   * Searches every sheet for MAM Prep formats, whoever wrote them and wherever Excel copied them
   * (paste, insert, sheet copy), deletes those on sheets that allow it, then searches again to count
   * what is left. Formats on protected sheets stay and are reported.
   */
  async clearHighlights(): Promise<ClearOutcome> {
    const result = await this.run(async (context) => {
      const found = await this.searchFormats(context, true);
      const blocked = new Set<string>();
      let removed = 0;
      for (const f of found) {
        if (f.sheetProtected) blocked.add(f.sheet);
        else {
          f.format.delete();
          removed++;
        }
      }
      if (removed > 0) await context.sync();
      const remaining = await this.searchFormats(context, false);
      return { removed, remaining: remaining.length, protectedSheets: [...blocked] };
    });
    this.ownFormats = [];
    this.lastHighlights = null;
    return result;
  }

  /** Our formats by id when known (no sync), else a search of every sheet; `request` always searches. */
  private async findFormats(context: Excel.RequestContext, mode: 'auto' | 'request'): Promise<FoundFormats> {
    if (this.ownFormats !== null && mode === 'auto') return { known: this.ownFormats, found: null };
    return { known: null, found: await this.searchFormats(context, false) };
  }

  /** Every MAM Prep conditional format in the workbook: 3 syncs (sheets, their formats, custom rules). */
  private async searchFormats(context: Excel.RequestContext, withProtection: boolean): Promise<FoundFormat[]> {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const collections = worksheets.items.map((ws) => {
      const formats = ws.getRange().conditionalFormats;
      formats.load('items/type');
      if (withProtection) ws.protection.load('protected,options');
      return { ws, formats };
    });
    await context.sync();
    const customs: Array<{ ws: Excel.Worksheet; format: Excel.ConditionalFormat; rule: Excel.ConditionalFormatRule }> = [];
    for (const { ws, formats } of collections) {
      for (const format of formats.items) {
        if (format.type !== 'Custom') continue;
        const rule = format.custom.rule;
        rule.load('formula');
        customs.push({ ws, format, rule });
      }
    }
    if (customs.length > 0) await context.sync();
    return customs
      .filter((c) => isOwnHighlightFormula(c.rule.formula))
      .map((c) => ({
        sheet: c.ws.name,
        format: c.format,
        owner: highlightOwnerOf(c.rule.formula),
        sheetProtected: withProtection ? formatsRefused(c.ws) : false,
      }));
  }

  /**
   * Queues the deletes and adds of one highlight refresh (no sync). `auto` leaves another user's
   * formats alone and then writes nothing; `request` replaces every MAM Prep format on the sheet.
   * `commit` records the new formats' ids once the caller's sync has run.
   */
  private queueReplace(
    context: Excel.RequestContext,
    highlights: Highlights,
    mode: 'auto' | 'request',
    formats: FoundFormats,
    ws: Excel.Worksheet,
    protectionKnown: boolean,
  ): { outcome: HighlightOutcome; queued: boolean; commit: () => void } {
    const none = { queued: false, commit: () => undefined };
    if (!protectionKnown) return { ...none, outcome: { written: false, protectedSheets: [], skippedReason: 'error' } };
    if (formatsRefused(ws)) return { ...none, outcome: { written: false, protectedSheets: [highlights.sheet], skippedReason: 'protected' } };
    const owner = this.highlightOwner();
    if (formats.found) {
      const others = formats.found.filter((f) => f.owner !== null && f.owner !== owner && f.sheet === highlights.sheet);
      if (mode === 'auto' && others.length > 0) return { ...none, outcome: { written: false, protectedSheets: [], skippedReason: 'other-user' } };
      for (const f of formats.found) {
        // Ours (or unowned, from before owners were recorded) anywhere; everyone's on this sheet on request.
        if (f.owner === null || f.owner === owner || (mode === 'request' && f.sheet === highlights.sheet)) f.format.delete();
      }
    } else {
      for (const f of formats.known) context.workbook.worksheets.getItem(f.sheet).getRange().conditionalFormats.getItem(f.id).delete();
    }
    const added = addHighlightFormats(context, highlights, owner);
    return {
      outcome: { written: true, protectedSheets: [] },
      queued: true,
      commit: () => {
        this.ownFormats = added.map((a) => ({ sheet: a.sheet, id: a.format.id }));
      },
    };
  }

  userKey(): string {
    return this.highlightOwner();
  }

  private highlightOwner(): string {
    if (this.owner) return this.owner;
    const stored = this.userSettings.get(HIGHLIGHT_OWNER_KEY);
    this.owner = stored && /^[A-Za-z0-9_-]+$/.test(stored) ? stored : newHighlightOwner();
    // Kept so a reload recognises its own formats; if storage is blocked this session still works.
    if (stored !== this.owner) void this.userSettings.set(HIGHLIGHT_OWNER_KEY, this.owner).catch(() => undefined);
    return this.owner;
  }

  /**
   * One batch: add the sheet, write formats then values as one block, activate it, one sync. A name
   * clash is recognised by Excel's error code (ItemAlreadyExists), never by its localized message.
   */
  async insertWorksheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void> {
    const width = Math.max(1, ...grid.map((row) => row.length));
    const writes = grid.map((row) => Array.from({ length: width }, (_, c) => officeWriteFor(row[c] ?? EMPTY_CELL, 'General', this.dateSystem)));
    try {
      await this.run(async (context) => {
        const ws = context.workbook.worksheets.add(name);
        if (writes.length > 0) {
          const range = ws.getRangeByIndexes(0, 0, writes.length, width);
          range.numberFormat = writes.map((row) => row.map((w) => w.numberFormat ?? 'General'));
          range.values = writes.map((row) => row.map((w) => w.value));
        }
        ws.activate();
        await context.sync();
      });
    } catch (e) {
      if (errorCode(e) === 'ItemAlreadyExists') throw new GatewayError('name-taken', `A sheet named "${name}" already exists.`, 'ItemAlreadyExists');
      throw e;
    }
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }
}

/** Queues our formats for a highlight set (nothing for null); ids are loaded with them. */
function addHighlightFormats(
  context: Excel.RequestContext,
  highlights: Highlights | null,
  owner: string,
): Array<{ sheet: string; format: Excel.ConditionalFormat }> {
  if (!highlights) return [];
  const plan = planHighlights(highlights);
  if (plan.layers.length === 0) return [];
  const ws = context.workbook.worksheets.getItem(highlights.sheet);
  const added: Array<{ sheet: string; format: Excel.ConditionalFormat }> = [];
  for (const layer of plan.layers) {
    const style = HIGHLIGHT_STYLES[layer.kind];
    for (const addresses of layer.addressLists) {
      const format = ws.getRanges(addresses).conditionalFormats.add('Custom');
      format.custom.rule.formula = highlightFormula(layer.kind, owner);
      format.custom.format.fill.color = style.fill;
      format.custom.format.font.color = style.font;
      format.custom.format.font.bold = style.bold;
      format.custom.format.font.italic = style.italic;
      // Explicitly first: the layer added last (errors) wins over earlier layers and the template's own rules.
      format.priority = 0;
      format.load('id');
      added.push({ sheet: highlights.sheet, format });
    }
  }
  return added;
}

type OwnFormat = { readonly sheet: string; readonly id: string };
type FoundFormat = { readonly sheet: string; readonly format: Excel.ConditionalFormat; readonly owner: string | null; readonly sheetProtected: boolean };
type FoundFormats = { readonly known: readonly OwnFormat[]; readonly found: null } | { readonly known: null; readonly found: readonly FoundFormat[] };

/** User setting: the id this user's highlight formats carry (see highlight-plan.ts). */
const HIGHLIGHT_OWNER_KEY = 'mamPrep.highlightOwner';

/** A loaded worksheet protection, as MAM Prep needs it. */
function protectionOf(ws: Excel.Worksheet): { protected: boolean; allowFormatCells: boolean } {
  const p = ws.protection;
  return { protected: p.protected === true, allowFormatCells: p.options?.allowFormatCells === true };
}

/** A protected sheet refuses conditional-format changes and number formats unless it allows "Format cells". */
function formatsRefused(ws: Excel.Worksheet): boolean {
  const p = protectionOf(ws);
  return p.protected && !p.allowFormatCells;
}

interface QueuedBlock {
  readonly chunk: RowChunk;
  readonly range: Excel.Range;
  readonly formulas: Excel.RangeAreas;
  readonly errors: readonly Excel.RangeAreas[];
}

/** Queues one block's values and number formats, and where its formulas and errors are. */
function queueBlock(ws: Excel.Worksheet, chunk: RowChunk): QueuedBlock {
  const range = ws.getRangeByIndexes(chunk.startRow - 1, 0, chunk.rowCount, chunk.colCount);
  range.load(READ_PROPS);
  // String forms of Excel.SpecialCellType / SpecialCellValueType: the enums exist only inside Office.
  const special = (type: 'Formulas' | 'Constants', valueType?: 'Errors') => {
    const areas = valueType ? range.getSpecialCellsOrNullObject(type, valueType) : range.getSpecialCellsOrNullObject(type);
    areas.load('address');
    return areas;
  };
  return {
    chunk,
    range,
    formulas: special('Formulas'),
    errors: [special('Constants', 'Errors'), special('Formulas', 'Errors')],
  };
}

function readBlock(q: QueuedBlock): LoadedChunk<LoadedBlock> {
  const address = (areas: Excel.RangeAreas) => (areas.isNullObject ? null : areas.address);
  const block: LoadedBlock = {
    startRow: q.chunk.startRow,
    startCol: 1,
    values: q.range.values,
    numberFormat: q.range.numberFormat,
    formulaAddress: address(q.formulas),
    errorAddresses: q.errors.map(address),
  };
  return { data: block, bytes: blockBytes(block) };
}

/** The scan's requests over one Office.js context (one sync each). */
function officeScanSteps(context: Excel.RequestContext, remember: (items: readonly Excel.Worksheet[]) => void): ScanSteps {
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => sheets.get(name) ?? context.workbook.worksheets.getItem(name);
  return {
    async listSheets() {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id,items/visibility');
      const names = context.workbook.names;
      names.load('items/name,items/type,items/value,items/visible');
      // DATE(2000,1,1) is 36526 in the 1900 date system and 35064 in the 1904 one (Functions: ExcelApi 1.2).
      const date2000 = context.workbook.functions.date(2000, 1, 1);
      date2000.load('value,error');
      await syncSized(context);
      remember(worksheets.items);
      for (const ws of worksheets.items) sheets.set(ws.name, ws);
      return {
        sheets: worksheets.items.map((ws) => ({ name: ws.name, hidden: ws.visibility !== 'Visible' })),
        definedNames: definedNames(names.items),
        date2000: typeof date2000.value === 'number' && !date2000.error ? date2000.value : null,
      };
    },
    async loadHeads(names, rows, cols) {
      const queued = names.map((name) => {
        const ws = sheet(name);
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        return { used, head: queueBlock(ws, { sheet: name, startRow: 1, rowCount: rows, colCount: cols }) };
      });
      await syncSized(context);
      return queued.map((q) => ({ used: usedExtent(q.used), head: readBlock(q.head).data }));
    },
    async loadBounds(requests: readonly BoundRequest[]) {
      const queued = requests.map((req) => {
        const ws = sheet(req.sheet);
        if (req.kind === 'used') {
          const used = ws.getRangeByIndexes(0, 0, req.lastRow, req.lastCol).getUsedRangeOrNullObject(true);
          used.load('rowIndex,columnIndex,rowCount,columnCount');
          return () => ({ used: usedExtent(used) });
        }
        const dv = ws.getRangeByIndexes(req.firstRow - 1, req.col - 1, req.lastRow - req.firstRow + 1, 1).dataValidation;
        dv.load('type,rule');
        return () => ({ validation: rangeValidation(dv) });
      });
      await syncSized(context);
      return queued.map((read): BoundResult => read());
    },
    async loadBlocks(chunks) {
      const queued = chunks.map((chunk) => queueBlock(sheet(chunk.sheet), chunk));
      await syncSized(context);
      return queued.map(readBlock);
    },
  };
}

function usedExtent(used: Excel.Range): UsedExtent | null {
  return used.isNullObject ? null : { lastRow: used.rowIndex + used.rowCount, lastCol: used.columnIndex + used.columnCount };
}

function rangeValidation(dv: Excel.DataValidation): RangeValidation {
  if (dv.type === 'List') {
    const source = dv.rule?.list?.source;
    return typeof source === 'string' ? { type: 'List', source } : { type: 'Other' };
  }
  return { type: dv.type === 'None' || dv.type === 'Inconsistent' ? dv.type : 'Other' };
}

function definedNames(items: readonly Excel.NamedItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of items) {
    if (n.type !== 'Range' || typeof n.value !== 'string') continue;
    out[n.name] = n.value.replace(/^=/, '');
  }
  return out;
}

/** A sync whose refusal for size becomes PayloadTooLargeError, so the read is retried smaller. */
async function syncSized(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded') throw new PayloadTooLargeError();
    throw e;
  }
}

const errorCode = officeErrorCode;
