import { deflateSync, strToU8, zipSync } from 'fflate';
import { buildWorkbook } from './ooxml-builder';

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
