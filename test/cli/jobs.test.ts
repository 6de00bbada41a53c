import { spawnSync } from 'node:child_process';
import { builtCliBin } from '../support/built-cli';
import { runCliCaptured } from '../support/run-cli';
import { corruptWorkbook } from '../support/hostile-files';
import { parseJsonReport } from '../support/report-json';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

const BIN = builtCliBin();

/**
 * `check --jobs N`: from 2 jobs through the built CLI (worker threads run the compiled JavaScript);
 * one job, and the refusals, in-process (the same code without threads).
 */
describe('mam-prep check --jobs', () => {
  const dir = tempDir();
  const files = ['a-ok.xlsm', 'b-bad.xlsm', 'c-corrupt.xlsm', 'd-ok.xlsm', 'e-bad.xlsm'];
  beforeAll(() => {
    // A big first file, so with several workers the small ones finish before it.
    writeTemp(dir, 'a-ok.xlsm', templateWorkbookBytes(Array.from({ length: 3000 }, (_, i) => validMaRow(i))));
    writeTemp(dir, 'b-bad.xlsm', templateWorkbookBytes([{ ...validMaRow(0), mpan: '1200080636089' }]));
    writeTemp(dir, 'c-corrupt.xlsm', corruptWorkbook());
    writeTemp(dir, 'd-ok.xlsm', templateWorkbookBytes([validMaRow(1)]));
    writeTemp(dir, 'e-bad.xlsm', templateWorkbookBytes([{ ...validMaRow(2), mpan: '1200080636089' }]));
  });

  const spawned = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'check', ...args, '--today', '2026-01-05'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const inProcess = async (...args: string[]) => {
    const r = await runCliCaptured(['check', ...args, '--today', '2026-01-05'], dir);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  /** With --jobs 1 in-process, otherwise spawned. */
  const run = (...args: string[]) => (args.includes('1') && args[args.indexOf('1') - 1] === '--jobs' ? inProcess(...args) : Promise.resolve(spawned(...args)));

  it.each(['1', '2', '3', '8'])(
    'reports in the order given with --jobs %s, the corrupt file on stderr and exit 2',
    async (jobs) => {
      const r = await run(...files, '--jobs', jobs, '--format', 'json');
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toMatch(/^mam-prep: c-corrupt\.xlsm: /);
      const doc = parseJsonReport(r.stdout);
      expect(doc.files.map((f) => [f.file, f.ready, f.rowsChecked])).toEqual([
        ['a-ok.xlsm', true, 3000],
        ['b-bad.xlsm', false, 1],
        ['d-ok.xlsm', true, 1],
        ['e-bad.xlsm', false, 1],
      ]);
    },
    60_000,
  );

  it('gives the same report with worker threads as without', async () => {
    const one = await run(...files, '--jobs', '1');
    const three = await run(...files, '--jobs', '3');
    expect(three.stdout).toBe(one.stdout);
    expect(three.stdout).toContain('b-bad.xlsm');
  }, 60_000);

  it('exits 1 for findings and 0 for clean files when every file reads', async () => {
    expect((await run('a-ok.xlsm', 'b-bad.xlsm', 'd-ok.xlsm', '--jobs', '2')).status).toBe(1);
    expect((await run('a-ok.xlsm', 'd-ok.xlsm', '--jobs', '2')).status).toBe(0);
  }, 60_000);

  it.each(['0', '-1', 'two', '1.5'])('refuses --jobs %s', async (jobs) => {
    const r = await inProcess('a-ok.xlsm', `--jobs=${jobs}`);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`mam-prep: --jobs must be a whole number from 1 (got "${jobs}")`);
  });
});
