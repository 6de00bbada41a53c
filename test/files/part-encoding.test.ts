import { unzipSync } from 'fflate';
import { patchWorkbook } from '../../src/files/cell-patcher';
import type { PartEncoding } from '../../src/files/part-encoding';
import { PartEncodingError, decodePart, encodePart } from '../../src/files/part-encoding';
import { readWorkbookBytes, readWorkbookBytesAsync } from '../../src/files/workbook-reader';
import type { StoredEncoding } from '../support/reencode-parts';
import { STORED_ENCODINGS, encodeXml, reencodeParts } from '../support/reencode-parts';
import { validMaRow } from '../support/sheet-builder';
import { templateWorkbookBytes } from '../support/template-files';
import { buildWorkbook } from '../support/ooxml-builder';
import { rewriteParts, rewriteSheet } from '../support/xlsx-rewrite';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst><si><t>Ünïcødé ✓ 𝄞 &amp; plain</t></si></sst>';
const EXPECTED: Readonly<Record<StoredEncoding, PartEncoding>> = {
  'utf-8-bom': { charset: 'utf-8', bom: true },
  'utf-16le-bom': { charset: 'utf-16le', bom: true },
  'utf-16be-bom': { charset: 'utf-16be', bom: true },
  'utf-16le': { charset: 'utf-16le', bom: false },
  'utf-16be': { charset: 'utf-16be', bom: false },
};
const utf16Declared = (xml: string): string => xml.replace('encoding="UTF-8"', 'encoding="UTF-16"');
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

describe('part encodings', () => {
  it('reads a plain UTF-8 part as a view of its bytes', () => {
    const bytes = Buffer.from(XML, 'utf8');
    const decoded = decodePart(bytes);
    expect(decoded.encoding).toEqual({ charset: 'utf-8', bom: false });
    expect(decoded.utf8.buffer).toBe(bytes.buffer);
    expect(text(decoded.utf8)).toBe(XML);
  });

  it.each(STORED_ENCODINGS)('reads a %s part as the same text, and knows how it was stored', (encoding) => {
    const decoded = decodePart(encodeXml(XML, encoding));
    expect(decoded.encoding).toEqual(EXPECTED[encoding]);
    expect(text(decoded.utf8)).toBe(encoding === 'utf-8-bom' ? XML : utf16Declared(XML));
  });

  it.each(STORED_ENCODINGS)('writes a %s part back byte for byte as it was stored', (encoding) => {
    const stored = encodeXml(XML, encoding);
    const decoded = decodePart(stored);
    expect(Buffer.from(encodePart(decoded.utf8, decoded.encoding)).equals(Buffer.from(stored))).toBe(true);
  });

  it.each([
    [
      'UTF-8 bytes declaring UTF-16 (what fix once wrote)',
      Buffer.from(utf16Declared(XML), 'utf8'),
      'declares encoding "utf-16" but its bytes are UTF-8 (8-bit) text',
    ],
    [
      'UTF-16LE bytes (byte order mark) declaring UTF-8',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(XML, 'utf16le')]),
      'declares encoding "utf-8" but its bytes are UTF-16LE text',
    ],
    [
      'UTF-16BE bytes declaring UTF-16LE',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(XML.replace('UTF-8', 'UTF-16LE'), 'utf16le').swap16()]),
      'declares encoding "utf-16le" but its bytes are UTF-16BE text',
    ],
    [
      'a UTF-8 byte order mark declaring UTF-16',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf16Declared(XML), 'utf8')]),
      'declares encoding "utf-16" but its bytes are UTF-8 (8-bit) text',
    ],
    [
      'bytes that are not UTF-8',
      Buffer.concat([Buffer.from('<?xml version="1.0"?><t>'), Buffer.from([0xc3, 0x28]), Buffer.from('</t>')]),
      'is not valid UTF-8 text',
    ],
    ['an odd number of UTF-16 bytes', Buffer.concat([encodeXml(XML, 'utf-16le-bom'), Buffer.from([0x3c])]), 'is not valid UTF-16LE text'],
    [
      'a lone UTF-16 surrogate',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16Declared(XML), 'utf16le'), Buffer.from([0x00, 0xd8, 0x3c, 0x00])]),
      'is not valid UTF-16LE text',
    ],
    ['UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0]), 'is UTF-32, which OOXML does not allow (only UTF-8 or UTF-16)'],
    [
      'ISO-8859-1 with bytes beyond ASCII',
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>caf\u00e9</t>', 'latin1'),
      'declares encoding "iso-8859-1", which OOXML does not allow (only UTF-8 or UTF-16)',
    ],
  ])('refuses %s', (_label, bytes, message) => {
    expect(() => decodePart(bytes)).toThrow(new PartEncodingError(message));
  });

  it('reads a part declared ISO-8859-1 whose bytes are all ASCII (the same text in either charset)', () => {
    const xml = "<?xml version='1.0' encoding='ISO-8859-1'?><t>plain</t>";
    expect(text(decodePart(Buffer.from(xml, 'latin1')).utf8)).toBe(xml);
  });
});

describe('workbooks whose parts are stored in other legal encodings', () => {
  const rows = [
    validMaRow(0),
    { ...validMaRow(1), smsoReference: 'Réf ✓ 𝄞 1', chfId: '00124b0000030001', earliestMigrationDate: '07/06/2027' },
    { ...validMaRow(2), mpan: '1200080636089', eis: 'Gas' },
  ];
  const plain = templateWorkbookBytes(rows);
  const plainSnapshot = readWorkbookBytes(plain, 'plain.xlsx');
  const isSheet = (name: string): boolean => name.startsWith('xl/worksheets/');

  it.each(STORED_ENCODINGS)('every part stored as %s reads exactly like the plain file', async (encoding) => {
    const bytes = reencodeParts(plain, encoding);
    expect(readWorkbookBytes(bytes, 'encoded.xlsx')).toEqual(plainSnapshot);
    expect(await readWorkbookBytesAsync(bytes, 'encoded.xlsx')).toEqual(plainSnapshot);
  });

  it.each(STORED_ENCODINGS)('only the worksheets stored as %s read exactly like the plain file', (encoding) => {
    expect(readWorkbookBytes(reencodeParts(plain, encoding, isSheet), 'encoded.xlsx')).toEqual(plainSnapshot);
  });

  it('a worksheet whose bytes are UTF-8 but whose declaration says UTF-16 is refused, naming the file and part', () => {
    const mismatched = rewriteSheet(plain, 2, utf16Declared);
    expect(() => readWorkbookBytes(mismatched, 'mismatch.xlsx')).toThrow(
      'mismatch.xlsx: not a valid workbook: part xl/worksheets/sheet2.xml declares encoding "utf-16" but its bytes are UTF-8 (8-bit) text',
    );
  });
});

describe('patching parts stored in UTF-16', () => {
  // No date style at all, so writing a date appends one to styles.xml.
  const noDateStyles = rewriteParts(buildWorkbook({ sheets: [{ name: 'Data', rows: [['07/06/2027', 'keep']] }] }), (name, xml) =>
    name === 'xl/styles.xml' ? xml.replace('numFmtId="14"', 'numFmtId="0"').replace('formatCode="dd/mm/yyyy"', 'formatCode="0.00"') : undefined,
  );

  it.each<[StoredEncoding, string]>([
    ['utf-16le-bom', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
  ])('writes the sheet and an appended date style in %s, as they were stored', (encoding, charset) => {
    const input = reencodeParts(noDateStyles, encoding);
    const outcome = patchWorkbook(input, 'in.xlsx', [
      { sheet: 'Data', cell: 'A1', row: 1, col: 1, from: '07/06/2027', to: '2027-06-07', type: 'date', ruleId: 'date-invalid' },
    ]);
    expect([...outcome.changedParts].sort()).toEqual(['xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    const before = unzipSync(input);
    const after = unzipSync(outcome.bytes);
    for (const name of outcome.changedParts) {
      expect(Buffer.from(after[name]!.subarray(0, 4))).toEqual(Buffer.from(before[name]!.subarray(0, 4)));
      const xml = new TextDecoder(charset, { fatal: true }).decode(after[name]);
      expect(xml).toMatch(/^\uFEFF?<\?xml[^?]*encoding="UTF-16"/);
      if (name === 'xl/styles.xml') expect(xml).toContain('<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>');
      else expect(xml).toContain('<c r="A1" s="5"><v>46545</v></c>');
    }
    expect(readWorkbookBytes(outcome.bytes, 'out.xlsx').sheets[0]!.rows[0]![0]).toEqual({ value: { kind: 'date', serial: 46545, iso: '2027-06-07' } });
  });
});
