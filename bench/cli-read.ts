/**
 * Benchmark: `mam-prep check` of a 100,000-row Migration Authorisation against exceljs's streaming
 * reader (ExcelJS.stream.xlsx.WorkbookReader) merely reading the same file. Goal: check takes at
 * most half exceljs's read time. Each side runs in its own child process, so peak memory (maxRSS)
 * is its own. Prints figures; asserts nothing.
 *
 *   node -r ts-node/register/transpile-only bench/cli-read.ts [rows]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const RUNS = 3;

interface Measure {
  readonly ms: number;
  /** User + system CPU time: steadier than wall clock on a busy machine. */
  readonly cpuMs: number;
  readonly maxRssMiB: number;
  readonly detail: string;
}

async function worker(mode: string, file: string): Promise<void> {
  // Modules load before the clock starts: the figure is the work, not ts-node compiling sources.
  const { runCli } = await import('../src/cli/main');
  const { readWorkbookFile } = await import('../src/files/workbook-reader');
  const ExcelJS = (await import('exceljs')).default;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let detail = '';
  if (mode === 'check') {
    let out = '';
    const code = await runCli(['check', file, '--format', 'json', '--today', '2026-01-05'], { out: (t) => (out += t), err: () => undefined, isTTY: false, env: {}, cwd: process.cwd() });
    const report = JSON.parse(out) as { files: { findings: unknown[] }[] };
    detail = `exit ${code}, ${report.files[0]?.findings.length ?? 0} findings`;
  } else if (mode === 'read') {
    const wb = await readWorkbookFile(file);
    detail = `${wb.sheets.reduce((n, s) => n + s.rows.length, 0)} rows in the snapshot`;
  } else {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'emit' });
    let rows = 0;
    for await (const sheet of reader) for await (const _row of sheet) rows++;
    detail = `${rows} rows read`;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, detail }));
}

/** The best of RUNS runs, with every run's wall time (exceljs's time jumps between two levels). */
function measure(mode: string, file: string): Measure & { readonly runs: string } {
  const all: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--worker', mode, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${mode} worker failed: ${r.stderr}`);
    all.push(JSON.parse(r.stdout) as Measure);
  }
  const runs = all.map((m) => m.ms.toFixed(0)).join(', ');
  return { ...[...all].sort((a, b) => a.ms - b.ms)[0]!, runs };
}

/** The built CLI as users run it (`node bin/mam-prep.js`), wall clock including Node start-up. */
function spawnedCli(file: string): number | undefined {
  if (!existsSync(path.join(ROOT, 'dist', 'node', 'cli', 'main.js'))) return undefined;
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mam-prep.js'), 'check', file, '--format', 'json', '--today', '2026-01-05'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const { templateWorkbookBytes, fakeVbaProject } = await import('../test/support/template-files');
  const { validMaRow } = await import('../test/support/sheet-builder');
  const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-bench-'));
  const file = path.join(dir, 'migration-authorisation-100k.xlsm');
  try {
    // Unique device IDs per row (validMaRow's repeat past 65,536 rows); every 1000th CHF ID non-canonical.
    const hex = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0').replace(/(..)(?!$)/g, '$1-');
    const data = Array.from({ length: rows }, (_v, i) => {
      const dev = (kind: number): string => `00-12-4B-${String(kind).padStart(2, '0')}-${hex(i)}`;
      const row = { ...validMaRow(i), esmeId: dev(1), gsmeId: dev(2), chfId: dev(3), gpfId: dev(4) };
      return i % 1000 === 7 ? { ...row, chfId: row.chfId.toLowerCase() } : row;
    });
    writeFileSync(file, templateWorkbookBytes(data, { vbaProject: fakeVbaProject() }));
    console.log(`cli-read: ${rows} data rows, ${(statSync(file).size / 1048576).toFixed(1)} MiB .xlsm (best of ${RUNS})`);
    const check = measure('check', file);
    const exceljs = measure('exceljs', file);
    const read = measure('read', file);
    const cli = spawnedCli(file);
    console.log(`  mam-prep check (read + validate + JSON): ${check.ms.toFixed(0)} ms (CPU ${check.cpuMs.toFixed(0)} ms), peak RSS ${check.maxRssMiB.toFixed(0)} MiB (${check.detail}; runs ${check.runs} ms)`);
    console.log(`  exceljs streaming read only:             ${exceljs.ms.toFixed(0)} ms (CPU ${exceljs.cpuMs.toFixed(0)} ms), peak RSS ${exceljs.maxRssMiB.toFixed(0)} MiB (${exceljs.detail}; runs ${exceljs.runs} ms)`);
    console.log(`  mam-prep reader holding every row:      ${read.ms.toFixed(0)} ms (CPU ${read.cpuMs.toFixed(0)} ms), peak RSS ${read.maxRssMiB.toFixed(0)} MiB (${read.detail}; runs ${read.runs} ms)`);
    console.log(`  ratio check / exceljs read: wall ${(check.ms / exceljs.ms).toFixed(2)}, CPU ${(check.cpuMs / exceljs.cpuMs).toFixed(2)} (goal ≤ 0.50)`);
    if (cli !== undefined) console.log(`  spawned node bin/mam-prep.js check, wall clock incl. start-up: ${cli.toFixed(0)} ms`);
    else console.log('  (run npm run build:cli to also time the spawned bin/mam-prep.js)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') void worker(process.argv[3]!, process.argv[4]!);
else if (require.main === module) void main();
