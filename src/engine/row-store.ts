import type { Finding } from './finding';

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * What the session remembers per data row: its own findings (kept only for the few rows that have
 * any) and the ids of its identifiers in the duplicate index, in one typed array with a fixed stride
 * (-1 where a row has none). A 100,000-row sheet then costs no per-row objects.
 */
export class RowStore {
  private readonly findings = new Map<number, readonly Finding[]>();
  /** Identifier ids of every row: row r's start at `offsetOf(r)`; -1 where none. */
  ids: Int32Array;

  constructor(private readonly firstRow: number, readonly stride: number, expectedRows = 0) {
    this.ids = new Int32Array(Math.max(16, expectedRows) * stride).fill(-1);
  }

  setFindings(row: number, findings: readonly Finding[]): void {
    if (findings.length > 0) this.findings.set(row, findings);
    else this.findings.delete(row);
  }

  clear(row: number): void {
    this.findings.delete(row);
    const at = this.offsetOf(row);
    this.ids.fill(-1, at, at + this.stride);
  }

  findingsOf(row: number): readonly Finding[] {
    return this.findings.get(row) ?? NO_FINDINGS;
  }

  /**
   * Where the row's ids start in `ids`, growing the store when the row is new. Callers index the
   * shared array rather than take a subarray: a view object per row would cost more than the row.
   */
  offsetOf(row: number): number {
    const base = (row - this.firstRow) * this.stride;
    if (base + this.stride > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, base + this.stride)).fill(-1);
      grown.set(this.ids);
      this.ids = grown;
    }
    return base;
  }

  rowsWithFindings(): IterableIterator<number> {
    return this.findings.keys();
  }
}
