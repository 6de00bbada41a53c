import { parseRange } from '../engine/address';
import type { SheetChange } from './gateway';

/**
 * Which rows a worksheet change touched, from the event's address. `undefined` means "re-scan":
 * rows moved (insert/delete shifts every row number below) or the address is unbounded (`B:B`).
 */

/** Above this a full re-scan costs about the same as re-reading the rows and also re-detects the template. */
const MAX_CHANGED_ROWS = 20_000;

const ROW_SHIFTING_CHANGES = new Set(['RowInserted', 'RowDeleted', 'CellInserted', 'CellDeleted', 'ColumnInserted', 'ColumnDeleted']);

export function changedRows(address: string | undefined, changeType?: string): number[] | undefined {
  if (!address || (changeType !== undefined && ROW_SHIFTING_CHANGES.has(changeType))) return undefined;
  const rows = new Set<number>();
  for (const raw of address.split(',')) {
    const part = raw.includes('!') ? raw.slice(raw.lastIndexOf('!') + 1) : raw;
    const wholeRows = /^\$?(\d+):\$?(\d+)$/.exec(part.trim());
    const range = wholeRows ? { start: { row: Number(wholeRows[1]) }, end: { row: Number(wholeRows[2]) } } : parseRange(part);
    if (!range) return undefined;
    const first = Math.min(range.start.row, range.end.row);
    const last = Math.max(range.start.row, range.end.row);
    if (last - first + 1 + rows.size > MAX_CHANGED_ROWS) return undefined;
    for (let r = first; r <= last; r++) rows.add(r);
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * The pane's view of one `onChanged` event as Excel sends it: an address string that may be a cell,
 * a range, several areas (`A1:B2,D5`), whole rows (`3:5`) or whole columns (`B:B`, re-scanned), and a
 * change type (`RangeEdited` for typing and paste, with or without details; inserts and deletes
 * shift rows, so they re-scan).
 */
export function sheetChangeFromEvent(sheet: string, address: string | undefined, changeType: string | undefined, source: 'local' | 'remote'): SheetChange {
  const rows = changedRows(address, changeType);
  return { sheet, source, cause: 'edit', ...(rows ? { rows } : {}) };
}
