import type { Finding } from './finding';

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * The findings each data row produced itself, kept only for the few rows that have any: a
 * 100,000-row sheet then costs no per-row objects. (A row's identifiers are not stored: an edit
 * derives the old ones from the row's old cells.)
 */
export class RowStore {
  private readonly findings = new Map<number, readonly Finding[]>();

  setFindings(row: number, findings: readonly Finding[]): void {
    if (findings.length > 0) this.findings.set(row, findings);
    else this.findings.delete(row);
  }

  clear(row: number): void {
    this.findings.delete(row);
  }

  findingsOf(row: number): readonly Finding[] {
    return this.findings.get(row) ?? NO_FINDINGS;
  }

  rowsWithFindings(): IterableIterator<number> {
    return this.findings.keys();
  }
}
