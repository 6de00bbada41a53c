import { parseA1, sqrefContains, toA1 } from '../engine/address';
import { Cell, cellsEqual, EMPTY_CELL } from '../engine/cell';
import { cellForEdit, Edit } from '../engine/fix-planner';
import type { RowUpdate } from '../engine/result';
import type { ListValidation, WorkbookSnapshot } from '../engine/snapshot';
import { changedRows, sheetChangeFromEvent } from './change-rows';
import {
  CellRestore, ClearOutcome, GatewayCapabilities, GatewayError, HighlightOptions, HighlightOutcome, Highlights, SettingsStore, SheetChange, SkippedEdit,
  UndoSupport, WorkbookGateway, WriteOptions, WriteOutcome,
} from './gateway';
import {
  expandPlan, HighlightKind, highlightKindOf, highlightOwnerOf, highlightsEqual, isOwnHighlightFormula, planHighlights, highlightFormula,
} from './highlight-plan';
import { editBlocker, officeFromCell, officeWriteFor, rowsFromOffice, SKIP_MESSAGES } from './office-cells';
import {
  estimateResponseBytes, loadInBatches, PAYLOAD_LIMIT_BYTES, PayloadTooLargeError, planChunks, RowChunk, rowRunChunks, SCAN_METADATA_SYNCS, SheetExtent,
} from './scan-plan';
import { MapSettingsStore, OfficeDocumentSettings, OfficeDocumentSettingsStore } from './settings-stores';
import { planWriteChunks } from './write-plan';
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
  /** A protected sheet that still allows "Format cells": conditional formats and number formats may change. */
  allowFormatCells?: boolean;
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
  readonly allowFormatCells?: boolean;
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
    allowFormatCells: options.allowFormatCells ?? false,
    unlocked: new Set((options.unlocked ?? []).map((c) => c.toUpperCase())),
    conditionalFormats: [],
  };
}

export interface FakeGatewayOptions {
  readonly userSettings?: Map<string, string>;
  readonly capabilities?: Partial<GatewayCapabilities>;
  /** The id this user's highlight formats carry (two fakes over one workbook are two users). */
  readonly user?: string;
}

/** One entry of the user's Excel undo stack, as the fake models it. */
export interface FakeUndoEntry {
  readonly by: 'user' | 'mam-prep';
  readonly what: string;
}

/** Syncs MAM Prep spends on each operation, mirroring office-gateway.ts. */
const WRITTEN: HighlightOutcome = Object.freeze({ written: true, protectedSheets: [] });

export const SYNCS = {
  scanMetadata: SCAN_METADATA_SYNCS,
  /** Listing the sheets again after a write hit a renamed or deleted sheet. */
  missingSheetLookup: 1,
  /** First replacement: list sheets; load their conditional formats; load custom rules; delete ours and add the new. */
  highlightsSearchAndReplace: 4,
  /** Later replacements: read the sheet's protection; delete our formats by id and add the new. */
  highlightsReplaceKnown: 2,
  /** Clearing: search every sheet (3), delete what was found (1), search again to verify (3). */
  highlightsClear: 7,
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
  /** Request size Excel on the web refuses (the fake refuses oversized write requests too). */
  requestLimitBytes = PAYLOAD_LIMIT_BYTES;
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
  private readonly settingsBag: FakeDocumentSettings;

  constructor(
    readonly data: FakeWorkbookData = createFakeWorkbook(),
    options: FakeGatewayOptions = {},
  ) {
    // Office's settings bag: a copy per session, saved whole (last write wins), refreshed on request.
    this.settingsBag = new FakeDocumentSettings(data, () => {
      if (this.failSettingsSaves <= 0) return false;
      this.failSettingsSaves--;
      return true;
    });
    this.documentSettings = new OfficeDocumentSettingsStore(this.settingsBag);
    this.userSettings = new MapSettingsStore(options.userSettings ?? new Map());
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

  async writeEdits(edits: readonly Edit[], options?: WriteOptions): Promise<WriteOutcome> {
    return this.write(edits.map((e) => ({ sheet: e.sheet, cell: e.cell, block: (current: Cell) => editBlocker(current, e.from), next: cellForEdit(e) })), options);
  }

  async restoreCells(restores: readonly CellRestore[], options?: WriteOptions): Promise<WriteOutcome> {
    return this.write(restores.map((r) => ({
      sheet: r.sheet,
      cell: r.cell,
      block: (current: Cell) => (current.formula || r.previous.formula ? 'formula' as const : cellsEqual(current, r.expected) ? null : 'changed' as const),
      next: r.previous,
    })), options);
  }

  async setHighlights(highlights: Highlights, options: HighlightOptions = {}): Promise<HighlightOutcome> {
    this.highlightCalls++;
    const mode = options.mode ?? 'auto';
    if (mode === 'auto' && highlightsEqual(highlights, this.lastHighlights)) return WRITTEN;
    if (this.editMode) {
      this.sync();
      throw new GatewayError('edit-mode', 'Excel is editing a cell; highlights will update when the edit ends.', 'InvalidOperationInCellEditMode');
    }
    this.countHighlightReplace(mode);
    const outcome = this.replaceFormats(highlights, mode);
    if (outcome.written) {
      this.highlightWrites++;
      this.recordUndo('highlight colours', 1);
    }
    this.lastHighlights = outcome.written ? highlights : null;
    return outcome;
  }

  async clearHighlights(): Promise<ClearOutcome> {
    this.syncCount += SYNCS.highlightsClear;
    let removed = 0;
    const protectedSheets: string[] = [];
    for (const s of this.data.sheets) {
      const mine = s.conditionalFormats.filter((f) => isOwnHighlightFormula(f.formula));
      if (mine.length === 0) continue;
      if (refusesFormats(s)) {
        protectedSheets.push(s.name);
        continue;
      }
      for (const f of mine) deleteFormat(s, f);
      removed += mine.length;
    }
    if (removed > 0) this.recordUndo('remove highlight colours', 1);
    this.lastHighlights = null;
    this.ownFormatsKnown = true;
    const remaining = this.data.sheets.reduce((n, s) => n + s.conditionalFormats.filter((f) => isOwnHighlightFormula(f.formula)).length, 0);
    return { removed, remaining, protectedSheets };
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
    if (this.data.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new GatewayError('name-taken', `A sheet named "${name}" already exists.`, 'ItemAlreadyExists');
    }
    this.data.sheets.push(makeFakeSheet(name, grid));
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
    return sheet.rows[ref.row - 1]?.[ref.col - 1] ?? EMPTY_CELL;
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
  setCells(sheetName: string, a1: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options: { source?: 'local' | 'remote'; withRows?: boolean } = {}): void {
    const sheet = this.requireSheet(sheetName);
    const ref = parseA1(a1);
    if (!ref) throw new Error(`"${a1}" is not a cell address.`);
    grid.forEach((row, i) => row.forEach((cell, j) => putCell(sheet, ref.row + i, ref.col + j, cell)));
    const width = Math.max(1, ...grid.map((r) => r.length));
    const end = toA1(ref.row + Math.max(grid.length, 1) - 1, ref.col + width - 1);
    const address = end === toA1(ref.row, ref.col) ? toA1(ref.row, ref.col) : `${toA1(ref.row, ref.col)}:${end}`;
    const source = options.source ?? 'local';
    if (source === 'local') this.undoStack.push({ by: 'user', what: `edit ${sheetName}!${address}` });
    this.emitEvent({ sheet: sheetName, address: options.withRows === false ? undefined : address, changeType: 'RangeEdited', source });
  }

  /**
   * Delivers a worksheet `onChanged` event as Excel sends it (an address string: one cell, a range,
   * several areas, whole rows or columns) through the same translation the Office gateway uses.
   * A local event also reaches co-authors as remote.
   */
  emitEvent(event: { sheet: string; address: string | undefined; changeType?: string; source?: 'local' | 'remote' }): void {
    const source = event.source ?? 'local';
    const known = this.sheet(event.sheet);
    this.deliver(known ? sheetChangeFromEvent(event.sheet, event.address, event.changeType, source) : { sheet: event.sheet, source, rescan: 'unknown-sheet', cause: 'edit' });
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
    const sheet = makeFakeSheet(name, grid, options);
    if (options.index === undefined) this.data.sheets.push(sheet);
    else this.data.sheets.splice(options.index, 0, sheet);
    this.activeSheet ??= name;
    this.deliver({ sheet: name, source: 'local', rescan: 'sheet-added', cause: 'edit' });
  }

  /** The user copies a range with MAM Prep's formats (paste, insert): Excel copies the formats too. */
  copyFormatsTo(sheetName: string, addresses: string): number {
    const sheet = this.requireSheet(sheetName);
    const copies = this.data.sheets.flatMap((s) => s.conditionalFormats).filter((f) => isOwnHighlightFormula(f.formula)).map((f) => ({ ...f, addresses }));
    sheet.conditionalFormats.push(...copies);
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

  /**
   * Mirrors the Office gateway: the same write chunks (write-plan.ts), each a check sync and a write
   * sync, inside one call; the highlight refresh of `highlightsAfter` rides in the last write sync.
   * Each write request is measured as Office would serialize it and refused over the host's limit.
   */
  private async write(items: readonly FakeWriteItem[], options?: WriteOptions): Promise<WriteOutcome> {
    if (items.length === 0) return { applied: [], skipped: [], undoSteps: 0 };
    const skipped: SkippedEdit[] = [];
    const skip = (sheet: string, cell: string, reason: SkippedEdit['reason']) => skipped.push({ sheet, cell, reason, message: SKIP_MESSAGES[reason](sheet, cell) });
    if (this.editMode) {
      this.sync();
      for (const i of items) skip(i.sheet, i.cell, 'edit-mode');
      return { applied: [], skipped, undoSteps: 0 };
    }
    if (items.some((i) => !this.sheet(i.sheet))) {
      // The Office gateway's first batch fails on the missing sheet: it lists the sheets, then checks the rest again.
      this.sync();
      this.syncCount += SYNCS.missingSheetLookup;
    }
    const present = items.filter((i) => {
      if (this.sheet(i.sheet) && parseA1(i.cell)) return true;
      skip(i.sheet, i.cell, 'missing-sheet');
      return false;
    });
    const chunks = planWriteChunks(present);
    const applied: Array<{ sheet: string; cell: string; before: Cell; after: Cell }> = [];
    let writeSyncs = 0;
    let highlights: HighlightOutcome | undefined;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      const last = i === chunks.length - 1;
      this.sync();
      if (last && options?.highlightsAfter && !this.ownFormatsKnown) this.syncCount += SYNCS.highlightsSearchAndReplace - 1;
      const toWrite: Array<{ sheet: FakeSheet; row: number; col: number; next: Cell }> = [];
      for (const item of chunk) {
        const sheet = this.sheet(item.sheet)!;
        const ref = parseA1(item.cell)!;
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
        if (needsNumberFormat(item.next, before) && refusesFormats(sheet)) {
          skip(item.sheet, item.cell, 'protected');
          continue;
        }
        applied.push({ sheet: item.sheet, cell: item.cell, before, after: item.next });
        toWrite.push({ sheet, row: ref.row, col: ref.col, next: item.next });
      }
      const bytes = officeRequestBytes(chunk);
      this.largestWriteRequestBytes = Math.max(this.largestWriteRequestBytes, bytes);
      if (bytes > this.requestLimitBytes) {
        throw new GatewayError('request-too-large', 'Excel refused the request as too large, so nothing was written. Fix fewer cells at a time.', 'RequestPayloadSizeLimitExceeded');
      }
      let refresh: { outcome: HighlightOutcome; highlights: Highlights } | null = null;
      if (last && options?.highlightsAfter) {
        const wanted = options.highlightsAfter({ applied: [...applied], skipped: [...skipped] });
        if (wanted) refresh = { outcome: this.replaceFormats(wanted, 'auto', true), highlights: wanted };
      }
      if (refresh) {
        highlights = refresh.outcome;
        this.ownFormatsKnown = true;
        if (refresh.outcome.written) {
          this.lastHighlights = refresh.highlights;
          this.highlightWrites++;
        }
      }
      if (toWrite.length === 0 && !refresh?.outcome.written) continue;
      this.sync();
      writeSyncs++;
      // Our own writes: the Office gateway filters their change events, so the fake emits none here.
      for (const w of toWrite) putCell(w.sheet, w.row, w.col, w.next);
      if (toWrite.length > 0) for (const other of this.coauthors) for (const w of toWrite) other.emitEvent({ sheet: w.sheet.name, address: toA1(w.row, w.col), changeType: 'RangeEdited', source: 'remote' });
    }
    const undoSteps = this.recordUndo(applied.length > 0 ? 'MAM Prep fix' : 'highlight colours', writeSyncs);
    if (writeSyncs > 0) this.undoSteps++;
    return { applied, skipped, undoSteps, ...(highlights ? { highlights } : {}) };
  }

  /**
   * Replaces MAM Prep formats on the highlight sheet as the Office gateway does: never on a sheet
   * that refuses formats; `auto` leaves another user's formats alone (and then writes nothing).
   */
  private replaceFormats(highlights: Highlights, mode: 'auto' | 'request', queuedWithWrite = false): HighlightOutcome {
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
          deleteFormat(s, f);
        }
      }
    }
    for (const layer of planHighlights(highlights).layers) {
      for (const addresses of layer.addressLists) addFormat(sheet, { formula: highlightFormula(layer.kind, this.user), addresses });
    }
    if (!queuedWithWrite) this.dirtiedByAddIn = true;
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

  private countHighlightReplace(mode: 'auto' | 'request' = 'auto'): void {
    this.syncCount += this.ownFormatsKnown && mode === 'auto' ? SYNCS.highlightsReplaceKnown : SYNCS.highlightsSearchAndReplace;
    this.ownFormatsKnown = true;
  }
}

interface FakeWriteItem {
  readonly sheet: string;
  readonly cell: string;
  readonly block: (current: Cell) => 'formula' | 'changed' | null;
  readonly next: Cell;
}

/** Whether writing `next` over `current` sets a number format (a date into a cell without a date format). */
function needsNumberFormat(next: Cell, current: Cell): boolean {
  return officeWriteFor(next, officeFromCell(current).numberFormat).numberFormat !== undefined;
}

/** Protected without "Format cells": Excel refuses conditional-format and number-format changes (AccessDenied). */
function refusesFormats(sheet: FakeSheet): boolean {
  return sheet.protected && !(sheet.allowFormatCells ?? false);
}

function isOtherUser(formula: string, user: string): boolean {
  const owner = highlightOwnerOf(formula);
  return owner !== null && owner !== user;
}

/** The fake's conditional-format primitives refuse what Excel refuses, so a gateway bug cannot hide. */
function addFormat(sheet: FakeSheet, format: { formula: string; addresses: string }): void {
  if (refusesFormats(sheet)) throw new GatewayError('protected', `Sheet "${sheet.name}" is protected.`, 'AccessDenied');
  sheet.conditionalFormats.push(format);
}

function deleteFormat(sheet: FakeSheet, format: { formula: string; addresses: string }): void {
  if (refusesFormats(sheet)) throw new GatewayError('protected', `Sheet "${sheet.name}" is protected.`, 'AccessDenied');
  sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(format), 1);
}

/**
 * Request bytes of one checked write as Office.js serializes it: per cell, object paths for the
 * sheet's range and its format protection, queries for four range properties and `locked`, and
 * property sets for the value and number format (Office's RichApi JSON shape).
 */
function officeRequestBytes(items: readonly FakeWriteItem[]): number {
  let id = 10;
  let bytes = 0;
  for (const item of items) {
    const range = ++id;
    const protection = ++id;
    const write = officeWriteFor(item.next, undefined);
    const parts = [
      { Id: range, ObjectPathType: 3, Name: 'getRange', ParentObjectPathId: 4, ArgumentInfo: { Arguments: [item.cell] } },
      { Id: ++id, ActionType: 1, Name: '', ObjectPathId: range },
      { Id: ++id, ActionType: 2, Name: '', ObjectPathId: range, QueryInfo: { Select: ['values', 'numberFormat', 'valueTypes', 'formulas'], Expand: [], Skip: null, Top: null } },
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

/**
 * Office's document settings bag for one session: `get`/`set` work on a copy; `saveAsync` writes the
 * whole copy to the document (the last save wins, as between co-authors); `refreshAsync` reloads it.
 */
class FakeDocumentSettings implements OfficeDocumentSettings {
  private bag: Map<string, string>;

  constructor(private readonly data: FakeWorkbookData, private readonly failNextSave: () => boolean) {
    this.bag = new Map(data.documentSettings);
  }

  get(name: string): unknown {
    return this.bag.get(name);
  }

  set(name: string, value: unknown): void {
    this.bag.set(name, String(value));
  }

  remove(name: string): void {
    this.bag.delete(name);
  }

  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void {
    if (this.failNextSave()) {
      callback?.({ status: 'failed', error: { message: 'The settings could not be saved.' } });
      return;
    }
    this.data.documentSettings.clear();
    for (const [k, v] of this.bag) this.data.documentSettings.set(k, v);
    callback?.({ status: 'succeeded' });
  }

  refreshAsync(callback?: (result: { status: string }) => void): void {
    this.bag = new Map(this.data.documentSettings);
    callback?.({ status: 'succeeded' });
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
