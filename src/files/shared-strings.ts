import { asBuffer, asciiBytes, bytesAt, decodeUtf8, indexOfByte, indexOfBytes, isDelimiter } from './xml-bytes';
import { decodeXmlText, stringItemText } from './xml-text';

/**
 * The shared-string table, read lazily. Parsing only records where each `<si>` item lies in the
 * part's UTF-8 bytes; an item becomes a JS string when a cell asks for it. A 100,000-row template
 * holds some 700,000 items, mostly used once: building them all up front cost a decoded copy of
 * the whole part and an array of strings besides the cells that hold them.
 */
export class SharedStrings {
  static readonly EMPTY = new SharedStrings(Buffer.alloc(0), new Int32Array(0), 0, new Uint8Array(0));

  private readonly plainOpen: Uint8Array;
  private readonly plainClose: Uint8Array;

  private constructor(
    private readonly bytes: Buffer,
    /**
     * Inner span of each item (start, end). A start below zero (-start - 1) marks an item whose
     * prefix differs from the first item's: it always takes the general path.
     */
    private readonly spans: Int32Array,
    readonly length: number,
    prefix: Uint8Array,
  ) {
    this.plainOpen = Buffer.concat([asciiBytes('<'), prefix, asciiBytes('t')]);
    this.plainClose = Buffer.concat([asciiBytes('</'), prefix, asciiBytes('t>')]);
  }

  /** Every `<si>` of sharedStrings.xml (UTF-8 bytes, no byte order mark). */
  static parse(part: Uint8Array): SharedStrings {
    const b = asBuffer(part);
    // Sized from the declared count up front: growing by doubling copied the table and touched
    // fresh memory several times over (700,000 items at 100,000 rows). A lying count is capped by
    // what the bytes could hold (an item is at least `<si/>`) and the table still grows past it.
    let spans = new Int32Array(2 * Math.max(1024, Math.min(declaredCount(b), Math.ceil(b.length / 5))));
    let count = 0;
    let prefix: Buffer | undefined;
    let closePrefix: Uint8Array = new Uint8Array(0);
    let close = asciiBytes('</si>');
    let pos = 0;
    for (;;) {
      const lt = indexOfByte(b, 60 /* < */, pos);
      if (lt < 0) break;
      pos = lt + 1;
      const nameEnd = siNameEnd(b, lt + 1);
      if (nameEnd < 0) continue;
      const gt = indexOfByte(b, 62 /* > */, nameEnd);
      if (gt < 0) break;
      let start = gt + 1;
      let end = gt + 1;
      if (b[gt - 1] === 47 /* / */) {
        pos = gt + 1;
      } else {
        const prefixLength = nameEnd - 2 - (lt + 1);
        if (prefix === undefined) prefix = b.slice(lt + 1, nameEnd - 2);
        else if (!prefixAt(b, prefix, lt + 1, prefixLength)) start = -start - 1;
        if (!prefixAt(b, closePrefix, lt + 1, prefixLength)) {
          closePrefix = b.slice(lt + 1, nameEnd - 2);
          close = Buffer.concat([asciiBytes('</'), closePrefix, asciiBytes('si>')]);
        }
        end = indexOfBytes(b, close, gt);
        if (end < 0) break;
        pos = end + close.length;
      }
      if (count * 2 === spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
      }
      spans[count * 2] = start;
      spans[count * 2 + 1] = end;
      count++;
    }
    return new SharedStrings(b, spans, count, prefix ?? new Uint8Array(0));
  }

  /** Item `index` as Excel shows it (rich-text runs joined, phonetic runs left out), or '' when there is none. */
  text(index: number): string {
    if (!(index >= 0 && index < this.length)) return '';
    const start = this.spans[index * 2]!;
    const end = this.spans[index * 2 + 1]!;
    if (start < 0) return richItemText(this.bytes, -start - 1, end);
    return this.plainItemText(start, end) ?? richItemText(this.bytes, start, end);
  }

  /** Fast path for the common `<si><t>text</t></si>`; undefined when the item is anything richer. */
  private plainItemText(from: number, to: number): string | undefined {
    const b = this.bytes;
    const open = this.plainOpen;
    if (!bytesAt(b, open, from)) return undefined;
    const after = b[from + open.length];
    if (after !== 62 /* > */ && after !== 32) return undefined;
    const gt = indexOfByte(b, 62, from, to);
    const close = this.plainClose;
    const end = gt < 0 ? -1 : indexOfBytes(b, close, gt, to);
    if (end < 0 || end + close.length !== to) return undefined;
    // One pass tells the decoder to use and whether any escape (`&amp;`, `_x0041_`) needs undoing,
    // instead of two more searches of every built string.
    let ascii = true;
    let escaped = false;
    for (let i = gt + 1; i < end; i++) {
      const ch = b[i]!;
      if (ch >= 0x80) ascii = false;
      else if (ch === 38 /* & */ || ch === 95 /* _ */) escaped = true;
    }
    const raw = b.toString(ascii ? 'latin1' : 'utf8', gt + 1, end);
    return escaped ? decodeXmlText(raw) : raw;
  }
}

/** The `uniqueCount` (else `count`) attribute of the root `<sst>`, or 0. Only a size hint. */
function declaredCount(b: Buffer): number {
  const root = b.indexOf('sst', 0, 'latin1');
  const gt = root < 0 ? -1 : b.indexOf(62 /* > */, root);
  if (gt < 0) return 0;
  const tag = b.toString('latin1', root, gt);
  const m = /\suniqueCount\s*=\s*["'](\d{1,9})["']/.exec(tag) ?? /\scount\s*=\s*["'](\d{1,9})["']/.exec(tag);
  return m ? Number(m[1]) : 0;
}

/** True when the item's prefix (its `length` bytes at `at`) is `prefix`. */
function prefixAt(b: Uint8Array, prefix: Uint8Array, at: number, length: number): boolean {
  return length === prefix.length && bytesAt(b, prefix, at);
}

/** Any item: decode its span and let the string reader join its runs. */
function richItemText(b: Buffer, from: number, to: number): string {
  const item = decodeUtf8(b, from, to);
  return stringItemText(item, 0, item.length);
}

/** For `<si` or `<x:si` starting at `from` (just past `<`), the index just past `si`; otherwise -1. */
function siNameEnd(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length && !isDelimiter(b[i]) && b[i] !== 58 /* : */) i++;
  if (b[i] === 58) {
    // A prefix is a name ([\w.-]+), as for the other part readers.
    if (i === from) return -1;
    for (let k = from; k < i; k++) if (!isNameChar(b[k]!)) return -1;
    i++;
  } else i = from;
  return b[i] === 115 /* s */ && b[i + 1] === 105 /* i */ && isDelimiter(b[i + 2]) ? i + 2 : -1;
}

function isNameChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 46 || ch === 45;
}
