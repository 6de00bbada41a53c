import type { Cell } from './cell';
import { cellsEqual, displayValue, EMPTY_CELL, isoToSerial } from './cell';
import type { DateSystem } from './date-system';
import { toWorkbookSerial } from './date-system';
import type { Edit } from './fix-planner';

/**
 * The one rule every writer of fixes applies before it writes a cell (the pane's gateway, the fake
 * workbook and the CLI's file patcher): the cell must still hold the value the fix replaces, it is
 * never a formula, and a date must exist in the workbook's date system. The writers differ only in
 * how they read the cell and in the words they use; the reasons are one set.
 */

/**
 * Why an edit was not written:
 * - `changed`: the cell no longer holds the value the fix replaces (or, for a revert, what the fix wrote);
 * - `formula`: the cell holds a formula (or a revert would put one back); formulas are never overwritten;
 * - `date-out-of-range`: the date is before the first day of the workbook's date system (1904-01-01 in a 1904 workbook);
 * - `protected`: the sheet is protected and the cell locked, or the write needs a number format the sheet refuses;
 * - `edit-mode`: Excel was editing a cell and refused the batch;
 * - `missing-sheet`: the sheet is not in the workbook (any more);
 * - `interrupted`: Excel stopped a multi-part write after earlier parts were written; this cell was not.
 */
export type SkipReason = 'changed' | 'formula' | 'date-out-of-range' | 'protected' | 'edit-mode' | 'missing-sheet' | 'interrupted';

/** An edit (or revert) that was not written, and why. */
export interface SkippedEdit {
  readonly sheet: string;
  readonly cell: string;
  readonly reason: SkipReason;
  /** Words for the person who asked for the write (each writer words its own). */
  readonly message: string;
}

/** The reasons a cell's own content refuses a write; the others come from the host. */
export type CellBlocker = Extract<SkipReason, 'changed' | 'formula' | 'date-out-of-range'>;

/**
 * Why `edit` may not be written over `current` (a cell as the engine types it: 1900-system serials),
 * or null when it may. A missing cell is an empty one. A formula wins over every other reason.
 */
export function editBlocker(current: Cell | undefined, edit: Pick<Edit, 'from' | 'to' | 'type'>, dateSystem: DateSystem = '1900'): CellBlocker | null {
  const cell = current ?? EMPTY_CELL;
  if (cell.formula === true) return 'formula';
  if (displayValue(cell.value) !== edit.from) return 'changed';
  // The 1904 system starts on 1904-01-01: an earlier day has no serial there (Excel shows ####).
  if (edit.type === 'date' && toWorkbookSerial(isoToSerial(edit.to), dateSystem) < 0) return 'date-out-of-range';
  return null;
}

/**
 * Why a revert may not put `previous` back over `current`, or null when it may: the cell must still
 * hold exactly what the fix wrote (`expected`), and neither it nor the value put back is a formula.
 */
export function restoreBlocker(current: Cell | undefined, restore: { readonly expected: Cell; readonly previous: Cell }): CellBlocker | null {
  const cell = current ?? EMPTY_CELL;
  if (cell.formula === true || restore.previous.formula === true) return 'formula';
  return cellsEqual(cell, restore.expected) ? null : 'changed';
}
