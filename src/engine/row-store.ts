import type { RowKeys } from './check-row';
import type { Finding } from './finding';

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * What the session remembers per data row: its own findings (kept only for the few rows that have
 * any) and its identifiers, in one flat array with a fixed stride. A 100,000-row sheet then costs no
 * per-row objects, which keeps the garbage collector out of full validations.
 */
export class RowStore {
  private readonly findings = new Map<number, readonly Finding[]>();
  private readonly keys: (string | undefined)[] = [];

  constructor(private readonly firstRow: number, private readonly stride: number) {}

  set(row: number, findings: readonly Finding[], keys: RowKeys): void {
    if (findings.length > 0) this.findings.set(row, findings);
    else this.findings.delete(row);
    const base = (row - this.firstRow) * this.stride;
    for (let j = 0; j < this.stride; j++) this.keys[base + j] = keys[j];
  }

  clear(row: number): void {
    this.findings.delete(row);
    const base = (row - this.firstRow) * this.stride;
    for (let j = 0; j < this.stride; j++) this.keys[base + j] = undefined;
  }

  findingsOf(row: number): readonly Finding[] {
    return this.findings.get(row) ?? NO_FINDINGS;
  }

  keysOf(row: number): RowKeys {
    const base = (row - this.firstRow) * this.stride;
    return this.keys.slice(base, base + this.stride);
  }

  rowsWithFindings(): IterableIterator<number> {
    return this.findings.keys();
  }
}
