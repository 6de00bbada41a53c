import { parseRange } from '../../../src/engine/address';
import type { WorkbookSnapshot } from '../../../src/engine/snapshot';
import { areasAddress, officeFromCell, type OfficeCell } from '../../../src/excel/office-cells';
import { officeListSource } from '../../../src/excel/snapshot-builder';
import type { OfficeHost, RunOptions } from '../../../src/excel/office-gateway';
import { ACCESS_DENIED, CellEditMode, payloadRefusal, refusesFormats, refusesValueWrite, SimulatedOfficeError } from '../../../src/excel/host-simulation';
import { payloadBytes } from '../../../src/excel/scan-plan';

/**
 * A minimal hand-written stand-in for the Excel JS object model: just the objects the Office
 * gateway touches. Loads and writes are queued and only happen at `sync()`, and reading a property
 * that was not loaded and synced throws, as in Office.js, so the gateway's batching is really tested.
 *
 * Host behaviours, as strict as Excel, are the rules the fake workbook applies too (src/excel/host-simulation.ts):
 * cell edit mode (`editMode`) fails a sync unless its run asked for `delayForCellEdit` on a host that
 * honours it (then the sync waits); a response over `payloadLimitBytes` (Excel on the web: 5 MB,
 * measured as JSON of what was loaded) is refused with ResponsePayloadSizeLimitExceeded; a protected
 * sheet refuses values in locked cells and formats without "Format cells". `dateSystem` is what
 * DATE(2000,1,1) reveals.
 */

export interface MockSheet {
  name: string;
  id: string;
  visibility?: 'Visible' | 'Hidden';
  protected?: boolean;
  /** A protected sheet that still allows "Format cells" (conditional formats and number formats). */
  allowFormatCells?: boolean;
  /** rows[r][c], 0-based. */
  cells: OfficeCell[][];
  unlocked?: Set<string>;
  /** 'r,c' (0-based) → Office list source. */
  listValidations?: Map<string, string>;
  formats?: Array<{ id: string; type: string; formula: string; addresses: string; priority?: number }>;
}

export interface MockBook {
  sheets: MockSheet[];
  names: Array<{ name: string; type: string; value: string }>;
  /** Default 1900. */
  dateSystem?: '1900' | '1904';
}

/** Office errors as the fake throws them (one error type for both simulators). */
const OfficeError = SimulatedOfficeError;

const EMPTY: OfficeCell = { value: '', numberFormat: 'General', valueType: 'Empty', formula: '' };

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
    names: Loadable & { items: MockSheet[] };
    functions: { date: (y: number, m: number, d: number) => Loadable & { value: number; error: string | null } };
  };
  constructor(
    readonly host: MockHost,
    private readonly options: RunOptions = {},
  ) {
    const names = loadableWith<{ items: unknown[] }>(this, { items: () => host.book.names });
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
    const saved = JSON.stringify(this.host.book.sheets.map((sh) => [sh.cells, sh.formats ?? []]));
    try {
      for (const op of ops) op();
    } catch (e) {
      const before = JSON.parse(saved) as Array<[OfficeCell[][], NonNullable<MockSheet['formats']>]>;
      this.host.book.sheets.forEach((sh, i) => {
        if (!before[i]) return;
        sh.cells = before[i][0];
        sh.formats = before[i][1];
      });
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
      if (this.ctx.host.book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new OfficeError('ItemAlreadyExists');
      this.ctx.host.book.sheets.push({ name, id: `id-${name}`, cells: [] });
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
  data(): MockSheet {
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
    return this.data().visibility ?? 'Visible';
  }
  get isNullObject(): boolean {
    if (!this.orNull) throw new Error('not an OrNullObject');
    return !this.ctx.host.book.sheets.some((x) => x.name === this.sheetName);
  }
  getUsedRangeOrNullObject(): UsedRange {
    return new UsedRange(this.ctx, this, 0, 0, 1_048_576, 16_384);
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

/** The used range (values only) of a sheet or of one block of it; rowIndex/columnIndex are reported as 0 (it starts at A1). */
class UsedRange extends Loadable {
  private extent: { lastRow: number; lastCol: number } | null = null;
  constructor(
    ctx: MockContext,
    private readonly ws: Worksheet,
    private readonly row0: number,
    private readonly col0: number,
    private readonly rows: number,
    private readonly cols: number,
  ) {
    super(ctx);
  }
  protected override resolve(props: string[]): void {
    super.resolve(props);
    if (!this.ctx.host.book.sheets.some((s) => s.name === this.ws.sheetName)) return;
    const cells = this.ws.data().cells;
    let lastRow = 0;
    let lastCol = 0;
    cells.forEach((row, r) =>
      row.forEach((c, k) => {
        const inside = r >= this.row0 && r < this.row0 + this.rows && k >= this.col0 && k < this.col0 + this.cols;
        if (inside && c.valueType !== 'Empty') {
          lastRow = Math.max(lastRow, r + 1);
          lastCol = Math.max(lastCol, k + 1);
        }
      }),
    );
    this.extent = lastRow === 0 ? null : { lastRow, lastCol };
  }
  get isNullObject() {
    // As in Office.js, known only after a load and a sync.
    if (this.loaded.size === 0) throw new Error('PropertyNotLoaded: isNullObject');
    return this.extent === null;
  }
  get rowIndex() {
    return this.need('rowIndex', () => 0);
  }
  get columnIndex() {
    return this.need('columnIndex', () => 0);
  }
  get rowCount() {
    return this.need('rowCount', () => this.extent!.lastRow);
  }
  get columnCount() {
    return this.need('columnCount', () => this.extent!.lastCol);
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
    this.format = { protection: loadableWith(ctx, { locked: () => !(this.ws.data().unlocked?.has(`${this.row},${this.col}`) ?? false) }) };
    // A multi-cell range reports one list only when every cell has it; mixed ranges are Inconsistent.
    const sources = () => {
      const found = new Set<string | undefined>();
      for (let r = this.row; r < this.row + this.rows; r++)
        for (let c = this.col; c < this.col + this.cols; c++) found.add(this.ws.data().listValidations?.get(`${r},${c}`));
      return [...found];
    };
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
  getUsedRangeOrNullObject(): UsedRange {
    return new UsedRange(this.ctx, this.ws, this.row, this.col, this.rows, this.cols);
  }
  /** Cells of this range matching Formulas / Constants (optionally only errors), as one RangeAreas address. */
  getSpecialCellsOrNullObject(type: 'Formulas' | 'Constants', valueType?: 'Errors') {
    const ctx = this.ctx;
    let address: string | null = null;
    let loaded = false;
    const areas = {
      load: () => {
        ctx.queue(() => {
          const found: Array<{ row: number; col: number }> = [];
          const cells = this.ws.data().cells;
          for (let r = this.row; r < this.row + this.rows; r++) {
            for (let c = this.col; c < this.col + this.cols; c++) {
              const cell = cells[r]?.[c];
              if (!cell || (cell.valueType === 'Empty' && !isFormula(cell))) continue;
              if ((type === 'Formulas') !== isFormula(cell)) continue;
              if (valueType === 'Errors' && cell.valueType !== 'Error') continue;
              found.push({ row: r + 1, col: c + 1 });
            }
          }
          address = areasAddress(this.ws.sheetName, found);
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
    const cells = this.ws.data().cells;
    this.snapshot = [];
    for (let r = 0; r < this.rows; r++) {
      const line: OfficeCell[] = [];
      for (let c = 0; c < this.cols; c++) line.push(cells[this.row + r]?.[this.col + c] ?? EMPTY);
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
    this.write((cell, value) => {
      const s = value as string | number;
      const text = typeof s === 'string' && s.startsWith("'") ? s.slice(1) : s;
      return typeof text === 'number'
        ? { ...cell, value: text, formula: text, valueType: 'Double' }
        : text === ''
          ? { ...EMPTY }
          : { ...cell, value: text, formula: text, valueType: 'String' };
    }, v);
  }
  get numberFormat() {
    return this.grid('numberFormat', 'numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.ctx.queue(() => {
      if (refusesFormats(this.ws.data())) throw new OfficeError(ACCESS_DENIED);
    });
    this.write((cell, value) => ({ ...cell, numberFormat: String(value) }), v);
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
  private write(change: (cell: OfficeCell, value: unknown) => OfficeCell, v: unknown[][]): void {
    this.ctx.queueWrite(() => {
      const data = this.ws.data();
      if (refusesValueWrite(data, data.unlocked?.has(`${this.row},${this.col}`) ?? false)) throw new OfficeError(ACCESS_DENIED);
      for (let dr = 0; dr < v.length; dr++) {
        for (let dc = 0; dc < (v[dr]?.length ?? 0); dc++) {
          const r = this.row + dr;
          const c = this.col + dc;
          const cells = data.cells;
          while (cells.length <= r) cells.push([]);
          const line = cells[r]!;
          while (line.length <= c) line.push({ ...EMPTY });
          line[c] = change(line[c]!, v[dr]![dc]);
          this.ctx.host.writes.push(`${this.ws.sheetName}!${r},${c}`);
        }
      }
    });
  }
}

const GRID_KEYS: Record<string, keyof OfficeCell> = { values: 'value', numberFormat: 'numberFormat', valueTypes: 'valueType', formulas: 'formula' };

function isFormula(cell: OfficeCell): boolean {
  return typeof cell.formula === 'string' && cell.formula.startsWith('=') && !(cell.valueType === 'String' && cell.value === cell.formula);
}

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
    this.listed = [...(this.ws.data().formats ?? [])];
  }
  get items() {
    return this.need('items/type', () => this.listed.map((f) => this.formatObject(f)));
  }
  getItem(id: string) {
    return {
      delete: () =>
        this.ctx.queueWrite(() => {
          if (refusesFormats(this.ws.data())) throw new OfficeError(ACCESS_DENIED);
          const formats = this.ws.data().formats ?? [];
          const i = formats.findIndex((f) => f.id === id);
          if (i < 0) throw new OfficeError('ItemNotFound');
          formats.splice(i, 1);
        }),
    };
  }
  add(type: string) {
    const entry: { id: string; type: string; formula: string; addresses: string; priority?: number } = { id: '', type, formula: '', addresses: this.addresses };
    this.ctx.queueWrite(() => {
      if (refusesFormats(this.ws.data())) throw new OfficeError(ACCESS_DENIED);
      entry.id = `cf${++this.ctx.host.formatIds}`;
      (this.ws.data().formats ??= []).push(entry);
    });
    const sink = { color: '', bold: false, italic: false };
    return {
      custom: {
        rule: {
          set formula(f: string) {
            entry.formula = f;
          },
        },
        format: { fill: sink, font: sink },
      },
      load: () => undefined,
      set priority(p: number) {
        entry.priority = p;
      },
      get id() {
        return entry.id;
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
      delete: () =>
        ctx.queueWrite(() => {
          if (refusesFormats(ws.data())) throw new OfficeError(ACCESS_DENIED);
          const formats = ws.data().formats ?? [];
          const i = formats.findIndex((x) => x.id === f.id);
          if (i < 0) throw new OfficeError('ItemNotFound');
          formats.splice(i, 1);
        }),
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
  readonly savedSettings = new Map<string, unknown>();
  writes: string[] = [];
  rangeLoads: Array<{ sheet: string; row: number; rows: number; cols: number }> = [];
  runOptions: unknown[] = [];
  loadedCells = 0;
  payloadCellLimit: number | undefined;
  formatIds = 0;
  active = '';
  selected = '';
  readonly settings = new Map<string, unknown>();
  readonly documentSettings = {
    get: (k: string) => this.settings.get(k),
    set: (k: string, v: unknown) => void this.settings.set(k, v),
    remove: (k: string) => void this.settings.delete(k),
    saveAsync: (cb?: (r: { status: string; error?: { code: number; message: string } }) => void) => {
      if (this.failSaves > 0) {
        this.failSaves--;
        cb?.({ status: 'failed', error: { code: 5001, message: 'Internal error' } });
        return;
      }
      this.savedSettings.clear();
      for (const [k, v] of this.settings) this.savedSettings.set(k, v);
      cb?.({ status: 'succeeded' });
    },
  };
  readonly platform = 'web' as const;

  constructor(
    readonly book: MockBook,
    private readonly sets: Record<string, string> = { ExcelApi: '1.20' },
  ) {}

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
    row.map((v) => (v === '' ? { ...EMPTY } : { value: v, numberFormat: 'General', valueType: typeof v === 'number' ? 'Double' : 'String', formula: v })),
  );
}

/** A mock book holding a snapshot's sheets as Office reports them (list validations cell by cell, capped at `lastRow`). */
export function officeBookFromSnapshot(snapshot: WorkbookSnapshot, options: { dateSystem?: '1900' | '1904' } = {}): MockBook {
  return {
    sheets: snapshot.sheets.map((sheet, i) => {
      const cells = sheet.rows.map((row) => (row ?? []).map((c) => officeFromCell(c)));
      const lists = new Map<string, string>();
      for (const v of sheet.validations ?? []) {
        const r = parseRange(v.sqref)!;
        for (let row = r.start.row; row <= Math.min(r.end.row, sheet.rows.length + 50); row++) {
          for (let col = r.start.col; col <= r.end.col; col++) lists.set(`${row - 1},${col - 1}`, officeListSource(v.source));
        }
      }
      return { name: sheet.name, id: `id-${i + 1}`, cells, listValidations: lists, ...(sheet.hidden ? { visibility: 'Hidden' as const } : {}) };
    }),
    names: Object.entries(snapshot.definedNames ?? {}).map(([name, value]) => ({ name, type: 'Range', value: `=${value}` })),
    ...(options.dateSystem ? { dateSystem: options.dateSystem } : {}),
  };
}
