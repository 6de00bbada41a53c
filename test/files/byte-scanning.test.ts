import { strToU8 } from 'fflate';
import { cellAt } from '../../src/engine/snapshot';
import type { SheetSnapshot } from '../../src/engine/snapshot';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { STYLE, buildWorkbook } from '../support/ooxml-builder';

/**
 * The reader scans worksheet and shared-string XML as UTF-8 bytes and decodes only the values it
 * keeps. These cases pin what that must not change: multi-byte characters at the ends of spans
 * (and around the short-span decoding path), entities, white space inside tags, prefixes, byte
 * order marks and Number() semantics for numeric text.
 */
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheetFrom(sheetXml: string, options: { sst?: string; sstBytes?: Uint8Array; sheetBytes?: Uint8Array } = {}): SheetSnapshot {
  const extraEntries: Record<string, Uint8Array> = { 'xl/worksheets/sheet1.xml': options.sheetBytes ?? strToU8(sheetXml) };
  if (options.sst !== undefined || options.sstBytes) extraEntries['xl/sharedStrings.xml'] = options.sstBytes ?? strToU8(options.sst!);
  // One shared string in the built sheet makes the builder write (and relate) sharedStrings.xml; ours replaces it.
  const bytes = buildWorkbook({ sheets: [{ name: 'S', rows: [['placeholder']] }], extraEntries });
  return readWorkbookBytes(bytes, 'bytes.xlsx').sheets[0]!;
}

const worksheet = (rows: string, prefix = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${MAIN_NS}"><${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}worksheet>`;

const sst = (items: readonly string[], prefix = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}sst xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${MAIN_NS}">${items.map((i) => `<${prefix}si>${i}</${prefix}si>`).join('')}</${prefix}sst>`;

const text = (t: string): unknown => ({ kind: 'text', text: t });

describe('byte scanning: multi-byte UTF-8 at the ends of values', () => {
  // Lengths straddle the 16-byte boundary between the short and the long decoding path.
  const values = [
    'é',
    '☺',
    '😀',
    'éa',
    'aé',
    `${'a'.repeat(15)}é`,
    `é${'a'.repeat(15)}`,
    `${'a'.repeat(14)}☺`,
    `${'b'.repeat(13)}😀`,
    `😀${'c'.repeat(20)}😀`,
    'ascii only, long enough to pass sixteen bytes',
  ];

  it.each(values)('reads %j as a shared, inline and formula string', (value) => {
    const rows = `<row r="1"><c r="A1" t="s"><v>${values.indexOf(value)}</v></c><c r="B1" t="inlineStr"><is><t>${value}</t></is></c><c r="C1" t="str"><f>X1</f><v>${value}</v></c></row>`;
    const sheet = sheetFrom(worksheet(rows), { sst: sst(values.map((v) => `<t>${v}</t>`)) });
    expect(cellAt(sheet, 1, 1).value).toEqual(text(value));
    expect(cellAt(sheet, 1, 2).value).toEqual(text(value));
    expect(cellAt(sheet, 1, 3)).toEqual({ value: text(value), formula: true });
  });

  it('reads a rich shared string whose runs end in multi-byte characters', () => {
    const sheet = sheetFrom(worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), {
      sst: sst(['<r><t>caf\u00e9</t></r><r><rPr><b/></rPr><t xml:space="preserve"> \u263a</t></r><rPh sb="0" eb="1"><t>\u3075</t></rPh>']),
    });
    expect(cellAt(sheet, 1, 1).value).toEqual(text('café ☺'));
  });
});

describe('byte scanning: entities and escapes in values', () => {
  it.each([
    ['&amp;', '&'],
    ['a &lt;b&gt; &quot;c&quot; &apos;d&apos;', 'a <b> "c" \'d\''],
    ['&#x263A;', '☺'],
    ['&#9786; and &#x1F600;', '☺ and 😀'],
    ['tab_x0009_end', 'tab\tend'],
    ['caf&#xE9;\u00e9', 'caféé'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodes %j in shared, inline and formula strings', (raw, expected) => {
    const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${raw}</t></is></c><c r="C1" t="str"><v>${raw}</v></c></row>`;
    const sheet = sheetFrom(worksheet(rows), { sst: sst([`<t>${raw}</t>`]) });
    expect([1, 2, 3].map((col) => cellAt(sheet, 1, col).value)).toEqual([text(expected), text(expected), text(expected)]);
  });

  it('decodes entities in error values and keeps an entity-written number as text', () => {
    const sheet = sheetFrom(worksheet('<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><v>#DIV/0&#33;</v></c><c r="C1"><v>&#49;</v></c></row>'));
    expect(cellAt(sheet, 1, 1).value).toEqual({ kind: 'error', error: '#N/A' });
    expect(cellAt(sheet, 1, 2).value).toEqual({ kind: 'error', error: '#DIV/0!' });
    expect(cellAt(sheet, 1, 3).value).toEqual(text('1'));
  });
});

describe('byte scanning: tags', () => {
  it('reads attributes separated by CR, LF and tabs, in either quote, with spaces around =', () => {
    const rows = '<row\r\nr="3"\r\n><c\r\nr="B3"\r\nt="s"><v>0</v></c><c\tt=\'s\'\tr=\'C3\'><v>1</v></c><c r = "D3" s="1"><v>46545</v></c></row>';
    const sheet = sheetFrom(worksheet(rows), { sst: sst(['<t>first</t>', '<t>second</t>']) });
    expect(cellAt(sheet, 3, 2).value).toEqual(text('first'));
    expect(cellAt(sheet, 3, 3).value).toEqual(text('second'));
    expect(cellAt(sheet, 3, 4).value).toEqual({ kind: 'date', serial: 46545, iso: '2027-06-07' });
  });

  it('reads a prefixed worksheet and a prefixed shared-string table', () => {
    const rows = '<x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c><x:c r="C1"><x:f>A1</x:f><x:v>2</x:v></x:c></x:row>';
    const sheet = sheetFrom(worksheet(rows, 'x:'), { sst: sst(['<x:t>plain \u263a</x:t>', '<x:r><x:t>ri</x:t></x:r><x:r><x:t>ch</x:t></x:r>'], 'x:') });
    expect(cellAt(sheet, 1, 1).value).toEqual(text('rich'));
    expect(cellAt(sheet, 1, 2).value).toEqual(text('plain ☺'));
    expect(cellAt(sheet, 1, 3)).toEqual({ value: { kind: 'number', number: 2 }, formula: true });
  });

  it('reads empty and self-closing shared strings as empty cells', () => {
    const sheet = sheetFrom(worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'), {
      sst: sst(['<t></t>', '<t/>']).replace('</sst>', '<si/></sst>'),
    });
    expect(sheet.rows).toEqual([]);
  });

  it('reads parts that start with a UTF-8 byte order mark', () => {
    const bom = (xml: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(xml)]);
    const sheet = sheetFrom('', { sheetBytes: bom(worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')), sstBytes: bom(sst(['<t>\u00e9t\u00e9</t>'])) });
    expect(cellAt(sheet, 1, 1).value).toEqual(text('été'));
  });

  it('reads parts written in UTF-16', () => {
    const utf16 = (xml: string): Uint8Array => new Uint8Array([0xff, 0xfe, ...Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    const sheet = sheetFrom('', {
      sheetBytes: utf16(worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>\u263a</t></is></c></row>')),
      sstBytes: utf16(sst(['<t>\u00e9</t>'])),
    });
    expect(cellAt(sheet, 1, 1).value).toEqual(text('é'));
    expect(cellAt(sheet, 1, 2).value).toEqual(text('☺'));
  });
});

describe('byte scanning: numbers keep Number() semantics', () => {
  it.each([
    ['42', 42],
    ['007', 7],
    ['1E3', 1000],
    [' 12 ', 12],
    ['-0.5', -0.5],
    ['+3', 3],
    ['.5', 0.5],
    ['0x1F', 31],
    ['123456789012345', 123456789012345],
    ['12345678901234567890', Number('12345678901234567890')],
  ])('reads <v>%s</v> as %p', (raw, expected) => {
    const sheet = sheetFrom(worksheet(`<row r="1"><c r="A1"><v>${raw}</v></c></row>`));
    expect(cellAt(sheet, 1, 1).value).toEqual({ kind: 'number', number: expected });
  });

  it.each([['Infinity'], ['1,5'], ['12abc']])('reads non-numeric <v>%s</v> as text', (raw) => {
    const sheet = sheetFrom(worksheet(`<row r="1"><c r="A1"><v>${raw}</v></c></row>`));
    expect(cellAt(sheet, 1, 1).value).toEqual(text(raw));
  });

  it('reads blank <v> as nothing and keeps distinct dates apart when they share a cache slot', () => {
    const rows = `<row r="1"><c r="A1"><v>  </v></c><c r="B1" s="${STYLE.builtinDate}"><v>46545</v></c><c r="C1" s="${STYLE.builtinDate}"><v>${46545 + 256}</v></c><c r="D1" s="${STYLE.builtinDate}"><v>46545</v></c><c r="E1" s="${STYLE.builtinDate}"><v>46545.75</v></c></row>`;
    const sheet = sheetFrom(worksheet(rows));
    expect(sheet.rows[0]![0]).toBeUndefined();
    expect([2, 3, 4, 5].map((col) => cellAt(sheet, 1, col).value)).toEqual([
      { kind: 'date', serial: 46545, iso: '2027-06-07' },
      { kind: 'date', serial: 46801, iso: '2028-02-18' },
      { kind: 'date', serial: 46545, iso: '2027-06-07' },
      { kind: 'date', serial: 46545.75, iso: '2027-06-07' },
    ]);
  });

  it('reads a shared string used many times as the same text every time', () => {
    const rows = Array.from(
      { length: 5 },
      (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i % 2}</v></c><c r="B${i + 1}" t="s"><f>X1</f><v>0</v></c></row>`,
    ).join('');
    const sheet = sheetFrom(worksheet(rows), { sst: sst(['<t>even</t>', '<t>odd</t>']) });
    expect([1, 2, 3, 4, 5].map((r) => cellAt(sheet, r, 1).value)).toEqual([text('even'), text('odd'), text('even'), text('odd'), text('even')]);
    expect(cellAt(sheet, 5, 2)).toEqual({ value: text('even'), formula: true });
  });
});
