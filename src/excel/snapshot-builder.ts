import { columnLetters } from '../engine/address';
import type { Cell } from '../engine/cell';
import type { ListValidation, SheetSnapshot, WorkbookSnapshot } from '../engine/snapshot';
import type { RowChunk } from './scan-plan';

/**
 * Assembles a WorkbookSnapshot from chunked reads, and derives list validations from a probe of the
 * sheet's top rows. Shared by the Office gateway and the fake.
 */

/** Rows whose cells' data validation is probed: the header block, header row and first data rows of both templates. */
export const VALIDATION_PROBE_ROWS = 40;
/** Columns probed; the templates have 13 or 11 bound columns, extra columns are ignored by the engine anyway. */
export const VALIDATION_PROBE_COLS = 64;

export class SnapshotBuilder {
  private readonly sheets: Array<{ name: string; hidden: boolean; rows: Array<Cell[] | undefined>; validations: ListValidation[] }> = [];

  addSheet(name: string, hidden: boolean, lastRow: number): void {
    this.sheets.push({ name, hidden, rows: new Array<Cell[] | undefined>(Math.max(0, lastRow)).fill(undefined), validations: [] });
  }

  addChunk(chunk: RowChunk, rows: ReadonlyArray<Cell[] | undefined>): void {
    const sheet = this.find(chunk.sheet);
    rows.forEach((row, i) => {
      sheet.rows[chunk.startRow - 1 + i] = row;
    });
  }

  setValidations(sheetName: string, validations: ListValidation[]): void {
    this.find(sheetName).validations = validations;
  }

  build(definedNames: Record<string, string>): WorkbookSnapshot {
    const sheets: SheetSnapshot[] = this.sheets.map((s) => ({
      name: s.name,
      rows: s.rows,
      ...(s.hidden ? { hidden: true } : {}),
      ...(s.validations.length > 0 ? { validations: s.validations } : {}),
    }));
    return { sheets, definedNames };
  }

  private find(name: string) {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`Sheet "${name}" was not announced before its rows.`);
    return sheet;
  }
}

/** Office.js list source (`EA,EB,EC` or `=Lists!$A$2:$A$9`) → the snapshot's OOXML form (`"EA,EB,EC"`, `Lists!$A$2:$A$9`). */
export function normaliseListSource(officeSource: string): string {
  const s = officeSource.trim();
  return s.startsWith('=') ? s.slice(1) : `"${s}"`;
}

/** The reverse, for the fake. */
export function officeListSource(source: string): string {
  return source.startsWith('"') && source.endsWith('"') ? source.slice(1, -1) : `=${source}`;
}

/**
 * `probe[r][c]` is the list source of the cell at row r+1, column c+1 (null: no list validation).
 * Consecutive rows of one column with the same source become one validation; a run reaching the
 * probe's last row is taken to continue to the sheet's last used row, as template validations do.
 */
export function listValidationsFromProbe(probe: ReadonlyArray<ReadonlyArray<string | null>>, lastRow: number): ListValidation[] {
  const out: ListValidation[] = [];
  const cols = Math.max(0, ...probe.map((r) => r.length));
  for (let c = 0; c < cols; c++) {
    let start = -1;
    let source: string | null = null;
    const close = (endIndex: number) => {
      if (source === null || start < 0) return;
      const endRow = endIndex === probe.length - 1 ? Math.max(lastRow, probe.length) : endIndex + 1;
      const letters = columnLetters(c + 1);
      const sqref = endRow === start + 1 ? `${letters}${start + 1}` : `${letters}${start + 1}:${letters}${endRow}`;
      out.push({ sqref, source: normaliseListSource(source) });
    };
    for (let r = 0; r < probe.length; r++) {
      const s = probe[r]?.[c] ?? null;
      if (s === source) continue;
      close(r - 1);
      source = s;
      start = r;
    }
    close(probe.length - 1);
  }
  return out;
}
