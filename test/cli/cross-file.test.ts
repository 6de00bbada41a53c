import { spawnSync } from 'node:child_process';
import { builtCliBin } from '../support/built-cli';
import { runCliCaptured } from '../support/run-cli';
import { corruptWorkbook } from '../support/hostile-files';
import { parseJsonReport, parseSarif } from '../support/report-json';
import type { JsonReport } from '../support/report-json';
import { mpanFor, validDormantRow, validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

const BIN = builtCliBin();

const A_CHF = validMaRow(2).chfId as string;

/**
 * a.xlsm shares its row-7 MPAN with b.xlsm's row 8 and its row-8 CHF with the Dormant schedule d.xlsm's
 * row 7; c.xlsm is corrupt. Workers (--jobs 2) return identifiers and the parent joins them.
 */
describe('mam-prep check: duplicate-across-files (in-process with one job, spawned with worker threads)', () => {
  const dir = tempDir();
  writeTemp(dir, 'a.xlsm', templateWorkbookBytes([validMaRow(1), validMaRow(2)]));
  writeTemp(dir, 'b.xlsm', templateWorkbookBytes([validMaRow(3), { ...validMaRow(4), mpan: mpanFor(1) }]));
  writeTemp(dir, 'c-corrupt.xlsm', corruptWorkbook());
  writeTemp(dir, 'd.xlsm', templateWorkbookBytes([{ ...validDormantRow(5), chfId: A_CHF }], { template: 'dormant' }));
  const FILES = ['a.xlsm', 'b.xlsm', 'c-corrupt.xlsm', 'd.xlsm'];

  const spawned = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'check', ...args, '--today', '2026-01-05'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const inProcess = async (...args: string[]) => {
    const r = await runCliCaptured(['check', ...args, '--today', '2026-01-05'], dir);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  /** Worker threads need the built CLI: from 2 jobs it is spawned, with one job the same code runs in-process. */
  const run = (jobs: string, ...args: string[]) => (jobs === '1' ? inProcess(...args, '--jobs', '1') : Promise.resolve(spawned(...args, '--jobs', jobs)));
  const across = (doc: JsonReport) =>
    doc.files.map((f) => [f.file, f.findings.filter((x) => x.ruleId === 'duplicate-across-files').map((x) => [x.cell, x.field, x.severity, x.fix])]);

  it.each(['1', '2'])(
    'reports it in JSON in each file holding the identifier, in the order given, with --jobs %s',
    async (jobs) => {
      const r = await run(jobs, ...FILES, '--format', 'json');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^mam-prep: c-corrupt\.xlsm: /);
      const doc = parseJsonReport(r.stdout);
      expect(across(doc)).toEqual([
        [
          'a.xlsm',
          [
            ['B7', 'mpan', 'warning', null],
            ['F8', 'chfId', 'warning', null],
          ],
        ],
        ['b.xlsm', [['B8', 'mpan', 'warning', null]]],
        ['d.xlsm', [['F7', 'chfId', 'warning', null]]],
      ]);
      const a = doc.files[0]!;
      expect(a.findings.map((f) => f.message)).toEqual([
        `MPAN core ${mpanFor(1)} is also in b.xlsm (Migration Authorisation!B8): the same installation would be authorised twice. Keep it in one file.`,
        `Device ID ${A_CHF} is also in d.xlsm (Dormant Meter Schedule!F7): the same installation would be authorised twice. Keep it in one file.`,
      ]);
      // Warnings: the files stay ready.
      expect(a).toMatchObject({ ready: true, summary: { error: 0, warning: 2, info: 0 } });
    },
    60_000,
  );

  it.each(['1', '2'])(
    'shows it in text and SARIF, the same with --jobs %s as with one job',
    async (jobs) => {
      const text = await run(jobs, ...FILES);
      expect(text.stdout).toBe((await run('1', ...FILES)).stdout);
      expect(text.stdout).toContain(
        `   Row 8\n    B8     warning duplicate-across-files: MPAN core ${mpanFor(1)} is also in a.xlsm (Migration Authorisation!B7)`,
      );
      const sarif = parseSarif((await run(jobs, ...FILES, '--format', 'sarif')).stdout);
      const results = sarif.runs[0]!.results.filter((x) => x.ruleId === 'duplicate-across-files');
      expect(results.map((x) => [x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region])).toEqual([
        ['warning', 'a.xlsm', { startLine: 7, startColumn: 2 }],
        ['warning', 'a.xlsm', { startLine: 8, startColumn: 6 }],
        ['warning', 'b.xlsm', { startLine: 8, startColumn: 2 }],
        ['warning', 'd.xlsm', { startLine: 7, startColumn: 6 }],
      ]);
      expect(results[3]!.message.text).toContain('a.xlsm (Migration Authorisation!F8)');
      expect(sarif.runs[0]!.tool.driver.rules.map((x) => x.id)).toContain('duplicate-across-files');
    },
    60_000,
  );

  it('counts for --fail-on warning, and --no-cross-file switches it off', async () => {
    expect((await run('1', 'a.xlsm', 'b.xlsm')).status).toBe(0);
    expect((await run('1', 'a.xlsm', 'b.xlsm', '--fail-on', 'warning')).status).toBe(1);
    const off = await run('2', 'a.xlsm', 'b.xlsm', 'd.xlsm', '--fail-on', 'warning', '--no-cross-file', '--format', 'json');
    expect(off.status).toBe(0);
    expect(across(parseJsonReport(off.stdout))).toEqual([
      ['a.xlsm', []],
      ['b.xlsm', []],
      ['d.xlsm', []],
    ]);
  }, 60_000);

  it('does not compare a file given twice with itself', async () => {
    const r = await run('2', 'a.xlsm', './a.xlsm', '--format', 'json');
    expect(across(parseJsonReport(r.stdout))).toEqual([
      ['a.xlsm', []],
      ['./a.xlsm', []],
    ]);
  }, 60_000);

  it('lists --no-cross-file in check --help', async () => {
    expect((await inProcess('--help')).stdout).toMatch(/--no-cross-file\s+Do not compare the files with each other/);
  });
});
