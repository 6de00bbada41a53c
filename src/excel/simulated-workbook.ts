import { sqrefContains, toA1 } from '../engine/address';
import type { Cell } from '../engine/cell';
import { EXCEL_ERRORS, isExcelDate, isoToSerial } from '../engine/cell';
import type { DateSystem } from '../engine/date-system';
import { toWorkbookSerial } from '../engine/date-system';
import type { ListValidation, WorkbookSnapshot } from '../engine/snapshot';
import { ACCESS_DENIED, refusesFormats, refusesValueWrite, SimulatedOfficeError } from './host-simulation';
import type { OfficeCell } from './office-cells';
import { cellFromOffice, officeFromCell } from './office-cells';
import type { OfficeDocumentSettings } from './settings-stores';
import { officeListSource } from './snapshot-builder';

/**
 * The one simulated Excel workbook, for tests and the browser demo. It stores what Excel stores and
 * reports: each cell as Office.js returns it (value, number format, value type, formula text, dates
 * as serials of the workbook's own date system), list validations by sqref, protection, conditional
 * formats with their ids, defined names and the document settings. Two faces read and change it: the
 * fake gateway (fake-gateway.ts: the pane's tests and the demo) and the Office.js object model the
 * Office gateway is tested against (test/excel/support/mock-excel.ts). Both go through the primitives
 * here, which refuse what Excel refuses (host-simulation.ts), so neither face can be kinder than the
 * other; converting cells to the engine's model is left to the gateways' own code (office-cells.ts).
 */

/** A conditional format on a sheet: the template's or MAM Prep's (recognised by its formula). */
export interface SimulatedFormat {
  readonly id: string;
  readonly type: string;
  formula: string;
  readonly addresses: string;
  priority?: number;
}

export interface SimulatedSheet {
  name: string;
  readonly id: string;
  /** cells[row - 1][col - 1], as Office.js reports them; holes are empty cells. */
  cells: Array<Array<OfficeCell | undefined> | undefined>;
  validations: ListValidation[];
  hidden: boolean;
  protected: boolean;
  /** A protected sheet that still allows "Format cells": conditional formats and number formats may change. */
  allowFormatCells: boolean;
  /** Cells (A1) a protected sheet still lets the user edit. */
  unlocked: Set<string>;
  conditionalFormats: SimulatedFormat[];
}

/** The document behind one or more gateways: a new gateway over the same workbook is a "reload". */
export interface SimulatedWorkbook {
  sheets: SimulatedSheet[];
  /** Range names and what they refer to (`Lists!$A$2:$A$9`). */
  definedNames: Record<string, string>;
  /** The document's saved settings (Office's settings bag as last saved). */
  documentSettings: Map<string, string>;
  /** The workbook's date system; its date cells hold serials of this system (default 1900). */
  dateSystem?: DateSystem;
  /** Ids given to conditional formats so far. */
  formatIds: number;
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

export const EMPTY_OFFICE_CELL: OfficeCell = Object.freeze({ value: '', numberFormat: 'General', valueType: 'Empty', formula: '' });

export function createSimulatedWorkbook(): SimulatedWorkbook {
  return { sheets: [], definedNames: {}, documentSettings: new Map(), formatIds: 0 };
}

/** A sheet of cells exactly as Office.js would report them (tests that need literal Office values). */
export function sheetOfOfficeCells(name: string, cells: ReadonlyArray<ReadonlyArray<OfficeCell | undefined>>, options: SheetOptions = {}): SimulatedSheet {
  return {
    name,
    id: `{sheet-${name}}`,
    cells: cells.map((row) => [...row]),
    validations: [...(options.validations ?? [])],
    hidden: options.hidden ?? false,
    protected: options.protected ?? false,
    allowFormatCells: options.allowFormatCells ?? false,
    unlocked: new Set((options.unlocked ?? []).map((c) => c.toUpperCase())),
    conditionalFormats: [],
  };
}

/**
 * A sheet holding typed cells as a user would have entered them, in a workbook of `dateSystem`: the
 * engine's 1900-system dates become that system's serials.
 */
export function simulatedSheet(
  name: string,
  grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>,
  options: SheetOptions = {},
  dateSystem: DateSystem = '1900',
): SimulatedSheet {
  return sheetOfOfficeCells(
    name,
    grid.map((row) => row.map((c) => (c ? enteredCell(c, dateSystem) : undefined))),
    options,
  );
}

/**
 * A workbook holding a snapshot's sheets, validations and names (the demo's and tests' starting
 * point). With `dateSystem: '1904'` the snapshot's (1900-system) dates are stored as 1904 serials, as
 * such a workbook holds them.
 */
export function simulatedWorkbookFromSnapshot(snapshot: WorkbookSnapshot, options: { dateSystem?: DateSystem } = {}): SimulatedWorkbook {
  const system = options.dateSystem ?? '1900';
  return {
    ...createSimulatedWorkbook(),
    sheets: snapshot.sheets.map((s) =>
      simulatedSheet(
        s.name,
        s.rows.map((r) => r ?? []),
        { validations: s.validations ?? [], hidden: s.hidden ?? false },
        system,
      ),
    ),
    definedNames: { ...(snapshot.definedNames ?? {}) },
    ...(system === '1900' ? {} : { dateSystem: system }),
  };
}

/** A typed cell as Excel stores it once entered (dates as the workbook's serials, formulas with a formula text). */
export function enteredCell(cell: Cell, dateSystem: DateSystem): OfficeCell {
  const v = cell.value;
  return officeFromCell(v.kind === 'date' && dateSystem !== '1900' ? { ...cell, value: { ...v, serial: toWorkbookSerial(v.serial, dateSystem) } } : cell);
}

/**
 * Why Excel refuses a new sheet of this name, as its error code: another sheet has it, in any case
 * (ItemAlreadyExists), or it is not a sheet name: empty, over 31 characters, holding one of
 * : \ / ? * [ ] or starting or ending with an apostrophe (InvalidArgument). Null when Excel takes it.
 */
export function sheetNameRefusal(book: SimulatedWorkbook, name: string): 'ItemAlreadyExists' | 'InvalidArgument' | null {
  if (name === '' || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) return 'InvalidArgument';
  return book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()) ? 'ItemAlreadyExists' : null;
}

/** The cell at a 1-based position as Office.js reports it. */
export function officeCellAt(sheet: SimulatedSheet, row: number, col: number): OfficeCell {
  return sheet.cells[row - 1]?.[col - 1] ?? EMPTY_OFFICE_CELL;
}

/** The cell at a 1-based position in the engine's model, read as the gateways read Office's values. */
export function typedCellAt(book: SimulatedWorkbook, sheet: SimulatedSheet, row: number, col: number): Cell {
  const o = officeCellAt(sheet, row, col);
  return cellFromOffice(o.value, o.numberFormat, o.valueType, o.formula, book.dateSystem ?? '1900');
}

/** Stores a cell as given, with no refusal: the user's own typing, or a test arranging the workbook. */
export function putOfficeCell(sheet: SimulatedSheet, row: number, col: number, cell: OfficeCell | undefined): void {
  const line = (sheet.cells[row - 1] ??= []);
  line[col - 1] = cell && cell.valueType === 'Empty' && !isFormulaCell(cell) && cell.numberFormat === 'General' ? undefined : cell;
}

/** Whether the cell holds a formula (a text typed as `'=abc` reports the same string as value and formula). */
export function isFormulaCell(cell: OfficeCell): boolean {
  return typeof cell.formula === 'string' && cell.formula.startsWith('=') && !(cell.valueType === 'String' && cell.value === cell.formula);
}

/** Whether the cell counts for a values-only used range: it holds a value or a formula. */
function holdsValue(cell: OfficeCell | undefined): boolean {
  return cell !== undefined && (cell.valueType !== 'Empty' || isFormulaCell(cell));
}

/** A block of a sheet, 1-based and inclusive. */
export interface CellBox {
  readonly firstRow: number;
  readonly firstCol: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

const WHOLE_SHEET: CellBox = Object.freeze({ firstRow: 1, firstCol: 1, lastRow: 1_048_576, lastCol: 16_384 });

/**
 * Excel's used range within `box`: from the first to the last row and column holding a value or a
 * formula, or with `valuesOnly: false` also a number format of its own; null when there is none.
 */
export function usedRange(sheet: SimulatedSheet, box: CellBox = WHOLE_SHEET, valuesOnly = true): CellBox | null {
  const counts = valuesOnly ? holdsValue : (cell: OfficeCell | undefined) => holdsValue(cell) || (cell !== undefined && cell.numberFormat !== 'General');
  let firstRow = 0;
  let lastRow = 0;
  let firstCol = Infinity;
  let lastCol = 0;
  const rows = Math.min(sheet.cells.length, box.lastRow);
  for (let r = box.firstRow; r <= rows; r++) {
    const line = sheet.cells[r - 1];
    if (!line) continue;
    const end = Math.min(line.length, box.lastCol);
    let last = 0;
    for (let c = end; c >= box.firstCol; c--) {
      if (counts(line[c - 1])) {
        last = c;
        break;
      }
    }
    if (last === 0) continue;
    // Only a column left of the first one found so far can move the range's start.
    for (let c = box.firstCol; c <= Math.min(last, firstCol - 1); c++) {
      if (counts(line[c - 1])) {
        firstCol = c;
        break;
      }
    }
    firstRow ||= r;
    lastRow = r;
    lastCol = Math.max(lastCol, last);
  }
  return lastRow === 0 ? null : { firstRow, firstCol, lastRow, lastCol };
}

/** The last row and column of the values-only used range within `box` (0 and 0 when there is none). */
export function usedExtent(sheet: SimulatedSheet, box: CellBox = WHOLE_SHEET): { lastRow: number; lastCol: number } {
  const used = usedRange(sheet, box);
  return used ? { lastRow: used.lastRow, lastCol: used.lastCol } : { lastRow: 0, lastCol: 0 };
}

/** The special cells of a box (1-based), in one pass: formulas, and the constants and formulas showing an error. */
export interface SpecialCells {
  readonly formulas: Array<{ row: number; col: number }>;
  readonly constantErrors: Array<{ row: number; col: number }>;
  readonly formulaErrors: Array<{ row: number; col: number }>;
}

export function specialCellsOf(sheet: SimulatedSheet, box: CellBox): SpecialCells {
  const found: SpecialCells = { formulas: [], constantErrors: [], formulaErrors: [] };
  const rows = Math.min(sheet.cells.length, box.lastRow);
  for (let r = box.firstRow; r <= rows; r++) {
    const line = sheet.cells[r - 1];
    if (!line) continue;
    const end = Math.min(line.length, box.lastCol);
    for (let c = box.firstCol; c <= end; c++) {
      const cell = line[c - 1];
      if (cell === undefined) continue;
      const formula = isFormulaCell(cell);
      if (formula) found.formulas.push({ row: r, col: c });
      if (cell.valueType === 'Error') (formula ? found.formulaErrors : found.constantErrors).push({ row: r, col: c });
    }
  }
  return found;
}

/** `getSpecialCells`: the formula or constant cells of a box (optionally only those showing an error), 1-based. */
export function specialCells(sheet: SimulatedSheet, box: CellBox, type: 'Formulas' | 'Constants', errorsOnly: boolean): Array<{ row: number; col: number }> {
  if (type === 'Formulas' && !errorsOnly) return specialCellsOf(sheet, box).formulas;
  if (errorsOnly) return specialCellsOf(sheet, box)[type === 'Formulas' ? 'formulaErrors' : 'constantErrors'];
  const found: Array<{ row: number; col: number }> = [];
  const rows = Math.min(sheet.cells.length, box.lastRow);
  for (let r = box.firstRow; r <= rows; r++) {
    const line = sheet.cells[r - 1];
    if (!line) continue;
    for (let c = box.firstCol; c <= Math.min(line.length, box.lastCol); c++) {
      const cell = line[c - 1];
      if (holdsValue(cell) && !isFormulaCell(cell!)) found.push({ row: r, col: c });
    }
  }
  return found;
}

/** The list sources (as Office reports them, `=Lists!$A:$A` or `a,b`) over a box; null for a cell without a list. */
export function listSources(sheet: SimulatedSheet, box: CellBox): Set<string | null> {
  const sources = new Set<string | null>();
  for (let r = box.firstRow; r <= box.lastRow; r++) {
    for (let c = box.firstCol; c <= box.lastCol; c++) {
      const v = sheet.validations.find((val) => sqrefContains(val.sqref, r, c));
      sources.add(v ? officeListSource(v.source) : null);
    }
  }
  return sources;
}

/**
 * `range.values = [[value]]` for one cell, as Excel takes it: a protected sheet refuses a locked cell
 * (AccessDenied); text is parsed as if typed unless the cell is formatted as Text or the text starts
 * with Excel's quote prefix (`'`), so `0123` becomes the number 123, `TRUE` a boolean, `#N/A` the
 * error, `07/06/2027` a date and `-abc` a formula. Clearing a value keeps the cell's number format.
 */
export function writeValue(book: SimulatedWorkbook, sheet: SimulatedSheet, row: number, col: number, value: unknown): void {
  if (refusesValueWrite(sheet, sheet.unlocked.has(toA1(row, col)))) throw new SimulatedOfficeError(ACCESS_DENIED);
  const format = officeCellAt(sheet, row, col).numberFormat;
  putOfficeCell(sheet, row, col, enteredValue(value, format, book.dateSystem ?? '1900'));
}

/** `range.numberFormat = [[format]]` for one cell: refused on a protected sheet without "Format cells". */
export function writeNumberFormat(sheet: SimulatedSheet, row: number, col: number, format: string): void {
  if (refusesFormats(sheet)) throw new SimulatedOfficeError(ACCESS_DENIED);
  const cell = officeCellAt(sheet, row, col);
  putOfficeCell(sheet, row, col, { ...cell, numberFormat: format });
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const PERCENT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)%$/;
/** A day as a GB user types it: d/m/yyyy (or with dashes), the locale of the suppliers who use MAM Prep. */
const GB_DATE_TEXT = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/** A date serial of the workbook's system, shown with `format` unless the cell already has a format of its own. */
function dateEntry(iso: string, typedFormat: string, cellFormat: string, dateSystem: DateSystem): OfficeCell {
  const serial = toWorkbookSerial(isoToSerial(iso), dateSystem);
  return { value: serial, numberFormat: cellFormat === 'General' ? typedFormat : cellFormat, valueType: 'Double', formula: serial };
}

/**
 * A text value as Excel (en-GB) parses it when it is typed or written through `range.values`: a
 * leading `=`, or `+`/`-` before anything but a number, starts a formula; error codes, TRUE/FALSE,
 * numbers, percentages and dates (ISO or d/m/yyyy) become values, the latter two with a format.
 */
function enteredValue(value: unknown, format: string, dateSystem: DateSystem): OfficeCell {
  if (typeof value === 'number') return { value, numberFormat: format, valueType: 'Double', formula: value };
  if (typeof value === 'boolean') return { value, numberFormat: format, valueType: 'Boolean', formula: value };
  if (value !== null && value !== undefined && typeof value !== 'string') throw new SimulatedOfficeError('InvalidArgument');
  const s = value ?? '';
  if (s === '') return { ...EMPTY_OFFICE_CELL, numberFormat: format };
  if (s.startsWith("'")) return { value: s.slice(1), numberFormat: format, valueType: 'String', formula: s.slice(1) };
  if (format === '@') return { value: s, numberFormat: format, valueType: 'String', formula: s };
  const trimmed = s.trim();
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed), numberFormat: format, valueType: 'Double', formula: Number(trimmed) };
  // This simulator evaluates no formula: one shows #NAME?, so a value written as a formula by mistake is seen.
  if (/^[=+-]/.test(s)) return { value: '#NAME?', numberFormat: format, valueType: 'Error', formula: s.startsWith('=') ? s : `=${s}` };
  const upper = trimmed.toUpperCase();
  if (EXCEL_ERRORS.has(upper)) return { value: upper, numberFormat: format, valueType: 'Error', formula: upper };
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE', numberFormat: format, valueType: 'Boolean', formula: upper === 'TRUE' };
  if (PERCENT_TEXT.test(trimmed)) {
    const n = Number(trimmed.slice(0, -1)) / 100;
    return { value: n, numberFormat: format === 'General' ? '0%' : format, valueType: 'Double', formula: n };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed) && isExcelDate(trimmed)) return dateEntry(trimmed, 'yyyy-mm-dd', format, dateSystem);
  const gb = GB_DATE_TEXT.exec(trimmed);
  if (gb) {
    const iso = `${gb[3]}-${gb[2]!.padStart(2, '0')}-${gb[1]!.padStart(2, '0')}`;
    if (isExcelDate(iso)) return dateEntry(iso, 'dd/mm/yyyy', format, dateSystem);
  }
  return { value: s, numberFormat: format, valueType: 'String', formula: s };
}

/** Adds a conditional format, refused on a protected sheet without "Format cells"; returns its id. */
export function addFormat(
  book: SimulatedWorkbook,
  sheet: SimulatedSheet,
  format: { type: string; formula: string; addresses: string; priority?: number },
): SimulatedFormat {
  if (refusesFormats(sheet)) throw new SimulatedOfficeError(ACCESS_DENIED);
  const added: SimulatedFormat = { id: `{cf-${++book.formatIds}}`, ...format };
  sheet.conditionalFormats.push(added);
  return added;
}

/** Deletes a conditional format by id: refused as adding is; ItemNotFound when it is gone (a co-author deleted it). */
export function deleteFormat(sheet: SimulatedSheet, id: string): void {
  if (refusesFormats(sheet)) throw new SimulatedOfficeError(ACCESS_DENIED);
  const i = sheet.conditionalFormats.findIndex((f) => f.id === id);
  if (i < 0) throw new SimulatedOfficeError('ItemNotFound');
  sheet.conditionalFormats.splice(i, 1);
}

/**
 * What to put back when a batch fails: Excel runs a batch all or nothing, so an operation that fails
 * (AccessDenied, ItemNotFound) undoes the ones before it. Saves the sheet list, every sheet's
 * conditional formats, and the rows of `touched` (every row when it is not given).
 */
export function batchSavepoint(book: SimulatedWorkbook, touched?: ReadonlyArray<{ readonly sheet: SimulatedSheet; readonly row: number }>): () => void {
  const sheets = [...book.sheets];
  const formats = book.sheets.map((sh) => ({ sheet: sh, formats: sh.conditionalFormats.map((f) => ({ ...f })) }));
  const whole = touched ? [] : book.sheets.map((sh) => ({ sheet: sh, cells: sh.cells.map((line) => (line ? [...line] : line)) }));
  const rows = (touched ?? []).map(({ sheet, row }) => ({ sheet, row, line: sheet.cells[row - 1] ? [...sheet.cells[row - 1]!] : undefined }));
  return () => {
    book.sheets = sheets;
    for (const f of formats) f.sheet.conditionalFormats = f.formats;
    for (const w of whole) w.sheet.cells = w.cells;
    for (const r of rows.reverse()) r.sheet.cells[r.row - 1] = r.line;
  };
}

/**
 * Office's document settings bag for one session: `get`/`set` work on a copy; `saveAsync` writes the
 * whole copy to the document (the last save wins, as between co-authors); `refreshAsync` reloads it.
 * `failNextSave` says whether this save fails, as saveAsync can.
 */
export class SimulatedDocumentSettings implements OfficeDocumentSettings {
  private bag: Map<string, string>;

  constructor(
    private readonly book: SimulatedWorkbook,
    private readonly failNextSave: () => boolean = () => false,
  ) {
    this.bag = new Map(book.documentSettings);
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

  saveAsync(callback?: (result: { status: string; error?: { code?: number; message: string } }) => void): void {
    if (this.failNextSave()) {
      callback?.({ status: 'failed', error: { code: 5001, message: 'The settings could not be saved.' } });
      return;
    }
    this.book.documentSettings.clear();
    for (const [k, v] of this.bag) this.book.documentSettings.set(k, v);
    callback?.({ status: 'succeeded' });
  }

  refreshAsync(callback?: (result: { status: string }) => void): void {
    this.bag = new Map(this.book.documentSettings);
    callback?.({ status: 'succeeded' });
  }
}
