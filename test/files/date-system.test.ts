import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { Edit } from '../../src/engine/fix-planner';
import { cellAt } from '../../src/engine/snapshot';
import type { SheetSnapshot } from '../../src/engine/snapshot';
import { patchWorkbook } from '../../src/files/cell-patcher';
import { workbookDateSystem } from '../../src/files/workbook-date-system';
import { parseXml } from '../../src/files/xml-tree';
import { readWorkbookBytes, readWorkbookBytesAsync } from '../../src/files/workbook-reader';
import { toDate1904, toStrict } from '../support/date1904-workbook';
import { STYLE, buildWorkbook } from '../support/ooxml-builder';

const SHEET = 'Data';
const plain = buildWorkbook({
  sheets: [
    {
      name: SHEET,
      rows: [
        [{ date: '2027-06-07' }, { date: '2027-06-09', style: 'custom' }, 42, '07/06/2027', { number: 45083, style: STYLE.bold }],
        [{ date: '1904-01-01' }, { date: '2024-02-29' }, { formula: 'A1', result: 'x' }, 'keep'],
      ],
    },
  ],
});
const mac = toDate1904(plain);

const valueAt = (sheet: SheetSnapshot, row: number, col: number): unknown => cellAt(sheet, row, col).value;
const sheetXml = (bytes: Uint8Array): string => strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);

async function excelJsSheet(bytes: Uint8Array): Promise<{ date1904: boolean | undefined; sheet: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return { date1904: wb.properties.date1904, sheet: wb.getWorksheet(SHEET)! };
}

describe('the workbook date system', () => {
  it.each([
    ['<workbook><workbookPr date1904="1"/></workbook>', '1904'],
    ['<workbook><workbookPr defaultThemeVersion="1" date1904="true"/></workbook>', '1904'],
    ['<x:workbook xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:workbookPr date1904=" true "/></x:workbook>', '1904'],
    ['<workbook><workbookPr date1904="0"/></workbook>', '1900'],
    ['<workbook><workbookPr date1904="false"/></workbook>', '1900'],
    ['<workbook><workbookPr/></workbook>', '1900'],
    ['<workbook><fileVersion appName="xl"/></workbook>', '1900'],
  ])('%s is the %s system', (xml, system) => {
    expect(workbookDateSystem(parseXml(xml))).toBe(system);
  });

  it('the 1904 fixture holds the same calendar days as the plain file, by exceljs (an independent reader)', async () => {
    const fromPlain = await excelJsSheet(plain);
    const fromMac = await excelJsSheet(mac);
    expect(fromPlain.date1904).toBeFalsy();
    expect(fromMac.date1904).toBe(true);
    expect(fromMac.sheet.getCell('A1').value).toEqual(new Date(Date.UTC(2027, 5, 7)));
    expect(fromMac.sheet.getCell('A2').value).toEqual(new Date(Date.UTC(1904, 0, 1)));
    for (const a1 of ['A1', 'B1', 'C1', 'E1', 'A2', 'B2']) expect(fromMac.sheet.getCell(a1).value).toEqual(fromPlain.sheet.getCell(a1).value);
    // The serials really differ: 2027-06-07 is 46545 in the 1900 system and 45083 in the 1904 system.
    expect(sheetXml(plain)).toContain('<c r="A1" s="1"><v>46545</v></c>');
    expect(sheetXml(mac)).toContain('<c r="A1" s="1"><v>45083</v></c>');
  });

  it.each([
    ['date1904="1"', mac],
    ['date1904="true"', toDate1904(plain, { flag: 'true' })],
    ['Strict OOXML', toStrict(mac)],
  ])('a %s workbook reads the same calendar days as the plain file', async (_label, bytes) => {
    for (const snapshot of [readWorkbookBytes(bytes, 'mac.xlsx'), await readWorkbookBytesAsync(bytes, 'mac.xlsx', { lazyRows: { minSheetBytes: 0 } })]) {
      const sheet = snapshot.sheets[0]!;
      expect(valueAt(sheet, 1, 1)).toEqual({ kind: 'date', serial: 46545, iso: '2027-06-07' });
      expect(valueAt(sheet, 1, 2)).toEqual({ kind: 'date', serial: 46547, iso: '2027-06-09' });
      expect(valueAt(sheet, 2, 1)).toEqual({ kind: 'date', serial: 1462, iso: '1904-01-01' });
      expect(valueAt(sheet, 2, 2)).toEqual({ kind: 'date', serial: 45351, iso: '2024-02-29' });
      // A number without a date format is not a date: it is never shifted.
      expect(valueAt(sheet, 1, 3)).toEqual({ kind: 'number', number: 42 });
      expect(valueAt(sheet, 1, 5)).toEqual({ kind: 'number', number: 45083 });
      // The lazy reader's rows are a view, not an array: compare what they hold.
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(JSON.parse(JSON.stringify(readWorkbookBytes(plain, 'plain.xlsx'))));
    }
  });

  describe('patching a 1904 workbook', () => {
    const edit = (cell: string, row: number, col: number, from: Edit['from'], to: string, type: Edit['type']): Edit => ({
      sheet: SHEET,
      cell,
      row,
      col,
      from,
      to,
      type,
      ruleId: 'test-rule',
    });
    const edits = [
      edit('D1', 1, 4, '07/06/2027', '2027-06-14', 'date'),
      // A date cell's `from` is its calendar day: matching it needs the 1904 serial read right.
      edit('B1', 1, 2, '2027-06-09', '2027-06-07', 'date'),
    ];
    const outcome = patchWorkbook(mac, 'mac.xlsx', edits);

    it('writes each date as a 1904-system serial', () => {
      expect(outcome.skipped).toEqual([]);
      expect(outcome.applied.map((a) => a.edit.cell)).toEqual(['D1', 'B1']);
      const xml = sheetXml(outcome.bytes);
      expect(xml).toMatch(/<c r="D1" s="\d+"><v>45090<\/v><\/c>/);
      expect(xml).toMatch(/<c r="B1" s="2"><v>45083<\/v><\/c>/);
    });

    it('an independent reader sees the intended days, Mondays both', async () => {
      const { date1904, sheet } = await excelJsSheet(outcome.bytes);
      expect(date1904).toBe(true);
      const d1 = sheet.getCell('D1').value as Date;
      const b1 = sheet.getCell('B1').value as Date;
      expect(d1).toEqual(new Date(Date.UTC(2027, 5, 14)));
      expect(b1).toEqual(new Date(Date.UTC(2027, 5, 7)));
      expect([d1.getUTCDay(), b1.getUTCDay()]).toEqual([1, 1]);
    });

    it('reads back as the dates written', () => {
      const sheet = readWorkbookBytes(outcome.bytes, 'out.xlsx').sheets[0]!;
      expect(valueAt(sheet, 1, 4)).toEqual({ kind: 'date', serial: 46552, iso: '2027-06-14' });
      expect(valueAt(sheet, 1, 2)).toEqual({ kind: 'date', serial: 46545, iso: '2027-06-07' });
    });

    it('refuses a date before 1904-01-01, which the 1904 system cannot hold, and writes it in a 1900 workbook', () => {
      const early = [edit('D1', 1, 4, '07/06/2027', '1903-12-31', 'date')];
      const refused = patchWorkbook(mac, 'mac.xlsx', early);
      expect(refused.applied).toEqual([]);
      expect(refused.skipped.map((s) => [s.reason, s.message])).toEqual([
        ['date-out-of-range', "Data!D1: 1903-12-31 is before 1904-01-01, the first day this workbook's 1904 date system can hold"],
      ]);
      expect(refused.bytes).toBe(mac);
      const written = patchWorkbook(plain, 'plain.xlsx', early);
      expect(written.applied).toHaveLength(1);
      expect(sheetXml(written.bytes)).toMatch(/<c r="D1" s="\d+"><v>1461<\/v><\/c>/);
    });
  });
});
