import { editBlocker } from './edit-guard';
import type { Edit } from './fix-planner';
import { cellForEdit } from './fix-planner';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';

export interface AppliedEdits {
  readonly workbook: WorkbookSnapshot;
  readonly applied: readonly Edit[];
  /** Edits the write guard refused (edit-guard.ts): the cell no longer held `from`, or held a formula. */
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
      if (editBlocker(row[e.col - 1], e) !== null) {
        skipped.push(e);
        continue;
      }
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
