import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { cellAt } from '../../src/engine/snapshot';
import { WorkbookFileError } from '../../src/files/file-error';
import { readWorkbookBytes, readWorkbookBytesAsync, readWorkbookFile } from '../../src/files/workbook-reader';
import {
  docxBytes,
  manyPartBomb,
  overlappingEntries,
  sheetsSharingOnePart,
  withCdataStrings,
  withComments,
  withDoctype,
  withProcessingInstructions,
  withTruncatedPart,
} from '../support/hostile-files';
import { buildWorkbook } from '../support/ooxml-builder';
import { parseJsonReport, type JsonReport } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';
import { rewriteParts, rewriteSheet } from '../support/xlsx-rewrite';

/**
 * Issue 16: legal markup read as LibreOffice reads it, corrupt packages refused with one line that
 * names the file and the fault (never a silent empty cell), and input that cannot hang the reader.
 */
const TODAY = ['--today', '2026-01-05'];
const dir = tempDir('mam-prep-hostile-');

/** A template with findings of several rules, text needing escapes and a rich mix of values. */
const plain = templateWorkbookBytes(
  [
    validMaRow(0),
    { ...validMaRow(1), mpan: '1200080636089', chfId: '00124b0000030001' },
    { ...validMaRow(2), groupId: 'EA', eis: 'E' },
    { ...validMaRow(3), smsoReference: 'R&D <batch 7> "quoted"' },
  ],
  { extraSheets: [{ name: 'Notes', rows: [['R&D <x> ]] & more', 'a  b']] }] },
);

async function checkJson(name: string, bytes: Uint8Array): Promise<{ code: number; stderr: string; doc: JsonReport }> {
  writeTemp(dir, name, bytes);
  const run = await runCliCaptured(['check', name, '--format', 'json', ...TODAY], dir);
  return { code: run.code, stderr: run.stderr, doc: parseJsonReport(run.stdout) };
}

async function stderrOf(name: string, bytes: Uint8Array): Promise<{ code: number; stderr: string; files: string[] }> {
  writeTemp(dir, name, bytes);
  writeTemp(dir, 'good.xlsm', plain);
  const run = await runCliCaptured(['check', name, 'good.xlsm', '--format', 'json', ...TODAY], dir);
  return { code: run.code, stderr: run.stderr, files: parseJsonReport(run.stdout).files.map((f) => f.file) };
}

describe('legal markup other producers write', () => {
  let expected: Awaited<ReturnType<typeof checkJson>>;
  beforeAll(async () => {
    expected = await checkJson('plain.xlsm', plain);
  });

  it('the plain file has findings to compare with', () => {
    expect(expected.code).toBe(1);
    expect(expected.doc.files[0]!.findings.length).toBeGreaterThan(3);
  });

  it.each([
    ['shared strings and inline strings in CDATA sections', withCdataStrings],
    ['comments inside <v> and <t>, between rows and cells, before the root', withComments],
    ['processing instructions after the declaration, between rows and inside <v>', withProcessingInstructions],
  ])('%s give the same findings as the plain file', async (_name, variant) => {
    const bytes = variant(plain);
    expect(Buffer.from(bytes).equals(Buffer.from(plain))).toBe(false);
    const run = await checkJson('variant.xlsm', bytes);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(expected.code);
    expect(run.doc.files[0]!.template).toEqual(expected.doc.files[0]!.template);
    expect(run.doc.files[0]!.findings).toEqual(expected.doc.files[0]!.findings);
  });

  it.each([
    ['CDATA', withCdataStrings],
    ['comments', withComments],
    ['processing instructions', withProcessingInstructions],
  ])('%s: text with markup characters reads exactly', (_name, variant) => {
    const notes = readWorkbookBytes(variant(plain), 'v.xlsm').sheets.find((s) => s.name === 'Notes')!;
    expect(cellAt(notes, 1, 1).value).toEqual({ kind: 'text', text: 'R&D <x> ]] & more' });
    expect(cellAt(notes, 1, 2).value).toEqual({ kind: 'text', text: 'a  b' });
  });

  it('reads the lazily read rows of a big sheet through comments the same way', async () => {
    const rows = Array.from({ length: 120 }, (_v, i) => validMaRow(i));
    const bytes = templateWorkbookBytes(rows);
    const eager = readWorkbookBytes(bytes, 'p.xlsm');
    const lazy = await readWorkbookBytesAsync(withComments(bytes), 'c.xlsm', { lazyRows: { minSheetBytes: 0 } });
    const sheet = (wb: typeof eager) => wb.sheets.find((s) => s.name === 'Migration Authorisation')!;
    expect(sheet(lazy).rows.length).toBe(sheet(eager).rows.length);
    for (const r of [1, 6, 7, 60, 126]) for (let c = 1; c <= 12; c++) expect(cellAt(sheet(lazy), r, c).value).toEqual(cellAt(sheet(eager), r, c).value);
  });

  it('refuses a DOCTYPE with one line naming the file and part, and checks the other files', async () => {
    const run = await stderrOf('doctype.xlsm', withDoctype(plain));
    expect(run).toEqual({
      code: 2,
      stderr: 'mam-prep: doctype.xlsm: refused: part "xl/workbook.xml" has a DOCTYPE declaration, which OOXML packages may not hold\n',
      files: ['good.xlsm'],
    });
  });

  it('refuses an unclosed comment as malformed XML', () => {
    const bytes = rewriteSheet(plain, 2, (xml) => xml.replace('</sheetData>', '<!-- never closed </sheetData>'));
    expect(() => readWorkbookBytes(bytes, 'u.xlsm')).toThrow(
      new WorkbookFileError('u.xlsm', 'not a valid workbook: part "xl/worksheets/sheet2.xml" has malformed XML (a comment is not closed)'),
    );
  });
});

describe('corrupt packages are refused, never read as fine', () => {
  const simple = (): Uint8Array =>
    buildWorkbook({
      sheets: [
        {
          name: 'S',
          rows: [
            ['x', 'y'],
            [1, 'z'],
          ],
        },
      ],
    });

  it.each([
    [
      'a missing shared-strings part',
      () => buildWorkbook({ sheets: [{ name: 'S', rows: [['x', 'y']] }], omitEntries: ['xl/sharedStrings.xml'] }),
      'not a valid workbook: sheet "S" is broken: cell A1 refers to shared string 0, but the workbook has no shared-strings part',
    ],
    [
      'a shared-string index out of range',
      () => rewriteSheet(simple(), 1, (xml) => xml.replace('<c r="B1" t="s"><v>1</v>', '<c r="B1" t="s"><v>7</v>')),
      'not a valid workbook: sheet "S" is broken: cell B1 refers to shared string 7, but the shared-strings part holds only 3',
    ],
    [
      'a shared-string cell whose value is no number',
      () => rewriteSheet(simple(), 1, (xml) => xml.replace('<c r="B1" t="s"><v>1</v>', '<c r="B1" t="s"><v>one</v>')),
      'not a valid workbook: sheet "S" is broken: cell B1 is a shared-string cell, but its value "one" is not a string number',
    ],
    [
      'a truncated workbook.xml',
      () => withTruncatedPart(simple(), 'xl/workbook.xml'),
      `not a valid workbook: part "xl/workbook.xml" is truncated or is not XML (it does not end with its root element's end tag)`,
    ],
    [
      'a truncated sharedStrings.xml',
      () => withTruncatedPart(simple(), 'xl/sharedStrings.xml'),
      `not a valid workbook: part "xl/sharedStrings.xml" is truncated or is not XML (it does not end with its root element's end tag)`,
    ],
    [
      'a sheet truncated after its cells',
      () => rewriteSheet(simple(), 1, (xml) => xml.slice(0, xml.indexOf('</sheetData>') + '</sheetData>'.length)),
      `not a valid workbook: part "xl/worksheets/sheet1.xml" is truncated or is not XML (it does not end with its root element's end tag)`,
    ],
    ['a .docx renamed .xlsx', docxBytes, 'this is a Word document (.docx), not an Excel workbook'],
    [
      'a row past row 1,048,576',
      () => rewriteSheet(simple(), 1, (xml) => xml.replace('</sheetData>', '<row r="1048577"><c r="A1048577"><v>5</v></c></row></sheetData>')),
      `not a valid workbook: sheet "S" has malformed XML (row number "1048577" is not a row in Excel's grid (1 to 1048576))`,
    ],
    [
      'a cell past column XFD',
      () => rewriteSheet(simple(), 1, (xml) => xml.replace('<c r="B1"', '<c r="XFE1"')),
      `not a valid workbook: sheet "S" has malformed XML (cell reference "XFE1" is not a cell in Excel's grid (A1 to XFD1048576))`,
    ],
    [
      'a row number that is not a number',
      () => rewriteSheet(simple(), 1, (xml) => xml.replace('<row r="2"', '<row r="two"')),
      `not a valid workbook: sheet "S" has malformed XML (row number "two" is not a row in Excel's grid (1 to 1048576))`,
    ],
  ])('%s: exit 2, one line naming file and fault, the other files still checked', async (_name, make, reason) => {
    const run = await stderrOf('broken.xlsx', make());
    expect(run).toEqual({ code: 2, stderr: `mam-prep: broken.xlsx: ${reason}\n`, files: ['good.xlsm'] });
  });

  it('a row past the grid in a lazily read sheet is refused the same way', async () => {
    const rows = Array.from({ length: 50 }, (_v, i) => [`r${i}`, i]);
    const base = buildWorkbook({ sheets: [{ name: 'S', rows }] });
    const atEnd = rewriteSheet(base, 1, (xml) => xml.replace('</sheetData>', '<row r="1048577"><c r="A1048577"><v>5</v></c></row></sheetData>'));
    const inMiddle = rewriteSheet(base, 1, (xml) => xml.replace('<row r="20"', '<row r="2000000"'));
    const message = `not a valid workbook: sheet "S" has malformed XML (row number "`;
    await expect(readWorkbookBytesAsync(atEnd, 'a.xlsx', { lazyRows: { minSheetBytes: 0 } })).rejects.toThrow(`a.xlsx: ${message}1048577"`);
    const lazy = await readWorkbookBytesAsync(inMiddle, 'm.xlsx', { lazyRows: { minSheetBytes: 0 } });
    expect(() => lazy.sheets[0]!.rows.forEach(() => undefined)).toThrow(
      new WorkbookFileError('m.xlsx', `${message}2000000" is not a row in Excel's grid (1 to 1048576))`),
    );
  });
});

describe('bounded time and memory', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    await expect(readWorkbookFile(fifo, {}, 'pipe.xlsx')).rejects.toThrow(
      new WorkbookFileError('pipe.xlsx', 'refused: this is a named pipe (FIFO), not a regular file; give the path of a saved workbook'),
    );
    writeTemp(dir, 'good.xlsm', plain);
    const run = await runCliCaptured(['check', 'pipe.xlsx', 'good.xlsm', '--format', 'json', ...TODAY], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mam-prep: pipe.xlsx: refused: this is a named pipe (FIFO), not a regular file; give the path of a saved workbook\n');
    expect(parseJsonReport(run.stdout).files.map((f) => f.file)).toEqual(['good.xlsm']);
  });

  it('refuses /dev/zero at once instead of reading without end', async () => {
    await expect(readWorkbookFile('/dev/zero')).rejects.toThrow(
      new WorkbookFileError('/dev/zero', 'refused: this is a device, not a regular file; give the path of a saved workbook'),
    );
  });

  // Before the linear scanners these took 26 s and more than 60 s. Measured on a 2-core dev machine: 14 ms to classify
  // the format, 10-30 ms to parse each token outside jest; the whole test, zip building included, well under a second.
  it('reads a 250,000-character number format, and classifies it as the short one', () => {
    const long = `${'['.repeat(250_000)}dd/mm/yyyy`;
    const bytes = rewriteParts(
      buildWorkbook({
        sheets: [
          {
            name: 'S',
            rows: [
              [
                { number: 46000, style: 2 },
                { number: 46000, style: 0 },
              ],
            ],
          },
        ],
      }),
      (name, text) => (name === 'xl/styles.xml' ? text.replace('formatCode="dd/mm/yyyy"', `formatCode="${long}"`) : undefined),
    );
    const sheet = readWorkbookBytes(bytes, 'f.xlsx').sheets[0]!;
    expect(cellAt(sheet, 1, 1).value).toEqual({ kind: 'date', serial: 46000, iso: '2025-12-09' });
    expect(cellAt(sheet, 1, 2).value).toEqual({ kind: 'number', number: 46000 });
  });

  it('reads 250,000-letter malformed attribute tokens in workbook, sheet and shared strings', () => {
    const token = 'a'.repeat(250_000);
    const bytes = rewriteParts(simple250(), (name, text) => {
      if (name === 'xl/workbook.xml') return text.replace('<sheet ', `<sheet ${token} `);
      if (name === 'xl/worksheets/sheet1.xml') return text.replace('<row r="1"', `<row ${token} r="1"`).replace('<c r="A1"', `<c ${token} r="A1"`);
      // A token in the root's start tag, and 125,000 unfinished tags before the first item.
      if (name === 'xl/sharedStrings.xml') return text.replace('<sst ', `<sst ${token} `).replace('<si>', `${'<a'.repeat(125_000)}<si>`);
      return undefined;
    });
    const sheet = readWorkbookBytes(bytes, 't.xlsx').sheets[0]!;
    expect(sheet.name).toBe('S');
    expect([cellAt(sheet, 1, 1).value, cellAt(sheet, 1, 2).value]).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'number', number: 2 },
    ]);
  });

  it('reads a sheet of 100,000 comments with one processing instruction at its end', () => {
    const bytes = rewriteSheet(simple250(), 1, (xml) =>
      xml.replace('<sheetData>', `<sheetData>${'<!---->'.repeat(100_000)}`).replace('</worksheet>', '<?end?></worksheet>'),
    );
    const sheet = readWorkbookBytes(bytes, 'c.xlsx').sheets[0]!;
    expect([cellAt(sheet, 1, 1).value, cellAt(sheet, 1, 2).value]).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'number', number: 2 },
    ]);
  });

  it('refuses a bomb spread over many parts once their total passes the limit', () => {
    const bytes = manyPartBomb(12, 512 * 1024);
    const limits = { maxPartBytes: 512 * 1024 * 1024, maxRatio: 200, ratioCheckFromBytes: 16 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };
    expect(() => readWorkbookBytes(bytes, 'bomb.xlsx', { limits })).toThrow(
      /^bomb\.xlsx: refused: the parts read would inflate to more than 2097152 bytes in all, at part "xl\/worksheets\/sheet\d+\.xml" \(zip bomb\?\)$/,
    );
    // Each part alone is fine: the same file reads under the default total limit.
    expect(readWorkbookBytes(bytes, 'bomb.xlsx').sheets).toHaveLength(12);
  });

  it('refuses 2,000 sheets sharing one part before inflating any', () => {
    const bytes = sheetsSharingOnePart(buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }), 2000);
    expect(() => readWorkbookBytes(bytes, 'shared.xlsx')).toThrow(
      new WorkbookFileError('shared.xlsx', 'not a valid workbook: sheets "S1" and "S2" both point to part "xl/worksheets/sheet1.xml"'),
    );
  });

  it('refuses zip entries whose data overlap', () => {
    expect(() => readWorkbookBytes(overlappingEntries(), 'overlap.xlsx')).toThrow(
      new WorkbookFileError(
        'overlap.xlsx',
        'refused: zip entries "xl/worksheets/sheet1.xml" and "xl/worksheets/sheet2.xml" overlap (a zip bomb or a damaged archive)',
      ),
    );
  });
});

function simple250(): Uint8Array {
  return buildWorkbook({ sheets: [{ name: 'S', rows: [['x', 2]] }] });
}
