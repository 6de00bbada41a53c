import type { Cell} from './cell';
import { displayValue, EMPTY_CELL } from './cell';
import type { Edit } from './fix-planner';
import { cellForEdit } from './fix-planner';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';

/** Whether a cell still holds the value an edit replaces (never a formula). */
export function cellStillHolds(cell: Cell | undefined, from: Edit['from']): boolean {
  const c = cell ?? EMPTY_CELL;
  return c.formula !== true && displayValue(c.value) === from;
}

export interface AppliedEdits {
  readonly workbook: WorkbookSnapshot;
  readonly applied: readonly Edit[];
  /** Edits whose cell no longer held `from` (or held a formula). */
  readonly skipped: readonly Edit[];
}

/** Applies edits to a snapshot copy; the input is not modified. */
export function applyEditsToSnapshot(workbook: WorkbookSnapshot, edits: readonly Edit[]): AppliedEdits {
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  const sheets = workbook.sheets.map((sheet): SheetSnapshot => {
    const mine = edits.filter((e) => e.sheet === sheet.name);
    if (mine.length === 0) return sheet;
    const rows = [...sheet.rows];
    for (const e of mine) {
      const row = [...(rows[e.row - 1] ?? [])];
      if (!cellStillHolds(row[e.col - 1], e.from)) { skipped.push(e); continue; }
      while (row.length < e.col) row.push(undefined);
      row[e.col - 1] = cellForEdit(e);
      rows[e.row - 1] = row;
      applied.push(e);
    }
    return { ...sheet, rows };
  });
  for (const e of edits) if (!workbook.sheets.some((s) => s.name === e.sheet)) skipped.push(e);
  return { workbook: { ...workbook, sheets }, applied, skipped };
}
