import * as zlib from 'node:zlib';
import { crc32 } from './crc32';
import { WorkbookFileError } from './file-error';

/**
 * A minimal ZIP reader that keeps each entry's raw bytes addressable, so the patcher can copy
 * untouched entries verbatim and the reader can inflate only the parts it needs.
 */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** The entry's central directory record, byte for byte. */
  readonly centralRecord: Uint8Array;
}

export interface ZipArchive {
  readonly file: string;
  readonly bytes: Uint8Array;
  /** In central directory order. */
  readonly entries: readonly ZipEntry[];
  /** The archive comment as stored after the end-of-central-directory record. */
  readonly comment: Uint8Array;
}

/**
 * Zip-bomb guards. A part may not inflate past `maxPartBytes`; a part larger than
 * `ratioCheckFromBytes` may not inflate more than `maxRatio` times its compressed size (Apache POI
 * uses the same idea with a 1:100 ratio; worksheet XML of real templates stays well under 1:100).
 */
export interface ZipLimits {
  readonly maxPartBytes: number;
  /**
   * Bytes all the parts read from one archive may inflate to together, so a bomb spread over many
   * parts (1,000 parts of 15 MiB, each under the per-part limits) is refused as well. Defaults to
   * DEFAULT_ZIP_LIMITS's.
   */
  readonly maxTotalBytes?: number;
  readonly maxRatio: number;
  readonly ratioCheckFromBytes: number;
}

// Measured: a 100,000-row Migration Authorisation's parts inflate to 63 MiB in all (40 MiB sheet,
// 23 MiB shared strings). 1 GiB leaves room for some 1,600,000 rows, five times a 300,000-row template.
const DEFAULT_MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxPartBytes: 512 * 1024 * 1024,
  maxTotalBytes: DEFAULT_MAX_TOTAL_BYTES,
  maxRatio: 200,
  ratioCheckFromBytes: 16 * 1024 * 1024,
});

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const UTF8_FLAG = 0x0800;
const ENCRYPTED_FLAG = 0x0001;
export const DESCRIPTOR_FLAG = 0x0008;

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (u32(bytes, i) === EOCD_SIGNATURE && i + 22 + u16(bytes, i + 20) === bytes.length) return i;
  }
  for (let i = bytes.length - 22; i >= stop; i--) if (u32(bytes, i) === EOCD_SIGNATURE) return i;
  return -1;
}

/** Refuses names that could escape a folder if anyone ever extracted the package. */
function isUnsafeName(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.includes('\u0000')) return true;
  return name.split(/[\\/]/).some((segment) => segment === '..');
}

export function openZip(bytes: Uint8Array, file: string): ZipArchive {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw new WorkbookFileError(file, 'not a valid workbook: the zip archive is truncated or corrupt (no end-of-central-directory record)');
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new WorkbookFileError(file, 'ZIP64 archives are not supported (workbook over 4 GiB?)');
  if (cdOffset + cdSize > eocd) throw new WorkbookFileError(file, 'not a valid workbook: the zip archive is truncated or corrupt');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(bytes, p) !== CENTRAL_SIGNATURE) throw new WorkbookFileError(file, 'not a valid workbook: the zip central directory is corrupt');
    const flags = u16(bytes, p + 8);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > eocd) throw new WorkbookFileError(file, 'not a valid workbook: the zip central directory is corrupt');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = (flags & UTF8_FLAG ? utf8 : latin1).decode(rawName);
    if (isUnsafeName(name)) throw new WorkbookFileError(file, `refused: zip entry name "${name}" points outside the package`);
    const entry: ZipEntry = {
      name,
      flags,
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      uncompressedSize: u32(bytes, p + 24),
      localHeaderOffset: u32(bytes, p + 42),
      centralRecord: bytes.subarray(p, end),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      throw new WorkbookFileError(file, 'ZIP64 archives are not supported (workbook over 4 GiB?)');
    }
    entries.push(entry);
    p = end;
  }
  refuseOverlaps(bytes, entries, cdOffset, file);
  return { file, bytes, entries, comment: bytes.subarray(eocd + 22, eocd + 22 + u16(bytes, eocd + 20)) };
}

/**
 * Each entry's local record (header and data) must lie apart from every other's and before the
 * central directory. Overlapping entries are how a small zip makes many parts out of one stored
 * stream (a "non-recursive" zip bomb); no zip writer produces them. A local header that cannot be
 * read is left for the read of that entry to report.
 */
function refuseOverlaps(bytes: Uint8Array, entries: readonly ZipEntry[], cdOffset: number, file: string): void {
  const spans: Array<{ start: number; end: number; name: string }> = [];
  for (const e of entries) {
    const o = e.localHeaderOffset;
    const readable = o + 30 <= bytes.length && u32(bytes, o) === LOCAL_SIGNATURE;
    const end = readable ? o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28) + e.compressedSize : o + 1;
    spans.push({ start: o, end, name: e.name });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const next = spans[i + 1];
    if (next && span.end > next.start) {
      throw new WorkbookFileError(file, `refused: zip entries "${span.name}" and "${next.name}" overlap (a zip bomb or a damaged archive)`);
    }
    if (span.end > cdOffset && span.start < cdOffset) {
      throw new WorkbookFileError(file, `refused: zip entry "${span.name}" overlaps the zip's central directory (a zip bomb or a damaged archive)`);
    }
  }
}

/** Case-insensitive part lookup (OPC part names are case-insensitive). Leading "/" is ignored. */
export function findEntry(archive: ZipArchive, name: string): ZipEntry | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return archive.entries.find((e) => e.name.toLowerCase() === wanted);
}

/** Offset of the entry's compressed data. */
function dataOffset(archive: ZipArchive, entry: ZipEntry): number {
  const b = archive.bytes;
  const o = entry.localHeaderOffset;
  if (o + 30 > b.length || u32(b, o) !== LOCAL_SIGNATURE) {
    throw new WorkbookFileError(archive.file, `not a valid workbook: zip entry "${entry.name}" is missing or corrupt`);
  }
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  if (start + entry.compressedSize > b.length) {
    throw new WorkbookFileError(archive.file, `not a valid workbook: the zip archive is truncated inside "${entry.name}"`);
  }
  return start;
}

/** End of the entry's local record: header, data and (when flagged) its data descriptor. */
export function localRecordEnd(archive: ZipArchive, entry: ZipEntry): number {
  let end = dataOffset(archive, entry) + entry.compressedSize;
  if (entry.flags & DESCRIPTOR_FLAG) end += end + 4 <= archive.bytes.length && u32(archive.bytes, end) === DESCRIPTOR_SIGNATURE ? 16 : 12;
  return Math.min(end, archive.bytes.length);
}

/** The entry's stored (still compressed) bytes. */
export function rawData(archive: ZipArchive, entry: ZipEntry): Uint8Array {
  const start = dataOffset(archive, entry);
  return archive.bytes.subarray(start, start + entry.compressedSize);
}

/** Bytes already granted for inflating, per archive: the parts of one file share maxTotalBytes. */
const inflatedBytes = new WeakMap<ZipArchive, number>();

/**
 * The checks that come before inflating (encryption, declared size and ratio limits, a readable
 * local header, a known method), shared by the synchronous and asynchronous readers so both refuse
 * the same entries with the same words. Returns the stored bytes.
 */
function storedData(archive: ZipArchive, entry: ZipEntry, limits: ZipLimits): Uint8Array {
  const { file } = archive;
  if (entry.flags & ENCRYPTED_FLAG) throw new WorkbookFileError(file, `zip entry "${entry.name}" is encrypted`);
  const size = entry.uncompressedSize;
  if (size > limits.maxPartBytes) {
    throw new WorkbookFileError(file, `refused: part "${entry.name}" would inflate to ${size} bytes, over the ${limits.maxPartBytes}-byte limit`);
  }
  if (size > limits.ratioCheckFromBytes && size > limits.maxRatio * Math.max(1, entry.compressedSize)) {
    throw new WorkbookFileError(
      file,
      `refused: part "${entry.name}" compresses ${Math.round(size / Math.max(1, entry.compressedSize))}:1, over the ${limits.maxRatio}:1 limit (zip bomb?)`,
    );
  }
  const total = (inflatedBytes.get(archive) ?? 0) + size;
  const maxTotal = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  if (total > maxTotal) {
    throw new WorkbookFileError(file, `refused: the parts read would inflate to more than ${maxTotal} bytes in all, at part "${entry.name}" (zip bomb?)`);
  }
  const data = rawData(archive, entry);
  inflatedBytes.set(archive, total);
  if (entry.method === 0) {
    if (entry.compressedSize !== size) throw new WorkbookFileError(file, `not a valid workbook: zip entry "${entry.name}" is corrupt`);
  } else if (entry.method !== 8) {
    throw new WorkbookFileError(file, `zip entry "${entry.name}" uses unsupported compression method ${entry.method}`);
  }
  return data;
}

/** True when the entry's stored bytes must go through inflate (deflated and not empty). */
function needsInflate(entry: ZipEntry): boolean {
  return entry.method === 8 && entry.uncompressedSize > 0;
}

/**
 * Node's native inflate is several times faster than a JS one on 40 MB sheets, and
 * maxOutputLength stops a stream that inflates past its declared size: a lying header cannot make
 * us allocate more than the limits allowed. One chunk of the declared size avoids concatenating
 * many small ones.
 */
function inflateOptions(entry: ZipEntry): zlib.ZlibOptions {
  const size = entry.uncompressedSize;
  return { maxOutputLength: size, chunkSize: Math.max(64, Math.min(size, 1 << 30)) };
}

function inflateFailure(archive: ZipArchive, entry: ZipEntry, e: unknown): WorkbookFileError {
  const tooLarge = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
  return new WorkbookFileError(archive.file, `not a valid workbook: zip entry "${entry.name}" ${tooLarge ? 'inflates past its declared size' : 'is corrupt'}`);
}

/** The checks after inflating: the declared size and the CRC. */
function checkedOutput(archive: ZipArchive, entry: ZipEntry, out: Uint8Array): Uint8Array {
  if (out.length !== entry.uncompressedSize)
    throw new WorkbookFileError(archive.file, `not a valid workbook: zip entry "${entry.name}" is corrupt or truncated`);
  if (crc32(out) !== entry.crc) throw new WorkbookFileError(archive.file, `not a valid workbook: zip entry "${entry.name}" fails its checksum`);
  return out;
}

/** Inflates one entry, refusing sizes and ratios beyond `limits` and checking its CRC. */
export function readEntry(archive: ZipArchive, entry: ZipEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Uint8Array {
  const data = storedData(archive, entry, limits);
  if (!needsInflate(entry)) return checkedOutput(archive, entry, entry.method === 8 ? new Uint8Array(0) : data);
  let out: Uint8Array;
  try {
    out = zlib.inflateRawSync(data, inflateOptions(entry));
  } catch (e) {
    throw inflateFailure(archive, entry, e);
  }
  return checkedOutput(archive, entry, out);
}

/**
 * readEntry with the inflating done on libuv's threadpool, so the main thread can parse other parts
 * meanwhile. Every refusal, including the checks that need no inflating, arrives as a rejection:
 * a caller that starts several entries early still meets their errors in the order it awaits them.
 *
 * The stored stream is first inflated framed as a gzip member whose trailer holds the entry's CRC
 * and size: zlib then checks both on the threadpool as it inflates, and the main thread is spared a
 * pass over tens of megabytes. Any failure there is settled by the plain path, which names it as
 * readEntry does (and reads a stream that ends before its stored bytes do, as readEntry does).
 */
export async function readEntryAsync(archive: ZipArchive, entry: ZipEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Uint8Array> {
  const data = storedData(archive, entry, limits);
  if (!needsInflate(entry)) return checkedOutput(archive, entry, entry.method === 8 ? new Uint8Array(0) : data);
  const checked = await gunzipped(data, entry);
  if (checked) return checked;
  const out = await new Promise<Uint8Array>((resolve, reject) => {
    zlib.inflateRaw(data, inflateOptions(entry), (e, result) => (e ? reject(inflateFailure(archive, entry, e)) : resolve(result)));
  });
  return checkedOutput(archive, entry, out);
}

/**
 * The entry's deflate stream inflated as a gzip member (RFC 1952): header, the stored bytes, then
 * the entry's CRC and size as the trailer, written to the stream one after the other so the stored
 * bytes are not copied. Undefined when zlib refuses it or it inflates to another size.
 */
function gunzipped(data: Uint8Array, entry: ZipEntry): Promise<Buffer | undefined> {
  const size = entry.uncompressedSize;
  return new Promise((resolve) => {
    const gunzip = zlib.createGunzip({ chunkSize: inflateOptions(entry).chunkSize });
    const chunks: Buffer[] = [];
    let length = 0;
    gunzip.on('data', (chunk: Buffer) => {
      length += chunk.length;
      // The stream has no maxOutputLength: a lying size is caught here, as readEntry's limit would.
      if (length > size) {
        gunzip.destroy();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    gunzip.on('error', () => resolve(undefined));
    gunzip.on('end', () => resolve(length !== size ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(entry.crc >>> 0, 0);
    trailer.writeUInt32LE(size >>> 0, 4);
    gunzip.write(GZIP_HEADER);
    gunzip.write(data);
    gunzip.end(trailer);
  });
}

/** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
const GZIP_HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
