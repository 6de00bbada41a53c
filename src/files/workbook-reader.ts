import { Cell, EMPTY_VALUE, isoToSerial, serialToIso } from '../engine/cell';
import type { SheetSnapshot, WorkbookSnapshot } from '../engine/snapshot';
import { WorkbookFileError } from './file-error';
import type { CellStyles } from './package-parts';
import type { SharedStrings } from './shared-strings';
import { RawCell, SheetXmlError, parseIndex, scanCells, scanListValidations } from './sheet-scanner';
import { ReadOptions, WorkbookPackage, openWorkbookBytes, readPartBytes, readWorkbookFileBytes } from './workbook-package';
import { asBuffer, decodeUtf8, plainDigits } from './xml-bytes';
import { decodeXmlText, stringItemText } from './xml-text';

/** Largest serial Excel shows as a date (31 Dec 9999). */
const MAX_DATE_SERIAL = 2958466;

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
    const cell: Cell = { value: { kind: 'text', text } };
    if (uses === 1) this.shared.set(index, cell);
    this.seen[index] = uses! + 1;
    return cell;
  }

  date(serial: number): Cell {
    const slot = Math.floor(serial) & (DATE_SLOTS - 1);
    if (this.dateSerials[slot] === serial) return this.dates[slot]!;
    const cell: Cell = { value: { kind: 'date', serial, iso: serialToIso(serial) } };
    this.dateSerials[slot] = serial;
    this.dates[slot] = cell;
    return cell;
  }
}
const DATE_SLOTS = 256;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Types one raw cell of the worksheet bytes the way Excel shows it. Returns undefined for a cell
 * with neither value nor formula (styled blanks), so they cost nothing.
 */
export function typeRawCell(bytes: Buffer, raw: RawCell, sharedStrings: SharedStrings, styles: CellStyles, memo?: CellMemo): Cell | undefined {
  const formula = raw.hasFormula;
  const hasValue = raw.valueStart >= 0;
  let value: Cell['value'];
  switch (raw.type) {
    case 's': {
      if (!hasValue) return formula ? { value: EMPTY_VALUE, formula } : undefined;
      const index = parseIndex(bytes, raw.valueStart, raw.valueEnd);
      if (!formula && memo && index >= 0 && index < sharedStrings.length) return memo.sharedText(index, sharedStrings);
      const s = sharedStrings.text(index);
      if (s === '') return formula ? { value: EMPTY_VALUE, formula } : undefined;
      value = { kind: 'text', text: s };
      break;
    }
    case 'inlineStr': {
      let s = '';
      if (raw.inlineStart >= 0) {
        const item = decodeUtf8(bytes, raw.inlineStart, raw.inlineEnd);
        s = stringItemText(item, 0, item.length);
      } else if (hasValue) s = decodeXmlText(decodeUtf8(bytes, raw.valueStart, raw.valueEnd));
      value = s === '' ? EMPTY_VALUE : { kind: 'text', text: s };
      break;
    }
    case 'str': {
      const s = hasValue ? decodeXmlText(decodeUtf8(bytes, raw.valueStart, raw.valueEnd)) : '';
      value = s === '' ? EMPTY_VALUE : { kind: 'text', text: s };
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
      value = ISO_DAY.test(iso) ? { kind: 'date', serial: isoToSerial(iso), iso } : v ? { kind: 'text', text: decodeXmlText(v) } : EMPTY_VALUE;
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
      if (!Number.isFinite(n)) value = { kind: 'text', text: decodeXmlText(v!) };
      else if (styles.isDate[raw.style] === true && n >= 0 && n < MAX_DATE_SERIAL) {
        if (!formula && memo) return memo.date(n);
        value = { kind: 'date', serial: n, iso: serialToIso(n) };
      } else value = { kind: 'number', number: n };
    }
  }
  if (value.kind === 'empty' && !formula) return undefined;
  return formula ? { value, formula } : { value };
}

/** Reads one worksheet part (UTF-8 bytes) into a sparse snapshot: only rows and cells that hold something exist. */
export function readSheetXml(name: string, hidden: boolean, bytes: Uint8Array, sharedStrings: SharedStrings, styles: CellStyles): SheetSnapshot {
  const xml = asBuffer(bytes);
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  const memo = new CellMemo(sharedStrings.length);
  let rowCells: Array<Cell | undefined> | undefined;
  let rowNumber = -1;
  scanCells(xml, (raw) => {
    const cell = typeRawCell(xml, raw, sharedStrings, styles, memo);
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

export function readPackageSnapshot(pkg: WorkbookPackage): WorkbookSnapshot {
  const file = pkg.archive.file;
  const sheets: SheetSnapshot[] = [];
  for (const entry of pkg.info.sheets) {
    if (!entry.part) continue; // chartsheets and dialog sheets hold no cells
    const xml = readPartBytes(pkg, entry.part);
    if (xml === undefined) throw new WorkbookFileError(file, `not a valid workbook: sheet "${entry.name}" (${entry.part}) is missing from the package`);
    try {
      sheets.push(readSheetXml(entry.name, entry.state !== 'visible', xml, pkg.sharedStrings, pkg.styles));
    } catch (e) {
      if (e instanceof SheetXmlError) throw new WorkbookFileError(file, `not a valid workbook: sheet "${entry.name}" has malformed XML (${e.message})`);
      throw e;
    }
  }
  return { sheets, definedNames: pkg.info.definedNames };
}

export function readWorkbookBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): WorkbookSnapshot {
  return readPackageSnapshot(openWorkbookBytes(bytes, file, options));
}

/**
 * Reads a saved .xlsx/.xlsm into the engine's snapshot. Throws WorkbookFileError with a one-line
 * reason naming `displayName` (the path as the user typed it).
 */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}, displayName: string = filePath): Promise<WorkbookSnapshot> {
  return readWorkbookBytes(await readWorkbookFileBytes(filePath, displayName), displayName, options);
}
