import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/files/crc32';
import { WorkbookFileError } from '../../src/files/file-error';
import type { ZipArchive, ZipEntry } from '../../src/files/zip-archive';
import { readEntry, readEntryAsync } from '../../src/files/zip-archive';

/**
 * The asynchronous read lets zlib check an entry's CRC and size as it inflates; whatever that check
 * refuses is settled as the synchronous read settles it, with the same words.
 */
const TEXT = Buffer.from('<sst><si><t>checked on the threadpool</t></si></sst>');

function archiveOf(stored: Uint8Array, crc: number): { archive: ZipArchive; entry: ZipEntry } {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  const bytes = Buffer.concat([local, stored]);
  const entry: ZipEntry = {
    name: 'xl/sharedStrings.xml',
    method: 8,
    flags: 0,
    crc,
    compressedSize: stored.length,
    uncompressedSize: TEXT.length,
    localHeaderOffset: 0,
    centralRecord: new Uint8Array(0),
  };
  return { archive: { file: 'z.xlsx', bytes, entries: [entry], comment: new Uint8Array(0) }, entry };
}

describe('zip entry checks, synchronous and asynchronous', () => {
  it('reads a sound entry', async () => {
    const { archive, entry } = archiveOf(deflateRawSync(TEXT), crc32(TEXT));
    expect(Buffer.from(await readEntryAsync(archive, entry)).toString()).toBe(TEXT.toString());
    expect(Buffer.from(readEntry(archive, entry)).toString()).toBe(TEXT.toString());
  });

  it('reads a stream that ends before its stored bytes do, as the synchronous read does', async () => {
    const { archive, entry } = archiveOf(Buffer.concat([deflateRawSync(TEXT), Buffer.from('junk after the stream')]), crc32(TEXT));
    expect(Buffer.from(readEntry(archive, entry)).toString()).toBe(TEXT.toString());
    expect(Buffer.from(await readEntryAsync(archive, entry)).toString()).toBe(TEXT.toString());
  });

  it('refuses a wrong CRC with the same words', async () => {
    const { archive, entry } = archiveOf(deflateRawSync(TEXT), crc32(TEXT) ^ 1);
    const refusal = new WorkbookFileError('z.xlsx', 'not a valid workbook: zip entry "xl/sharedStrings.xml" fails its checksum');
    expect(() => readEntry(archive, entry)).toThrow(refusal);
    await expect(readEntryAsync(archive, entry)).rejects.toThrow(refusal);
  });
});
