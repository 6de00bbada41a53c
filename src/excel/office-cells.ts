import { columnLetters, parseRange } from '../engine/address';
import type { Cell, CellValue } from '../engine/cell';
import { EMPTY_CELL, isDateFormat, typeRawValue } from '../engine/cell';
import type { SkipReason } from '../engine/edit-guard';
import type { DateSystem } from '../engine/date-system';
import { toEngineSerial, toWorkbookSerial } from '../engine/date-system';
import { payloadBytes } from './scan-plan';

/**
 * Translation between the typed cell model and the four parallel arrays Office.js returns for a
 * range (values, numberFormat, valueTypes, formulas). Pure, so the fake uses it too.
 */

export type OfficeValueType = 'Unknown' | 'Empty' | 'String' | 'Integer' | 'Double' | 'Boolean' | 'Error' | 'RichValue';

/** One cell as Office.js reports it. */
export interface OfficeCell {
  readonly value: string | number | boolean;
  readonly numberFormat: string;
  readonly valueType: OfficeValueType;
  /** The formula text (`=A1+1`), or the same as `value` when the cell holds none. */
  readonly formula: string | number | boolean;
}

/** The format a date written by MAM Prep gets when the cell has no date format of its own. */
const ISO_DATE_FORMAT = 'yyyy-mm-dd';

/**
 * One cell from what Office reports. Date-formatted numbers are serials of the workbook's date
 * system; the cell model holds 1900-system serials, so a 1904 workbook's are converted here.
 */
export function cellFromOffice(value: unknown, numberFormat: unknown, valueType: unknown, formula: unknown, dateSystem: DateSystem = '1900'): Cell {
  // A text cell typed as "'=abc" reports the same string as value and formula: it is not a formula.
  const isFormula = typeof formula === 'string' && formula.startsWith('=') && !(valueType === 'String' && value === formula);
  const format = typeof numberFormat === 'string' ? numberFormat : undefined;
  if (valueType === 'Empty' && !isFormula) return EMPTY_CELL;
  return typeRawValue(engineValue(value, format, dateSystem), format, { formula: isFormula, isError: valueType === 'Error' });
}

function engineValue(value: unknown, format: string | undefined, dateSystem: DateSystem): unknown {
  return typeof value === 'number' && dateSystem !== '1900' && isDateFormat(format) ? toEngineSerial(value, dateSystem) : value;
}

/**
 * Formula and error cells of a loaded block, from `getSpecialCellsOrNullObject` addresses: loading
 * these few addresses instead of the `formulas` and `valueTypes` arrays halves a scan's response.
 * Flags are per cell of the block (row-major): 1 formula, 2 error.
 */
const FORMULA_MARK = 1;
const ERROR_MARK = 2;

export interface LoadedBlock {
  /** 1-based top-left of the block. */
  readonly startRow: number;
  readonly startCol: number;
  readonly values: ReadonlyArray<ReadonlyArray<unknown>>;
  readonly numberFormat: ReadonlyArray<ReadonlyArray<unknown>>;
  /** RangeAreas addresses (null: the special-cells call found none). */
  readonly formulaAddress: string | null;
  readonly errorAddresses: ReadonlyArray<string | null>;
}

/** Response bytes of a block as Office serialises it (what the next request is sized by). */
export function blockBytes(block: LoadedBlock): number {
  return payloadBytes({ values: block.values, numberFormat: block.numberFormat }) + payloadBytes([block.formulaAddress, ...block.errorAddresses]);
}

/** Converts one loaded block to snapshot rows; rows without any cell become undefined. */
export function rowsFromBlock(block: LoadedBlock, dateSystem: DateSystem): Array<Cell[] | undefined> {
  const rows = block.values.length;
  const cols = block.values[0]?.length ?? 0;
  const marks = new Uint8Array(rows * cols);
  const mark = (address: string | null, flag: number) => {
    for (const area of splitAreas(address)) {
      const r = parseRange(area);
      if (!r) continue;
      for (let row = Math.max(r.start.row, block.startRow); row <= Math.min(r.end.row, block.startRow + rows - 1); row++) {
        for (let col = Math.max(r.start.col, block.startCol); col <= Math.min(r.end.col, block.startCol + cols - 1); col++) {
          marks[(row - block.startRow) * cols + (col - block.startCol)]! |= flag;
        }
      }
    }
  };
  mark(block.formulaAddress, FORMULA_MARK);
  for (const a of block.errorAddresses) mark(a, ERROR_MARK);
  return block.values.map((line, r) => {
    let any = false;
    const cells = line.map((v, c) => {
      const flags = marks[r * cols + c]!;
      const formula = (flags & FORMULA_MARK) !== 0;
      if (!formula && (v === '' || v === null || v === undefined)) return EMPTY_CELL;
      any = true;
      const format = block.numberFormat[r]?.[c];
      const f = typeof format === 'string' ? format : undefined;
      return typeRawValue(engineValue(v, f, dateSystem), f, { formula, isError: (flags & ERROR_MARK) !== 0 });
    });
    return any ? cells : undefined;
  });
}

/** Whether a row holds any value (a formula showing nothing is not one). */
export function rowHasValue(row: readonly Cell[] | undefined): boolean {
  return row !== undefined && row.some((c) => c.value.kind !== 'empty');
}

/** The areas of a RangeAreas address (`Sheet1!A1:B2, 'My, sheet'!C3`), sheet names stripped. */
export function splitAreas(address: string | null): string[] {
  if (!address) return [];
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    if (i === address.length || (ch === ',' && !quoted)) {
      const part = address.slice(start, i).trim();
      const bang = part.lastIndexOf('!');
      if (part) out.push(bang >= 0 ? part.slice(bang + 1) : part);
      start = i + 1;
    }
  }
  return out;
}

/** The RangeAreas address Excel would give for these cells (1-based, on `sheet`): vertical runs per column. */
export function areasAddress(sheet: string, cells: ReadonlyArray<{ row: number; col: number }>): string | null {
  if (cells.length === 0) return null;
  const byCol = new Map<number, number[]>();
  for (const { row, col } of cells) {
    let list = byCol.get(col);
    if (!list) byCol.set(col, (list = []));
    list.push(row);
  }
  const prefix = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const areas: string[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = byCol.get(col)!.sort((a, b) => a - b);
    let first = rows[0]!;
    let prev = first;
    const close = () => areas.push(`${prefix}!${columnLetters(col)}${first}${prev === first ? '' : `:${columnLetters(col)}${prev}`}`);
    for (const r of rows.slice(1)) {
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      close();
      first = prev = r;
    }
    close();
  }
  return areas.join(',');
}

/** How Office.js would report a typed cell once entered (the simulated workbook stores cells this way). */
export function officeFromCell(cell: Cell | undefined, formulaText?: string): OfficeCell {
  const v: CellValue = cell?.value ?? { kind: 'empty' };
  const formula = cell?.formula ? (formulaText ?? '=FORMULA()') : undefined;
  switch (v.kind) {
    case 'empty':
      return { value: '', numberFormat: 'General', valueType: 'Empty', formula: formula ?? '' };
    case 'text':
      return { value: v.text, numberFormat: 'General', valueType: 'String', formula: formula ?? v.text };
    case 'number':
      return { value: v.number, numberFormat: 'General', valueType: Number.isInteger(v.number) ? 'Integer' : 'Double', formula: formula ?? v.number };
    case 'boolean':
      return { value: v.boolean, numberFormat: 'General', valueType: 'Boolean', formula: formula ?? v.boolean };
    case 'date':
      return { value: v.serial, numberFormat: ISO_DATE_FORMAT, valueType: Number.isInteger(v.serial) ? 'Integer' : 'Double', formula: formula ?? v.serial };
    case 'error':
      return { value: v.error, numberFormat: 'General', valueType: 'Error', formula: formula ?? v.error };
  }
}

/** The pane's words for each reason a cell was not written (the reasons: engine/edit-guard.ts). */
export const SKIP_MESSAGES: Record<SkipReason, (sheet: string, cell: string) => string> = {
  changed: (sheet: string, cell: string) => `${sheet}!${cell} changed since it was checked, so it was left as it is. Re-check and try again.`,
  formula: (sheet: string, cell: string) => `${sheet}!${cell} holds a formula; MAM Prep never overwrites formulas. Fix the source it calculates from.`,
  'date-out-of-range': (sheet: string, cell: string) =>
    `${sheet}!${cell} was not changed: the date is before 1904-01-01, the first day this workbook's 1904 date system can hold.`,
  protected: (sheet: string, cell: string) =>
    `Sheet "${sheet}" is protected and ${cell} is locked. Unprotect the sheet (Review > Unprotect Sheet) to apply this fix.`,
  'edit-mode': (sheet: string, cell: string) => `Excel is editing a cell, so ${sheet}!${cell} was not changed. Press Enter or Esc in the cell, then try again.`,
  'missing-sheet': (sheet: string, cell: string) => `Sheet "${sheet}" no longer exists, so ${cell} was not changed.`,
  interrupted: (sheet: string, cell: string) => `Excel stopped the change part-way, so ${sheet}!${cell} was not changed. Re-check and try again.`,
};

/**
 * What to write through Office.js for a typed cell. Text gets a leading apostrophe (Excel's quote
 * prefix, not stored in the value) unless the cell is formatted as Text, so Excel never turns an
 * identifier such as `0123` or `1E5` into a number; text that itself starts with an apostrophe always
 * gets one, since Excel takes a leading apostrophe as the prefix whatever the format. Dates are written as serials and keep the
 * cell's own date format when it has one.
 */
export function officeWriteFor(
  cell: Cell,
  currentFormat: string | undefined,
  dateSystem: DateSystem = '1900',
): { value: string | number | boolean; numberFormat?: string } {
  const v = cell.value;
  switch (v.kind) {
    case 'empty':
      return { value: '' };
    case 'text':
      return { value: currentFormat === '@' && !v.text.startsWith("'") ? v.text : `'${v.text}` };
    case 'number':
      return { value: v.number };
    case 'boolean':
      return { value: v.boolean };
    case 'date': {
      const serial = toWorkbookSerial(v.serial, dateSystem);
      return isDateFormat(currentFormat) ? { value: serial } : { value: serial, numberFormat: ISO_DATE_FORMAT };
    }
    case 'error':
      // Entering an error code unquoted makes Excel store the error value itself, as typing it does.
      return { value: v.error };
  }
}
