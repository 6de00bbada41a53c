import { Cell, CellValue, displayValue, EMPTY_CELL, isDateFormat, typeRawValue } from '../engine/cell';

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
export const ISO_DATE_FORMAT = 'yyyy-mm-dd';

export function cellFromOffice(value: unknown, numberFormat: unknown, valueType: unknown, formula: unknown): Cell {
  // A text cell typed as "'=abc" reports the same string as value and formula: it is not a formula.
  const isFormula = typeof formula === 'string' && formula.startsWith('=') && !(valueType === 'String' && value === formula);
  const format = typeof numberFormat === 'string' ? numberFormat : undefined;
  if (valueType === 'Empty' && !isFormula) return EMPTY_CELL;
  return typeRawValue(value, format, { formula: isFormula, isError: valueType === 'Error' });
}

/** Converts one loaded range (row-major arrays of equal shape) to snapshot rows; all-empty rows become undefined. */
export function rowsFromOffice(
  values: ReadonlyArray<ReadonlyArray<unknown>>,
  numberFormat: ReadonlyArray<ReadonlyArray<unknown>>,
  valueTypes: ReadonlyArray<ReadonlyArray<unknown>>,
  formulas: ReadonlyArray<ReadonlyArray<unknown>>,
): Array<Cell[] | undefined> {
  return values.map((row, r) => {
    let any = false;
    const cells = row.map((v, c) => {
      const cell = cellFromOffice(v, numberFormat[r]?.[c], valueTypes[r]?.[c], formulas[r]?.[c]);
      if (cell !== EMPTY_CELL) any = true;
      return cell;
    });
    return any ? cells : undefined;
  });
}

/** How Office.js would report a typed cell (the fake's view of its own cells). */
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

/** Why an edit may not be applied to a cell as it is now, or null when it may. */
export function editBlocker(current: Cell, from: string | number | boolean): 'formula' | 'changed' | null {
  if (current.formula) return 'formula';
  return displayValue(current.value) === from ? null : 'changed';
}

export const SKIP_MESSAGES = {
  changed: (sheet: string, cell: string) => `${sheet}!${cell} changed since it was checked, so it was left as it is. Re-check and try again.`,
  formula: (sheet: string, cell: string) => `${sheet}!${cell} holds a formula; MAM Prep never overwrites formulas. Fix the source it calculates from.`,
  protected: (sheet: string, cell: string) => `Sheet "${sheet}" is protected and ${cell} is locked. Unprotect the sheet (Review > Unprotect Sheet) to apply this fix.`,
  'edit-mode': (sheet: string, cell: string) => `Excel is editing a cell, so ${sheet}!${cell} was not changed. Press Enter or Esc in the cell, then try again.`,
  'missing-sheet': (sheet: string, cell: string) => `Sheet "${sheet}" no longer exists, so ${cell} was not changed.`,
} as const;

/**
 * What to write through Office.js for a typed cell. Text gets a leading apostrophe (Excel's quote
 * prefix, not stored in the value) unless the cell is formatted as Text, so Excel never turns an
 * identifier such as `0123` or `1E5` into a number. Dates are written as serials and keep the
 * cell's own date format when it has one.
 */
export function officeWriteFor(cell: Cell, currentFormat: string | undefined): { value: string | number | boolean; numberFormat?: string } {
  const v = cell.value;
  switch (v.kind) {
    case 'empty':
      return { value: '' };
    case 'text':
      return { value: currentFormat === '@' ? v.text : `'${v.text}` };
    case 'number':
      return { value: v.number };
    case 'boolean':
      return { value: v.boolean };
    case 'date':
      return isDateFormat(currentFormat) ? { value: v.serial } : { value: v.serial, numberFormat: ISO_DATE_FORMAT };
    case 'error':
      // Entering an error code unquoted makes Excel store the error value itself, as typing it does.
      return { value: v.error };
  }
}
