/**
 * Benchmark: `mam-prep check` of four 100,000-row workbooks with `--jobs 1` and `--jobs 2`, through
 * the built CLI (worker threads need the compiled JavaScript). Goal: `--jobs 2` takes at
 * most 0.75 of `--jobs 1` on a 2-core machine. Prints wall times, the ratio and the machine's load
 * average beside them (a busy machine makes the ratio meaningless); asserts nothing.
 *
 *   node -r ts-node/register/transpile-only bench/cli-jobs.ts [rows] [files]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mam-prep.js');
const RUNS = 2;

function timeCheck(files: readonly string[], jobs: number): { ms: number; code: number | null } {
  let best = Infinity;
  let code: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, 'check', ...files, '--jobs', String(jobs), '--format', 'json', '--today', '2026-01-05'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
    code = r.status;
  }
  return { ms: best, code };
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
    const load = (): string => loadavg().map((l) => l.toFixed(2)).join(', ');
    console.log(`cli-jobs: ${count} files × ${rows.toLocaleString('en-GB')} rows; ${availableParallelism()} cores; load average before: ${load()}`);
    const one = timeCheck(files, 1);
    const two = timeCheck(files, 2);
    console.log(`  --jobs 1: ${one.ms.toFixed(0)} ms (exit ${one.code})`);
    console.log(`  --jobs 2: ${two.ms.toFixed(0)} ms (exit ${two.code})`);
    console.log(`  ratio --jobs 2 / --jobs 1: ${(two.ms / one.ms).toFixed(2)} (goal ≤ 0.75); load average after: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
