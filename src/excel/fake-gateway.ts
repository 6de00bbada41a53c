import { parseA1, sqrefContains, toA1 } from '../engine/address';
import { Cell, cellsEqual, EMPTY_CELL } from '../engine/cell';
import { cellForEdit, Edit } from '../engine/fix-planner';
import type { RowUpdate } from '../engine/result';
import type { ListValidation, WorkbookSnapshot } from '../engine/snapshot';
import type {
  CellRestore, ClearOutcome, GatewayCapabilities, HighlightOutcome, Highlights, SettingsStore, SheetChange, SkippedEdit, WorkbookGateway, WriteOutcome,
} from './gateway';
import { expandPlan, HighlightKind, highlightsEqual, isOwnHighlightFormula, planHighlights, highlightFormula } from './highlight-plan';
import { editBlocker, officeFromCell, rowsFromOffice, SKIP_MESSAGES } from './office-cells';
import {
  estimateResponseBytes, loadInBatches, PAYLOAD_LIMIT_BYTES, PayloadTooLargeError, planChunks, RowChunk, rowRunChunks, SCAN_METADATA_SYNCS, SheetExtent,
} from './scan-plan';
import { MapSettingsStore } from './settings-stores';
import { listValidationsFromProbe, officeListSource, SnapshotBuilder, VALIDATION_PROBE_COLS, VALIDATION_PROBE_ROWS } from './snapshot-builder';

/**
 * An in-memory workbook behind the same WorkbookGateway as Office.js, for tests and the browser
 * demo. It counts `context.sync()` calls the way the Office gateway makes them (same chunk plan,
 * same batch driver), refuses oversized batches like Excel on the web, and does not report its
 * own writes as changes (as the Office gateway filters them).
 */

export interface FakeSheet {
  name: string;
  /** rows[r - 1][c - 1]; holes are empty cells. */
  rows: Array<Array<Cell | undefined> | undefined>;
  validations: ListValidation[];
  hidden: boolean;
  protected: boolean;
  /** Cells (A1) a protected sheet still lets the user edit. */
  unlocked: Set<string>;
  /** Conditional formats on the sheet: the template's and MAM Prep's (recognised by marker). */
  conditionalFormats: Array<{ formula: string; addresses: string }>;
}

/** The document behind one or more FakeGateway instances: a new gateway over the same data is a "reload". */
export interface FakeWorkbookData {
  sheets: FakeSheet[];
  definedNames: Record<string, string>;
  documentSettings: Map<string, string>;
}

export interface SheetOptions {
  readonly validations?: readonly ListValidation[];
  readonly hidden?: boolean;
  readonly protected?: boolean;
  readonly unlocked?: readonly string[];
  /** Insert at this position (0 = first) instead of appending. */
  readonly index?: number;
}

export function createFakeWorkbook(): FakeWorkbookData {
  return { sheets: [], definedNames: {}, documentSettings: new Map() };
}

export function makeFakeSheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: SheetOptions = {}): FakeSheet {
  return {
    name,
    rows: grid.map((r) => [...r]),
    validations: [...(options.validations ?? [])],
    hidden: options.hidden ?? false,
    protected: options.protected ?? false,
    unlocked: new Set((options.unlocked ?? []).map((c) => c.toUpperCase())),
    conditionalFormats: [],
  };
}

export interface FakeGatewayOptions {
  readonly userSettings?: Map<string, string>;
  readonly capabilities?: Partial<GatewayCapabilities>;
}

/** Syncs MAM Prep spends on each operation, mirroring office-gateway.ts. */
const WRITTEN: HighlightOutcome = Object.freeze({ written: true, protectedSheets: [] });

export const SYNCS = {
  scanMetadata: SCAN_METADATA_SYNCS,
  /** Listing the sheets again after a write hit a renamed or deleted sheet. */
  missingSheetLookup: 1,
  /** First replacement: list sheets; load their conditional formats; load custom rules; delete ours and add the new. */
  highlightsSearchAndReplace: 4,
  /** Later replacements: delete our formats by id and add the new in one batch. */
  highlightsReplaceKnown: 1,
} as const;

export class FakeGateway implements WorkbookGateway {
  readonly documentSettings: SettingsStore;
  readonly userSettings: SettingsStore;
  readonly capabilities: GatewayCapabilities;

  /** `context.sync()` calls so far (see resetSyncCount). */
  syncCount = 0;
  /** The user is typing in a cell: Office batches fail with InvalidOperationInCellEditMode. */
  editMode = false;
  /** setHighlights calls, and how many of them rewrote formats. */
  highlightCalls = 0;
  highlightWrites = 0;
  /** Undo steps MAM Prep's writes created. */
  undoSteps = 0;
  selection: { sheet: string; cell: string } | null = null;
  activeSheet: string | null = null;

  private readonly listeners = new Set<(change: SheetChange) => void>();
  private readonly selectionListeners = new Set<(selection: { sheet: string; cell: string }) => void>();
  private lastHighlights: Highlights | null = null;
  private readonly widthBySheet = new Map<string, number>();
  /** Our formats are known by id after the first replacement (as in the Office gateway). */
  private ownFormatsKnown = false;

  constructor(
    readonly data: FakeWorkbookData = createFakeWorkbook(),
    options: FakeGatewayOptions = {},
  ) {
    this.documentSettings = new MapSettingsStore(data.documentSettings);
    this.userSettings = new MapSettingsStore(options.userSettings ?? new Map());
    this.capabilities = { undoGroups: true, undo: 'merged', changeSource: true, triggerSource: true, host: 'fake', ...options.capabilities };
    this.activeSheet = data.sheets[0]?.name ?? null;
  }

  resetSyncCount(): void {
    this.syncCount = 0;
  }

  // ---- WorkbookGateway -------------------------------------------------------------------------

  async scan(): Promise<WorkbookSnapshot> {
    this.syncCount += SYNCS.scanMetadata;
    const builder = new SnapshotBuilder();
    const extents: SheetExtent[] = this.data.sheets.map((s) => ({ sheet: s.name, ...usedExtent(s) }));
    for (const e of extents) {
      builder.addSheet(e.sheet, this.requireSheet(e.sheet).hidden, e.lastRow);
      this.widthBySheet.set(e.sheet, e.lastCol);
    }
    let probed = false;
    await loadInBatches(planChunks(extents), async (batch) => {
      const result = this.loadChunks(batch);
      // The validation probes ride on the first data batch that succeeds, as in the Office gateway.
      if (!probed) {
        probed = true;
        for (const e of extents) if (e.lastRow > 0) builder.setValidations(e.sheet, listValidationsFromProbe(this.validationProbe(e), e.lastRow));
      }
      return result;
    }, (chunk, rows) => builder.addChunk(chunk, rows));
    return builder.build({ ...this.data.definedNames });
  }

  /** Mirrors the Office gateway: one sync at the known width, a second only when the width is unknown or grew. */
  async readRows(sheetName: string, rows: readonly number[]): Promise<RowUpdate[]> {
    const sheet = this.sheet(sheetName);
    const knownWidth = this.widthBySheet.get(sheetName);
    let updates: RowUpdate[] = [];
    let usedLoaded = false;
    const read = async (width: number) => {
      updates = [];
      await loadInBatches(rowRunChunks(sheetName, rows, width), async (batch) => {
        if (!sheet) {
          this.sync();
          throw new Error(`Sheet "${sheetName}" no longer exists.`);
        }
        const loaded = this.loadChunks(batch);
        usedLoaded = true;
        return loaded;
      }, (chunk, loaded) => loaded.forEach((cells, i) => updates.push({ row: chunk.startRow + i, cells: cells ?? [] })));
    };
    if (knownWidth !== undefined && knownWidth > 0 && rows.length > 0) await read(knownWidth);
    if (!usedLoaded) this.sync();
    if (!sheet) throw new Error(`Sheet "${sheetName}" no longer exists.`);
    const { lastCol } = usedExtent(sheet);
    this.widthBySheet.set(sheetName, lastCol);
    if (lastCol === 0) return rows.map((row) => ({ row, cells: [] }));
    if (knownWidth !== lastCol || !usedLoaded) await read(lastCol);
    return updates;
  }

  onChange(listener: (change: SheetChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async writeEdits(edits: readonly Edit[]): Promise<WriteOutcome> {
    return this.write(edits.map((e) => ({ sheet: e.sheet, cell: e.cell, block: (current: Cell) => editBlocker(current, e.from), next: cellForEdit(e) })));
  }

  async restoreCells(restores: readonly CellRestore[]): Promise<WriteOutcome> {
    return this.write(restores.map((r) => ({
      sheet: r.sheet,
      cell: r.cell,
      block: (current: Cell) => (current.formula || r.previous.formula ? 'formula' as const : cellsEqual(current, r.expected) ? null : 'changed' as const),
      next: r.previous,
    })));
  }

  async setHighlights(highlights: Highlights): Promise<HighlightOutcome> {
    this.highlightCalls++;
    if (highlightsEqual(highlights, this.lastHighlights)) return WRITTEN;
    if (this.editMode) {
      this.sync();
      throw new Error('Excel is editing a cell; highlights will update when the edit ends.');
    }
    this.countHighlightReplace();
    this.removeOwnFormats();
    const sheet = this.sheet(highlights.sheet);
    if (sheet) {
      for (const layer of planHighlights(highlights).layers) {
        for (const addresses of layer.addressLists) sheet.conditionalFormats.push({ formula: highlightFormula(layer.kind), addresses });
      }
    }
    this.highlightWrites++;
    this.lastHighlights = highlights;
    return WRITTEN;
  }

  async clearHighlights(): Promise<ClearOutcome> {
    this.countHighlightReplace();
    this.removeOwnFormats();
    this.lastHighlights = null;
    return { removed: 0, remaining: 0, protectedSheets: [] };
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.sync();
    if (!this.sheet(sheet)) throw new Error(`Sheet "${sheet}" no longer exists.`);
    this.selection = { sheet, cell };
    this.activeSheet = sheet;
    for (const l of this.selectionListeners) l(this.selection);
  }

  /** The gateway's own sheet insertion (trainer mode): one sync, no change event, as for other own writes. */
  async insertWorksheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void> {
    this.sync();
    if (this.data.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`A sheet named "${name}" already exists.`);
    this.data.sheets.push(makeFakeSheet(name, grid));
    this.activeSheet = name;
  }

  // ---- The demo grid's and tests' side of the workbook -----------------------------------------

  listSheets(): string[] {
    return this.data.sheets.map((s) => s.name);
  }

  getCell(sheetName: string, a1: string): Cell {
    const ref = parseA1(a1);
    const sheet = this.sheet(sheetName);
    if (!ref || !sheet) return EMPTY_CELL;
    return sheet.rows[ref.row - 1]?.[ref.col - 1] ?? EMPTY_CELL;
  }

  /** A user (or co-author) edit of one cell: emits a change with that row. */
  setCell(sheetName: string, a1: string, cell: Cell, options: { source?: 'local' | 'remote'; withRows?: boolean } = {}): void {
    const ref = parseA1(a1);
    if (!ref) throw new Error(`"${a1}" is not a cell address.`);
    this.setCells(sheetName, a1, [[cell]], options);
  }

  /** A paste of a block whose top-left cell is `a1`: one change event listing every row. */
  setCells(sheetName: string, a1: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: { source?: 'local' | 'remote'; withRows?: boolean } = {}): void {
    const sheet = this.requireSheet(sheetName);
    const ref = parseA1(a1);
    if (!ref) throw new Error(`"${a1}" is not a cell address.`);
    grid.forEach((row, i) => row.forEach((cell, j) => putCell(sheet, ref.row + i, ref.col + j, cell)));
    const rows = grid.map((_, i) => ref.row + i);
    this.emit({ sheet: sheetName, source: options.source ?? 'local', ...(options.withRows === false ? {} : { rows }) });
  }

  /** Adds (or, with `index`, inserts) a sheet, e.g. trainer mode's training sheet; emits a change without rows. */
  addSheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: SheetOptions = {}): void {
    if (this.sheet(name)) throw new Error(`A sheet named "${name}" already exists.`);
    const sheet = makeFakeSheet(name, grid, options);
    if (options.index === undefined) this.data.sheets.push(sheet);
    else this.data.sheets.splice(options.index, 0, sheet);
    this.activeSheet ??= name;
    this.emit({ sheet: name, source: 'local' });
  }

  insertSheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: SheetOptions = {}): void {
    this.addSheet(name, grid, { index: 0, ...options });
  }

  /** Emits a change exactly as given (e.g. one without row details). */
  emit(change: SheetChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  onSelectionChange(listener: (selection: { sheet: string; cell: string }) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  setDefinedName(name: string, reference: string): void {
    this.data.definedNames[name] = reference;
  }

  setProtected(sheetName: string, isProtected: boolean): void {
    this.requireSheet(sheetName).protected = isProtected;
  }

  /** Cells shown with each MAM Prep highlight style (the last-added format wins where they overlap). */
  highlightedCells(sheetName: string): Map<string, HighlightKind> {
    const sheet = this.sheet(sheetName);
    const own = (sheet?.conditionalFormats ?? []).filter((f) => isOwnHighlightFormula(f.formula));
    const kindOf = (formula: string) => /"mam-prep:(\w+)"/.exec(formula)![1] as HighlightKind;
    return expandPlan({ sheet: sheetName, layers: own.map((f) => ({ kind: kindOf(f.formula), addressLists: [f.addresses] })) });
  }

  // ---- internals ---------------------------------------------------------------------------------

  private sync(): void {
    this.syncCount++;
  }

  private sheet(name: string): FakeSheet | undefined {
    return this.data.sheets.find((s) => s.name === name);
  }

  private requireSheet(name: string): FakeSheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`Sheet "${name}" does not exist.`);
    return s;
  }

  /** One sync that loads these chunks as Office would, refusing batches over the payload limit. */
  private loadChunks(batch: readonly RowChunk[]): Array<Array<Cell[] | undefined>> {
    this.sync();
    let bytes = 0;
    const loaded = batch.map((chunk) => {
      const sheet = this.requireSheet(chunk.sheet);
      const values: unknown[][] = [];
      const formats: unknown[][] = [];
      const types: unknown[][] = [];
      const formulas: unknown[][] = [];
      for (let r = chunk.startRow; r < chunk.startRow + chunk.rowCount; r++) {
        const row = sheet.rows[r - 1];
        const v: unknown[] = [];
        const f: unknown[] = [];
        const t: unknown[] = [];
        const fx: unknown[] = [];
        for (let c = 1; c <= chunk.colCount; c++) {
          const o = officeFromCell(row?.[c - 1]);
          v.push(o.value);
          f.push(o.numberFormat);
          t.push(o.valueType);
          fx.push(o.formula);
        }
        values.push(v);
        formats.push(f);
        types.push(t);
        formulas.push(fx);
      }
      bytes += estimateResponseBytes([values, formats, types, formulas]);
      return rowsFromOffice(values, formats, types, formulas);
    });
    if (bytes > PAYLOAD_LIMIT_BYTES) throw new PayloadTooLargeError();
    return loaded;
  }

  private validationProbe(extent: SheetExtent): Array<Array<string | null>> {
    const sheet = this.requireSheet(extent.sheet);
    const rows = Math.min(VALIDATION_PROBE_ROWS, extent.lastRow);
    const cols = Math.min(VALIDATION_PROBE_COLS, extent.lastCol);
    const probe: Array<Array<string | null>> = [];
    for (let r = 1; r <= rows; r++) {
      const line: Array<string | null> = [];
      for (let c = 1; c <= cols; c++) {
        const v = sheet.validations.find((val) => sqrefContains(val.sqref, r, c));
        line.push(v ? officeListSource(v.source) : null);
      }
      probe.push(line);
    }
    return probe;
  }

  private async write(items: ReadonlyArray<{ sheet: string; cell: string; block: (current: Cell) => 'formula' | 'changed' | null; next: Cell }>): Promise<WriteOutcome> {
    if (items.length === 0) return { applied: [], skipped: [] };
    const skipped: SkippedEdit[] = [];
    const skip = (sheet: string, cell: string, reason: SkippedEdit['reason']) => skipped.push({ sheet, cell, reason, message: SKIP_MESSAGES[reason](sheet, cell) });
    this.sync();
    if (this.editMode) {
      for (const i of items) skip(i.sheet, i.cell, 'edit-mode');
      return { applied: [], skipped };
    }
    if (items.some((i) => !this.sheet(i.sheet))) {
      // The Office gateway's first batch fails on the missing sheet: it lists the sheets, then checks the rest again.
      this.syncCount += SYNCS.missingSheetLookup;
      if (items.some((i) => this.sheet(i.sheet))) this.sync();
    }
    const applied: Array<{ sheet: string; cell: string; before: Cell; after: Cell }> = [];
    const toWrite: Array<{ sheet: FakeSheet; row: number; col: number; next: Cell }> = [];
    for (const item of items) {
      const sheet = this.sheet(item.sheet);
      const ref = parseA1(item.cell);
      if (!sheet || !ref) {
        skip(item.sheet, item.cell, 'missing-sheet');
        continue;
      }
      if (sheet.protected && !sheet.unlocked.has(toA1(ref.row, ref.col))) {
        skip(item.sheet, item.cell, 'protected');
        continue;
      }
      const before = sheet.rows[ref.row - 1]?.[ref.col - 1] ?? EMPTY_CELL;
      const blocked = item.block(before);
      if (blocked) {
        skip(item.sheet, item.cell, blocked);
        continue;
      }
      applied.push({ sheet: item.sheet, cell: item.cell, before, after: item.next });
      toWrite.push({ sheet, row: ref.row, col: ref.col, next: item.next });
    }
    if (toWrite.length > 0) {
      this.sync();
      this.undoSteps++;
      // Our own writes: the Office gateway filters their change events, so the fake emits none.
      for (const w of toWrite) putCell(w.sheet, w.row, w.col, w.next);
    }
    return { applied, skipped };
  }

  private countHighlightReplace(): void {
    this.syncCount += this.ownFormatsKnown ? SYNCS.highlightsReplaceKnown : SYNCS.highlightsSearchAndReplace;
    this.ownFormatsKnown = true;
  }

  private removeOwnFormats(): void {
    for (const s of this.data.sheets) s.conditionalFormats = s.conditionalFormats.filter((f) => !isOwnHighlightFormula(f.formula));
  }
}

function putCell(sheet: FakeSheet, row: number, col: number, cell: Cell | undefined): void {
  const line = (sheet.rows[row - 1] ??= []);
  line[col - 1] = cell && cell.value.kind === 'empty' && !cell.formula ? undefined : cell;
}

/** Excel's used range with valuesOnly: the last row and column holding a value or formula. */
function usedExtent(sheet: FakeSheet): { lastRow: number; lastCol: number } {
  let lastRow = 0;
  let lastCol = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    for (let c = row.length - 1; c >= 0; c--) {
      const cell = row[c];
      if (cell && (cell.value.kind !== 'empty' || cell.formula)) {
        lastRow = r + 1;
        if (c + 1 > lastCol) lastCol = c + 1;
        break;
      }
    }
  });
  return { lastRow, lastCol };
}

/** A fake workbook holding a snapshot's sheets, validations and names (the demo's and tests' starting point). */
export function fakeWorkbookFromSnapshot(snapshot: WorkbookSnapshot): FakeWorkbookData {
  return {
    sheets: snapshot.sheets.map((s) =>
      makeFakeSheet(s.name, s.rows.map((r) => [...(r ?? [])]), { validations: s.validations ?? [], hidden: s.hidden ?? false }),
    ),
    definedNames: { ...(snapshot.definedNames ?? {}) },
    documentSettings: new Map(),
  };
}
