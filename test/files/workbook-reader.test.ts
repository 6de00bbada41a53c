import { strToU8 } from 'fflate';
import { cellAt } from '../../src/engine/snapshot';
import type { SheetSnapshot } from '../../src/engine/snapshot';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { STYLE, buildWorkbook } from '../support/ooxml-builder';

const valueAt = (sheet: SheetSnapshot, a1: string): unknown => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  const cell = cellAt(sheet, Number(m[2]), col);
  return cell.formula ? { ...cell.value, formula: true } : cell.value;
};

describe('workbook reader: cell types', () => {
  const bytes = buildWorkbook({
    sheets: [
      {
        name: 'Data',
        rows: [
          ['shared', 42, true, { date: '2025-01-06' }, { date: '2024-02-29', style: 'custom' }, { error: '#N/A' }],
          [
            { inline: '  padded ' },
            { rich: ['Bold', ' and plain'], phonetic: 'ふりがな' },
            { formula: 'A1&""', result: 'shared' },
            { formula: 'B1*2', result: 84 },
            { formula: 'NA()', error: '#REF!' },
            false,
          ],
          [{ formula: 'A99', result: '' }, { formula: 'A98' }, { number: 45663, style: STYLE.text }, { styleOnly: STYLE.bold }, 'a & b < c', '#N/A'],
        ],
      },
    ],
  });
  const sheet = readWorkbookBytes(bytes, 'types.xlsx').sheets[0]!;

  it.each([
    ['A1', { kind: 'text', text: 'shared' }],
    ['B1', { kind: 'number', number: 42 }],
    ['C1', { kind: 'boolean', boolean: true }],
    ['D1', { kind: 'date', serial: 45663, iso: '2025-01-06' }],
    ['E1', { kind: 'date', serial: 45351, iso: '2024-02-29' }],
    ['F1', { kind: 'error', error: '#N/A' }],
    ['A2', { kind: 'text', text: '  padded ' }],
    ['B2', { kind: 'text', text: 'Bold and plain' }],
    ['C2', { kind: 'text', text: 'shared', formula: true }],
    ['D2', { kind: 'number', number: 84, formula: true }],
    ['E2', { kind: 'error', error: '#REF!', formula: true }],
    ['F2', { kind: 'boolean', boolean: false }],
    ['A3', { kind: 'empty', formula: true }],
    ['B3', { kind: 'empty', formula: true }],
    ['C3', { kind: 'number', number: 45663 }],
    ['D3', { kind: 'empty' }],
    ['E3', { kind: 'text', text: 'a & b < c' }],
    ['F3', { kind: 'text', text: '#N/A' }],
  ])('%s reads as %j', (a1, expected) => {
    expect(valueAt(sheet, a1)).toEqual(expected);
  });

  it('stores styled blank cells as nothing at all', () => {
    expect(sheet.rows[2]![3]).toBeUndefined();
  });
});

describe('workbook reader: workbook structure', () => {
  const bytes = buildWorkbook({
    sheets: [
      {
        name: 'Migration Authorisation',
        rows: [['Group ID']],
        validations: [
          { sqref: 'A7:A1048576', source: '"EA,EB,EC"' },
          { sqref: 'K7:K100 L7', source: 'Lists!$B$2:$B$3', x14: true },
        ],
      },
      {
        name: 'Lists',
        state: 'hidden',
        rows: [
          ['Group ID', 'Energy Installation Supplier'],
          ['EA', 'E'],
          ['EB', 'G'],
        ],
      },
      { name: 'Secret', state: 'veryHidden', rows: [['x']] },
    ],
    definedNames: { GroupIDs: 'Lists!$A$2:$A$3', "'My List'": "'My Lists'!$A$2:$A$9" },
    vbaProject: new Uint8Array([1, 2, 3]),
  });
  const wb = readWorkbookBytes(bytes, 'structure.xlsm');

  it('keeps sheet order, names and visibility', () => {
    expect(wb.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ['Migration Authorisation', false],
      ['Lists', true],
      ['Secret', true],
    ]);
  });

  it('reads list validations in classic and x14 form', () => {
    expect(wb.sheets[0]!.validations).toEqual([
      { sqref: 'A7:A1048576', source: '"EA,EB,EC"' },
      { sqref: 'K7:K100 L7', source: 'Lists!$B$2:$B$3' },
    ]);
  });

  it('reads workbook-scoped defined names', () => {
    expect(wb.definedNames).toEqual({ GroupIDs: 'Lists!$A$2:$A$3', "'My List'": "'My Lists'!$A$2:$A$9" });
  });
});

describe('workbook reader: sparse and unusual sheets', () => {
  it('does not allocate for empty space in a sheet with absurd dimensions', () => {
    const bytes = buildWorkbook({ sheets: [{ name: 'Far', dimension: 'A1:XFD1048576', cells: { A1: 'top', XFD1048576: 'corner', C500000: 7 } }] });
    const sheet = readWorkbookBytes(bytes, 'far.xlsx').sheets[0]!;
    expect(sheet.rows.length).toBe(1048576);
    // A sparse array: only the rows that hold cells exist as keys.
    expect(Object.keys(sheet.rows)).toEqual(['0', '499999', '1048575']);
    expect(Object.keys(sheet.rows[1048575]!)).toEqual(['16383']);
    expect(cellAt(sheet, 1048576, 16384).value).toEqual({ kind: 'text', text: 'corner' });
    expect(cellAt(sheet, 500000, 3).value).toEqual({ kind: 'number', number: 7 });
  });

  it('reads cells without r attributes by position', () => {
    const bytes = buildWorkbook({ sheets: [{ name: 'S', omitRefs: true, rows: [['a', 'b'], ['c']] }], strings: 'inline' });
    const sheet = readWorkbookBytes(bytes, 'norefs.xlsx').sheets[0]!;
    expect(cellAt(sheet, 1, 2).value).toEqual({ kind: 'text', text: 'b' });
    expect(cellAt(sheet, 2, 1).value).toEqual({ kind: 'text', text: 'c' });
  });

  it('reads an empty sheet as no rows', () => {
    const sheet = readWorkbookBytes(buildWorkbook({ sheets: [{ name: 'Empty' }] }), 'empty.xlsx').sheets[0]!;
    expect(sheet.rows).toEqual([]);
  });

  it('reads worksheets written with a namespace prefix, entities and _xHHHH_ escapes', () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>caf&#xE9; &amp; tab_x0009_end</x:t></x:is></x:c><x:c r="C2"><x:v>1.5</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const bytes = buildWorkbook({ sheets: [{ name: 'P' }], extraEntries: { 'xl/worksheets/sheet1.xml': strToU8(xml) } });
    const sheet = readWorkbookBytes(bytes, 'prefixed.xlsx').sheets[0]!;
    expect(cellAt(sheet, 2, 2).value).toEqual({ kind: 'text', text: 'café & tab\tend' });
    expect(cellAt(sheet, 2, 3).value).toEqual({ kind: 'number', number: 1.5 });
  });
});
