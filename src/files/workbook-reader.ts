import { toA1 } from '../engine/address';
import type { Cell, CellValue } from '../engine/cell';
import { EMPTY_VALUE, isoToSerial, serialToIso } from '../engine/cell';
import type { DateSystem } from '../engine/date-system';
import { toEngineSerial } from '../engine/date-system';
import type { SheetSnapshot, WorkbookSnapshot } from '../engine/snapshot';
import type { SheetEntry } from './package-parts';
import { WorkbookFileError } from './file-error';
import type { CellStyles } from './package-parts';
import { SharedStrings } from './shared-strings';
import { lazySheetRows } from './lazy-sheet-rows';
import type { RawCell } from './sheet-scanner';
import { SheetXmlError, parseIndex, scanCells, scanListValidations } from './sheet-scanner';
import type { OpenedPackage, ReadOptions, WorkbookPackage } from './workbook-package';
import { openWorkbookBytes, openWorkbookInfo, readPartBytes, readPartBytesAsync, readWorkbookFileBytes, readWorkbookLevelPartsAsync } from './workbook-package';
import { asBuffer, decodeUtf8, plainDigits } from './xml-bytes';
import { findEntry } from './zip-archive';
import { decodeXmlText, stringItemText } from './xml-text';

/** Largest serial Excel shows as a date (31 Dec 9999). */
const MAX_DATE_SERIAL = 2958466;

/*
 * The cells a sheet yields by the hundred thousand come from constructors, not object literals.
 * V8 tracks how many objects of each literal site survive and may start allocating that site's
 * objects straight in the old generation (pretenuring). A full collection, started by the inflated
 * parts' external memory just as a check begins, made the cell literals look long-lived: in some
 * runs every lazily read cell then went to the old generation and validation took 40 % longer.
 * Constructor calls carry no such site.
 */
class TextValue {
  readonly kind = 'text';
  constructor(readonly text: string) {}
}
class NumberValue {
  readonly kind = 'number';
  constructor(readonly number: number) {}
}
class DateValue {
  readonly kind = 'date';
  constructor(
    readonly serial: number,
    readonly iso: string,
  ) {}
}
class ValueCell implements Cell {
  constructor(readonly value: CellValue) {}
}

/**
 * Cells that repeat share one immutable object: less memory and fewer allocations on long sheets.
 * Shared strings are remembered from their second use on (most are used once), dates by serial in a
 * small direct-mapped table (a template's date columns repeat a handful of days).
 */
export class CellMemo {
  private readonly seen: Uint8Array;
  private readonly shared = new Map<number, Cell>();
  private readonly dateSerials = new Float64Array(DATE_SLOTS).fill(-1);
  private readonly dates: Array<Cell | undefined> = new Array<Cell | undefined>(DATE_SLOTS).fill(undefined);

  constructor(sharedStringCount: number) {
    this.seen = new Uint8Array(sharedStringCount);
  }

  /** Shared string `index` as a cell, or undefined when the string is empty. */
  sharedText(index: number, strings: SharedStrings): Cell | undefined {
    const uses = this.seen[index];
    if (uses === 2) return this.shared.get(index);
    const text = strings.text(index);
    if (text === '') return undefined;
    const cell: Cell = new ValueCell(new TextValue(text));
    if (uses === 1) this.shared.set(index, cell);
    this.seen[index] = uses! + 1;
    return cell;
  }

  date(serial: number): Cell {
    const slot = Math.floor(serial) & (DATE_SLOTS - 1);
    if (this.dateSerials[slot] === serial) return this.dates[slot]!;
    const cell: Cell = new ValueCell(new DateValue(serial, serialToIso(serial)));
    this.dateSerials[slot] = serial;
    this.dates[slot] = cell;
    return cell;
  }
}
const DATE_SLOTS = 256;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Types one raw cell of the worksheet bytes the way Excel shows it. Returns undefined for a cell
 * with neither value nor formula (styled blanks), so they cost nothing. A date serial is counted in
 * the workbook's `dateSystem` and comes out as the engine's 1900-system serial.
 */
export function typeRawCell(
  bytes: Buffer,
  raw: RawCell,
  sharedStrings: SharedStrings,
  styles: CellStyles,
  dateSystem: DateSystem,
  memo?: CellMemo,
): Cell | undefined {
  const formula = raw.hasFormula;
  const hasValue = raw.valueStart >= 0;
  let value: Cell['value'];
  switch (raw.type) {
    case 's': {
      if (!hasValue) return formula ? { value: EMPTY_VALUE, formula } : undefined;
      const index = parseIndex(bytes, raw.valueStart, raw.valueEnd);
      if (!(index >= 0 && index < sharedStrings.length)) throw missingSharedString(bytes, raw, index, sharedStrings);
      if (!formula && memo) return memo.sharedText(index, sharedStrings);
      const s = sharedStrings.text(index);
      if (s === '') return formula ? { value: EMPTY_VALUE, formula } : undefined;
      value = new TextValue(s);
      break;
    }
    case 'inlineStr': {
      let s = '';
      if (raw.inlineStart >= 0) {
        const item = decodeUtf8(bytes, raw.inlineStart, raw.inlineEnd);
        s = stringItemText(item, 0, item.length);
      } else if (hasValue) s = decodeXmlText(decodeUtf8(bytes, raw.valueStart, raw.valueEnd));
      value = s === '' ? EMPTY_VALUE : new TextValue(s);
      break;
    }
    case 'str': {
      const s = hasValue ? decodeXmlText(decodeUtf8(bytes, raw.valueStart, raw.valueEnd)) : '';
      value = s === '' ? EMPTY_VALUE : new TextValue(s);
      break;
    }
    case 'b': {
      const v = hasValue ? decodeUtf8(bytes, raw.valueStart, raw.valueEnd).trim() : null;
      value = v === null ? EMPTY_VALUE : { kind: 'boolean', boolean: v === '1' || v === 'true' };
      break;
    }
    case 'e':
      value = hasValue ? { kind: 'error', error: decodeXmlText(decodeUtf8(bytes, raw.valueStart, raw.valueEnd)).trim() } : EMPTY_VALUE;
      break;
    case 'd': {
      const v = hasValue ? decodeUtf8(bytes, raw.valueStart, raw.valueEnd) : null;
      const iso = v === null ? '' : v.trim().slice(0, 10);
      value = ISO_DAY.test(iso) ? new DateValue(isoToSerial(iso), iso) : v ? new TextValue(decodeXmlText(v)) : EMPTY_VALUE;
      break;
    }
    default: {
      if (!hasValue) {
        value = EMPTY_VALUE;
        break;
      }
      // Plain digits (most numbers and every date serial) are read without building their text.
      let n = plainDigits(bytes, raw.valueStart, raw.valueEnd);
      let v: string | undefined;
      if (n < 0) {
        v = decodeUtf8(bytes, raw.valueStart, raw.valueEnd);
        if (v.trim() === '') {
          value = EMPTY_VALUE;
          break;
        }
        n = Number(v);
      }
      // -1: not shown as a date.
      const serial = styles.isDate[raw.style] === true && n >= 0 ? toEngineSerial(n, dateSystem) : -1;
      if (!Number.isFinite(n)) value = new TextValue(decodeXmlText(v!));
      else if (serial >= 0 && serial < MAX_DATE_SERIAL) {
        if (!formula && memo) return memo.date(serial);
        value = new DateValue(serial, serialToIso(serial));
      } else value = new NumberValue(n);
    }
  }
  if (value.kind === 'empty' && !formula) return undefined;
  return formula ? { value, formula } : new ValueCell(value);
}

/**
 * A shared-string cell whose string is not there. Reading it as an empty cell would hide a value
 * the workbook lost (a missing or cut-short sharedStrings.xml): the sheet is refused instead.
 */
function missingSharedString(bytes: Buffer, raw: RawCell, index: number, sharedStrings: SharedStrings): SheetXmlError {
  const cell = toA1(raw.row, raw.col);
  if (index < 0) {
    const v = decodeUtf8(bytes, raw.valueStart, Math.min(raw.valueEnd, raw.valueStart + 32));
    return new SheetXmlError(`cell ${cell} is a shared-string cell, but its value "${v}" is not a string number`, false);
  }
  const holds =
    sharedStrings === SharedStrings.EMPTY ? 'the workbook has no shared-strings part' : `the shared-strings part holds only ${sharedStrings.length}`;
  return new SheetXmlError(`cell ${cell} refers to shared string ${index}, but ${holds}`, false);
}

/** Reads one worksheet part (UTF-8 bytes) into a sparse snapshot: only rows and cells that hold something exist. */
function readSheetXml(
  name: string,
  hidden: boolean,
  bytes: Uint8Array,
  sharedStrings: SharedStrings,
  styles: CellStyles,
  dateSystem: DateSystem,
): SheetSnapshot {
  const xml = asBuffer(bytes);
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  const memo = new CellMemo(sharedStrings.length);
  let rowCells: Array<Cell | undefined> | undefined;
  let rowNumber = -1;
  scanCells(xml, (raw) => {
    const cell = typeRawCell(xml, raw, sharedStrings, styles, dateSystem, memo);
    if (!cell) return;
    if (raw.row !== rowNumber) {
      rowNumber = raw.row;
      rowCells = rows[rowNumber - 1];
      if (!rowCells) {
        rowCells = [];
        // Assigning past the end keeps the outer array sparse for far-away rows: no dense allocation.
        rows[rowNumber - 1] = rowCells;
      }
    }
    rowCells![raw.col - 1] = cell;
  });
  const validations = scanListValidations(xml);
  return { name, ...(hidden ? { hidden } : {}), rows, ...(validations.length ? { validations } : {}) };
}

/** The sheets that hold cells, in workbook order (chartsheets and dialog sheets hold none). */
function cellSheets(pkg: OpenedPackage): Array<SheetEntry & { readonly part: string }> {
  return pkg.info.sheets.filter((entry): entry is SheetEntry & { readonly part: string } => !!entry.part);
}

/**
 * With ReadOptions.lazyRows `true`, sheets this big are read lazily: a template's data sheet is
 * megabytes; its lists and cover sheets are kilobytes and cheaper to read whole.
 */
const LAZY_MIN_SHEET_BYTES = 1024 * 1024;

/** One sheet from its part's bytes (undefined when the package lacks the part). */
function readSheetPart(pkg: WorkbookPackage, entry: SheetEntry, xml: Buffer | undefined, lazyRows: ReadOptions['lazyRows'] = false): SheetSnapshot {
  const file = pkg.archive.file;
  if (xml === undefined) throw new WorkbookFileError(file, `not a valid workbook: sheet "${entry.name}" (${entry.part}) is missing from the package`);
  const malformed = (e: SheetXmlError): never => {
    throw new WorkbookFileError(
      file,
      `not a valid workbook: sheet "${entry.name}" ${e.malformedXml ? `has malformed XML (${e.message})` : `is broken: ${e.message}`}`,
    );
  };
  try {
    const hidden = entry.state !== 'visible';
    const minBytes = lazyRows === true ? LAZY_MIN_SHEET_BYTES : lazyRows ? lazyRows.minSheetBytes : Infinity;
    const rows = xml.length >= minBytes ? lazyRowsOf(pkg, xml, malformed) : undefined;
    if (!rows) return readSheetXml(entry.name, hidden, xml, pkg.sharedStrings, pkg.styles, pkg.dateSystem);
    const validations = scanListValidations(xml);
    return { name: entry.name, ...(hidden ? { hidden } : {}), rows, ...(validations.length ? { validations } : {}) };
  } catch (e) {
    if (e instanceof SheetXmlError) malformed(e);
    throw e;
  }
}

/** A sheet's rows as a lazy view typing cells as readSheetXml does, or undefined when they must be read whole. */
function lazyRowsOf(pkg: WorkbookPackage, xml: Buffer, malformed: (e: SheetXmlError) => never): SheetSnapshot['rows'] | undefined {
  // The rows outlive the read: they keep what typing needs, not the package (whose zip bytes,
  // megabytes, can then be collected while the check runs).
  const { sharedStrings, styles, dateSystem } = pkg;
  const memo = new CellMemo(sharedStrings.length);
  return lazySheetRows(xml, (bytes, raw) => typeRawCell(bytes, raw, sharedStrings, styles, dateSystem, memo), malformed);
}

function readPackageSnapshot(pkg: WorkbookPackage): WorkbookSnapshot {
  const sheets = cellSheets(pkg).map((entry) => readSheetPart(pkg, entry, readPartBytes(pkg, entry.part)));
  return { sheets, definedNames: pkg.info.definedNames };
}

export function readWorkbookBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): WorkbookSnapshot {
  return readPackageSnapshot(openWorkbookBytes(bytes, file, options));
}

/**
 * Inflated sheet XML allowed ahead of the scan, by declared size. A template's data sheet (some
 * 40 MB at 100,000 rows) fits, so it inflates on the threadpool while the main thread parses the
 * shared strings and scans the small sheets before it; a workbook of many big sheets does not
 * hold them all inflated at once.
 */
const DEFAULT_PREFETCH_BYTES = 128 * 1024 * 1024;

/**
 * readWorkbookBytes with the sheets inflating on the threadpool while the main thread parses the
 * shared strings and styles and scans earlier sheets. The same parsing as the synchronous path and
 * the same refusals in the same order: a sheet's inflate errors surface when it is awaited.
 */
export async function readWorkbookBytesAsync(bytes: Uint8Array, file: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const opened = openWorkbookInfo(bytes, file, options);
  const entries = cellSheets(opened);
  // Emptied as each sheet is scanned, so its XML can be collected while later sheets are read.
  const pending: Array<Promise<Buffer | undefined> | undefined> = [];
  const window = options.prefetchBytes ?? DEFAULT_PREFETCH_BYTES;
  let aheadBytes = 0;
  const startAhead = (scanned: number): void => {
    while (pending.length < entries.length) {
      const part = entries[pending.length]!.part;
      const size = declaredSize(opened, part);
      if (pending.length > scanned && aheadBytes + size > window) break;
      aheadBytes += size;
      const xml = readPartBytesAsync(opened, part);
      // An error is met when the sheet is awaited; one never awaited (an earlier part failed) is dropped.
      xml.catch(() => undefined);
      pending.push(xml);
    }
  };
  startAhead(0);
  const pkg = await readWorkbookLevelPartsAsync(opened);
  const sheets: SheetSnapshot[] = [];
  for (let i = 0; i < entries.length; i++) {
    const xml = await pending[i];
    pending[i] = undefined;
    aheadBytes -= declaredSize(opened, entries[i]!.part);
    startAhead(i + 1);
    sheets.push(readSheetPart(pkg, entries[i]!, xml, options.lazyRows));
  }
  return { sheets, definedNames: pkg.info.definedNames };
}

function declaredSize(pkg: OpenedPackage, part: string): number {
  return findEntry(pkg.archive, part)?.uncompressedSize ?? 0;
}

/**
 * For a caller that makes one pass over the snapshot (validation, as `check` and `fix` do): big
 * sheets' rows are typed as they are read and not held.
 */
export const ONE_PASS: ReadOptions = Object.freeze({ lazyRows: true });

/**
 * Reads a saved .xlsx/.xlsm into the engine's snapshot. Throws WorkbookFileError with a one-line
 * reason naming `displayName` (the path as the user typed it).
 */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}, displayName: string = filePath): Promise<WorkbookSnapshot> {
  return readWorkbookBytesAsync(await readWorkbookFileBytes(filePath, displayName), displayName, options);
}
