/**
 * Benchmark: `mam-prep check` of a 100,000-row Migration Authorisation against exceljs's streaming
 * reader (ExcelJS.stream.xlsx.WorkbookReader) merely reading the same file. Goals: check takes at
 * most 0.25 of exceljs's read time, with a peak RSS of at most 200 MiB. Each run is its own plain
 * Node process (bench/read-worker.js) holding only what it measures: the compiled CLI, as users
 * run it, or exceljs. Check and exceljs runs alternate, so each pair shares the machine's load of
 * the moment; the figures are medians over the pairs. Prints figures; asserts nothing.
 *
 *   node -r ts-node/register/transpile-only bench/cli-read.ts [rows] [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const WORKER = path.join(__dirname, 'read-worker.js');
const GOAL_RATIO = 0.25;
const GOAL_RSS_MIB = 200;

interface Measure {
  readonly ms: number;
  /** User + system CPU time of every thread: steadier than wall clock on a busy machine. */
  readonly cpuMs: number;
  readonly maxRssMiB: number;
  readonly detail: string;
}

function run(mode: string, file: string): Measure {
  const r = spawnSync(process.execPath, [WORKER, mode, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${mode} worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function line(label: string, all: readonly Measure[]): string {
  const ms = median(all.map((m) => m.ms));
  const cpu = median(all.map((m) => m.cpuMs));
  const rss = Math.max(...all.map((m) => m.maxRssMiB));
  return `  ${label.padEnd(42)}${ms.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms), peak RSS ${rss.toFixed(0)} MiB (${all[0]!.detail}; runs ${all.map((m) => m.ms.toFixed(0)).join(', ')} ms)`;
}

/** The built CLI as users run it (`node bin/mam-prep.js`), wall clock including Node start-up. */
function spawnedCli(file: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mam-prep.js'), 'check', file, '--format', 'json', '--today', '2026-01-05'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 5);
  if (!existsSync(path.join(ROOT, 'dist', 'node', 'cli', 'main.js'))) {
    console.log('cli-read: the CLI is not built (npm run build:cli); skipped');
    return;
  }
  const { templateWorkbookBytes, fakeVbaProject } = await import('../test/support/template-files');
  const { validMaRow } = await import('../test/support/sheet-builder');
  const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-bench-'));
  const file = path.join(dir, 'migration-authorisation-100k.xlsm');
  try {
    // Unique device IDs per row (validMaRow's repeat past 65,536 rows); every 1000th CHF ID non-canonical.
    const hex = (n: number): string =>
      n
        .toString(16)
        .toUpperCase()
        .padStart(8, '0')
        .replace(/(..)(?!$)/g, '$1-');
    const data = Array.from({ length: rows }, (_v, i) => {
      const dev = (kind: number): string => `00-12-4B-${String(kind).padStart(2, '0')}-${hex(i)}`;
      const row = { ...validMaRow(i), esmeId: dev(1), gsmeId: dev(2), chfId: dev(3), gpfId: dev(4) };
      return i % 1000 === 7 ? { ...row, chfId: row.chfId.toLowerCase() } : row;
    });
    writeFileSync(file, templateWorkbookBytes(data, { level: 6, vbaProject: fakeVbaProject() }));
    const load = (): string =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(', ');
    console.log(
      `cli-read: ${rows} data rows, ${(statSync(file).size / 1048576).toFixed(1)} MiB .xlsm; ${runs} alternating runs, medians; load average before: ${load()}`,
    );
    const check: Measure[] = [];
    const exceljs: Measure[] = [];
    for (let i = 0; i < runs; i++) {
      check.push(run('check', file));
      exceljs.push(run('exceljs', file));
    }
    const read = [run('read', file), run('read', file)];
    const wallRatio = median(check.map((c, i) => c.ms / exceljs[i]!.ms));
    const cpuRatio = median(check.map((c, i) => c.cpuMs / exceljs[i]!.cpuMs));
    const checkRss = Math.max(...check.map((m) => m.maxRssMiB));
    console.log(line('mam-prep check (read + validate + JSON):', check));
    console.log(line('exceljs streaming read only:', exceljs));
    console.log(line('mam-prep reader holding every row:', read));
    console.log(`  spawned node bin/mam-prep.js check, wall clock incl. start-up: ${spawnedCli(file, 3).toFixed(0)} ms (median of 3)`);
    console.log(`  load average after: ${load()}`);
    console.log(
      `SUMMARY cli-read: check / exceljs read ${wallRatio.toFixed(2)} wall, ${cpuRatio.toFixed(2)} CPU (goal ≤ ${GOAL_RATIO}); check peak RSS ${checkRss.toFixed(0)} MiB (goal ≤ ${GOAL_RSS_MIB})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
