import { Cell, cellsEqual, EMPTY_CELL } from '../engine/cell';
import { cellForEdit, Edit } from '../engine/fix-planner';
import type { RowUpdate } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { changedRows } from './change-rows';
import type {
  CellRestore, ClearOutcome, GatewayCapabilities, HighlightOutcome, Highlights, SettingsStore, SheetChange, SkippedEdit, WorkbookGateway, WriteOutcome,
} from './gateway';
import { HIGHLIGHT_STYLES, highlightFormula, highlightsEqual, isOwnHighlightFormula, planHighlights } from './highlight-plan';
import { cellFromOffice, editBlocker, officeWriteFor, rowsFromOffice, SKIP_MESSAGES } from './office-cells';
import { OwnWriteGuard } from './own-write-guard';
import { loadInBatches, PayloadTooLargeError, planChunks, RowChunk, rowRunChunks, SheetExtent } from './scan-plan';
import { browserLocalStorage, LocalStorageSettingsStore, OfficeDocumentSettings, OfficeDocumentSettingsStore } from './settings-stores';
import { listValidationsFromProbe, SnapshotBuilder, VALIDATION_PROBE_COLS, VALIDATION_PROBE_ROWS } from './snapshot-builder';

/**
 * The WorkbookGateway over Office.js: the only module that calls Excel. Every operation is a fixed
 * number of `context.sync()` calls (scans grow with the sheet's size, never with its findings):
 *
 * - scan: 2 (sheets and names; used ranges) + one per batch of row chunks (scan-plan.ts)
 * - readRows: one per batch of changed-row chunks (the first also loads the used range); a one-cell
 *   edit costs 1, plus 1 when the sheet's width is not known yet or has grown
 * - writeEdits / restoreCells: 2 (read and check every target; write the ones that still match)
 * - setHighlights / clearHighlights: 0 when the set did not change; 1 when it did and our formats are
 *   known by id (after the first call); 4 for the first call (search every sheet for our marker)
 * - select: 1
 */

export interface RunOptions {
  readonly mergeUndoGroup?: boolean;
}

/** What the gateway needs from the host; `officeHostFromGlobals()` gives the real one, tests a mock. */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T>;
  /** Removes an event handler in its own context (Office's pattern for `EventHandlerResult`). */
  removeHandler(handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>): Promise<void>;
  isSetSupported(name: string, version: string): boolean;
  readonly documentSettings: OfficeDocumentSettings;
  readonly localStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** `Office.context.partitionKey`, where the host gives one: user settings are keyed with it. */
  readonly partitionKey?: string;
  readonly platform: 'web' | 'desktop';
}

export function officeHostFromGlobals(): OfficeHost {
  return {
    run: (batch, options) => (options ? Excel.run(options, batch) : Excel.run(batch)),
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

  constructor(
    private readonly host: OfficeHost,
    options: { now?: () => number } = {},
  ) {
    this.guard = new OwnWriteGuard(options.now);
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

  scan(): Promise<WorkbookSnapshot> {
    return this.host.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id,items/visibility');
      const names = context.workbook.names;
      names.load('items/name,items/type,items/value,items/visible');
      await context.sync();

      const sheets = worksheets.items.map((ws) => {
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        return { ws, used };
      });
      await context.sync();

      this.rememberSheets(worksheets.items);
      const builder = new SnapshotBuilder();
      const extents: SheetExtent[] = [];
      const byName = new Map<string, Excel.Worksheet>();
      for (const { ws, used } of sheets) {
        const extent = used.isNullObject
          ? { sheet: ws.name, lastRow: 0, lastCol: 0 }
          : { sheet: ws.name, lastRow: used.rowIndex + used.rowCount, lastCol: used.columnIndex + used.columnCount };
        extents.push(extent);
        this.widthBySheet.set(ws.name, extent.lastCol);
        byName.set(ws.name, ws);
        builder.addSheet(ws.name, ws.visibility !== 'Visible', extent.lastRow);
      }

      const canProbe = this.host.isSetSupported('ExcelApi', '1.8');
      let probed = !canProbe;
      await loadInBatches(
        planChunks(extents),
        async (batch) => {
          const ranges = batch.map((chunk) => loadChunk(byName.get(chunk.sheet)!, chunk));
          // Data-validation probes ride on the first data batch, so they cost no sync of their own.
          const probes = probed ? [] : extents.filter((e) => e.lastRow > 0).map((e) => ({ extent: e, cells: queueValidationProbe(byName.get(e.sheet)!, e) }));
          await syncOrPayloadError(context);
          if (!probed) {
            probed = true;
            for (const p of probes) builder.setValidations(p.extent.sheet, listValidationsFromProbe(readValidationProbe(p.cells), p.extent.lastRow));
          }
          return ranges.map((r) => rowsFromOffice(r.values, r.numberFormat, r.valueTypes, r.formulas));
        },
        (chunk, rows) => builder.addChunk(chunk, rows),
      );
      return builder.build(definedNames(names.items));
    });
  }

  /**
   * One sync when the sheet's width is known from an earlier read: the rows are loaded at that width
   * together with the used range, and only if the sheet grew wider are they read again (a second sync).
   */
  readRows(sheet: string, rows: readonly number[]): Promise<RowUpdate[]> {
    return this.host.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('columnIndex,columnCount');
      const knownWidth = this.widthBySheet.get(sheet);
      let updates: RowUpdate[] = [];
      let usedLoaded = false;
      const read = async (width: number) => {
        updates = [];
        await loadInBatches(
          rowRunChunks(sheet, rows, width),
          async (batch) => {
            const ranges = batch.map((chunk) => loadChunk(ws, chunk));
            await syncOrPayloadError(context);
            usedLoaded = true;
            return ranges.map((r) => rowsFromOffice(r.values, r.numberFormat, r.valueTypes, r.formulas));
          },
          (chunk, loaded) => loaded.forEach((cells, i) => updates.push({ row: chunk.startRow + i, cells: cells ?? [] })),
        );
      };
      if (knownWidth !== undefined && knownWidth > 0 && rows.length > 0) await read(knownWidth);
      if (!usedLoaded) await context.sync();
      if (ws.isNullObject) throw new Error(`Sheet "${sheet}" no longer exists.`);
      const lastCol = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
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
    return this.host.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      const handler = worksheets.onChanged.add((event) => this.handleChanged(event));
      await context.sync();
      this.rememberSheets(worksheets.items);
      return handler;
    });
  }

  private lookUpSheetName(id: string): Promise<string | undefined> {
    return this.host.run(async (context) => {
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
      const applied = await this.host.run(
        async (context) => this.checkAndWrite(context, present, skip),
        this.capabilities.undoGroups ? { mergeUndoGroup: true } : undefined,
      );
      return { applied, skipped };
    } catch (e) {
      const code = errorCode(e);
      if (code === 'InvalidOperationInCellEditMode') {
        for (const item of present) skip(item, 'edit-mode');
        return { applied: [], skipped };
      }
      if (code === 'ItemNotFound' && missing.length === 0) {
        // A sheet was renamed or deleted since it was read: find which, report those, retry the rest.
        const existing = await this.host.run(async (context) => {
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
      const before = cellFromOffice(range.values[0]?.[0], range.numberFormat[0]?.[0], range.valueTypes[0]?.[0], range.formulas[0]?.[0]);
      const blocked = item.block(before);
      if (blocked) {
        skip(item, blocked);
        continue;
      }
      const write = officeWriteFor(item.next, range.numberFormat[0]?.[0]);
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
        this.ownFormats = await this.host.run(async (context) => {
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
    this.ownFormats = await this.host.run(async (context) => {
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
    const writes = grid.map((row) => Array.from({ length: width }, (_, c) => officeWriteFor(row[c] ?? EMPTY_CELL, 'General')));
    await this.host.run(async (context) => {
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
    return this.host.run(async (context) => {
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

function loadChunk(ws: Excel.Worksheet, chunk: RowChunk): Excel.Range {
  const range = ws.getRangeByIndexes(chunk.startRow - 1, 0, chunk.rowCount, chunk.colCount);
  range.load(RANGE_PROPS);
  return range;
}

function queueValidationProbe(ws: Excel.Worksheet, extent: SheetExtent): Excel.DataValidation[][] {
  const rows = Math.min(VALIDATION_PROBE_ROWS, extent.lastRow);
  const cols = Math.min(VALIDATION_PROBE_COLS, extent.lastCol);
  const probe: Excel.DataValidation[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: Excel.DataValidation[] = [];
    for (let c = 0; c < cols; c++) {
      const dv = ws.getCell(r, c).dataValidation;
      dv.load('type,rule');
      line.push(dv);
    }
    probe.push(line);
  }
  return probe;
}

function readValidationProbe(cells: Excel.DataValidation[][]): Array<Array<string | null>> {
  return cells.map((line) => line.map((dv) => (dv.type === 'List' && typeof dv.rule?.list?.source === 'string' ? dv.rule.list.source : null)));
}

function definedNames(items: readonly Excel.NamedItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of items) {
    if (n.type !== 'Range' || typeof n.value !== 'string') continue;
    out[n.name] = n.value.replace(/^=/, '');
  }
  return out;
}

async function syncOrPayloadError(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded') throw new PayloadTooLargeError();
    throw e;
  }
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}
