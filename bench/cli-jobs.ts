/**
 * Benchmark: `mam-prep check` of four 100,000-row workbooks with `--jobs 1` and `--jobs 2`, through
 * the built CLI (worker threads need the compiled JavaScript). Goal: `--jobs 2` takes at
 * most 0.75 of `--jobs 1` on a 2-core machine, with the comparison across files on (the default).
 * Runs alternate between `--jobs 1` and `--jobs 2` (so a passing burst of load hits both) and each
 * figure is the median of RUNS; printed with the comparison across files on and off (`--no-cross-file`),
 * with the machine's load average beside them (a busy machine makes the ratio meaningless). Asserts nothing.
 *
 *   node -r ts-node/register/transpile-only bench/cli-jobs.ts [rows] [files]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mam-prep.js');
const RUNS = 3;

interface Timing {
  readonly ms: number;
  readonly codes: readonly (number | null)[];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
};

/** Wall time of one check run through the built CLI, in a fresh process as a user runs it. */
function timeCheck(files: readonly string[], jobs: number, extra: readonly string[]): { ms: number; code: number | null } {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'check', ...files, '--jobs', String(jobs), '--format', 'json', '--today', '2026-01-05', ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, code: r.status };
}

/** Medians of RUNS runs each of `--jobs 1` and `--jobs 2`, alternating. */
function compare(files: readonly string[], extra: readonly string[]): [Timing, Timing] {
  const runs: { ms: number; code: number | null }[][] = [[], []];
  for (let i = 0; i < RUNS; i++) for (const jobs of [1, 2]) runs[jobs - 1]!.push(timeCheck(files, jobs, extra));
  const timing = (r: readonly { ms: number; code: number | null }[]): Timing => ({ ms: median(r.map((x) => x.ms)), codes: [...new Set(r.map((x) => x.code))] });
  return [timing(runs[0]!), timing(runs[1]!)];
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const count = Number(process.argv[3] ?? 4);
  if (!existsSync(path.join(ROOT, 'dist', 'node', 'cli', 'check-worker.js'))) {
    console.log('cli-jobs: the CLI is not built (npm run build:cli); skipped');
    return;
  }
  const { templateWorkbookBytes } = await import('../test/support/template-files');
  const { validMaRow } = await import('../test/support/sheet-builder');
  const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-jobs-'));
  try {
    const files = Array.from({ length: count }, (_, f) => {
      const file = path.join(dir, `batch-${f + 1}.xlsm`);
      writeFileSync(file, templateWorkbookBytes(Array.from({ length: rows }, (_, i) => validMaRow(f * rows + i))));
      return file;
    });
    const load = (): string =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(', ');
    console.log(`cli-jobs: ${count} files × ${rows.toLocaleString('en-GB')} rows; ${availableParallelism()} cores; load average before: ${load()}`);
    for (const [label, extra] of [
      ['cross-file on', []],
      ['--no-cross-file', ['--no-cross-file']],
    ] as const) {
      const [one, two] = compare(files, extra);
      console.log(
        `  ${label}: --jobs 1 ${one.ms.toFixed(0)} ms, --jobs 2 ${two.ms.toFixed(0)} ms (medians of ${RUNS}; exit ${[...new Set([...one.codes, ...two.codes])].join('/')}); ` +
          `ratio ${(two.ms / one.ms).toFixed(2)}${extra.length ? '' : ' (goal ≤ 0.75)'}; load average after: ${load()}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
