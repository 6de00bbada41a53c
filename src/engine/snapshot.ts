import type { Cell } from './cell';
import { EMPTY_CELL } from './cell';

/** A list data validation as the workbook states it. */
export interface ListValidation {
  /** Space-separated ranges the validation covers, e.g. `B7:B1048576 D7`. */
  readonly sqref: string;
  /** The list source: an inline list `"EA,EB,EC"`, a range `Lists!$A$2:$A$20`, or a defined name. */
  readonly source: string;
}

/**
 * One worksheet as any adapter produces it. `rows[r - 1][c - 1]` is the cell at row r, column c;
 * missing entries are empty cells.
 */
export interface SheetSnapshot {
  readonly name: string;
  readonly hidden?: boolean;
  readonly rows: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>;
  readonly validations?: readonly ListValidation[];
}

export interface WorkbookSnapshot {
  readonly sheets: readonly SheetSnapshot[];
  /** Workbook-scoped defined names → their reference (`Lists!$A$2:$A$9`). */
  readonly definedNames?: Readonly<Record<string, string>>;
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): Cell {
  return sheet.rows[row - 1]?.[col - 1] ?? EMPTY_CELL;
}
