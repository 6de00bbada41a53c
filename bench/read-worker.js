// One measured run for bench/cli-read.ts, in a plain Node process: the compiled CLI (dist/node, as
// users run it) or exceljs, and nothing else loaded, so peak memory is that reader's own.
//   node bench/read-worker.js <check|read|exceljs> <file>
'use strict';
const path = require('path');

const ROOT = path.join(__dirname, '..');
const [mode, file] = process.argv.slice(2);

async function run() {
  if (mode === 'check') {
    const { runCli } = require(path.join(ROOT, 'dist', 'node', 'cli', 'main.js'));
    // The reader, which the CLI loads only once it knows it will read here (not with worker threads).
    require(path.join(ROOT, 'dist', 'node', 'cli', 'check-one.js'));
    let out = '';
    const io = { out: (t) => (out += t), err: () => undefined, isTTY: false, env: {}, cwd: process.cwd() };
    return measured(async () => {
      const code = await runCli(['check', file, '--format', 'json', '--today', '2026-01-05'], io);
      return `exit ${code}, ${JSON.parse(out).files[0].findings.length} findings`;
    });
  }
  if (mode === 'read') {
    const { readWorkbookFile } = require(path.join(ROOT, 'dist', 'node', 'files', 'index.js'));
    return measured(async () => {
      const wb = await readWorkbookFile(file);
      return `${wb.sheets.reduce((n, s) => n + s.rows.length, 0)} rows in the snapshot`;
    });
  }
  const ExcelJS = require('exceljs');
  return measured(async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      entries: 'emit',
    });
    let rows = 0;
    for await (const sheet of reader) for await (const _row of sheet) rows++;
    return `${rows} rows read`;
  });
}

/** Times the work alone: modules load before the clock starts. */
async function measured(work) {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const detail = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, detail };
}

run().then(
  (m) => process.stdout.write(JSON.stringify(m)),
  (e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  },
);
