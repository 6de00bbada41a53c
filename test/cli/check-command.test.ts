import { buildWorkbook } from '../support/ooxml-builder';
import { corruptWorkbook, csvText, encryptedBytes, ratioBombWorkbook, truncatedWorkbook, xlsBytes } from '../support/hostile-files';
import { validateWorkbook } from '../../src/engine/validate';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { parseJsonReport, parseSarif } from '../support/report-json';
import type { JsonFileReport } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { OTHER_PARTY_EUID, USER_ID, validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';
import { rewriteParts, rewriteSheet } from '../support/xlsx-rewrite';
import { RULES } from '../../src/rules';

const TODAY = ['--today', '2026-01-05'];

/** A Migration Authorisation of `rows` rows, every 40th repeating the MPAN above it. */
function bigTemplate(rows: number): Uint8Array {
  return templateWorkbookBytes(
    Array.from({ length: rows }, (_v, i) => (i % 40 === 39 ? { ...validMaRow(i), mpan: validMaRow(i - 1).mpan as string } : validMaRow(i))),
  );
}
const dir = tempDir();
const clean = writeTemp(dir, 'clean.xlsm', templateWorkbookBytes([validMaRow(0), validMaRow(1)]));
const flawed = writeTemp(
  dir,
  'flawed.xlsm',
  templateWorkbookBytes([validMaRow(0), { ...validMaRow(1), mpan: '1200080636089', chfId: '00124b0000030001' }, { ...validMaRow(2), groupId: 'EA', eis: 'E' }]),
);
const warningOnly = writeTemp(dir, 'warning-only.xlsm', templateWorkbookBytes([{ ...validMaRow(0), chfId: '00124b0000030001' }]));
const noUserId = writeTemp(dir, 'no-user-id.xlsm', templateWorkbookBytes([validMaRow(0)], { userId: null }));
writeTemp(
  dir,
  'not-a-template.xlsx',
  buildWorkbook({
    sheets: [
      {
        name: 'Budget',
        rows: [
          ['Item', 'Cost'],
          ['Tea', 3],
        ],
      },
    ],
  }),
);
writeTemp(dir, 'empty-sheet.xlsx', buildWorkbook({ sheets: [{ name: 'Sheet1' }] }));
void [clean, flawed, warningOnly, noUserId];

type Triple = [number | null, string | null, string];
const triples = (file: JsonFileReport): Triple[] => file.findings.map((f) => [f.row, f.field, f.ruleId]);

describe('mam-prep check', () => {
  it('exits 0 on a clean workbook and reports it ready', async () => {
    const run = await runCliCaptured(['check', 'clean.xlsm', '--format', 'json', ...TODAY], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const doc = parseJsonReport(run.stdout);
    expect(doc).toMatchObject({ tool: 'mam-prep', version: '0.1.0' });
    expect(doc.files).toEqual([
      {
        file: 'clean.xlsm',
        template: { id: 'migration-authorisation', version: 'v06a', sheet: 'Migration Authorisation', headerRow: 6 },
        ready: true,
        rowsChecked: 2,
        summary: { error: 0, warning: 0, info: 0 },
        findings: [],
      },
    ]);
  });

  it('exits 1 with findings in the JSON contract, fixes as data', async () => {
    const run = await runCliCaptured(['check', 'flawed.xlsm', '--format', 'json', ...TODAY], dir);
    expect(run.code).toBe(1);
    const file = parseJsonReport(run.stdout).files[0]!;
    expect(file.ready).toBe(false);
    expect(triples(file)).toEqual([
      [8, 'mpan', 'mpan-check-digit'],
      [8, 'chfId', 'eui64-canonical'],
      [9, 'groupId', 'group-id-exempt'],
      [9, 'eis', 'eis-not-applicable'],
    ]);
    expect(file.summary).toEqual({ error: 1, warning: 2, info: 1 });
    const canonical = file.findings[1]!;
    expect(Object.keys(canonical)).toEqual(['ruleId', 'severity', 'sheet', 'cell', 'row', 'field', 'message', 'fix']);
    expect(canonical.fix).toEqual({ cell: 'F8', from: '00124b0000030001', to: '00-12-4B-00-00-03-00-01', type: 'text' });
    expect(file.findings[3]!.fix).toEqual({ cell: 'K9', from: 'E', to: '', type: 'empty' });
  });

  it.each([
    ['error', 0],
    ['warning', 1],
    ['never', 0],
  ])('--fail-on %s decides the exit code for warnings', async (failOn, code) => {
    expect((await runCliCaptured(['check', 'warning-only.xlsm', '--fail-on', failOn, ...TODAY], dir)).code).toBe(code);
  });

  it('--fail-on never exits 0 even with errors', async () => {
    expect((await runCliCaptured(['check', 'flawed.xlsm', '--fail-on', 'never', ...TODAY], dir)).code).toBe(0);
  });

  it('uses --user-id when the workbook has none', async () => {
    const without = parseJsonReport((await runCliCaptured(['check', 'no-user-id.xlsm', '--format', 'json', ...TODAY], dir)).stdout).files[0]!;
    expect(without.findings.map((f) => f.ruleId)).toContain('submitter-user-id');
    const run = await runCliCaptured(['check', 'no-user-id.xlsm', '--format', 'json', '--user-id', USER_ID.toLowerCase(), ...TODAY], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('lets the workbook User ID win over --user-id and says so on stderr', async () => {
    const run = await runCliCaptured(['check', 'clean.xlsm', '--user-id', OTHER_PARTY_EUID, ...TODAY], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/clean\.xlsm: the workbook states its own User ID \(70-B3-D5-1F-30-00-A0-08\), which wins over --user-id/);
  });

  it('reports a workbook that matches no template as template-unrecognised', async () => {
    const run = await runCliCaptured(['check', 'not-a-template.xlsx', 'empty-sheet.xlsx', '--format', 'json', ...TODAY], dir);
    expect(run.code).toBe(1);
    const { files } = parseJsonReport(run.stdout);
    for (const file of files) {
      expect(file.template).toBeNull();
      expect(triples(file)).toEqual([[null, null, 'template-unrecognised']]);
    }
  });

  it('checks several files and summarises them in text', async () => {
    // The two files share installations: --no-cross-file keeps this about the layout (cross-file.test.ts has them).
    const run = await runCliCaptured(['check', 'clean.xlsm', 'flawed.xlsm', '--no-cross-file', ...TODAY], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('duplicate-across-files');
    expect(run.stdout).toContain('clean.xlsm\n  SMETS1 Migration Authorisation v06a');
    expect(run.stdout).toMatch(/Sheet "Migration Authorisation"\n {3}Row 8\n {4}B8 +error +mpan-check-digit: /);
    expect(run.stdout).toContain('2 files checked: 1 ready, 1 not ready');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('writes SARIF 2.1.0', async () => {
    const run = await runCliCaptured(['check', 'flawed.xlsm', '--format', 'sarif', ...TODAY], dir);
    const sarif = parseSarif(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'mpan-check-digit')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'flawed.xlsm', index: 0 }, region: { startLine: 8, startColumn: 2 } });
    expect(result.locations[0]!.logicalLocations?.[0]).toMatchObject({ name: 'Migration Authorisation', fullyQualifiedName: 'Migration Authorisation!B8' });
  });
});

describe('mam-prep check of a big workbook (rows read lazily)', () => {
  it('reports what the engine finds on the eagerly read snapshot', async () => {
    const bytes = bigTemplate(3000);
    writeTemp(dir, 'big.xlsm', bytes);
    const run = await runCliCaptured(['check', 'big.xlsm', '--format', 'json', ...TODAY], dir);
    expect(run).toMatchObject({ code: 1, stderr: '' });
    const expected = validateWorkbook(readWorkbookBytes(bytes, 'big.xlsm'), { rules: RULES, today: '2026-01-05' });
    const got = parseJsonReport(run.stdout).files[0]!.findings;
    expect(got.length).toBeGreaterThan(50);
    expect(got.map((f) => [f.row, f.field, f.ruleId])).toEqual(expected.findings.map((f) => [f.row, f.field, f.ruleId]));
  });
});

describe('mam-prep check with files it cannot read', () => {
  const bad: Array<[string, Uint8Array | string | null, RegExp]> = [
    ['missing.xlsm', null, /file not found/],
    ['corrupt.xlsm', corruptWorkbook(), /corrupt|checksum/],
    ['truncated.xlsm', truncatedWorkbook(), /truncated or corrupt/],
    ['legacy.xls', xlsBytes(), /\.xls/],
    ['protected.xlsx', encryptedBytes(), /encrypted/],
    ['export.csv', csvText, /CSV/],
    ['bomb.xlsx', ratioBombWorkbook(), /zip bomb/],
    // Big enough (over 1 MiB of sheet XML) to be read lazily: the fault surfaces as the engine reads row 2000.
    [
      'malformed-row.xlsm',
      rewriteSheet(bigTemplate(3000), 2, (xml) => xml.replace('<c r="C2000"', '<c r="C1999"')),
      /sheet "Migration Authorisation" has malformed XML \(cell C1999 lies outside its row 2000\)/,
    ],
  ];
  for (const [name, bytes] of bad) if (bytes !== null) writeTemp(dir, name, bytes);

  it.each(bad)('%s: exit 2, one stderr line naming it, the other files still checked', async (name, _bytes, reason) => {
    const run = await runCliCaptured(['check', 'clean.xlsm', name, 'flawed.xlsm', '--format', 'json', ...TODAY], dir);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`mam-prep: ${name}: `)).toBe(true);
    expect(lines[0]).toMatch(reason);
    expect(run.stderr).not.toMatch(/\s+at\s.+:\d+:\d+/);
    expect(parseJsonReport(run.stdout).files.map((f) => f.file)).toEqual(['clean.xlsm', 'flawed.xlsm']);
  });
});

describe('mam-prep usage errors', () => {
  it.each([
    [['check'], /needs at least one workbook/],
    [['check', 'clean.xlsm', '--user-id', '70-B3-D5-1F-30-00-A0'], /--user-id "70-B3-D5-1F-30-00-A0" is not an EUI-64/],
    [['check', 'clean.xlsm', '--today', '2026-02-30'], /--today "2026-02-30"/],
    [['check', 'clean.xlsm', '--format', 'xml'], /--format must be/],
    [['check', 'clean.xlsm', '--fail-on', 'info'], /--fail-on must be/],
    [['check', 'clean.xlsm', '--colour'], /unknown option "--colour"/],
    [['check', 'clean.xlsm', '--today'], /needs a value/],
    [['frobnicate'], /unknown command/],
    [[], /missing command/],
    [['check', 'clean.xlsm', '--profile', 'nope.json'], /--profile nope\.json: file not found/],
  ])('%j', async (argv, message) => {
    const run = await runCliCaptured(argv, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(message);
  });

  it('rejects a bad profile override with its message', async () => {
    writeTemp(dir, 'bad-profile.json', JSON.stringify({ 'migration-authorisation': { partyOctets: [9] } }));
    writeTemp(dir, 'broken.json', '{ "migration-authorisation": ');
    const run = await runCliCaptured(['check', 'clean.xlsm', '--profile', 'bad-profile.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mam-prep: --profile bad-profile\.json: profile override is not valid: .*partyOctets/);
    const broken = await runCliCaptured(['check', 'clean.xlsm', '--profile', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not valid JSON/);
  });

  it('applies a valid profile override', async () => {
    writeTemp(dir, 'exempt-aa.json', JSON.stringify({ 'migration-authorisation': { exemptGroupIds: ['AA'] } }));
    const run = await runCliCaptured(['check', 'clean.xlsm', '--profile', 'exempt-aa.json', '--format', 'json', ...TODAY], dir);
    expect(run.code).toBe(0);
    const ids = parseJsonReport(run.stdout).files[0]!.findings.map((f) => f.ruleId);
    expect(ids).toEqual(['group-id-exempt', 'group-id-exempt']);
  });

  it('prints help and version', async () => {
    expect((await runCliCaptured(['--help'], dir)).stdout).toContain('mam-prep check <file>...');
    expect((await runCliCaptured(['--version'], dir)).stdout).toBe('0.1.0\n');
  });
});

describe('mam-prep check: control characters from the file never reach the terminal raw', () => {
  // eslint-disable-next-line no-control-regex
  const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it('escapes a NUL in a refused zip entry name', async () => {
    writeTemp(dir, 'nul-entry.xlsx', buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }], extraEntries: { 'xl/evil\u0000.xml': new Uint8Array([1]) } }));
    const run = await runCliCaptured(['check', 'nul-entry.xlsx'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mam-prep: nul-entry.xlsx: refused: zip entry name "xl/evil\\u0000.xml" points outside the package\n');
  });

  it('escapes an ANSI escape in a part name and in a sheet name', async () => {
    const missingPart = rewriteParts(buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }), (name, text) =>
      name === 'xl/_rels/workbook.xml.rels' ? text.replace('worksheets/sheet1.xml', 'worksheets/\u001b[2Jgone.xml') : undefined,
    );
    writeTemp(dir, 'esc-part.xlsx', missingPart);
    const part = await runCliCaptured(['check', 'esc-part.xlsx'], dir);
    expect(part.stderr).toBe('mam-prep: esc-part.xlsx: not a valid workbook: sheet "S" (xl/worksheets/\\u001b[2Jgone.xml) is missing from the package\n');
    const badSheet = rewriteSheet(buildWorkbook({ sheets: [{ name: '\u001b]0;owned\u0007\u009b2J', rows: [['x']] }] }), 1, (xml) =>
      xml.replace('<row r="1"', '<row r="0"'),
    );
    writeTemp(dir, 'esc-sheet.xlsx', badSheet);
    const sheet = await runCliCaptured(['check', 'esc-sheet.xlsx'], dir);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toBe(
      `mam-prep: esc-sheet.xlsx: not a valid workbook: sheet "\\u001b]0;owned\\u0007\\u009b2J" has malformed XML (row number "0" is not a row in Excel's grid (1 to 1048576))\n`,
    );
    expect(RAW_CONTROL.test(sheet.stderr)).toBe(false);
  });

  it('escapes control characters of cell text in text, JSON and SARIF output alike', async () => {
    const hostile = '\u001b[2J\u009b31m\u0000';
    writeTemp(dir, 'esc-cells.xlsm', templateWorkbookBytes([{ ...validMaRow(0), chfId: hostile }], { userId: `${USER_ID}\u001b[1A` }));
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runCliCaptured(['check', 'esc-cells.xlsm', '--format', format, '--user-id', OTHER_PARTY_EUID, ...TODAY], dir);
      expect(run.code).toBe(1);
      expect([format, RAW_CONTROL.test(run.stdout), RAW_CONTROL.test(run.stderr)]).toEqual([format, false, false]);
      expect(run.stdout).toMatch(/\\u001b\[2J\\u009b31m/);
      if (format !== 'text') {
        const messages =
          format === 'json'
            ? parseJsonReport(run.stdout).files[0]!.findings.map((f) => f.message)
            : parseSarif(run.stdout).runs[0]!.results.map((r) => r.message.text);
        expect(messages.some((m) => m.includes(hostile))).toBe(true);
      }
    }
  });
});
