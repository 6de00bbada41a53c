import ExcelJS from 'exceljs';
import { chmodSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { openZip, rawData } from '../../src/files/zip-archive';
import { runCliCaptured } from '../support/run-cli';
import { validMaRow } from '../support/sheet-builder';
import { fakeVbaProject, tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

const TODAY = ['--today', '2026-01-05'];
const DATA_SHEET_PART = 'xl/worksheets/sheet2.xml';

/** Names of the entries whose stored bytes differ between two packages with the same entries. */
function differingEntries(before: ReturnType<typeof openZip>, after: ReturnType<typeof openZip>): string[] {
  return before.entries
    .filter(
      (e) =>
        !Buffer.from(
          rawData(
            after,
            after.entries.find((a) => a.name === e.name)!,
          ),
        ).equals(Buffer.from(rawData(before, e))),
    )
    .map((e) => e.name);
}

const dir = tempDir();
const inputBytes = templateWorkbookBytes(
  [
    validMaRow(0),
    { ...validMaRow(1), chfId: '00124b0000030001', earliestMigrationDate: '07/06/2027', eis: 'Gas' },
    { ...validMaRow(2), groupId: 'EA', eis: 'E', mpan: '1200080636089' },
    { ...validMaRow(3), gsmeId: { formula: '00124b0000040003' } },
  ],
  {
    vbaProject: fakeVbaProject(),
    lists: { 'Group ID': ['AA', 'EA'] },
    validations: [{ sqref: 'A7:A500', source: 'Lists!$A$2:$A$3', x14: true }],
    definedNames: { GroupIDs: 'Lists!$A$2:$A$3' },
  },
);
writeTemp(dir, 'input.xlsm', inputBytes);

describe('mam-prep fix', () => {
  let run: Awaited<ReturnType<typeof runCliCaptured>>;
  beforeAll(async () => {
    run = await runCliCaptured(['fix', 'input.xlsm', '--out', 'fixed.xlsm', ...TODAY], dir);
  });

  it('prints each change (cell, before, after), then re-checks the output', () => {
    const changes = run.stdout.split('\n').filter((l) => l.startsWith('  Migration Authorisation!'));
    expect(changes).toEqual([
      '  Migration Authorisation!F8  "00124b0000030001" → "00-12-4B-00-00-03-00-01"  (eui64-canonical)',
      '  Migration Authorisation!K8  "Gas" → "G"  (code-value)',
      '  Migration Authorisation!M8  "07/06/2027" → 2027-06-07  (date-invalid)',
      '  Migration Authorisation!K9  "E" → (empty)  (eis-not-applicable)',
    ]);
    expect(run.stdout).toContain('4 changes written to fixed.xlsm');
    expect(run.stdout).toContain('Re-check of fixed.xlsm:\nfixed.xlsm\n');
    // What no fix can settle is still reported: the wrong check digit, and the formula cell's canonical form.
    expect(run.stdout).toMatch(/B9 +error +mpan-check-digit/);
    expect(run.stdout).toMatch(/E10 +warning eui64-canonical/);
    expect(run.code).toBe(1);
  });

  it('never changes the input', () => {
    expect(Buffer.from(readFileSync(path.join(dir, 'input.xlsm'))).equals(Buffer.from(inputBytes))).toBe(true);
  });

  it('keeps every zip entry but the edited worksheet byte for byte, macros included', () => {
    const before = openZip(inputBytes, 'input');
    const after = openZip(readFileSync(path.join(dir, 'fixed.xlsm')), 'fixed');
    expect(after.entries.map((e) => e.name)).toEqual(before.entries.map((e) => e.name));
    expect(after.entries.map((e) => e.name)).toContain('xl/vbaProject.bin');
    const differing = differingEntries(before, after);
    expect(differing).toEqual([DATA_SHEET_PART]);
  });

  it('writes a file exceljs opens with the fixed values', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path.join(dir, 'fixed.xlsm')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Migration Authorisation')!;
    expect(ws.getCell('F8').value).toBe('00-12-4B-00-00-03-00-01');
    expect(ws.getCell('K8').value).toBe('G');
    expect(ws.getCell('M8').value).toEqual(new Date(Date.UTC(2027, 5, 7)));
    expect(ws.getCell('K9').value).toBeNull();
    expect(ws.getCell('B9').value).toBe('1200080636089');
  });

  it('applies only the rules given with --rules', async () => {
    const only = await runCliCaptured(['fix', 'input.xlsm', '--out', 'only-canonical.xlsm', '--rules', 'eui64-canonical', ...TODAY], dir);
    expect(only.stdout.split('\n').filter((l) => l.startsWith('  Migration Authorisation!'))).toEqual([
      '  Migration Authorisation!F8  "00124b0000030001" → "00-12-4B-00-00-03-00-01"  (eui64-canonical)',
    ]);
  });

  it.each([
    [['fix', 'input.xlsm', '--out', 'input.xlsm'], /is the input file/],
    [['fix', 'input.xlsm', '--out', './sub/../input.xlsm'], /is the input file/],
    [['fix', 'input.xlsm'], /needs --out/],
    [['fix', 'input.xlsm', '--out', 'x.xlsm', '--rules', 'no-such-rule'], /unknown rule id "no-such-rule"/],
    [['fix', 'input.xlsm', '--out', 'x.xlsm', '--rules', 'mpan-check-digit'], /has no one-click fix/],
    [['fix', 'a.xlsm', 'b.xlsm', '--out', 'x.xlsm'], /exactly one workbook/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const refused = await runCliCaptured(argv, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(message);
    expect(Buffer.from(readFileSync(path.join(dir, 'input.xlsm'))).equals(Buffer.from(inputBytes))).toBe(true);
  });

  it('fixes a big workbook (its data sheet read lazily) and keeps the other parts byte for byte', async () => {
    // 3,000 rows: over 1 MiB of sheet XML, so both checks read the rows as the engine reaches them.
    const rows = Array.from({ length: 3000 }, (_v, i) =>
      i % 500 === 250 ? { ...validMaRow(i), chfId: (validMaRow(i).chfId as string).replace(/-/g, '').toLowerCase() } : validMaRow(i),
    );
    const bigInput = templateWorkbookBytes(rows, { vbaProject: fakeVbaProject() });
    writeTemp(dir, 'big.xlsm', bigInput);
    const big = await runCliCaptured(['fix', 'big.xlsm', '--out', 'big-fixed.xlsm', ...TODAY], dir);
    expect(big.code).toBe(0);
    const changes = big.stdout.split('\n').filter((l) => l.startsWith('  Migration Authorisation!'));
    expect(changes).toHaveLength(6);
    expect(changes[0]).toBe(
      `  Migration Authorisation!F257  "${(validMaRow(250).chfId as string).replace(/-/g, '').toLowerCase()}" → "${validMaRow(250).chfId as string}"  (eui64-canonical)`,
    );
    expect(big.stdout).toMatch(/3000 rows checked\n {2}0 errors, 0 warnings, 0 info — ready to export/);
    const before = openZip(bigInput, 'big');
    const after = openZip(readFileSync(path.join(dir, 'big-fixed.xlsm')), 'big-fixed');
    const differing = differingEntries(before, after);
    expect(differing).toEqual([DATA_SHEET_PART]);
  });

  describe('never writes over its input, nor over an existing file unless asked', () => {
    const linkDir = tempDir();
    const original = writeTemp(linkDir, 'input.xlsm', inputBytes);
    linkSync(original, path.join(linkDir, 'hard-link.xlsm'));
    symlinkSync(original, path.join(linkDir, 'soft-link.xlsm'));
    mkdirSync(path.join(linkDir, 'folder.xlsm'));
    const inputUntouched = (): void => {
      expect(Buffer.from(readFileSync(original)).equals(Buffer.from(inputBytes))).toBe(true);
      // No temporary file is left beside the output either.
      expect(readdirSync(linkDir).sort()).toEqual(['folder.xlsm', 'hard-link.xlsm', 'input.xlsm', 'soft-link.xlsm']);
    };

    it.each([
      [['fix', 'input.xlsm', '--out', 'hard-link.xlsm'], /--out hard-link\.xlsm is the input file/],
      [['fix', 'input.xlsm', '--out', 'hard-link.xlsm', '--force'], /--out hard-link\.xlsm is the input file/],
      [['fix', 'hard-link.xlsm', '--out', 'input.xlsm', '--force'], /--out input\.xlsm is the input file/],
      [['fix', 'input.xlsm', '--out', 'soft-link.xlsm', '--force'], /--out soft-link\.xlsm is the input file/],
      [['fix', 'soft-link.xlsm', '--out', 'hard-link.xlsm', '--force'], /--out hard-link\.xlsm is the input file/],
      [['fix', 'input.xlsm', '--out', 'folder.xlsm', '--force'], /--out folder\.xlsm is a folder/],
      [['fix', 'input.xlsm', '--out', 'no-such-folder/fixed.xlsm'], /no-such-folder\/fixed\.xlsm: cannot write the output \(ENOENT\); nothing was written/],
    ])('refuses %j with exit 2 and leaves the input as it was', async (argv, message) => {
      const refused = await runCliCaptured([...argv, ...TODAY], linkDir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(message);
      expect(refused.stdout).toBe('');
      inputUntouched();
    });

    it('refuses an existing --out without --force, leaving it untouched', async () => {
      const dir2 = tempDir();
      writeTemp(dir2, 'input.xlsm', inputBytes);
      const previous = writeTemp(dir2, 'fixed.xlsm', 'previous output');
      const refused = await runCliCaptured(['fix', 'input.xlsm', '--out', 'fixed.xlsm', ...TODAY], dir2);
      expect(refused).toMatchObject({ code: 2, stdout: '' });
      expect(refused.stderr).toMatch(/^mam-prep: --out fixed\.xlsm already exists; fix replaces a file only with --force\n/);
      expect(readFileSync(previous, 'utf8')).toBe('previous output');
    });

    it('replaces an existing --out with --force, keeping its permissions, and leaves no temporary file', async () => {
      const dir2 = tempDir();
      writeTemp(dir2, 'input.xlsm', inputBytes);
      const previous = writeTemp(dir2, 'fixed.xlsm', 'previous output');
      chmodSync(previous, 0o640);
      const forced = await runCliCaptured(['fix', 'input.xlsm', '--out', 'fixed.xlsm', '--force', ...TODAY], dir2);
      expect(forced.code).toBe(1);
      expect(forced.stdout).toContain('4 changes written to fixed.xlsm');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(previous) as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Migration Authorisation')!.getCell('K8').value).toBe('G');
      expect(statSync(previous).mode & 0o777).toBe(0o640);
      expect(readdirSync(dir2).sort()).toEqual(['fixed.xlsm', 'input.xlsm']);
    });

    it('a symbolic link given as --out with --force is replaced by the fixed file; the file it pointed to is kept', async () => {
      const dir2 = tempDir();
      writeTemp(dir2, 'input.xlsm', inputBytes);
      const elsewhere = writeTemp(dir2, 'elsewhere.xlsm', 'another file');
      symlinkSync(elsewhere, path.join(dir2, 'link.xlsm'));
      const forced = await runCliCaptured(['fix', 'input.xlsm', '--out', 'link.xlsm', '--force', ...TODAY], dir2);
      expect(forced.code).toBe(1);
      expect(readFileSync(elsewhere, 'utf8')).toBe('another file');
      expect(readFileSync(path.join(dir2, 'link.xlsm')).subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('names --force in the usage text', async () => {
      const help = await runCliCaptured(['--help'], linkDir);
      expect(help.stdout).toMatch(/mam-prep fix <file> --out <file> \[--force\]/);
      expect(help.stdout).toMatch(/--force replaces an existing --out file \(never the input\)/);
    });
  });

  it('reports an unreadable input with exit 2 and writes nothing', async () => {
    const missing = await runCliCaptured(['fix', 'gone.xlsm', '--out', 'gone-fixed.xlsm'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('mam-prep: gone.xlsm: file not found\n');
  });
});
