import type { Cell } from '../engine/cell';
import type { ListValidation, SheetSnapshot, WorkbookSnapshot } from '../engine/snapshot';
import type { RowChunk } from './scan-plan';

/** Assembles a WorkbookSnapshot from chunked reads. Shared by the Office gateway and the fake (scan-runner.ts). */

export class SnapshotBuilder {
  private readonly sheets: Array<{ name: string; hidden: boolean; rows: Array<Cell[] | undefined>; validations: ListValidation[] }> = [];

  addSheet(name: string, hidden: boolean, lastRow: number): void {
    this.sheets.push({ name, hidden, rows: new Array<Cell[] | undefined>(Math.max(0, lastRow)).fill(undefined), validations: [] });
  }

  addChunk(chunk: RowChunk, rows: ReadonlyArray<Cell[] | undefined>): void {
    const sheet = this.find(chunk.sheet);
    const end = Math.min(rows.length, sheet.rows.length - chunk.startRow + 1);
    for (let i = 0; i < end; i++) sheet.rows[chunk.startRow - 1 + i] = rows[i];
  }

  /** Cuts a sheet short (rows read beyond `lastRow` are dropped). */
  setLastRow(sheetName: string, lastRow: number): void {
    const sheet = this.find(sheetName);
    if (sheet.rows.length > lastRow) sheet.rows.length = lastRow;
  }

  lastRow(sheetName: string): number {
    return this.find(sheetName).rows.length;
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
