import { WorkbookFileError } from '../../src/files/file-error';
import { readWorkbookBytes, readWorkbookFile } from '../../src/files/workbook-reader';
import { buildWorkbook } from '../support/ooxml-builder';
import {
  corruptWorkbook,
  csvText,
  declaredHugeWorkbook,
  encryptedBytes,
  notAWorkbookZip,
  ratioBombWorkbook,
  traversalWorkbook,
  truncatedWorkbook,
  xlsBytes,
  xlsbWorkbook,
} from '../support/hostile-files';
import { tempDir, writeTemp } from '../support/template-files';

function reasonFor(bytes: Uint8Array | string, file: string, limits?: Parameters<typeof readWorkbookBytes>[2]): string {
  try {
    readWorkbookBytes(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, file, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookFileError);
    const message = (e as Error).message;
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message).not.toContain('\n');
    return message.slice(file.length + 2);
  }
  throw new Error(`${file} was read without complaint`);
}

describe('workbook reader refuses what it cannot read, naming the file', () => {
  it.each<[string, () => Uint8Array | string, RegExp]>([
    ['old.xls', xlsBytes, /old binary Excel file \(\.xls\)/],
    ['locked.xlsx', encryptedBytes, /encrypted/],
    ['export.csv', () => csvText, /CSV/],
    ['empty.xlsx', () => new Uint8Array(0), /empty/],
    ['random.xlsx', () => new Uint8Array([1, 2, 3, 0, 255, 7, 8]), /unrecognised file format/],
    ['truncated.xlsx', truncatedWorkbook, /truncated or corrupt/],
    ['corrupt.xlsx', corruptWorkbook, /corrupt|checksum/],
    ['report.docx', notAWorkbookZip, /no workbook part/],
    ['binary.xlsb', xlsbWorkbook, /\.xlsb/],
    ['traversal.xlsx', traversalWorkbook, /points outside the package/],
    ['declared-huge.xlsx', declaredHugeWorkbook, /over the 536870912-byte limit/],
  ])('%s', (file, make, reason) => {
    expect(reasonFor(make(), file)).toMatch(reason);
  });

  it('refuses a part whose compression ratio says zip bomb', () => {
    expect(reasonFor(ratioBombWorkbook(), 'bomb.xlsx')).toMatch(/compresses \d+:1, over the 200:1 limit/);
  });

  it('refuses a part over a configured size limit', () => {
    const bytes = buildWorkbook({ sheets: [{ name: 'S', rows: Array.from({ length: 200 }, (_v, i) => [`row ${i}`, i]) }] });
    const limits = { limits: { maxPartBytes: 4096, maxRatio: 200, ratioCheckFromBytes: 1 << 24 } };
    expect(reasonFor(bytes, 'big.xlsx', limits)).toMatch(/would inflate to \d+ bytes, over the 4096-byte limit/);
  });

  it('names a missing file and a directory', async () => {
    const dir = tempDir();
    await expect(readWorkbookFile(`${dir}/nope.xlsx`)).rejects.toThrow(`${dir}/nope.xlsx: file not found`);
    await expect(readWorkbookFile(dir)).rejects.toThrow(/is a directory/);
    const ok = writeTemp(dir, 'ok.xlsx', buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }));
    await expect(readWorkbookFile(ok)).resolves.toHaveProperty('sheets');
  });
});
