import { asBuffer, asciiBytes, bytesAt, decodeUtf8, indexOfByte, indexOfBytes, isDelimiter } from './xml-bytes';
import { decodeXmlText, stringItemText } from './xml-text';

/** How an item's span reads: the text of a plain `<t>` (three ways), or a whole item to parse. */
const RICH = 0;
const PLAIN_ASCII = 1;
const PLAIN_UTF8 = 2;
const PLAIN_ESCAPED = 3;

/**
 * The shared-string table, read lazily. Parsing only records where each `<si>` item lies in the
 * part's UTF-8 bytes; an item becomes a JS string when a cell asks for it. A 100,000-row template
 * holds some 700,000 items, mostly used once: building them all up front cost a decoded copy of
 * the whole part and an array of strings besides the cells that hold them.
 */
export class SharedStrings {
  static readonly EMPTY = new SharedStrings(Buffer.alloc(0), new Int32Array(0), new Uint8Array(0), 0);

  private constructor(
    private readonly bytes: Buffer,
    /**
     * Span of each item (start, end): for a plain item the text inside its `<t>`, otherwise the
     * item's inner span. A start below zero (-start - 1) marks an item whose prefix differs from the
     * first item's: it always takes the general path.
     */
    private readonly spans: Int32Array,
    /** How each span reads (RICH, PLAIN_ASCII, PLAIN_UTF8, PLAIN_ESCAPED). */
    private readonly kinds: Uint8Array,
    readonly length: number,
  ) {}

  /**
   * Every `<si>` of sharedStrings.xml (UTF-8 bytes, no byte order mark). Plain items
   * (`<si><t>text</t></si>`, nearly all of them) are classified in the same pass that finds their
   * end, so a cell asking for one later costs a single decode.
   */
  static parse(part: Uint8Array): SharedStrings {
    const b = asBuffer(part);
    // Sized from the declared count up front: growing by doubling copied the table and touched
    // fresh memory several times over (700,000 items at 100,000 rows). A lying count is capped by
    // what the bytes could hold (an item is at least `<si/>`) and the table still grows past it.
    const initial = Math.max(1024, Math.min(declaredCount(b), Math.ceil(b.length / 5)));
    let spans = new Int32Array(2 * initial);
    let kinds = new Uint8Array(initial);
    let count = 0;
    let prefix: Buffer | undefined;
    let plainOpen: Uint8Array = new Uint8Array(0);
    let plainClose: Uint8Array = new Uint8Array(0);
    let closePrefix: Uint8Array = new Uint8Array(0);
    let close = asciiBytes('</si>');
    const found = new Int32Array(3);
    /** `<si><t>` and `</t></si>` with the first item's prefix, once known: nearly every item is exactly that. */
    let fastOpen: Uint8Array | undefined;
    let fastClose: Uint8Array = new Uint8Array(0);
    let pos = 0;
    for (;;) {
      if (fastOpen !== undefined && bytesAt(b, fastOpen, pos)) {
        const textStart = pos + fastOpen.length;
        const textEnd = plainText(b, textStart, found);
        if (textEnd >= 0 && bytesAt(b, fastClose, textEnd)) {
          if (count === kinds.length) ({ spans, kinds } = grown(spans, kinds));
          spans[count * 2] = textStart;
          spans[count * 2 + 1] = textEnd;
          kinds[count] = found[2]!;
          count++;
          pos = textEnd + fastClose.length;
          continue;
        }
      }
      const lt = indexOfByte(b, 60 /* < */, pos);
      if (lt < 0) break;
      pos = lt + 1;
      const nameEnd = siNameEnd(b, lt + 1);
      if (nameEnd < 0) continue;
      const gt = indexOfByte(b, 62 /* > */, nameEnd);
      if (gt < 0) break;
      let start = gt + 1;
      let end = gt + 1;
      let kind = RICH;
      if (b[gt - 1] === 47 /* / */) {
        pos = gt + 1;
      } else {
        const prefixLength = nameEnd - 2 - (lt + 1);
        if (prefix === undefined) {
          prefix = b.slice(lt + 1, nameEnd - 2);
          plainOpen = Buffer.concat([asciiBytes('<'), prefix, asciiBytes('t')]);
          plainClose = Buffer.concat([asciiBytes('</'), prefix, asciiBytes('t>')]);
          fastOpen = Buffer.concat([asciiBytes('<'), prefix, asciiBytes('si>'), plainOpen, asciiBytes('>')]);
          fastClose = Buffer.concat([plainClose, asciiBytes('</'), prefix, asciiBytes('si>')]);
        } else if (!prefixAt(b, prefix, lt + 1, prefixLength)) start = -start - 1;
        if (!prefixAt(b, closePrefix, lt + 1, prefixLength)) {
          closePrefix = b.slice(lt + 1, nameEnd - 2);
          close = Buffer.concat([asciiBytes('</'), closePrefix, asciiBytes('si>')]);
        }
        const plainEnd = start >= 0 ? plainItem(b, gt + 1, plainOpen, plainClose, close, found) : -1;
        if (plainEnd >= 0) {
          start = found[0]!;
          end = found[1]!;
          kind = found[2]!;
          pos = plainEnd + close.length;
        } else {
          end = indexOfBytes(b, close, gt);
          if (end < 0) break;
          pos = end + close.length;
        }
      }
      if (count === kinds.length) ({ spans, kinds } = grown(spans, kinds));
      spans[count * 2] = start;
      spans[count * 2 + 1] = end;
      kinds[count] = kind;
      count++;
    }
    return new SharedStrings(b, spans, kinds, count);
  }

  /** Item `index` as Excel shows it (rich-text runs joined, phonetic runs left out), or '' when there is none. */
  text(index: number): string {
    if (!(index >= 0 && index < this.length)) return '';
    const start = this.spans[index * 2]!;
    const end = this.spans[index * 2 + 1]!;
    if (start < 0) return richItemText(this.bytes, -start - 1, end);
    switch (this.kinds[index]) {
      case PLAIN_ASCII:
        return this.bytes.toString('latin1', start, end);
      case PLAIN_UTF8:
        return this.bytes.toString('utf8', start, end);
      case PLAIN_ESCAPED:
        return decodeXmlText(decodeUtf8(this.bytes, start, end));
      default:
        return richItemText(this.bytes, start, end);
    }
  }
}

/**
 * For an item that is just `<t ...>text</t>` (then `</si>`) at `from`: sets found to the text's
 * span and how it reads, and returns where `</si>` starts; -1 for anything richer. One pass over
 * the text finds its end and whether it is ASCII and free of escapes (`&amp;`, `_x0041_`).
 */
function plainItem(b: Buffer, from: number, open: Uint8Array, tClose: Uint8Array, siClose: Uint8Array, found: Int32Array): number {
  if (!bytesAt(b, open, from)) return -1;
  const after = b[from + open.length];
  if (after !== 62 /* > */ && after !== 32) return -1;
  const gt = indexOfByte(b, 62, from + open.length);
  if (gt < 0 || b[gt - 1] === 47 /* / */) return -1;
  const i = plainText(b, gt + 1, found);
  if (i < 0 || !bytesAt(b, tClose, i) || !bytesAt(b, siClose, i + tClose.length)) return -1;
  found[0] = gt + 1;
  found[1] = i;
  return i + tClose.length;
}

/**
 * Where the text from `from` ends (its next `<`), or -1 when the part ends first; sets found[2] to
 * how it reads: ASCII, UTF-8, or holding escapes (`&amp;`, `_x0041_`).
 */
function plainText(b: Buffer, from: number, found: Int32Array): number {
  let kind = PLAIN_ASCII;
  for (let i = from; i < b.length; i++) {
    const ch = b[i]!;
    if (ch === 60 /* < */) {
      found[2] = kind;
      return i;
    }
    if (ch >= 0x80) {
      if (kind === PLAIN_ASCII) kind = PLAIN_UTF8;
    } else if (ch === 38 /* & */ || ch === 95 /* _ */) kind = PLAIN_ESCAPED;
  }
  return -1;
}

/** The span and kind tables, twice as long. */
function grown(spans: Int32Array<ArrayBuffer>, kinds: Uint8Array<ArrayBuffer>): { spans: Int32Array<ArrayBuffer>; kinds: Uint8Array<ArrayBuffer> } {
  const moreSpans = new Int32Array(spans.length * 2);
  moreSpans.set(spans);
  const moreKinds = new Uint8Array(kinds.length * 2);
  moreKinds.set(kinds);
  return { spans: moreSpans, kinds: moreKinds };
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
  // Stops at the next `<` too: `<a<a<a…` without a delimiter must not be scanned once per `<`.
  while (i < b.length && !isDelimiter(b[i]) && b[i] !== 58 /* : */ && b[i] !== 60 /* < */) i++;
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
