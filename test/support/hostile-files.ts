import { deflateSync, strToU8, zipSync } from 'fflate';
import { buildWorkbook } from './ooxml-builder';
import { rewriteParts } from './xlsx-rewrite';

/** Files that are not workbooks, or hostile ones, each with the reason the reader must give. */

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function xlsBytes(): Uint8Array {
  const b = new Uint8Array(4096);
  b.set(CFB_MAGIC);
  b.set(strToU8('Workbook'), 1024);
  return b;
}

/** An OLE compound file holding an EncryptedPackage stream: how a password-protected .xlsx looks. */
export function encryptedBytes(): Uint8Array {
  const b = xlsBytes();
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  b.set(name, 2048);
  return b;
}

export const csvText = 'Group ID,Import MPAN Core\nAA,1312345678907\n';

export function truncatedWorkbook(): Uint8Array {
  const full = buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] });
  return full.subarray(0, Math.floor(full.length / 2));
}

/** A valid zip whose worksheet data is damaged (the deflate stream is garbage). */
export function corruptWorkbook(): Uint8Array {
  const bytes = buildWorkbook({ sheets: [{ name: 'S', rows: [['x', 'y', 'z']] }] }).slice();
  const name = strToU8('xl/worksheets/sheet1.xml');
  // Find the local header of the sheet and scribble over its compressed data.
  for (let i = 0; i < bytes.length - 30; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 3 && bytes[i + 3] === 4) {
      const nameLen = bytes[i + 26]! | (bytes[i + 27]! << 8);
      const extraLen = bytes[i + 28]! | (bytes[i + 29]! << 8);
      const stored = bytes.subarray(i + 30, i + 30 + nameLen);
      if (stored.length === name.length && stored.every((v, k) => v === name[k])) {
        const start = i + 30 + nameLen + extraLen;
        for (let k = start; k < start + 40; k++) bytes[k] = 0xff;
        return bytes;
      }
    }
  }
  throw new Error('sheet entry not found');
}

export function notAWorkbookZip(): Uint8Array {
  return zipSync({ 'word/document.xml': strToU8('<w:document/>'), '[Content_Types].xml': strToU8('<Types/>') });
}

/** A workbook whose worksheet inflates 24 MiB of zeros from a few kilobytes: a compression bomb. */
export function ratioBombWorkbook(): Uint8Array {
  const bomb = new Uint8Array(24 * 1024 * 1024);
  return buildWorkbook({ sheets: [{ name: 'S' }], extraEntries: { 'xl/worksheets/sheet1.xml': bomb }, level: 1 });
}

/** A worksheet entry whose header declares more than the per-part limit. */
export function declaredHugeWorkbook(): Uint8Array {
  const bytes = buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }] }).slice();
  const name = strToU8('xl/worksheets/sheet1.xml');
  for (let i = bytes.length - 46; i >= 0; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2) {
      const nameLen = bytes[i + 28]! | (bytes[i + 29]! << 8);
      const stored = bytes.subarray(i + 46, i + 46 + nameLen);
      if (stored.length === name.length && stored.every((v, k) => v === name[k])) {
        // uncompressed size := 0xF0000000 (3.75 GiB)
        bytes.set([0, 0, 0, 0xf0], i + 24);
        return bytes;
      }
    }
  }
  throw new Error('central record not found');
}

/** A zip with an entry named to escape the folder it would be extracted to. */
export function traversalWorkbook(): Uint8Array {
  return buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }], extraEntries: { '../../evil.sh': strToU8('echo pwned') } });
}

export function xlsbWorkbook(): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
    ),
    'xl/workbook.bin': deflateSync(new Uint8Array(16)),
  });
}

// ---- Issue 16: legal markup read as LibreOffice reads it, corrupt parts, bombs spread over parts ----

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every `<t>` text of sharedStrings.xml and every inline string as a CDATA section (as some producers write them). */
export function withCdataStrings(bytes: Uint8Array): Uint8Array {
  return rewriteParts(bytes, (name, text) =>
    name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/')
      ? text.replace(
          /<t( xml:space="preserve")?>([^<]*)<\/t>/g,
          (_m, space: string | undefined, body: string) => `<t${space ?? ''}><![CDATA[${unescapeXml(body)}]]></t>`,
        )
      : undefined,
  );
}

/**
 * XML comments inside `<v>` and `<t>` (splitting the value in two) and between rows and cells,
 * in the sheets and the shared strings; comments before the root element too.
 */
export function withComments(bytes: Uint8Array): Uint8Array {
  const split = (tag: string) => (m: string, attrs: string, body: string) =>
    body.length < 2 ? m : `<${tag}${attrs}>${body.slice(0, 1)}<!-- split ${tag} -->${body.slice(1)}</${tag}>`;
  return rewriteParts(bytes, (name, text) => {
    if (!(name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/') || name === 'xl/workbook.xml')) return undefined;
    return text
      .replace(/\?>\n?</, '?>\n<!-- made by a hostile producer --><')
      .replace(/<v>([^<]*)<\/v>/g, (m, body: string) => split('v')(m, '', body))
      .replace(/<t( xml:space="preserve")?>([^<]*)<\/t>/g, (m, attrs: string | undefined, body: string) => split('t')(m, attrs ?? '', body))
      .replace(/<\/row>/g, '</row><!-- a row ended -->')
      .replace(/<c r=/g, '<!-- <c r="Z9"><v>1</v></c> --><c r=')
      .replace(/<sheet /g, '<!-- <sheet name="Ghost"/> --><sheet ');
  });
}

/** Processing instructions after the declaration, between rows and inside `<v>`. */
export function withProcessingInstructions(bytes: Uint8Array): Uint8Array {
  return rewriteParts(bytes, (name, text) => {
    if (!(name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/') || name === 'xl/workbook.xml')) return undefined;
    return text
      .replace(/\?>\n?</, '?>\n<?mso-application progid="Excel.Sheet"?><')
      .replace(/<row /g, '<?producer row follows?><row ')
      .replace(/<v>([^<]*)<\/v>/g, '<v><?pi inside?>$1</v>');
  });
}

/** A DOCTYPE declaring an entity in workbook.xml, used in a sheet name. */
export function withDoctype(bytes: Uint8Array): Uint8Array {
  return rewriteParts(bytes, (name, text) =>
    name === 'xl/workbook.xml' ? text.replace(/\?>\n?</, '?>\n<!DOCTYPE workbook [<!ENTITY boom "Migration Authorisation">]><') : undefined,
  );
}

/** A part cut in half (its zip entry intact, so only the XML shows it). */
export function withTruncatedPart(bytes: Uint8Array, part: string): Uint8Array {
  return rewriteParts(bytes, (name, text) => (name === part ? text.slice(0, Math.floor(text.length / 2)) : undefined));
}

/** A Word document: what a .docx renamed to .xlsx holds. */
export function docxBytes(): Uint8Array {
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  const doc =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>';
  return zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(rels),
    'word/document.xml': strToU8(doc),
  });
}

/** workbook.xml naming `count` sheets that all point to the first sheet's part. */
export function sheetsSharingOnePart(bytes: Uint8Array, count: number): Uint8Array {
  return rewriteParts(bytes, (name, text) => {
    if (name !== 'xl/workbook.xml') return undefined;
    const sheets = Array.from({ length: count }, (_v, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId1"/>`).join('');
    return text.replace(/<sheets>.*<\/sheets>/, `<sheets>${sheets}</sheets>`);
  });
}

/**
 * `sheets` sheets, each a distinct part of `partBytes` bytes that compresses well but stays under
 * the per-part ratio check's threshold: a bomb only in total.
 */
export function manyPartBomb(sheets: number, partBytes: number): Uint8Array {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>';
  const tail = '</worksheet>';
  const part = (i: number): Uint8Array =>
    strToU8(`${head}<!--${String(i).padStart(6, '0')}${' '.repeat(Math.max(0, partBytes - head.length - tail.length - 13))}-->${tail}`);
  const extraEntries: Record<string, Uint8Array> = {};
  for (let i = 0; i < sheets; i++) extraEntries[`xl/worksheets/sheet${i + 1}.xml`] = part(i);
  return buildWorkbook({ sheets: Array.from({ length: sheets }, (_v, i) => ({ name: `S${i + 1}` })), extraEntries, level: 6 });
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);

/** Offsets of each central-directory record, by entry name. */
function centralRecords(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 46 <= bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2) {
      const nameLen = u16(bytes, i + 28);
      out.set(Buffer.from(bytes.subarray(i + 46, i + 46 + nameLen)).toString('latin1'), i);
    }
  }
  return out;
}

/** Two sheets whose central-directory entries point at the same local data: overlapping entries. */
export function overlappingEntries(): Uint8Array {
  const bytes = buildWorkbook({
    sheets: [
      { name: 'A', rows: [['x']] },
      { name: 'B', rows: [['y']] },
    ],
  }).slice();
  const records = centralRecords(bytes);
  const first = records.get('xl/worksheets/sheet1.xml')!;
  const second = records.get('xl/worksheets/sheet2.xml')!;
  // The second entry takes the first's local header offset, sizes and checksum: both read the same bytes.
  bytes.copyWithin(second + 16, first + 16, first + 28);
  bytes.copyWithin(second + 42, first + 42, first + 46);
  return bytes;
}
