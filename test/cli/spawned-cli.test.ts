import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { builtCliBin } from '../support/built-cli';
import { parseJsonReport } from '../support/report-json';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

const BIN = builtCliBin();

/** The real thing: the CLI compiled once by Jest's globalSetup, run through bin/mam-prep.js as a user runs it. */
describe('mam-prep as a spawned process', () => {
  const dir = tempDir();
  beforeAll(() => {
    writeTemp(dir, 'ok.xlsm', templateWorkbookBytes([validMaRow(0)]));
    writeTemp(dir, 'bad.xlsm', templateWorkbookBytes([{ ...validMaRow(0), mpan: '1200080636089' }]));
  });

  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('builds the CLI', () => {
    expect(existsSync(path.join(path.dirname(BIN), '..', 'dist', 'node', 'cli', 'main.js'))).toBe(true);
  });

  it('checks workbooks with the contract exit codes and JSON', () => {
    const ok = run('check', 'ok.xlsm', '--format', 'json', '--today', '2026-01-05');
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(parseJsonReport(ok.stdout).files[0]!.ready).toBe(true);
    const bad = run('check', 'ok.xlsm', 'bad.xlsm', 'missing.xlsm', '--format', 'json', '--today', '2026-01-05');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('mam-prep: missing.xlsm: file not found\n');
    expect(parseJsonReport(bad.stdout).files.map((f) => [f.file, f.ready])).toEqual([
      ['ok.xlsm', true],
      ['bad.xlsm', false],
    ]);
    expect(run('check', 'bad.xlsm', '--today', '2026-01-05').status).toBe(1);
  }, 60_000);

  it('gives a usage error without a stack trace', () => {
    const r = run('check', 'ok.xlsm', '--user-id', 'nonsense');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^mam-prep: --user-id "nonsense" is not an EUI-64/);
    expect(r.stderr).not.toMatch(/\bat .+\.js:\d+/);
  }, 60_000);
});
