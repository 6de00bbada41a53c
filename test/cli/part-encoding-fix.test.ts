import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { parseJsonReport } from '../support/report-json';
import type { JsonFinding } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import type { StoredEncoding } from '../support/reencode-parts';
import { reencodeParts } from '../support/reencode-parts';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

/** Workbooks whose XML parts are UTF-16 (or UTF-8 with a byte order mark): checked like the plain file, fixed in their own encoding. */
const TODAY = ['--today', '2026-01-05'];
const SHEET_PART = 'xl/worksheets/sheet2.xml';
const dir = tempDir();
const plain = templateWorkbookBytes([
  validMaRow(0),
  { ...validMaRow(1), smsoReference: 'Réf ✓ 𝄞 1', chfId: '00124b0000030001', earliestMigrationDate: '07/06/2027', eis: 'Gas' },
  { ...validMaRow(2), mpan: '1200080636089' },
]);
writeTemp(dir, 'plain.xlsx', plain);

/** Test-side decoding of a stored part: the charset its first bytes name, strictly. */
function independentDecode(bytes: Uint8Array): { charset: string; text: string } {
  const b = Buffer.from(bytes);
  const charset = b[0] === 0xfe || b[0] === 0 ? 'utf-16be' : b[0] === 0xff || b[1] === 0 ? 'utf-16le' : 'utf-8';
  return { charset, text: new TextDecoder(charset, { fatal: true }).decode(b) };
}

const entries = (file: string): Record<string, Uint8Array> => unzipSync(readFileSync(path.join(dir, file)));

async function findings(file: string): Promise<readonly JsonFinding[]> {
  const run = await runCliCaptured(['check', file, '--format', 'json', ...TODAY], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  return parseJsonReport(run.stdout).files[0]!.findings;
}

describe.each<[StoredEncoding, string]>([
  ['utf-16le-bom', 'fffe3c00'],
  ['utf-16be-bom', 'feff003c'],
  ['utf-16le', '3c003f00'],
  ['utf-16be', '003c003f'],
  ['utf-8-bom', 'efbbbf3c'],
])('a workbook whose parts are %s', (encoding, firstBytes) => {
  const input = `${encoding}.xlsx`;
  const output = `${encoding}-fixed.xlsx`;
  writeTemp(dir, input, reencodeParts(plain, encoding));

  it('gives the same findings as the plain file', async () => {
    const plainFindings = await findings('plain.xlsx');
    expect(plainFindings.length).toBeGreaterThan(2);
    expect(await findings(input)).toEqual(plainFindings);
  });

  it('is fixed in the encoding it declares, and reads back like the plain file fixed', async () => {
    const plainRun = await runCliCaptured(['fix', 'plain.xlsx', '--out', `plain-for-${encoding}.xlsx`, ...TODAY], dir);
    const run = await runCliCaptured(['fix', input, '--out', output, ...TODAY], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 changes written to');
    expect(run.stdout.slice(run.stdout.indexOf('Re-check'))).toBe(
      plainRun.stdout.slice(plainRun.stdout.indexOf('Re-check')).replaceAll(`plain-for-${encoding}.xlsx`, output),
    );

    const before = entries(input);
    const after = entries(output);
    const sheet = after[SHEET_PART]!;
    // The bytes are what the declaration says: the same byte order mark or first bytes as the input's part.
    expect(Buffer.from(sheet.subarray(0, 4)).toString('hex')).toBe(firstBytes);
    const { charset, text } = independentDecode(sheet);
    expect(text).toMatch(charset === 'utf-8' ? /^\uFEFF?<\?xml[^?]*encoding="UTF-8"/ : /^\uFEFF?<\?xml[^?]*encoding="UTF-16"/);
    expect(text).toContain('<c r="F8" t="inlineStr"><is><t>00-12-4B-00-00-03-00-01</t></is></c>');
    expect(text).toMatch(/<c r="M8" s="\d+"><v>46545<\/v><\/c>/);
    // Every other part is byte for byte the input's.
    for (const name of Object.keys(before)) if (name !== SHEET_PART) expect(Buffer.from(after[name]!).equals(Buffer.from(before[name]!))).toBe(true);

    const fixedPlain = readWorkbookBytes(readFileSync(path.join(dir, `plain-for-${encoding}.xlsx`)), 'p.xlsx');
    expect(readWorkbookBytes(readFileSync(path.join(dir, output)), 'e.xlsx')).toEqual(fixedPlain);
  });
});
