import { parseRange, toA1 } from '../../../src/engine/address';
import type { OfficeHost, RunOptions } from '../../../src/excel/office-gateway';
import { CellEditMode, payloadRefusal, SimulatedOfficeError } from '../../../src/excel/host-simulation';
import { areasAddress, type OfficeCell } from '../../../src/excel/office-cells';
import { payloadBytes } from '../../../src/excel/scan-plan';
import type { SimulatedSheet, SimulatedWorkbook } from '../../../src/excel/simulated-workbook';
import {
  addFormat,
  batchSavepoint,
  deleteFormat,
  EMPTY_OFFICE_CELL,
  listSources,
  officeCellAt,
  SimulatedDocumentSettings,
  sheetNameRefusal,
  sheetOfOfficeCells,
  specialCells,
  usedRange,
  writeNumberFormat,
  writeValue,
} from '../../../src/excel/simulated-workbook';

/**
 * The Excel JS object model as the Office gateway sees it, over the one simulated workbook
 * (src/excel/simulated-workbook.ts) that the fake gateway also runs on: just the objects the Office
 * gateway touches. Loads and writes are queued and only happen at `sync()`, and reading a property
 * that was not loaded and synced throws, as in Office.js, so the gateway's batching is really tested.
 * Every read and change goes through the simulated workbook's primitives, which refuse what Excel
 * refuses; a batch that fails is undone whole.
 *
 * Host behaviours (src/excel/host-simulation.ts): cell edit mode (`editMode`) fails a sync unless its
 * run asked for `delayForCellEdit` on a host that honours it (then the sync waits); a response over
 * `payloadLimitBytes` (Excel on the web: 5 MB, measured as JSON of what was loaded) is refused with
 * ResponsePayloadSizeLimitExceeded. `dateSystem` is what DATE(2000,1,1) reveals.
 */

/** Office errors as the simulated host throws them. */
const OfficeError = SimulatedOfficeError;

class Loadable {
  protected loaded = new Set<string>();
  constructor(protected readonly ctx: MockContext) {}
  need<T>(prop: string, value: () => T): T {
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: ${prop}`);
    return value();
  }
  load(props?: string | string[]): this {
    const list = Array.isArray(props) ? props : (props ?? '').split(',');
    this.ctx.queue(() => {
      this.resolve(list.map((p) => p.trim()).filter(Boolean));
      this.ctx.host.responseSoFar += this.responseBytes();
    });
    return this;
  }
  /** Bytes this object adds to the response once loaded (ranges override it with their arrays). */
  protected responseBytes(): number {
    return 40;
  }
  protected resolve(props: string[]): void {
    for (const p of props) this.loaded.add(p);
  }
}

/** A loadable object whose properties (readable after load + sync) come from `getters`, read at sync time. */
function loadableWith<T>(ctx: MockContext, getters: Record<string, () => unknown>): Loadable & T {
  const values = new Map<string, unknown>();
  const obj = new (class extends Loadable {
    protected override resolve(props: string[]): void {
      // `items/name` loads `items` (with the sub-properties the mock always has).
      const keys = props.map((p) => p.split('/')[0]!);
      super.resolve(keys);
      for (const k of keys) values.set(k, getters[k]?.());
    }
  })(ctx);
  for (const name of Object.keys(getters)) Object.defineProperty(obj, name, { get: () => obj.need(name, () => values.get(name)) });
  return obj as Loadable & T;
}

export class MockContext {
  readonly ops: Array<() => void> = [];
  readonly workbook: {
    worksheets: WorksheetCollection;
    names: Loadable & { items: unknown[] };
    functions: { date: (y: number, m: number, d: number) => Loadable & { value: number; error: string | null } };
  };
  constructor(
    readonly host: MockHost,
    private readonly options: RunOptions = {},
  ) {
    const names = loadableWith<{ items: unknown[] }>(this, {
      items: () => Object.entries(host.book.definedNames).map(([name, ref]) => ({ name, type: 'Range', value: `=${ref}`, visible: true })),
    });
    this.workbook = {
      worksheets: new WorksheetCollection(this),
      names: names as never,
      functions: {
        date: (y, m, d) => {
          const serial1900 = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
          // A host that cannot evaluate the function reports it in the FunctionResult's `error`.
          return loadableWith(this, {
            value: () => (!host.evaluatesFunctions ? null : host.book.dateSystem === '1904' ? serial1900 - 1462 : serial1900),
            error: () => (host.evaluatesFunctions ? null : 'NotAvailable'),
          });
        },
      },
    };
  }
  queue(op: () => void): void {
    this.ops.push(op);
  }
  /** A queued change to the workbook (counted as a write sync). */
  queueWrite(op: () => void): void {
    this.ops.push(Object.assign(op, { writes: true }));
  }
  async sync(): Promise<void> {
    try {
      await this.host.cellEditMode.admit(this.options.delayForCellEdit === true, this.host.honoursDelayForCellEdit);
    } catch (e) {
      this.host.syncs.push(this.ops.splice(0).length);
      throw e;
    }
    this.host.syncs.push(this.ops.length);
    const ops = this.ops.splice(0);
    if (this.host.failAtSync !== undefined && this.host.syncs.length === this.host.failAtSync.index) throw new OfficeError(this.host.failAtSync.code);
    // Excel on the web refuses a request over its size limit before running any of it.
    if (this.host.requestOpLimit !== undefined && ops.length > this.host.requestOpLimit) throw new OfficeError('RequestPayloadSizeLimitExceeded');
    this.host.loadedCells = 0;
    this.host.responseSoFar = 0;
    // A batch is all or nothing: an operation that fails (AccessDenied, ItemNotFound) undoes the ones before it.
    const undo = ops.some((op) => (op as { writes?: boolean }).writes) ? batchSavepoint(this.host.book) : () => {};
    try {
      for (const op of ops) op();
    } catch (e) {
      undo();
      throw e;
    }
    this.host.responseBytes.push(this.host.responseSoFar);
    if (ops.some((op) => (op as { writes?: boolean }).writes)) this.host.writeSyncs++;
    if (this.host.payloadCellLimit !== undefined && this.host.loadedCells > this.host.payloadCellLimit)
      throw new OfficeError('ResponsePayloadSizeLimitExceeded');
    const refused = payloadRefusal(this.host.payloadLimitBytes, { responseBytes: this.host.responseSoFar });
    if (refused) throw refused;
  }
}

class WorksheetCollection extends Loadable {
  readonly onChanged = this.event('onChanged');
  readonly onAdded = this.event('onAdded');
  readonly onDeleted = this.event('onDeleted');
  readonly onCalculated = this.event('onCalculated');
  readonly onNameChanged = this.event('onNameChanged');
  private event(name: string) {
    return {
      add: (handler: (e: unknown) => Promise<void>) => {
        const entry = { event: name, handler };
        // A registration takes effect at sync, and fails with the batch (e.g. in cell edit mode).
        this.ctx.queue(() => {
          if (this.ctx.host.failRegistrations > 0) {
            this.ctx.host.failRegistrations--;
            throw new OfficeError('GeneralException');
          }
          this.ctx.host.handlers.push(handler);
          this.ctx.host.events.push(entry);
        });
        return { context: this.ctx, remove: () => this.ctx.host.events.splice(this.ctx.host.events.indexOf(entry), 1) };
      },
    };
  }
  add(name: string): Worksheet {
    this.ctx.queueWrite(() => {
      const refusal = sheetNameRefusal(this.ctx.host.book, name);
      if (refusal) throw new OfficeError(refusal);
      this.ctx.host.book.sheets.push(sheetOfOfficeCells(name, []));
    });
    return new Worksheet(this.ctx, name, false);
  }
  get items(): Worksheet[] {
    return this.need('items', () => this.ctx.host.book.sheets.map((s) => new Worksheet(this.ctx, s.name, true)));
  }
  protected override resolve(): void {
    this.loaded.add('items');
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, name, false);
  }
  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(this.ctx, name, false, true);
  }
}

class Worksheet {
  readonly protection: Loadable & { protected: boolean; options: { allowFormatCells: boolean } };
  constructor(
    private readonly ctx: MockContext,
    readonly sheetName: string,
    private readonly listed: boolean,
    private readonly orNull = false,
  ) {
    this.protection = loadableWith(ctx, {
      protected: () => this.data().protected ?? false,
      options: () => ({ allowFormatCells: this.data().allowFormatCells ?? false }),
    });
  }
  data(): SimulatedSheet {
    const s = this.ctx.host.book.sheets.find((x) => x.name === this.sheetName);
    if (!s) throw new OfficeError('ItemNotFound');
    return s;
  }
  get name() {
    return this.sheetName;
  }
  get id() {
    return this.data().id;
  }
  get visibility() {
    return this.data().hidden ? 'Hidden' : 'Visible';
  }
  get isNullObject(): boolean {
    if (!this.orNull) throw new Error('not an OrNullObject');
    return !this.ctx.host.book.sheets.some((x) => x.name === this.sheetName);
  }
  getUsedRangeOrNullObject(valuesOnly = false): UsedRange {
    return new UsedRange(this.ctx, this, 0, 0, 1_048_576, 16_384, valuesOnly);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    return new Range(this.ctx, this, row, col, rows, cols);
  }
  getCell(row: number, col: number): Range {
    return new Range(this.ctx, this, row, col, 1, 1);
  }
  getRange(address?: string): Range {
    if (address === undefined) return new Range(this.ctx, this, 0, 0, 1_048_576, 16_384);
    const r = parseRange(address)!;
    return new Range(this.ctx, this, r.start.row - 1, r.start.col - 1, r.end.row - r.start.row + 1, r.end.col - r.start.col + 1);
  }
  getRanges(addresses: string) {
    return { conditionalFormats: new ConditionalFormats(this.ctx, this, addresses) };
  }
  activate(): void {
    this.ctx.queue(() => (this.ctx.host.active = this.sheetName));
  }
  get listedBySync(): boolean {
    return this.listed;
  }
}

/** The used range of a sheet or of one block of it, where Excel puts it (it need not start at A1). */
class UsedRange extends Loadable {
  private extent: { firstRow: number; firstCol: number; lastRow: number; lastCol: number } | null = null;
  constructor(
    ctx: MockContext,
    private readonly ws: Worksheet,
    private readonly row0: number,
    private readonly col0: number,
    private readonly rows: number,
    private readonly cols: number,
    private readonly valuesOnly: boolean,
  ) {
    super(ctx);
  }
  protected override resolve(props: string[]): void {
    super.resolve(props);
    if (!this.ctx.host.book.sheets.some((s) => s.name === this.ws.sheetName)) return;
    const box = { firstRow: this.row0 + 1, firstCol: this.col0 + 1, lastRow: this.row0 + this.rows, lastCol: this.col0 + this.cols };
    this.extent = usedRange(this.ws.data(), box, this.valuesOnly);
  }
  get isNullObject() {
    // As in Office.js, known only after a load and a sync.
    if (this.loaded.size === 0) throw new Error('PropertyNotLoaded: isNullObject');
    return this.extent === null;
  }
  get rowIndex() {
    return this.need('rowIndex', () => this.extent!.firstRow - 1);
  }
  get columnIndex() {
    return this.need('columnIndex', () => this.extent!.firstCol - 1);
  }
  get rowCount() {
    return this.need('rowCount', () => this.extent!.lastRow - this.extent!.firstRow + 1);
  }
  get columnCount() {
    return this.need('columnCount', () => this.extent!.lastCol - this.extent!.firstCol + 1);
  }
}

class Range extends Loadable {
  private snapshot: OfficeCell[][] = [];
  readonly format: { protection: Loadable & { locked: boolean } };
  readonly dataValidation: Loadable & { type: string; rule: unknown };
  private loadedProps: string[] = [];
  constructor(
    ctx: MockContext,
    private readonly ws: Worksheet,
    private readonly row: number,
    private readonly col: number,
    private readonly rows: number,
    private readonly cols: number,
  ) {
    super(ctx);
    this.format = { protection: loadableWith(ctx, { locked: () => !this.ws.data().unlocked.has(toA1(this.row + 1, this.col + 1)) }) };
    // A multi-cell range reports one list only when every cell has it; mixed ranges are Inconsistent.
    const sources = () => [...listSources(this.ws.data(), this.box())];
    this.dataValidation = loadableWith(ctx, {
      type: () => {
        ctx.host.validationLoads.push(`${this.ws.sheetName}!${this.row},${this.col}:${this.rows}x${this.cols}`);
        ctx.host.validationLoadSyncs.push(ctx.host.syncs.length);
        const s = sources();
        return s.length > 1 ? 'Inconsistent' : s[0] ? 'List' : 'None';
      },
      rule: () => {
        const s = sources();
        return s.length === 1 && s[0] ? { list: { source: s[0], inCellDropDown: true } } : {};
      },
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): UsedRange {
    return new UsedRange(this.ctx, this.ws, this.row, this.col, this.rows, this.cols, valuesOnly);
  }
  /** The range as a 1-based box of the simulated sheet. */
  private box() {
    return { firstRow: this.row + 1, firstCol: this.col + 1, lastRow: this.row + this.rows, lastCol: this.col + this.cols };
  }
  /** Cells of this range matching Formulas / Constants (optionally only errors), as one RangeAreas address. */
  getSpecialCellsOrNullObject(type: 'Formulas' | 'Constants', valueType?: 'Errors') {
    const ctx = this.ctx;
    let address: string | null = null;
    let loaded = false;
    const areas = {
      load: () => {
        ctx.queue(() => {
          address = areasAddress(this.ws.sheetName, specialCells(this.ws.data(), this.box(), type, valueType === 'Errors'));
          loaded = true;
          ctx.host.responseSoFar += payloadBytes(address);
        });
        return areas;
      },
      get isNullObject() {
        if (!loaded) throw new Error('PropertyNotLoaded: isNullObject');
        return address === null;
      },
      get address() {
        if (!loaded || address === null) throw new Error('PropertyNotLoaded: address');
        return address;
      },
    };
    return areas;
  }
  protected override responseBytes(): number {
    const out: Record<string, unknown> = {};
    for (const p of this.loadedProps) if (p in GRID_KEYS) out[p] = this.snapshot.map((line) => line.map((c) => c[GRID_KEYS[p]!]));
    return payloadBytes(out);
  }
  protected override resolve(props: string[]): void {
    super.resolve(props);
    this.loadedProps = props;
    const sheet = this.ws.data();
    this.snapshot = [];
    for (let r = 1; r <= this.rows; r++) {
      const line: OfficeCell[] = [];
      for (let c = 1; c <= this.cols; c++) line.push(officeCellAt(sheet, this.row + r, this.col + c));
      this.snapshot.push(line);
    }
    this.ctx.host.loadedCells += this.rows * this.cols;
    this.ctx.host.rangeLoads.push({ sheet: this.ws.sheetName, row: this.row + 1, rows: this.rows, cols: this.cols });
  }
  private grid<K extends keyof OfficeCell>(key: K, prop: string) {
    return this.need(prop, () => this.snapshot.map((line) => line.map((c) => c[key])));
  }
  get values() {
    return this.grid('value', 'values');
  }
  set values(v: unknown[][]) {
    this.write(v, (sheet, row, col, value) => writeValue(this.ctx.host.book, sheet, row, col, value));
  }
  get numberFormat() {
    return this.grid('numberFormat', 'numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.write(v, (sheet, row, col, value) => writeNumberFormat(sheet, row, col, String(value)));
  }
  get valueTypes() {
    return this.grid('valueType', 'valueTypes');
  }
  get formulas() {
    return this.grid('formula', 'formulas');
  }
  get conditionalFormats() {
    return new ConditionalFormats(this.ctx, this.ws, '');
  }
  select(): void {
    this.ctx.queue(() => (this.ctx.host.selected = `${this.ws.sheetName}!${this.row},${this.col}`));
  }
  /** Sets each cell of the range through the simulated workbook, which refuses what Excel refuses. */
  private write(v: unknown[][], set: (sheet: SimulatedSheet, row: number, col: number, value: unknown) => void): void {
    this.ctx.queueWrite(() => {
      // Office.js refuses an array whose dimensions differ from the range's.
      if (v.length !== this.rows || v.some((line) => line.length !== this.cols)) throw new OfficeError('InvalidArgument');
      const sheet = this.ws.data();
      for (let dr = 0; dr < v.length; dr++) {
        for (let dc = 0; dc < (v[dr]?.length ?? 0); dc++) {
          set(sheet, this.row + dr + 1, this.col + dc + 1, v[dr]![dc]);
          this.ctx.host.writes.push(`${this.ws.sheetName}!${this.row + dr},${this.col + dc}`);
        }
      }
    });
  }
}

const GRID_KEYS: Record<string, keyof OfficeCell> = { values: 'value', numberFormat: 'numberFormat', valueTypes: 'valueType', formulas: 'formula' };

class ConditionalFormats extends Loadable {
  constructor(
    ctx: MockContext,
    private readonly ws: Worksheet,
    private readonly addresses: string,
  ) {
    super(ctx);
  }
  private listed: Array<{ id: string; type: string; formula: string }> = [];
  protected override resolve(props: string[]): void {
    super.resolve(props);
    this.listed = [...this.ws.data().conditionalFormats];
  }
  get items() {
    return this.need('items/type', () => this.listed.map((f) => this.formatObject(f)));
  }
  getItem(id: string) {
    return { delete: () => this.ctx.queueWrite(() => deleteFormat(this.ws.data(), id)) };
  }
  add(type: string) {
    // Properties set on the new format before the sync go with the add.
    const wanted: { formula: string; priority?: number } = { formula: '' };
    let added: { id: string } | undefined;
    this.ctx.queueWrite(() => {
      added = addFormat(this.ctx.host.book, this.ws.data(), { type, addresses: this.addresses, ...wanted });
    });
    const sink = { color: '', bold: false, italic: false };
    return {
      custom: {
        rule: {
          set formula(f: string) {
            wanted.formula = f;
          },
        },
        format: { fill: sink, font: sink },
      },
      load: () => undefined,
      set priority(p: number) {
        wanted.priority = p;
      },
      get id() {
        if (!added) throw new Error('PropertyNotLoaded: id');
        return added.id;
      },
    };
  }
  private formatObject(f: { id: string; type: string; formula: string }) {
    const ctx = this.ctx;
    const ws = this.ws;
    let formula: string | undefined;
    return {
      type: f.type,
      custom: {
        rule: {
          load: () => ctx.queue(() => (formula = f.formula)),
          get formula() {
            if (formula === undefined) throw new Error('PropertyNotLoaded: formula');
            return formula;
          },
        },
      },
      delete: () => ctx.queueWrite(() => deleteFormat(ws.data(), f.id)),
    };
  }
}

export class MockHost implements OfficeHost {
  syncs: number[] = [];
  /** Response bytes of every sync (JSON of what was loaded). */
  responseBytes: number[] = [];
  responseSoFar = 0;
  /** Excel on the web: 5_000_000. Undefined: no limit (desktop). */
  payloadLimitBytes: number | undefined;
  /** ExcelApi 1.11+ holds a delayForCellEdit batch in edit mode; below, it fails like any other. */
  honoursDelayForCellEdit = true;
  evaluatesFunctions = true;
  /** The user's cell edit mode, with the rule every simulated host applies (host-simulation.ts). */
  readonly cellEditMode = new CellEditMode();
  /** Every dataValidation loaded: `sheet!row0,col0:rowsxcols`. */
  validationLoads: string[] = [];
  /** The sync (1-based count) each of those rode on. */
  validationLoadSyncs: number[] = [];
  handlers: Array<(e: unknown) => Promise<void>> = [];
  /** Registered handlers by event name (onChanged, onAdded, onDeleted, onCalculated, onNameChanged). */
  events: Array<{ event: string; handler: (e: unknown) => Promise<void> }> = [];
  /** The next N registration batches fail (GeneralException). */
  failRegistrations = 0;
  /** Queued operations one request may carry before Excel on the web refuses it as too large. */
  requestOpLimit: number | undefined;
  /** Syncs that changed the workbook (each is one undo record without mergeUndoGroup on 1.19). */
  writeSyncs = 0;
  /** The sync with this 1-based number fails with this Office error code (a dropped connection, say). */
  failAtSync: { index: number; code: string } | undefined;
  /** The next saveAsync calls fail. */
  failSaves = 0;
  writes: string[] = [];
  rangeLoads: Array<{ sheet: string; row: number; rows: number; cols: number }> = [];
  runOptions: unknown[] = [];
  loadedCells = 0;
  payloadCellLimit: number | undefined;
  active = '';
  selected = '';
  /** Office's settings bag over the simulated document's settings. */
  readonly documentSettings: SimulatedDocumentSettings;
  readonly platform = 'web' as const;

  constructor(
    readonly book: SimulatedWorkbook,
    private readonly sets: Record<string, string> = { ExcelApi: '1.20' },
  ) {
    this.documentSettings = new SimulatedDocumentSettings(book, () => this.failSaves > 0 && this.failSaves-- > 0);
  }

  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T> {
    this.runOptions.push(options);
    return batch(new MockContext(this, options) as unknown as Excel.RequestContext);
  }

  get editMode(): boolean {
    return this.cellEditMode.active;
  }

  /** The user enters or leaves a cell; leaving releases held batches. */
  set editMode(on: boolean) {
    this.cellEditMode.active = on;
  }

  removeHandler(handler: { remove: () => void }): Promise<void> {
    handler.remove();
    this.handlers = this.events.map((e) => e.handler);
    return Promise.resolve();
  }

  /** Calls every handler registered for `event`, as Excel does. */
  async fire(event: string, args: unknown): Promise<void> {
    for (const e of this.events.filter((x) => x.event === event)) await e.handler(args);
  }

  isSetSupported(name: string, version: string): boolean {
    const have = this.sets[name];
    if (!have) return false;
    const [a, b] = have.split('.').map(Number);
    const [x, y] = version.split('.').map(Number);
    return a! > x! || (a === x && b! >= y!);
  }

  get syncCount(): number {
    return this.syncs.length;
  }
}

/** Office cells for a grid of plain values (text and numbers). */
export function officeGrid(rows: ReadonlyArray<ReadonlyArray<string | number>>): OfficeCell[][] {
  return rows.map((row) =>
    row.map((v) => (v === '' ? EMPTY_OFFICE_CELL : { value: v, numberFormat: 'General', valueType: typeof v === 'number' ? 'Double' : 'String', formula: v })),
  );
}

/** A workbook of these sheets and range names (`Lists!$A$2:$A$9`), in the 1900 date system. */
export function officeBook(sheets: readonly SimulatedSheet[], definedNames: Record<string, string> = {}): SimulatedWorkbook {
  return { sheets: [...sheets], definedNames, documentSettings: new Map(), formatIds: 0 };
}
