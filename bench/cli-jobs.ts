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
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mam-prep.js');
const RUNS = 5;

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

/**
 * Wall time of the files split between two separate `mam-prep` processes run at once (no worker
 * threads, no comparison across files): the machine's own bound on what two workers can reach.
 */
async function timeTwoProcesses(files: readonly string[]): Promise<number> {
  const half = Math.ceil(files.length / 2);
  const t = process.hrtime.bigint();
  await Promise.all(
    [files.slice(0, half), files.slice(half)].map(
      (part) =>
        new Promise<void>((resolve) => {
          const child = spawn(process.execPath, [BIN, 'check', ...part, '--jobs', '1', '--no-cross-file', '--format', 'json', '--today', '2026-01-05'], {
            stdio: 'ignore',
          });
          child.on('close', () => resolve());
        }),
    ),
  );
  return Number(process.hrtime.bigint() - t) / 1e6;
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
      writeFileSync(
        file,
        templateWorkbookBytes(
          Array.from({ length: rows }, (_, i) => validMaRow(f * rows + i)),
          { level: 6 },
        ),
      );
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
      if (extra.length > 0) {
        // Alternating with --jobs 1 runs, so a burst of load hits both figures of the ratio.
        const pairs: Array<[number, number]> = [];
        for (let i = 0; i < RUNS; i++) pairs.push([timeCheck(files, 1, extra).ms, await timeTwoProcesses(files)]);
        const serial = median(pairs.map((p) => p[0]));
        const split = median(pairs.map((p) => p[1]));
        console.log(
          `  the machine's bound: two separate processes with half the files each ${split.toFixed(0)} ms against one process ${serial.toFixed(0)} ms, ` +
            `ratio ${(split / serial).toFixed(2)} (no threads, no comparison: --jobs 2 cannot do better than this here)`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
