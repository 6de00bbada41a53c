import type { Zippable } from 'fflate';
import { strFromU8, unzipSync, zipSync } from 'fflate';

/** The ways an XML part may legally be stored (XML 1.0 Appendix F), as other producers write them. */
export type StoredEncoding = 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'utf-16be';
export const STORED_ENCODINGS: readonly StoredEncoding[] = ['utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'utf-16be'];

/** UTF-16 code units of `text` in the given byte order, written out by hand (not by the code under test). */
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
    out[2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
  }
  return out;
}

const concat = (...chunks: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

/** `xml` (a part's text, with its `encoding="UTF-8"` declaration) stored in `encoding`, the declaration saying so. */
export function encodeXml(xml: string, encoding: StoredEncoding): Uint8Array {
  if (encoding === 'utf-8-bom') return concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(xml));
  const declared = xml.replace(/^(<\?xml[^?]*encoding=")UTF-8(")/i, '$1UTF-16$2');
  if (declared === xml && xml.startsWith('<?xml')) throw new Error('part without an encoding="UTF-8" declaration');
  const bigEndian = encoding.startsWith('utf-16be');
  const units = utf16(declared, bigEndian);
  if (!encoding.endsWith('-bom')) return units;
  return concat(new Uint8Array(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), units);
}

/**
 * The same package with the XML parts `which` selects (default: every .xml and .rels part)
 * stored in `encoding`. Other entries are copied as they are.
 */
export function reencodeParts(bytes: Uint8Array, encoding: StoredEncoding, which: (name: string) => boolean = () => true): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    const xml = name.endsWith('.xml') || name.endsWith('.rels');
    out[name] = xml && which(name) ? encodeXml(strFromU8(data), encoding) : data;
  }
  return zipSync(out, { level: 6, mtime: new Date('2024-01-01T00:00:00Z') });
}

/** A part's bytes from a package. */
export function partBytes(bytes: Uint8Array, name: string): Uint8Array {
  const data = unzipSync(bytes)[name];
  if (!data) throw new Error(`no part ${name}`);
  return data;
}
