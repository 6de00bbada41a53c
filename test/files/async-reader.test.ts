import { WorkbookFileError } from '../../src/files/file-error';
import { readWorkbookBytes, readWorkbookBytesAsync, readWorkbookFile } from '../../src/files/workbook-reader';
import type { ReadOptions } from '../../src/files/workbook-package';
import { buildWorkbook } from '../support/ooxml-builder';
import { corruptWorkbook, declaredHugeWorkbook, ratioBombWorkbook, truncatedWorkbook } from '../support/hostile-files';
import { mixedWorkbook } from '../support/mixed-workbook';
import { validDormantRow, validMaRow } from '../support/sheet-builder';
import { fakeVbaProject, tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';
import { rewriteSheet } from '../support/xlsx-rewrite';

/**
 * The CLI reads through readWorkbookFile, which inflates the sheets on the threadpool while the
 * main thread parses the shared strings; `fix` and most tests read through the synchronous
 * readWorkbookBytes. Both must give the same snapshot, and refuse the same files with the same words.
 */
type Outcome = { snapshot: unknown } | { error: string };

function syncOutcome(bytes: Uint8Array, file: string, options?: ReadOptions): Outcome {
  try {
    return { snapshot: readWorkbookBytes(bytes, file, options) };
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookFileError);
    return { error: (e as Error).message };
  }
}

async function asyncOutcome(bytes: Uint8Array, file: string, options?: ReadOptions): Promise<Outcome> {
  try {
    return { snapshot: await readWorkbookBytesAsync(bytes, file, options) };
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookFileError);
    return { error: (e as Error).message };
  }
}

/** Offset of the central directory record of `name` (first match). */
function centralRecordOf(bytes: Uint8Array, name: string): number {
  const wanted = Buffer.from(name, 'latin1');
  for (let i = bytes.length - 46; i >= 0; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2) {
      const nameLength = bytes[i + 28]! | (bytes[i + 29]! << 8);
      if (Buffer.from(bytes.subarray(i + 46, i + 46 + nameLength)).equals(wanted)) return i;
    }
  }
  throw new Error(`${name}: central record not found`);
}

/** A copy with a 32-bit field of the entry's central record changed (crc at 16, uncompressed size at 24). */
function withCentralField(bytes: Uint8Array, name: string, field: number, edit: (value: number) => number): Uint8Array {
  const out = Buffer.from(bytes);
  const at = centralRecordOf(out, name) + field;
  out.writeUInt32LE(edit(out.readUInt32LE(at)) >>> 0, at);
  return out;
}

const CRC = 16;
const UNCOMPRESSED_SIZE = 24;
const SHEET1 = 'xl/worksheets/sheet1.xml';
const SHEET2 = 'xl/worksheets/sheet2.xml';
const SST = 'xl/sharedStrings.xml';

const MIXED = mixedWorkbook();

describe('asynchronous reader: same snapshot as the synchronous one', () => {
  it.each<[string, Uint8Array]>([
    ['mixed cell types, far cells, validations, hidden and very hidden sheets', MIXED],
    [
      'inline strings throughout',
      buildWorkbook({
        sheets: [
          {
            name: 'S',
            rows: [
              ['a', 1],
              ['b', { date: '2026-01-05' }],
            ],
          },
          { name: 'T', rows: [['c']] },
        ],
        strings: 'inline',
      }),
    ],
    ['stored (level 0) entries', buildWorkbook({ sheets: [{ name: 'S', rows: [['a', 1]] }], level: 0 })],
    [
      'cells without r attributes',
      buildWorkbook({
        sheets: [
          {
            name: 'S',
            rows: [
              ['a', 'b'],
              [1, 2],
            ],
            omitRefs: true,
          },
        ],
      }),
    ],
    ['no styles and no shared strings parts', buildWorkbook({ sheets: [{ name: 'S', rows: [[1, 2]] }], omitEntries: ['xl/styles.xml', SST] })],
    ['an empty sheet between full ones', buildWorkbook({ sheets: [{ name: 'A', rows: [['x']] }, { name: 'Empty' }, { name: 'B', rows: [['y']] }] })],
    [
      'a Migration Authorisation template',
      templateWorkbookBytes(
        Array.from({ length: 300 }, (_v, i) => validMaRow(i)),
        { lists: { 'Group ID': ['AA', 'EA'] }, vbaProject: fakeVbaProject() },
      ),
    ],
    [
      'a Dormant Meter Schedule template with inline strings',
      templateWorkbookBytes([validDormantRow(0), validDormantRow(1)], { template: 'dormant', strings: 'inline' }),
    ],
  ])('%s', async (_what, bytes) => {
    const expected = readWorkbookBytes(bytes, 'book.xlsm');
    expect(await readWorkbookBytesAsync(bytes, 'book.xlsm')).toEqual(expected);
  });

  it('readWorkbookFile reads from disk through the asynchronous path', async () => {
    const file = writeTemp(tempDir(), 'mixed.xlsm', MIXED);
    const snapshot = await readWorkbookFile(file, {}, 'mixed.xlsm');
    expect(snapshot).toEqual(readWorkbookBytes(MIXED, 'mixed.xlsm'));
    expect(snapshot.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ['Cover', false],
      ['Data', false],
      ['Lists', true],
      ['Secret', true],
    ]);
  });

  it('reads many sheets whose inflated XML exceeds what it inflates ahead', async () => {
    // Eight sheets of ~100 KB each against a 250 KB window: later ones wait for earlier ones to be scanned.
    const sheets = Array.from({ length: 8 }, (_v, s) => ({ name: `S${s}`, rows: Array.from({ length: 1500 }, (_w, r) => [`s${s} r${r}`, r, s]) }));
    const bytes = buildWorkbook({ sheets });
    const expected = readWorkbookBytes(bytes, 'many.xlsx');
    expect(await readWorkbookBytesAsync(bytes, 'many.xlsx', { prefetchBytes: 250_000 })).toEqual(expected);
  });
});

describe('asynchronous reader: same refusals, same words, same order', () => {
  const twoSheets = (): Uint8Array =>
    buildWorkbook({
      sheets: [
        { name: 'A', rows: [['a', 1]] },
        { name: 'B', rows: [['b', 2]] },
      ],
    });
  // Every row has all three values: jest takes a missing last one for a `done` callback.
  const cases: Array<[string, () => Uint8Array, ReadOptions]> = [
    ['a corrupt deflate stream in a sheet', corruptWorkbook, {}],
    ['a sheet that fails its checksum', () => withCentralField(twoSheets(), SHEET2, CRC, (v) => v ^ 1), {}],
    ['shared strings that fail their checksum', () => withCentralField(twoSheets(), SST, CRC, (v) => v ^ 1), {}],
    ['a sheet that inflates past its declared size', () => withCentralField(twoSheets(), SHEET1, UNCOMPRESSED_SIZE, (v) => v - 10), {}],
    ['a sheet shorter than its declared size', () => withCentralField(twoSheets(), SHEET2, UNCOMPRESSED_SIZE, (v) => v + 10), {}],
    ['a declared size over the part limit', declaredHugeWorkbook, {}],
    ['a compression ratio that says zip bomb', ratioBombWorkbook, {}],
    [
      'a sheet over a configured size limit',
      () => buildWorkbook({ sheets: [{ name: 'S', rows: Array.from({ length: 200 }, (_v, i) => [`row ${i}`, i]) }] }),
      { limits: { maxPartBytes: 4096, maxRatio: 200, ratioCheckFromBytes: 1 << 24 } },
    ],
    ['a truncated archive', truncatedWorkbook, {}],
    [
      'malformed XML in the second sheet',
      () => rewriteSheet(twoSheets(), 2, (xml) => xml.replace(/<c r="A1"[^>]*>.*?<\/c>/, '<c r="A1" t="s><v>0</v></c>')),
      {},
    ],
    [
      'both the shared strings and a sheet damaged: the shared strings are named first',
      () =>
        withCentralField(
          withCentralField(twoSheets(), SHEET1, CRC, (v) => v ^ 1),
          SST,
          CRC,
          (v) => v ^ 1,
        ),
      {},
    ],
    [
      'two damaged sheets: the first is named',
      () =>
        withCentralField(
          withCentralField(twoSheets(), SHEET2, CRC, (v) => v ^ 1),
          SHEET1,
          UNCOMPRESSED_SIZE,
          (v) => v + 1,
        ),
      {},
    ],
  ];

  it.each(cases)('%s', async (_what, make, options) => {
    const bytes = make();
    const expected = syncOutcome(bytes, 'bad.xlsx', options);
    expect(expected).toHaveProperty('error');
    expect((expected as { error: string }).error).toMatch(/^bad\.xlsx: /);
    expect(await asyncOutcome(bytes, 'bad.xlsx', options)).toEqual(expected);
  });

  it('names the part in checksum and size errors', async () => {
    await expect(
      readWorkbookBytesAsync(
        withCentralField(twoSheets(), SHEET2, CRC, (v) => v ^ 1),
        'x.xlsx',
      ),
    ).rejects.toThrow(`x.xlsx: not a valid workbook: zip entry "${SHEET2}" fails its checksum`);
    await expect(
      readWorkbookBytesAsync(
        withCentralField(twoSheets(), SHEET1, UNCOMPRESSED_SIZE, (v) => v - 10),
        'x.xlsx',
      ),
    ).rejects.toThrow(`zip entry "${SHEET1}" inflates past its declared size`);
  });

  it('leaves no unhandled rejection behind when an early part fails', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const bytes = withCentralField(
        withCentralField(twoSheets(), SHEET1, CRC, (v) => v ^ 1),
        SST,
        CRC,
        (v) => v ^ 1,
      );
      await expect(readWorkbookBytesAsync(bytes, 'x.xlsx')).rejects.toThrow(/sharedStrings\.xml" fails its checksum/);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('asynchronous reader: agrees with the synchronous one on damaged bytes (seeded)', () => {
  // A small deterministic generator: the same mutations on every run.
  let seed = 20260105;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const base = MIXED;
  const mutations = Array.from({ length: 120 }, (_v, i) => {
    const bytes = Buffer.from(base);
    if (i % 3 === 0) return bytes.subarray(0, next(bytes.length));
    for (let k = 0; k < 1 + (i % 4); k++) bytes[next(bytes.length)] = next(256);
    return bytes;
  });

  it('gives the same snapshot or the same one-line error for every mutation', async () => {
    for (const bytes of mutations) {
      const expected = syncOutcome(bytes, 'm.xlsm');
      expect(await asyncOutcome(bytes, 'm.xlsm')).toEqual(expected);
    }
  });
});
