import { Cell, EMPTY_VALUE, isoToSerial, serialToIso } from '../engine/cell';
import type { SheetSnapshot, WorkbookSnapshot } from '../engine/snapshot';
import { WorkbookFileError } from './file-error';
import type { CellStyles } from './package-parts';
import { RawCell, SheetXmlError, parseIndex, scanCells, scanListValidations } from './sheet-scanner';
import { ReadOptions, WorkbookPackage, openWorkbookBytes, readPartText, readWorkbookFileBytes } from './workbook-package';
import { decodeXmlText, stringItemText } from './xml-text';

/** Largest serial Excel shows as a date (31 Dec 9999). */
const MAX_DATE_SERIAL = 2958466;

/**
 * Types one raw cell the way Excel shows it. Returns undefined for a cell with neither value nor
 * formula (styled blanks), so they cost nothing.
 */
export function typeRawCell(xml: string, raw: RawCell, sharedStrings: readonly string[], styles: CellStyles, sharedCache?: Array<Cell | undefined>): Cell | undefined {
  const formula = raw.hasFormula;
  const v = raw.value;
  let value: Cell['value'];
  switch (raw.type) {
    case 's': {
      if (raw.valueStart < 0) return formula ? { value: EMPTY_VALUE, formula } : undefined;
      const index = parseIndex(xml, raw.valueStart, raw.valueEnd);
      const cached = formula ? undefined : sharedCache?.[index];
      if (cached) return cached;
      const s = sharedStrings[index] ?? '';
      if (s === '') return formula ? { value: EMPTY_VALUE, formula } : undefined;
      value = { kind: 'text', text: s };
      if (!formula && sharedCache) {
        // Repeated shared strings share one immutable cell: less memory on long sheets.
        const cell: Cell = { value };
        sharedCache[index] = cell;
        return cell;
      }
      break;
    }
    case 'inlineStr': {
      const s = raw.inlineStart >= 0 ? stringItemText(xml, raw.inlineStart, raw.inlineEnd) : v !== null ? decodeXmlText(v) : '';
      value = s === '' ? EMPTY_VALUE : { kind: 'text', text: s };
      break;
    }
    case 'str': {
      const s = v === null ? '' : decodeXmlText(v);
      value = s === '' ? EMPTY_VALUE : { kind: 'text', text: s };
      break;
    }
    case 'b':
      value = v === null ? EMPTY_VALUE : { kind: 'boolean', boolean: v.trim() === '1' || v.trim() === 'true' };
      break;
    case 'e':
      value = v === null ? EMPTY_VALUE : { kind: 'error', error: decodeXmlText(v).trim() };
      break;
    case 'd': {
      const iso = v === null ? '' : v.trim().slice(0, 10);
      value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { kind: 'date', serial: isoToSerial(iso), iso } : v ? { kind: 'text', text: decodeXmlText(v) } : EMPTY_VALUE;
      break;
    }
    default: {
      if (v === null || v.trim() === '') {
        value = EMPTY_VALUE;
        break;
      }
      const n = Number(v);
      if (!Number.isFinite(n)) value = { kind: 'text', text: decodeXmlText(v) };
      else if (styles.isDate[raw.style] === true && n >= 0 && n < MAX_DATE_SERIAL) value = { kind: 'date', serial: n, iso: serialToIso(n) };
      else value = { kind: 'number', number: n };
    }
  }
  if (value.kind === 'empty' && !formula) return undefined;
  return formula ? { value, formula } : { value };
}

/** Reads one worksheet part into a sparse snapshot: only rows and cells that hold something exist. */
export function readSheetXml(name: string, hidden: boolean, xml: string, sharedStrings: readonly string[], styles: CellStyles): SheetSnapshot {
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  // Indexed by shared-string number; an array is far cheaper than a Map for a million entries.
  const cache: Array<Cell | undefined> = [];
  for (let i = 0; i < sharedStrings.length; i++) cache.push(undefined);
  let rowCells: Array<Cell | undefined> | undefined;
  let rowNumber = -1;
  scanCells(xml, (raw) => {
    const cell = typeRawCell(xml, raw, sharedStrings, styles, cache);
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
    const xml = readPartText(pkg, entry.part);
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
