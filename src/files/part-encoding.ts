import { isUtf8 } from 'node:buffer';

/**
 * How an XML part's bytes encode its text. OPC allows UTF-8 and UTF-16 (ECMA-376 Part 2, 8.1.4);
 * the scanners read UTF-8, so a part is decoded to UTF-8 once when read, and a part `fix` rewrites
 * is encoded back the way it came (same charset, same byte order mark), so every consumer reads
 * it as it read the original.
 *
 * The encoding is found as XML 1.0 (Appendix F) says: from a byte order mark, else from the first
 * bytes of the XML declaration, else UTF-8. A declaration that names another encoding than the
 * bytes are in is an error, never guessed past: that mismatch is exactly what makes another
 * consumer read a part as empty.
 */
export interface PartEncoding {
  readonly charset: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** The part starts with a byte order mark. */
  readonly bom: boolean;
}

export const PLAIN_UTF8: PartEncoding = Object.freeze({ charset: 'utf-8', bom: false });

export interface DecodedPart {
  /** The text as UTF-8, without a byte order mark. A view of the original bytes when they are UTF-8. */
  readonly utf8: Buffer;
  readonly encoding: PartEncoding;
}

/** A part whose bytes are not text in an encoding this reader (and OPC) accepts. */
export class PartEncodingError extends Error {}

const view = (bytes: Uint8Array, from = 0): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from);
const startsWith = (bytes: Uint8Array, ...magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** The charset and where the text starts, from the byte order mark or the declaration's first bytes. */
function sniff(bytes: Uint8Array): { encoding: PartEncoding; start: number } {
  if (startsWith(bytes, 0xff, 0xfe, 0, 0) || startsWith(bytes, 0, 0, 0xfe, 0xff))
    throw new PartEncodingError('is UTF-32, which OOXML does not allow (only UTF-8 or UTF-16)');
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { encoding: { charset: 'utf-8', bom: true }, start: 3 };
  if (startsWith(bytes, 0xff, 0xfe)) return { encoding: { charset: 'utf-16le', bom: true }, start: 2 };
  if (startsWith(bytes, 0xfe, 0xff)) return { encoding: { charset: 'utf-16be', bom: true }, start: 2 };
  // `<?` in UTF-16 without a byte order mark: only a declaration can start such a part.
  if (startsWith(bytes, 0x3c, 0, 0x3f, 0)) return { encoding: { charset: 'utf-16le', bom: false }, start: 0 };
  if (startsWith(bytes, 0, 0x3c, 0, 0x3f)) return { encoding: { charset: 'utf-16be', bom: false }, start: 0 };
  return { encoding: PLAIN_UTF8, start: 0 };
}

/** The longest XML declaration read: `<?xml version="1.0" encoding="…" standalone="yes"?>` is well under it. */
const DECLARATION_SCAN = 256;

/** The encoding name an XML declaration at the start of `text` gives, lower-cased, or undefined. */
function declaredEncoding(text: string): string | undefined {
  if (!text.startsWith('<?xml')) return undefined;
  const end = text.indexOf('?>');
  const declaration = text.slice(0, end < 0 ? DECLARATION_SCAN : Math.min(end, DECLARATION_SCAN));
  const match = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(declaration);
  return match ? (match[1] ?? match[2]!).trim().toLowerCase() : undefined;
}

const UTF16_NAMES: Readonly<Record<string, PartEncoding['charset'] | 'either'>> = { 'utf-16': 'either', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be' };
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

const charsetName = (charset: PartEncoding['charset']): string => ({ 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' })[charset];

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/**
 * `bytes`: the part as stored, for UTF-8. A part in pure ASCII reads the same in every 8-bit
 * charset, so a declaration like ISO-8859-1 is harmless there; with other bytes it would be misread.
 */
function checkDeclaration(declared: string | undefined, actual: PartEncoding['charset'], bytes?: Uint8Array): void {
  if (declared === undefined) return;
  const utf16 = UTF16_NAMES[declared];
  if (actual === 'utf-8') {
    if (UTF8_NAMES.has(declared)) return;
    if (utf16) throw new PartEncodingError(`declares encoding "${declared}" but its bytes are UTF-8 (8-bit) text`);
    if (bytes && isAscii(bytes)) return;
  } else {
    if (utf16 === 'either' || utf16 === actual) return;
    if (UTF8_NAMES.has(declared) || utf16) throw new PartEncodingError(`declares encoding "${declared}" but its bytes are ${charsetName(actual)} text`);
  }
  throw new PartEncodingError(`declares encoding "${declared}", which OOXML does not allow (only UTF-8 or UTF-16)`);
}

const fatalDecoders = {
  'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
};

/** A part's bytes as UTF-8 for the scanners, with the encoding they came in. Throws PartEncodingError. */
export function decodePart(bytes: Uint8Array): DecodedPart {
  const { encoding, start } = sniff(bytes);
  if (encoding.charset === 'utf-8') {
    const utf8 = view(bytes, start);
    checkDeclaration(declaredEncoding(utf8.toString('latin1', 0, Math.min(utf8.length, DECLARATION_SCAN))), 'utf-8', utf8);
    if (!isUtf8(utf8)) throw new PartEncodingError('is not valid UTF-8 text');
    return { utf8, encoding };
  }
  let text: string;
  try {
    text = fatalDecoders[encoding.charset].decode(view(bytes, start));
  } catch {
    throw new PartEncodingError(`is not valid ${charsetName(encoding.charset)} text`);
  }
  checkDeclaration(declaredEncoding(text), encoding.charset);
  return { utf8: Buffer.from(text, 'utf8'), encoding };
}

/** UTF-8 text (as the scanners and patcher hold it) encoded as a part stored in `encoding`. */
export function encodePart(utf8: Uint8Array, encoding: PartEncoding): Uint8Array {
  if (encoding.charset === 'utf-8') return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
  const units = Buffer.from(view(utf8).toString('utf8'), 'utf16le');
  if (encoding.charset === 'utf-16be') units.swap16();
  if (!encoding.bom) return units;
  return Buffer.concat([Buffer.from(encoding.charset === 'utf-16be' ? [0xfe, 0xff] : [0xff, 0xfe]), units]);
}
