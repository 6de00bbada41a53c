/**
 * Helpers for scanning UTF-8 XML as bytes. A worksheet part is tens of megabytes; decoding it
 * whole to a JS string costs more than scanning it, so the scanners walk the bytes and decode only
 * the spans they keep. Every delimiter they look for is ASCII, and no byte of a multi-byte UTF-8
 * sequence is below 0x80, so a span between two delimiters never splits a character. Parts stored
 * in UTF-16 reach the scanners already decoded to UTF-8 (see part-encoding).
 */

/** A Buffer view of the same memory (no copy): Buffer's native decoders and searches. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The bytes of an ASCII literal (tag names, prefixes). */
export function asciiBytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/**
 * The text of bytes[from, to) as UTF-8. Pure-ASCII spans (nearly all cell values) take the latin1
 * decoder, which copies bytes without validating sequences; building short strings a character at
 * a time in JS made a temporary string per character.
 */
export function decodeUtf8(bytes: Buffer, from: number, to: number): string {
  for (let i = from; i < to; i++) if (bytes[i]! >= 0x80) return bytes.toString('utf8', from, to);
  return bytes.toString('latin1', from, to);
}

/** Index of `byte` in bytes[from, to), or -1. A plain loop: the distances scanned are short. */
export function indexOfByte(bytes: Uint8Array, byte: number, from: number, to: number = bytes.length): number {
  for (let i = from; i < to; i++) if (bytes[i] === byte) return i;
  return -1;
}

/** True when `needle` occurs in `bytes` at `at`. */
export function bytesAt(bytes: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > bytes.length) return false;
  for (let k = 0; k < needle.length; k++) if (bytes[at + k] !== needle[k]) return false;
  return true;
}

/** Index of `needle` in bytes[from, to), or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from: number, to: number = bytes.length): number {
  const first = needle[0];
  const last = to - needle.length;
  for (let i = from; i <= last; i++) if (bytes[i] === first && bytesAt(bytes, needle, i)) return i;
  return -1;
}

/** XML white space and the ends of a tag name: space, tab, CR, LF, `>` and `/`. */
export function isDelimiter(ch: number | undefined): boolean {
  return ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13;
}

export function isSpace(ch: number | undefined): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/**
 * The non-negative integer written as plain digits in bytes[from, to) (at most 15, so exact),
 * or -1 for anything else: callers then fall back to Number() on the decoded text.
 */
export function plainDigits(bytes: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
