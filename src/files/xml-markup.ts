import { asBuffer } from './xml-bytes';

/**
 * The byte scanners read element markup and text only. XML also allows comments, processing
 * instructions and CDATA sections anywhere in content (`<v>1<!-- -->2</v>` is the value 12;
 * `<t><![CDATA[a<b]]></t>` is the text `a<b`), and LibreOffice reads them so. Rather than teach every
 * scanner those forms, a part that holds any is rewritten once into the plain form they read:
 * comments and processing instructions dropped, CDATA text escaped. Parts without them (all that
 * Excel writes) are returned as they are after one native search.
 *
 * A DOCTYPE is refused: OPC forbids it in a package (ECMA-376 Part 2, M1.17), and reading on would
 * take any entity it declares literally.
 */
export class XmlMarkupError extends Error {
  constructor(
    message: string,
    readonly doctype = false,
  ) {
    super(message);
  }
}

const LT = 0x3c;
const GT = 0x3e;
const QUESTION = 0x3f;

const COMMENT_OPEN = Buffer.from('<!--', 'latin1');
const COMMENT_CLOSE = Buffer.from('-->', 'latin1');
const CDATA_OPEN = Buffer.from('<![CDATA[', 'latin1');
const CDATA_CLOSE = Buffer.from(']]>', 'latin1');
const PI_CLOSE = Buffer.from('?>', 'latin1');
const DOCTYPE = Buffer.from('<!DOCTYPE', 'latin1');

/** Where the XML declaration (`<?xml ...?>` at the very start) ends, or 0 when there is none. */
function declarationEnd(b: Buffer): number {
  if (!(b[0] === LT && b[1] === QUESTION && b[2] === 0x78 && b[3] === 0x6d && b[4] === 0x6c)) return 0;
  const close = b.indexOf(PI_CLOSE, 5);
  if (close < 0) throw new XmlMarkupError('the XML declaration is not closed');
  return close + PI_CLOSE.length;
}

/**
 * The next `<!` or `<?` at or after a position, or -1. Each kind's next place is remembered and
 * searched again only once passed: searching both afresh at every stop would rescan the whole part
 * for a kind that occurs only at its end, once per comment before it.
 *
 * A kind is found by its second byte (`!` or `?`), a one-byte search that runs several times
 * faster than a two-byte one over a 40 MB sheet, then checked for the `<` before it. Text full of
 * `!` or `?` would stop that search at every one of them; after FALSE_HITS such stops a kind is
 * searched as two bytes, which stays linear.
 */
class SpecialFinder {
  private bang = -2;
  private question = -2;
  private falseHits = 0;

  constructor(private readonly b: Buffer) {}

  next(from: number): number {
    if (this.bang !== -1 && this.bang < from) this.bang = this.find(BANG, from);
    if (this.question !== -1 && this.question < from) this.question = this.find(QUESTION, from);
    if (this.bang < 0) return this.question;
    if (this.question < 0) return this.bang;
    return Math.min(this.bang, this.question);
  }

  /** Where the next `<` followed by `second` starts, at or after `from`, or -1. */
  private find(second: number, from: number): number {
    const b = this.b;
    if (this.falseHits >= FALSE_HITS) return b.indexOf(second === BANG ? '<!' : '<?', from, 'latin1');
    for (let at = b.indexOf(second, from + 1); at >= 0; at = b.indexOf(second, at + 1)) {
      if (b[at - 1] === LT) return at - 1;
      if (++this.falseHits >= FALSE_HITS) return b.indexOf(second === BANG ? '<!' : '<?', at, 'latin1');
    }
    return -1;
  }
}
const BANG = 0x21;
const FALSE_HITS = 4096;

/** Escapes CDATA text for element content: `&`, `<` and `>` (the last for `]]>` look-alikes). */
function escapedCdata(b: Buffer, from: number, to: number): Buffer {
  let extra = 0;
  for (let i = from; i < to; i++) {
    const ch = b[i];
    if (ch === 0x26) extra += 4;
    else if (ch === LT || ch === GT) extra += 3;
  }
  if (extra === 0) return b.subarray(from, to);
  const out = Buffer.allocUnsafe(to - from + extra);
  let o = 0;
  for (let i = from; i < to; i++) {
    const ch = b[i]!;
    if (ch === 0x26) o += out.write('&amp;', o, 'latin1');
    else if (ch === LT) o += out.write('&lt;', o, 'latin1');
    else if (ch === GT) o += out.write('&gt;', o, 'latin1');
    else out[o++] = ch;
  }
  return out;
}

/**
 * The part's UTF-8 bytes with comments and processing instructions removed and CDATA sections
 * turned into escaped text; the same buffer when it holds none. Linear in the part's length.
 * Throws XmlMarkupError for a DOCTYPE or an unterminated comment, CDATA section or instruction.
 */
export function plainMarkup(bytes: Uint8Array): Buffer {
  const b = asBuffer(bytes);
  const start = declarationEnd(b);
  const finder = new SpecialFinder(b);
  let special = finder.next(start);
  if (special < 0) return b;
  const pieces: Buffer[] = [b.subarray(0, special)];
  let pos = special;
  while (special >= 0) {
    if (special > pos) pieces.push(b.subarray(pos, special));
    if (b[special + 1] === QUESTION) {
      const close = b.indexOf(PI_CLOSE, special + 2);
      if (close < 0) throw new XmlMarkupError('a processing instruction is not closed');
      pos = close + PI_CLOSE.length;
    } else if (b.subarray(special, special + COMMENT_OPEN.length).equals(COMMENT_OPEN)) {
      const close = b.indexOf(COMMENT_CLOSE, special + COMMENT_OPEN.length);
      if (close < 0) throw new XmlMarkupError('a comment is not closed');
      pos = close + COMMENT_CLOSE.length;
    } else if (b.subarray(special, special + CDATA_OPEN.length).equals(CDATA_OPEN)) {
      const textStart = special + CDATA_OPEN.length;
      const close = b.indexOf(CDATA_CLOSE, textStart);
      if (close < 0) throw new XmlMarkupError('a CDATA section is not closed');
      pieces.push(escapedCdata(b, textStart, close));
      pos = close + CDATA_CLOSE.length;
    } else if (b.subarray(special, special + DOCTYPE.length).equals(DOCTYPE)) {
      throw new XmlMarkupError('DOCTYPE declaration', true);
    } else {
      // `<!` followed by anything else is not XML; leave it for the scanners to find malformed.
      pieces.push(b.subarray(special, special + 2));
      pos = special + 2;
    }
    special = finder.next(pos);
  }
  pieces.push(b.subarray(pos));
  return Buffer.concat(pieces);
}

/** Where the root element's start tag begins (past the XML declaration), or -1. Expects plainMarkup's output. */
function rootStart(b: Buffer): number {
  let lt = b.indexOf(LT);
  while (lt >= 0 && b[lt + 1] === QUESTION) lt = b.indexOf(LT, lt + 1);
  return lt;
}

/** The local name of the root element (`workbook` for `<x:workbook ...>`), or '' when there is none. */
export function rootElementName(b: Buffer): string {
  const lt = rootStart(b);
  if (lt < 0) return '';
  let end = lt + 1;
  while (end < b.length && end - lt < 256) {
    const ch = b[end];
    if (ch === 0x20 || ch === GT || ch === 0x2f || ch === 0x09 || ch === 0x0a || ch === 0x0d) break;
    end++;
  }
  return localName(b.toString('latin1', lt + 1, end));
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * True when the part ends as a whole document does: with its root element's end tag (or the root
 * closing itself), white space after it allowed. A part cut short anywhere fails this test, even
 * where every element read so far was complete.
 */
export function endsWithRootClose(b: Buffer): boolean {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x20 || b[end - 1] === 0x0a || b[end - 1] === 0x0d || b[end - 1] === 0x09)) end--;
  if (end === 0 || b[end - 1] !== GT) return false;
  const root = rootElementName(b);
  const lastLt = b.lastIndexOf(LT, end - 1);
  if (root === '' || lastLt < 0) return false;
  if (b[lastLt + 1] === 0x2f /* / */) return localName(b.toString('latin1', lastLt + 2, end - 1).trim()) === root;
  // `<root .../>` as the whole document: the last tag is the root's own start tag, closing itself.
  return b[end - 2] === 0x2f && lastLt === rootStart(b);
}
