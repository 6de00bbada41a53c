import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Counts of cases tried per reliability category. Each test file records its counts and, in afterAll,
 * prints `reliability: <category> <n> cases` lines and writes them to
 * test-output/reliability-counts.txt (merged with the other files' counts, since Jest runs test files
 * in parallel workers: each file keeps its own part and the summary is rebuilt from all parts).
 */
const OUTPUT_DIR = path.resolve(__dirname, '../../test-output');
const PARTS_DIR = path.join(OUTPUT_DIR, 'reliability-counts.d');
const SUMMARY = path.join(OUTPUT_DIR, 'reliability-counts.txt');

export class CaseCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly suite: string) {}

  /** Adds `n` tried cases to `category`. */
  add(category: string, n = 1): void {
    this.counts.set(category, (this.counts.get(category) ?? 0) + n);
  }

  get(category: string): number {
    return this.counts.get(category) ?? 0;
  }

  lines(): string[] {
    return [...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, n]) => `reliability: ${c} ${n} cases`);
  }

  /** Prints the lines and updates test-output/reliability-counts.txt. Call from afterAll. */
  report(): void {
    const lines = this.lines();
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(PARTS_DIR, { recursive: true });
    writeFileSync(path.join(PARTS_DIR, `${this.suite}.txt`), `${lines.join('\n')}\n`);
    rebuildSummary();
  }
}

function rebuildSummary(): void {
  // Two workers may finish together: rebuild until the set of parts read is the set present.
  for (let attempt = 0; attempt < 5; attempt++) {
    const parts = readdirSync(PARTS_DIR).filter((f) => f.endsWith('.txt')).sort();
    const text = parts.map((f) => readFileSync(path.join(PARTS_DIR, f), 'utf8')).join('');
    const lines = text.split('\n').filter((l) => l !== '').sort();
    const tmp = `${SUMMARY}.${process.pid}.tmp`;
    writeFileSync(tmp, `${lines.join('\n')}\n`);
    renameSync(tmp, SUMMARY);
    const now = readdirSync(PARTS_DIR).filter((f) => f.endsWith('.txt')).sort();
    if (now.join() === parts.join()) return;
  }
}
