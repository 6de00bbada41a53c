import { Cell, cellsEqual, EMPTY_CELL } from '../engine/cell';
import { cellForEdit, Edit } from '../engine/fix-planner';
import type { RowUpdate } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { changedRows } from './change-rows';
import type { DateSystem } from '../engine/date-system';
import {
  CellRestore, ClearOutcome, GatewayCapabilities, GatewayError, HighlightOutcome, Highlights, ScanOptions, SettingsStore, SheetChange, SkippedEdit, WorkbookGateway, WriteOutcome,
} from './gateway';
import { HIGHLIGHT_STYLES, highlightFormula, highlightsEqual, isOwnHighlightFormula, planHighlights } from './highlight-plan';
import { CELL_EDIT_MODE_CODE, officeErrorCode, realWait, retryInCellEditMode } from './host-run';
import { blockBytes, cellFromOffice, editBlocker, LoadedBlock, officeWriteFor, rowsFromBlock, SKIP_MESSAGES } from './office-cells';
import { OwnWriteGuard } from './own-write-guard';
import { loadAdaptively, LoadedChunk, MAX_SCAN_COLS, PayloadTooLargeError, RowChunk, rowRunSegments } from './scan-plan';
import { BoundRequest, BoundResult, RangeValidation, runScan, ScanSteps, UsedExtent } from './scan-runner';
import { LocalStorageSettingsStore, MapSettingsStore, OfficeDocumentSettings, OfficeDocumentSettingsStore } from './settings-stores';

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
  removeHandler(handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>): Promise<void>;
  isSetSupported(name: string, version: string): boolean;
  readonly documentSettings: OfficeDocumentSettings;
  readonly localStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly platform: 'web' | 'desktop';
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
    localStorage: typeof localStorage === 'undefined' ? undefined : localStorage,
    platform: String(Office.context.platform) === 'OfficeOnline' ? 'web' : 'desktop',
  };
}

const RANGE_PROPS = ['values', 'numberFormat', 'valueTypes', 'formulas'];
/** A scan loads only these per cell; formulas and errors come from special-cell addresses (office-cells.ts). */
const READ_PROPS = ['values', 'numberFormat'];

interface WriteItem {
  readonly sheet: string;
  readonly cell: string;
  readonly block: (current: Cell) => 'formula' | 'changed' | null;
  readonly next: Cell;
}

type AppliedCell = WriteOutcome['applied'][number];

export class OfficeGateway implements WorkbookGateway {
  readonly documentSettings: SettingsStore;
  readonly userSettings: SettingsStore;
  readonly capabilities: GatewayCapabilities;

  private readonly guard: OwnWriteGuard;
  private readonly listeners = new Set<(change: SheetChange) => void>();
  private registration: Promise<OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null> | null = null;
  private readonly sheetNamesById = new Map<string, string>();
  private lastHighlights: Highlights | null = null;
  /** Last used column per sheet, so a row re-read needs no extra sync to find the width. */
  private readonly widthBySheet = new Map<string, number>();
  /** Our conditional formats added this session; null until a full search has removed older ones. */
  private ownFormats: Array<{ sheet: string; id: string }> | null = null;
  /** The workbook's date system, learnt by the last scan (1900 until then). */
  private dateSystem: DateSystem = '1900';
  private readonly wait: (ms: number) => Promise<void>;

  constructor(
    private readonly host: OfficeHost,
    options: { now?: () => number; wait?: (ms: number) => Promise<void> } = {},
  ) {
    this.wait = options.wait ?? realWait;
    this.guard = new OwnWriteGuard(options.now);
    this.documentSettings = new OfficeDocumentSettingsStore(host.documentSettings);
    this.userSettings = host.localStorage ? new LocalStorageSettingsStore(host.localStorage) : new MapSettingsStore();
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
    const result = await this.run((context) => runScan(officeScanSteps(context, (items) => this.rememberSheets(items)), options));
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
      const knownWidth = this.widthBySheet.get(sheet);
      let updates: RowUpdate[] = [];
      let usedLoaded = false;
      const read = async (width: number) => {
        updates = [];
        await loadAdaptively(
          rowRunSegments(sheet, rows, width),
          async (batch) => {
            const queued = batch.map((chunk) => queueBlock(ws, chunk));
            await syncSized(context);
            usedLoaded = true;
            return queued.map(readBlock);
          },
          (chunk, block) => {
            rowsFromBlock(block, this.dateSystem).forEach((cells, i) => updates.push({ row: chunk.startRow + i, cells: cells ?? [] }));
            return undefined;
          },
        );
      };
      if (knownWidth !== undefined && knownWidth > 0 && rows.length > 0) await read(knownWidth);
      if (!usedLoaded) await context.sync();
      if (ws.isNullObject) throw new GatewayError('host', `Sheet "${sheet}" no longer exists.`, 'ItemNotFound');
      const lastCol = used.isNullObject ? 0 : Math.min(MAX_SCAN_COLS, used.columnIndex + used.columnCount);
      this.widthBySheet.set(sheet, lastCol);
      if (lastCol === 0) return rows.map((row) => ({ row, cells: [] }));
      if (knownWidth !== lastCol || !usedLoaded) await read(lastCol);
      return updates;
    });
  }

  // ---- change events -------------------------------------------------------------------------------

  onChange(listener: (change: SheetChange) => void): () => void {
    this.listeners.add(listener);
    this.registration ??= this.register().catch(() => null);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.registration) {
        const pending = this.registration;
        this.registration = null;
        void pending.then((handler) => (handler ? this.host.removeHandler(handler) : undefined)).catch(() => undefined);
      }
    };
  }

  /** Handles one `worksheets.onChanged` event; public so tests can drive it without a host. */
  async handleChanged(event: Pick<Excel.WorksheetChangedEventArgs, 'worksheetId' | 'address' | 'changeType' | 'source'> & { triggerSource?: string }): Promise<void> {
    if (event.triggerSource === 'ThisLocalAddin') return;
    const sheet = this.sheetNamesById.get(event.worksheetId) ?? (await this.lookUpSheetName(event.worksheetId));
    if (sheet === undefined) return;
    // Hosts without triggerSource: recognise our own writes by the cells we just wrote.
    if (event.triggerSource === undefined && this.guard.consume(sheet, event.address)) return;
    const rows = changedRows(event.address, event.changeType);
    const change: SheetChange = { sheet, source: event.source === 'Remote' ? 'remote' : 'local', ...(rows ? { rows } : {}) };
    for (const l of [...this.listeners]) l(change);
  }

  private register() {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      const handler = worksheets.onChanged.add((event) => this.handleChanged(event));
      await context.sync();
      this.rememberSheets(worksheets.items);
      return handler;
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

  writeEdits(edits: readonly Edit[]): Promise<WriteOutcome> {
    return this.write(edits.map((e) => ({ sheet: e.sheet, cell: e.cell, block: (current: Cell) => editBlocker(current, e.from), next: cellForEdit(e) })));
  }

  restoreCells(restores: readonly CellRestore[]): Promise<WriteOutcome> {
    return this.write(restores.map((r) => ({
      sheet: r.sheet,
      cell: r.cell,
      block: (current: Cell) => (current.formula || r.previous.formula ? 'formula' as const : cellsEqual(current, r.expected) ? null : 'changed' as const),
      next: r.previous,
    })));
  }

  /**
   * Reads every target in one sync, then writes the ones that still hold what the fix expects in a
   * second: the check and the write see the same state, and the whole call is one undo step.
   */
  private async write(items: readonly WriteItem[], missing: readonly string[] = []): Promise<WriteOutcome> {
    const skipped: SkippedEdit[] = [];
    const skip = (item: Pick<WriteItem, 'sheet' | 'cell'>, reason: SkippedEdit['reason']) =>
      skipped.push({ sheet: item.sheet, cell: item.cell, reason, message: SKIP_MESSAGES[reason](item.sheet, item.cell) });
    for (const item of items) if (missing.includes(item.sheet)) skip(item, 'missing-sheet');
    const present = items.filter((i) => !missing.includes(i.sheet));
    if (present.length === 0) return { applied: [], skipped };
    try {
      const applied = await this.run(
        async (context) => this.checkAndWrite(context, present, skip),
        this.capabilities.undoGroups ? { mergeUndoGroup: true } : {},
      );
      return { applied, skipped };
    } catch (e) {
      const code = e instanceof GatewayError ? e.hostCode : errorCode(e);
      if (code === CELL_EDIT_MODE_CODE) {
        for (const item of present) skip(item, 'edit-mode');
        return { applied: [], skipped };
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
        if (gone.length > 0) return this.write(items, gone);
      }
      throw e;
    }
  }

  private async checkAndWrite(
    context: Excel.RequestContext,
    items: readonly WriteItem[],
    skip: (item: WriteItem, reason: SkippedEdit['reason']) => void,
  ): Promise<AppliedCell[]> {
    const sheets = new Map<string, Excel.Worksheet>();
    const targets = items.map((item) => {
      let ws = sheets.get(item.sheet);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(item.sheet);
        ws.protection.load('protected');
        sheets.set(item.sheet, ws);
      }
      const range = ws.getRange(item.cell);
      range.load(RANGE_PROPS);
      range.format.protection.load('locked');
      return { item, ws, range };
    });
    await context.sync();

    const applied: AppliedCell[] = [];
    const written: Array<{ sheet: string; cell: string }> = [];
    for (const { item, ws, range } of targets) {
      if (ws.protection.protected && range.format.protection.locked !== false) {
        skip(item, 'protected');
        continue;
      }
      const before = cellFromOffice(range.values[0]?.[0], range.numberFormat[0]?.[0], range.valueTypes[0]?.[0], range.formulas[0]?.[0], this.dateSystem);
      const blocked = item.block(before);
      if (blocked) {
        skip(item, blocked);
        continue;
      }
      const write = officeWriteFor(item.next, range.numberFormat[0]?.[0], this.dateSystem);
      if (write.numberFormat !== undefined) range.numberFormat = [[write.numberFormat]];
      range.values = [[write.value]];
      applied.push({ sheet: item.sheet, cell: item.cell, before, after: item.next });
      written.push({ sheet: item.sheet, cell: item.cell });
    }
    if (written.length === 0) return applied;
    if (!this.capabilities.triggerSource) for (const w of written) this.guard.expect(w.sheet, [w.cell]);
    await context.sync();
    return applied;
  }

  // ---- highlights ----------------------------------------------------------------------------------

  async setHighlights(highlights: Highlights): Promise<HighlightOutcome> {
    if (highlightsEqual(highlights, this.lastHighlights)) return { written: true, protectedSheets: [] };
    await this.replaceHighlights(highlights);
    this.lastHighlights = highlights;
    return { written: true, protectedSheets: [] };
  }

  async clearHighlights(): Promise<ClearOutcome> {
    await this.replaceHighlights(null);
    this.lastHighlights = null;
    return { removed: 0, remaining: 0, protectedSheets: [] };
  }

  /**
   * Replaces MAM Prep's conditional formats with the new set. The formats added this session are
   * known by id, so that is one sync. Otherwise (first call after opening, or one of ours was removed
   * by hand) every sheet is searched for formats with our marker formula first. The template's own
   * formats and fills are never touched.
   */
  private async replaceHighlights(highlights: Highlights | null): Promise<void> {
    const known = this.ownFormats;
    if (known !== null) {
      try {
        this.ownFormats = await this.run(async (context) => {
          for (const f of known) context.workbook.worksheets.getItem(f.sheet).getRange().conditionalFormats.getItem(f.id).delete();
          const added = addHighlightFormats(context, highlights);
          await context.sync();
          return added.map((a) => ({ sheet: a.sheet, id: a.format.id }));
        });
        return;
      } catch (e) {
        if (errorCode(e) !== 'ItemNotFound') throw e;
        this.ownFormats = null;
      }
    }
    this.ownFormats = await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();

      const collections = worksheets.items.map((ws) => {
        const formats = ws.getRange().conditionalFormats;
        formats.load('items/type');
        return formats;
      });
      await context.sync();

      const customs: Array<{ format: Excel.ConditionalFormat; rule: Excel.ConditionalFormatRule }> = [];
      for (const formats of collections) {
        for (const format of formats.items) {
          if (format.type !== 'Custom') continue;
          const rule = format.custom.rule;
          rule.load('formula');
          customs.push({ format, rule });
        }
      }
      await context.sync();

      for (const { format, rule } of customs) if (isOwnHighlightFormula(rule.formula)) format.delete();
      const added = addHighlightFormats(context, highlights);
      await context.sync();
      return added.map((a) => ({ sheet: a.sheet, id: a.format.id }));
    });
  }

  /** One batch: add the sheet, write formats then values as one block, activate it, one sync. */
  async insertWorksheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void> {
    const width = Math.max(1, ...grid.map((row) => row.length));
    const writes = grid.map((row) => Array.from({ length: width }, (_, c) => officeWriteFor(row[c] ?? EMPTY_CELL, 'General', this.dateSystem)));
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

/** Queues our formats for a highlight set (nothing for null or a missing sheet); ids are loaded with them. */
function addHighlightFormats(context: Excel.RequestContext, highlights: Highlights | null): Array<{ sheet: string; format: Excel.ConditionalFormat }> {
  if (!highlights) return [];
  const plan = planHighlights(highlights);
  if (plan.layers.length === 0) return [];
  const ws = context.workbook.worksheets.getItem(highlights.sheet);
  const added: Array<{ sheet: string; format: Excel.ConditionalFormat }> = [];
  for (const layer of plan.layers) {
    const style = HIGHLIGHT_STYLES[layer.kind];
    for (const addresses of layer.addressLists) {
      const format = ws.getRanges(addresses).conditionalFormats.add('Custom');
      format.custom.rule.formula = highlightFormula(layer.kind);
      format.custom.format.fill.color = style.fill;
      format.custom.format.font.color = style.font;
      format.custom.format.font.bold = style.bold;
      format.custom.format.font.italic = style.italic;
      format.load('id');
      added.push({ sheet: highlights.sheet, format });
    }
  }
  return added;
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
