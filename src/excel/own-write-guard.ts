import { parseRange, toA1 } from '../engine/address';

/**
 * Recognises change events caused by MAM Prep's own writes on hosts whose events lack
 * `triggerSource`. The event arrives after the write's sync resolves, so a simple "writing now"
 * flag is not enough: each written cell is remembered for a short while and the first event that
 * covers only remembered cells is taken as ours (and consumes them). A user edit elsewhere during
 * our write is still reported.
 */
export class OwnWriteGuard {
  private readonly expected = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 5_000,
  ) {}

  expect(sheet: string, cells: readonly string[]): void {
    const until = this.now() + this.ttlMs;
    for (const c of cells) this.expected.set(key(sheet, c), until);
  }

  /** True when every cell of `address` was written by us recently; those cells are then forgotten. */
  consume(sheet: string, address: string): boolean {
    this.expire();
    const cells = expandAddress(address);
    if (!cells || cells.length === 0 || !cells.every((c) => this.expected.has(key(sheet, c)))) return false;
    for (const c of cells) this.expected.delete(key(sheet, c));
    return true;
  }

  get pending(): number {
    this.expire();
    return this.expected.size;
  }

  private expire(): void {
    const t = this.now();
    for (const [k, until] of this.expected) if (until < t) this.expected.delete(k);
  }
}

const key = (sheet: string, cell: string) => `${sheet}\u0000${cell.replace(/\$/g, '').toUpperCase()}`;

/** Cells of a small address (`B5`, `B5:C6`, `B5,D7`); undefined for big or unparsable ones. */
function expandAddress(address: string): string[] | undefined {
  const cells: string[] = [];
  for (const part of address.split(',')) {
    const r = parseRange(part);
    if (!r) return undefined;
    if ((r.end.row - r.start.row + 1) * (r.end.col - r.start.col + 1) + cells.length > 10_000) return undefined;
    for (let row = r.start.row; row <= r.end.row; row++) {
      for (let col = r.start.col; col <= r.end.col; col++) cells.push(toA1(row, col));
    }
  }
  return cells;
}
