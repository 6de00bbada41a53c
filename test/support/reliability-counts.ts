import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CASE_COUNTS_ENV } from './case-count-channel';

/**
 * Counts of cases tried per reliability category. A test file adds to its counter and, in afterAll,
 * hands the counts over with `report()`; test/support/case-count-reporter.js merges every file's counts
 * once the run is over and prints them. The counter itself prints nothing and shares no file with
 * other workers: each test file writes only its own part.
 */
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

  /** Hands this file's counts to the case-count reporter. Call from afterAll. */
  report(): void {
    const dir = process.env[CASE_COUNTS_ENV];
    // Without the reporter (a run with other --reporters) there is no one to hand the counts to.
    if (dir === undefined) return;
    writeFileSync(path.join(dir, `${this.suite}.json`), JSON.stringify(Object.fromEntries(this.counts)));
  }
}
