import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Edit } from '../../src/engine/fix-planner';
import { cellAt } from '../../src/engine/snapshot';
import { patchWorkbook } from '../../src/files/cell-patcher';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { openZip, rawData } from '../../src/files/zip-archive';
import { STYLE, buildWorkbook } from '../support/ooxml-builder';
import { fakeVbaProject } from '../support/template-files';

const SHEET = 'Data';
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

function workbook(extra: Parameters<typeof buildWorkbook>[0]['extraEntries'] = {}): Uint8Array {
  return buildWorkbook({
    sheets: [
      { name: 'Instructions', rows: [['Read me']] },
      {
        name: SHEET,
        rows: [
          ['70b3d51f3000a008', 'e', '07/06/2027', { date: '2027-06-09' }, { formula: 'A1', result: 'x' }, 'keep'],
          [{ number: 5, style: STYLE.bold }, { styleOnly: STYLE.bold }, 'text with style'],
        ],
        validations: [{ sqref: 'B1:B9', source: '"E,G"' }],
      },
      { name: 'Lists', state: 'hidden', rows: [['Group ID'], ['AA']] },
    ],
    definedNames: { GroupIDs: 'Lists!$A$2:$A$2' },
    vbaProject: fakeVbaProject(),
    extraEntries: extra,
  });
}

const entriesOf = (bytes: Uint8Array): Record<string, string> => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v, true)]));

describe('cell patcher', () => {
  const original = workbook();
  const edits = [
    edit('A1', 1, 1, '70b3d51f3000a008', '70-B3-D5-1F-30-00-A0-08', 'text'),
    edit('B1', 1, 2, 'e', '', 'empty'),
    edit('C1', 1, 3, '07/06/2027', '2027-06-07', 'date'),
    edit('D1', 1, 4, '2027-06-09', '2027-06-07', 'date'),
  ];
  const outcome = patchWorkbook(original, 'in.xlsm', edits);

  it('applies every edit and reports before and after', () => {
    expect(outcome.skipped).toEqual([]);
    expect(outcome.applied.map((a) => [a.edit.cell, a.before.value, a.after.value])).toEqual([
      ['A1', { kind: 'text', text: '70b3d51f3000a008' }, { kind: 'text', text: '70-B3-D5-1F-30-00-A0-08' }],
      ['B1', { kind: 'text', text: 'e' }, { kind: 'empty' }],
      ['C1', { kind: 'text', text: '07/06/2027' }, { kind: 'date', serial: 46545, iso: '2027-06-07' }],
      ['D1', { kind: 'date', serial: 46547, iso: '2027-06-09' }, { kind: 'date', serial: 46545, iso: '2027-06-07' }],
    ]);
    expect(outcome.changedParts).toEqual(['xl/worksheets/sheet2.xml']);
  });

  it('keeps every other zip entry byte for byte (stored bytes, not just content)', () => {
    const before = openZip(original, 'in');
    const after = openZip(outcome.bytes, 'out');
    expect(after.entries.map((e) => e.name)).toEqual(before.entries.map((e) => e.name));
    for (const entry of before.entries) {
      const twin = after.entries.find((e) => e.name === entry.name)!;
      if (entry.name === 'xl/worksheets/sheet2.xml') continue;
      expect([entry.name, Buffer.from(rawData(after, twin)).equals(Buffer.from(rawData(before, entry)))]).toEqual([entry.name, true]);
      expect(twin.crc).toBe(entry.crc);
    }
    expect(unzipSync(outcome.bytes)['xl/vbaProject.bin']).toEqual(fakeVbaProject());
  });

  it('changes only the edited <c> elements of the worksheet', () => {
    const a = entriesOf(original)['xl/worksheets/sheet2.xml']!;
    const b = entriesOf(outcome.bytes)['xl/worksheets/sheet2.xml']!;
    const cells = (xml: string): string[] => xml.match(/<c r="[A-Z]+\d+"[^>]*?(?:\/>|>.*?<\/c>)/g) ?? [];
    const changed = cells(b).filter((c, i) => c !== cells(a)[i]);
    expect(changed).toEqual([
      '<c r="A1" t="inlineStr"><is><t>70-B3-D5-1F-30-00-A0-08</t></is></c>',
      '<c r="B1"/>',
      `<c r="C1" s="${STYLE.builtinDate}"><v>46545</v></c>`,
      `<c r="D1" s="${STYLE.builtinDate}"><v>46545</v></c>`,
    ]);
    expect(b.replace(/<sheetData>.*<\/sheetData>/, '')).toBe(a.replace(/<sheetData>.*<\/sheetData>/, ''));
  });

  it('writes a workbook that reads back with the new values, here and in exceljs', async () => {
    const sheet = readWorkbookBytes(outcome.bytes, 'out.xlsm').sheets[1]!;
    expect([1, 2, 3, 4].map((c) => cellAt(sheet, 1, c).value)).toEqual(outcome.applied.map((a) => a.after.value));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(outcome.bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws.getCell('A1').value).toBe('70-B3-D5-1F-30-00-A0-08');
    expect(ws.getCell('B1').value).toBeNull();
    expect(ws.getCell('C1').value).toEqual(new Date(Date.UTC(2027, 5, 7)));
    expect(ws.getCell('F1').value).toBe('keep');
  });

  it('skips an edit whose cell no longer holds the value it replaces, and a formula cell', () => {
    const result = patchWorkbook(original, 'in.xlsm', [
      edit('A1', 1, 1, 'something else', 'X', 'text'),
      edit('E1', 1, 5, 'x', 'y', 'text'),
      edit('Z9', 9, 26, 'gone', 'X', 'text'),
    ]);
    expect(result.applied).toEqual([]);
    expect(result.skipped.map((s) => [s.edit.cell, s.reason])).toEqual([
      ['A1', 'changed'],
      ['E1', 'formula'],
      ['Z9', 'changed'],
    ]);
    expect(result.bytes).toBe(original);
  });

  it('skips edits of a sheet that is not there', () => {
    const result = patchWorkbook(original, 'in.xlsm', [{ ...edit('A1', 1, 1, 'x', 'y', 'text'), sheet: 'Nope' }]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['missing-sheet']);
  });

  it('keeps the style when emptying a styled cell and escapes text', () => {
    const result = patchWorkbook(original, 'in.xlsm', [edit('A2', 2, 1, 5, '', 'empty'), edit('C2', 2, 3, 'text with style', ' a<b & "c" _x0041_ ', 'text')]);
    const xml = entriesOf(result.bytes)['xl/worksheets/sheet2.xml']!;
    expect(xml).toContain(`<c r="A2" s="${STYLE.bold}"/>`);
    const sheet = readWorkbookBytes(result.bytes, 'out').sheets[1]!;
    expect(cellAt(sheet, 2, 3).value).toEqual({ kind: 'text', text: ' a<b & "c" _x0041_ ' });
  });

  it('reuses an existing date style with the same look, leaving styles.xml alone', () => {
    const result = patchWorkbook(original, 'in.xlsm', [edit('C1', 1, 3, '07/06/2027', '2027-06-07', 'date')]);
    expect(result.changedParts).toEqual(['xl/worksheets/sheet2.xml']);
    expect(entriesOf(result.bytes)['xl/styles.xml']).toBe(entriesOf(original)['xl/styles.xml']);
  });

  it('appends one date style when the workbook has none, and says styles.xml changed', () => {
    const noDates =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';
    const bytes = workbook({ 'xl/styles.xml': strToU8(noDates) });
    const result = patchWorkbook(bytes, 'in.xlsm', [edit('C1', 1, 3, '07/06/2027', '2027-06-07', 'date'), edit('D1', 1, 4, 46547, '2027-06-07', 'date')]);
    expect(result.skipped).toEqual([]);
    expect([...result.changedParts].sort()).toEqual(['xl/styles.xml', 'xl/worksheets/sheet2.xml']);
    const styles = entriesOf(result.bytes)['xl/styles.xml']!;
    expect(styles).toContain('<cellXfs count="2">');
    expect(styles.match(/numFmtId="14"/g)).toHaveLength(1);
    const sheet = readWorkbookBytes(result.bytes, 'out').sheets[1]!;
    expect(cellAt(sheet, 1, 3).value).toEqual({ kind: 'date', serial: 46545, iso: '2027-06-07' });
    expect(cellAt(sheet, 1, 4).value).toEqual({ kind: 'date', serial: 46545, iso: '2027-06-07' });
  });
});
