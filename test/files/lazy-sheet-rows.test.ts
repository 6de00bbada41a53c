import ExcelJS from 'exceljs';
import { validateWorkbook } from '../../src/engine/validate';
import type { SheetSnapshot, WorkbookSnapshot } from '../../src/engine/snapshot';
import { WorkbookFileError } from '../../src/files/file-error';
import { readWorkbookBytes, readWorkbookBytesAsync } from '../../src/files/workbook-reader';
import { buildWorkbook } from '../support/ooxml-builder';
import { mixedWorkbook } from '../support/mixed-workbook';
import { validMaRow } from '../support/sheet-builder';
import { fakeVbaProject, templateWorkbookBytes } from '../support/template-files';
import { rewriteSheet } from '../support/xlsx-rewrite';
import { RULES } from '../../src/rules';

/**
 * `check` reads big sheets lazily: a row's cells are typed when the engine reads the row, and not
 * held. The lazy view must answer exactly like the eager snapshot, and a malformed row must still
 * end as a one-line error naming the file and sheet.
 */
const EVERY_SHEET = { lazyRows: { minSheetBytes: 0 } } as const;
const TODAY = { rules: RULES, today: '2026-01-05' };

/** The sheet with every row read out of the lazy view into a plain array. */
function materialised(sheet: SheetSnapshot): SheetSnapshot {
  return { ...sheet, rows: Array.from(sheet.rows) };
}

/** Whether the reader gave the sheet a lazy view (its rows refuse writes) rather than a plain array. */
function isLazy(sheet: SheetSnapshot): boolean {
  try {
    (sheet.rows as unknown[]).push(undefined);
    (sheet.rows as unknown[]).pop();
    return false;
  } catch {
    return true;
  }
}

function expectSameSheets(lazy: WorkbookSnapshot, eager: WorkbookSnapshot): void {
  expect(lazy.sheets.map((s) => s.rows.length)).toEqual(eager.sheets.map((s) => s.rows.length));
  expect({ ...lazy, sheets: lazy.sheets.map(materialised) }).toEqual(eager);
}

/** An MA template whose rows repeat identifiers, so the engine re-reads rows for duplicate findings. */
function templateWithFindings(rows: number): Uint8Array {
  const data = Array.from({ length: rows }, (_v, i) => {
    const row = validMaRow(i);
    if (i % 50 === 7) return { ...row, mpan: validMaRow(i - 1).mpan as string };
    if (i % 70 === 3) return { ...row, chfId: (row.chfId as string).toLowerCase() };
    return row;
  });
  return templateWorkbookBytes(data, { lists: { 'Group ID': ['AA', 'EA'] }, vbaProject: fakeVbaProject() });
}

const MIXED = mixedWorkbook();

describe('lazily read sheets: the same rows as the eager snapshot', () => {
  it.each<[string, Uint8Array, boolean]>([
    ['mixed cell types, far cells, styled blanks after the last value', MIXED, true],
    ['cells without r attributes', buildWorkbook({ sheets: [{ name: 'S', rows: [['a', 'b'], [], [1, 2, { date: '2026-01-05' }]], omitRefs: true }] }), true],
    [
      'inline strings',
      buildWorkbook({
        sheets: [
          {
            name: 'S',
            rows: [
              ['a', 1],
              ['b', { inline: 'c' }],
            ],
          },
        ],
        strings: 'inline',
      }),
      true,
    ],
    [
      'a prefixed (x:) worksheet',
      rewriteSheet(MIXED, 2, (xml) => xml.replace(/<(\/?)(?!\?)([a-zA-Z]+[\s>/])/g, '<$1x:$2').replace('xmlns=', 'xmlns:x=')),
      true,
    ],
    ['rows without r (numbered in order)', rewriteSheet(MIXED, 2, (xml) => xml.replace(/<row r="(2|3)"/g, '<row')), true],
    [
      'a last row without r (read whole instead)',
      rewriteSheet(buildWorkbook({ sheets: [{ name: 'S', rows: [['a'], ['b'], ['c']] }] }), 1, (xml) => xml.replace('<row r="3"', '<row')),
      false,
    ],
    ['an empty sheet', buildWorkbook({ sheets: [{ name: 'Empty' }] }), true],
    ['a Migration Authorisation with findings', templateWithFindings(400), true],
  ])('%s', async (_what, bytes, readLazily) => {
    const eager = readWorkbookBytes(bytes, 'book.xlsm');
    const lazy = await readWorkbookBytesAsync(bytes, 'book.xlsm', EVERY_SHEET);
    expectSameSheets(lazy, eager);
    // The biggest sheet is the one that matters; tiny empty ones are lazy or not alike.
    const biggest = lazy.sheets.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
    expect(isLazy(biggest)).toBe(readLazily);
  });

  it('answers reads in any order (jumps ahead, back, repeats) as the eager snapshot does', async () => {
    const bytes = rewriteSheet(templateWithFindings(300), 2, (xml) => xml.replace(/<row r="(4|5|100|101|102)"[^>]*>[\s\S]*?<\/row>/g, ''));
    const eager = readWorkbookBytes(bytes, 'book.xlsm').sheets[1]!.rows;
    const lazy = (await readWorkbookBytesAsync(bytes, 'book.xlsm', EVERY_SHEET)).sheets[1]!.rows;
    expect(lazy.length).toBe(eager.length);
    let seed = 7;
    const order = [150, 3, 99, 100, 101, 103, 2, 305, 0, 306, 200, 200, 4, 1, ...Array.from({ length: 200 }, () => (seed = (seed * 48271) % 2147483647) % 320)];
    for (const i of order) expect([i, lazy[i]]).toEqual([i, eager[i]]);
  });

  it('finds rows far ahead without reading the rows before them, missing rows and rows without r included', async () => {
    // 2,000 rows: reads far ahead of the rows learnt so far are found by bisecting the bytes.
    const bytes = rewriteSheet(templateWithFindings(2000), 2, (xml) =>
      xml
        .replace(/<row r="(70[0-5]|1500)"[^>]*>[\s\S]*?<\/row>/g, '')
        // Rows that state no number are numbered after the row before them.
        .replace(/<row r="(120[0-9])"/g, '<row'),
    );
    const eager = readWorkbookBytes(bytes, 'book.xlsm').sheets[1]!.rows;
    const lazy = (await readWorkbookBytesAsync(bytes, 'book.xlsm', EVERY_SHEET)).sheets[1]!.rows;
    expect(lazy.length).toBe(eager.length);
    expect(eager[701]).toBeUndefined();
    expect(eager[1204]).toBeDefined();
    let seed = 11;
    const order = [1800, 701, 1499, 1204, 1300, 5, 1999, 702, 1000, ...Array.from({ length: 300 }, () => (seed = (seed * 48271) % 2147483647) % 2010)];
    for (const i of order) expect([i, lazy[i]]).toEqual([i, eager[i]]);
    expect(Array.from(lazy)).toEqual(Array.from(eager));
  });

  it('reads a sheet another writer made (exceljs) the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    for (let r = 1; r <= 400; r++) {
      if (r % 37 === 0) continue;
      ws.addRow([
        `text ${r}`,
        r * 1.5,
        r % 3 === 0,
        new Date(Date.UTC(2026, 0, 1 + (r % 300))),
        { formula: `B${r}*2`, result: r * 3 },
        r % 5 ? `x${r % 7}` : null,
        { richText: [{ text: 'rich ' }, { text: String(r), font: { bold: true } }] },
      ]);
    }
    ws.getCell('K700').value = 'far';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const lazy = await readWorkbookBytesAsync(bytes, 'other.xlsx', EVERY_SHEET);
    expect(isLazy(lazy.sheets[0]!)).toBe(true);
    expectSameSheets(lazy, readWorkbookBytes(bytes, 'other.xlsx'));
  });

  it('gives the engine the same result, duplicates included', async () => {
    const bytes = templateWithFindings(600);
    const eager = validateWorkbook(readWorkbookBytes(bytes, 'book.xlsm'), TODAY);
    const lazy = validateWorkbook(await readWorkbookBytesAsync(bytes, 'book.xlsm', EVERY_SHEET), TODAY);
    expect(eager.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['duplicate-meter-point', 'eui64-canonical']));
    expect(lazy).toEqual(eager);
  });

  it('reads only sheets at least as big as asked (the default bar is 1 MiB)', async () => {
    const bytes = templateWithFindings(30);
    const lazyCapable = (wb: WorkbookSnapshot): boolean[] => wb.sheets.map(isLazy);
    expect(lazyCapable(await readWorkbookBytesAsync(bytes, 'a.xlsm', { lazyRows: true }))).not.toContain(true);
    expect(lazyCapable(await readWorkbookBytesAsync(bytes, 'a.xlsm', EVERY_SHEET))).toContain(true);
  });

  it('behaves as a read-only array', async () => {
    const sheet = (await readWorkbookBytesAsync(MIXED, 'book.xlsx', EVERY_SHEET)).sheets[1]!;
    const rows = sheet.rows;
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBe(2000);
    expect(rows[0]?.[0]).toEqual({ value: { kind: 'text', text: 'shared' } });
    expect(rows[0]).toEqual(rows[0]);
    expect(0 in rows).toBe(true);
    expect(3 in rows).toBe(false);
    expect(rows[3]).toBeUndefined();
    expect(rows[2000]).toBeUndefined();
    expect(rows[-1]).toBeUndefined();
    expect(rows.filter((r) => r !== undefined).length).toBe(5);
    expect(() => {
      (rows as Array<unknown>)[0] = [];
    }).toThrow(TypeError);
    expect(rows[0]?.[0]).toEqual({ value: { kind: 'text', text: 'shared' } });
  });
});

describe('lazily read sheets: malformed rows', () => {
  const bytes = rewriteSheet(templateWithFindings(200), 2, (xml) => xml.replace('<c r="C150"', '<c r="C149"'));
  const message = 'book.xlsm: not a valid workbook: sheet "Migration Authorisation" has malformed XML (cell C149 lies outside its row 150)';

  it('the eager reader refuses a cell outside its row', () => {
    expect(() => readWorkbookBytes(bytes, 'book.xlsm')).toThrow(message);
  });

  it('the lazy reader reports it with the same words when the row is read', async () => {
    const lazy = await readWorkbookBytesAsync(bytes, 'book.xlsm', EVERY_SHEET);
    const rows = lazy.sheets.find((s) => s.name === 'Migration Authorisation')!.rows;
    expect(rows[148]).toBeDefined();
    expect(() => rows[149]).toThrow(WorkbookFileError);
    expect(() => rows[149]).toThrow(message);
    expect(() => validateWorkbook(lazy, TODAY)).toThrow(message);
  });

  const noRefs = buildWorkbook({
    sheets: [
      { name: 'Cover', rows: [['x']] },
      { name: 'Data', rows: [['a'], ['b'], ['c'], ['d']], omitRefs: true },
    ],
  });
  it.each<[string, Uint8Array, RegExp, RegExp]>([
    [
      'two rows swapped',
      rewriteSheet(MIXED, 2, (xml) => xml.replace(/(<row r="1"[\s\S]*?<\/row>)(<row r="2"[\s\S]*?<\/row>)/, '$2$1')),
      /row 1 comes after row 2/,
      /row 1 comes after row 2/,
    ],
    [
      'a row repeated',
      rewriteSheet(MIXED, 2, (xml) => xml.replace(/(<row r="3"[\s\S]*?<\/row>)/, '$1$1')),
      /row 3 comes after row 3/,
      /row 3 comes after row 3/,
    ],
    // The lazy view knows the last row first, so it names the clash with that row.
    [
      'a row past the last one',
      rewriteSheet(noRefs, 2, (xml) => xml.replace('<row r="2"', '<row r="9"')),
      /\(row 3 comes after row 9\)$/,
      /\(row 4 comes after row 9\)$/,
    ],
  ])('rows out of order (%s) are malformed for both readers', async (_what, bytes, eagerReason, lazyReason) => {
    const start = 'book.xlsx: not a valid workbook: sheet "Data" has malformed XML (';
    expect(() => readWorkbookBytes(bytes, 'book.xlsx')).toThrow(start);
    expect(() => readWorkbookBytes(bytes, 'book.xlsx')).toThrow(eagerReason);
    const lazy = await readWorkbookBytesAsync(bytes, 'book.xlsx', EVERY_SHEET);
    expect(() => Array.from(lazy.sheets[1]!.rows)).toThrow(start);
    expect(() => Array.from(lazy.sheets[1]!.rows)).toThrow(lazyReason);
  });

  describe('seeded damage to the sheet XML', () => {
    let seed = 20261129;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const base = templateWithFindings(40);
    const ALPHABET = '<>/="\' rcvst0123456789ABx';
    const damaged = Array.from({ length: 80 }, () =>
      rewriteSheet(base, 2, (xml) => {
        const chars = [...xml];
        const from = xml.indexOf('<sheetData');
        for (let k = 0; k < 1 + next(3); k++) chars[from + next(xml.length - from)] = ALPHABET[next(ALPHABET.length)]!;
        return chars.join('');
      }),
    );

    it('reads the same rows as the eager reader, or fails as it does', async () => {
      let agreedReads = 0;
      let lazyViews = 0;
      for (const bytes of damaged) {
        let eager: WorkbookSnapshot | undefined;
        try {
          eager = readWorkbookBytes(bytes, 'm.xlsm');
        } catch (e) {
          expect(e).toBeInstanceOf(WorkbookFileError);
        }
        let lazy: WorkbookSnapshot | undefined;
        try {
          const read = await readWorkbookBytesAsync(bytes, 'm.xlsm', EVERY_SHEET);
          if (isLazy(read.sheets[1]!)) lazyViews++;
          lazy = { ...read, sheets: read.sheets.map(materialised) };
        } catch (e) {
          // Which malformation is met first may differ (the view reads the last rows first); the kind of answer may not.
          expect(e).toBeInstanceOf(WorkbookFileError);
          expect((e as Error).message).toMatch(/^m\.xlsm: not a valid workbook: /);
        }
        expect(lazy === undefined).toBe(eager === undefined);
        if (eager && lazy) {
          expect(lazy).toEqual(eager);
          agreedReads++;
        }
      }
      // Most damage still leaves a readable sheet: the comparison above is not vacuous.
      expect(agreedReads).toBeGreaterThan(20);
      expect(lazyViews).toBeGreaterThan(20);
    });
  });

  describe('rows out of order in a sheet big enough for the engine to sample it (reads far ahead)', () => {
    // Over 1,024 data rows the engine samples rows across the sheet before its pass from the top, so
    // the lazy view finds them by bisection, which trusts the stated row numbers it lands on.
    const base = templateWithFindings(1500);
    const rowTag = (n: number): RegExp => new RegExp(`<row r="${n}"[^>]*>[\\s\\S]*?</row>`);
    const moved = (xml: string, from: number, after: number): string => {
      const row = rowTag(from).exec(xml)![0];
      return xml.replace(row, '').replace(rowTag(after), (m) => m + row);
    };
    const malformed = (reason: string): string => `m.xlsm: not a valid workbook: sheet "Migration Authorisation" has malformed XML (${reason})`;
    it.each<[string, (xml: string) => string, string, string]>([
      ['a row moved far down', (xml) => moved(xml, 300, 1200), 'row 300 comes after row 1200', 'row 300 comes after row 1200'],
      ['a row moved far up', (xml) => moved(xml, 1300, 40), 'row 41 comes after row 1300', 'row 41 comes after row 1300'],
      [
        'a row repeated far below',
        (xml) => xml.replace(rowTag(1100), (m) => m + rowTag(500).exec(xml)![0]),
        'row 500 comes after row 1100',
        'row 500 comes after row 1100',
      ],
      // The eager reader meets the row's first cell before the next row tag; the lazy view learns row tags first.
      [
        'a row number far too large',
        (xml) => xml.replace('<row r="800"', '<row r="1400"'),
        'cell A800 lies outside its row 1400',
        'row 801 comes after row 1400',
      ],
      ['a row number far too small', (xml) => xml.replace('<row r="1350"', '<row r="12"'), 'row 12 comes after row 1349', 'row 12 comes after row 1349'],
    ])('%s: the engine fails as on the eager snapshot', async (_what, damage, eagerReason, lazyReason) => {
      const bytes = rewriteSheet(base, 2, damage);
      expect(() => readWorkbookBytes(bytes, 'm.xlsm')).toThrow(WorkbookFileError);
      expect(() => readWorkbookBytes(bytes, 'm.xlsm')).toThrow(malformed(eagerReason));
      const lazy = await readWorkbookBytesAsync(bytes, 'm.xlsm', EVERY_SHEET);
      expect(isLazy(lazy.sheets[1]!)).toBe(true);
      expect(() => validateWorkbook(lazy, TODAY)).toThrow(WorkbookFileError);
      expect(() => validateWorkbook(lazy, TODAY)).toThrow(malformed(lazyReason));
    });
  });
});
