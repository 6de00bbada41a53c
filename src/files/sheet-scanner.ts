import type { ListValidation } from '../engine/snapshot';
import { asBuffer, asciiBytes, bytesAt, decodeUtf8, indexOfByte, indexOfBytes, isDelimiter, isSpace, plainDigits } from './xml-bytes';
import { XmlMarkupError } from './xml-markup';
import { decodeXstringEscapes } from './xml-text';
import type { XmlElement } from './xml-tree';
import { childNamed, childrenNamed, parseXml } from './xml-tree';

/**
 * A strict, allocation-light scanner for worksheet XML, read as UTF-8 bytes. It walks
 * `<sheetData>` by index (no DOM, no strings for markup) and reports each `<c>` element with its
 * byte span, so the reader can type the value and the patcher can replace exactly that element.
 */
export interface RawCell {
  row: number;
  col: number;
  /** The `t` attribute, or '' when absent (a number). */
  type: string;
  /** The `s` attribute (cellXfs index), 0 when absent. */
  style: number;
  /** Byte span of the whole `<c>` element. */
  start: number;
  end: number;
  /** Byte span of the (still escaped) `<v>` text; valueStart = -1 when there is none. */
  valueStart: number;
  valueEnd: number;
  /** Inner byte span of `<is>` for inline strings, or -1. */
  inlineStart: number;
  inlineEnd: number;
  hasFormula: boolean;
}

/** A sheet that cannot be read as written; `malformedXml` false for well-formed XML that says something impossible. */
export class SheetXmlError extends Error {
  constructor(
    message: string,
    readonly malformedXml = true,
  ) {
    super(message);
  }
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQUALS = 61;
const QUOTE = 34;
const APOS = 39;
const INLINE_STR = asciiBytes('inlineStr');
const END_TAG_START = asciiBytes('</');

/** The root element's namespace prefix with its colon (`x:`), or an empty array. */
function rootPrefix(b: Uint8Array): Uint8Array {
  let i = 0;
  for (;;) {
    i = indexOfByte(b, LT, i);
    if (i < 0) return new Uint8Array(0);
    const next = b[i + 1];
    if (next !== 63 /* ? */ && next !== 33 /* ! */) break;
    i++;
  }
  let j = i + 1;
  while (j < b.length && !isDelimiter(b[j])) j++;
  const colon = indexOfByte(b, 58 /* : */, i + 1, j);
  return colon < 0 ? new Uint8Array(0) : b.slice(i + 1, colon + 1);
}

/** Parses `AB12` into the cell; returns false when malformed. */
function parseRef(b: Uint8Array, from: number, to: number, cell: RawCell): boolean {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = b[i]!;
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else break;
  }
  let row = 0;
  for (; i < to; i++) {
    const ch = b[i]!;
    if (ch < 48 || ch > 57) return false;
    row = row * 10 + (ch - 48);
  }
  if (col < 1 || col > 16384 || row < 1 || row > 1048576) return false;
  cell.col = col;
  cell.row = row;
  return true;
}

/** The non-negative integer written in bytes[from, to) (white space around it allowed), or -1. */
export function parseIndex(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to && isDelimiter(b[i])) i++;
  if (i === to) return -1;
  for (; i < to; i++) {
    const ch = b[i]!;
    if (ch < 48 || ch > 57) return isDelimiter(ch) ? n : -1;
    n = n * 10 + (ch - 48);
  }
  return n;
}

/** What Number() makes of the text in bytes[from, to), without building it for plain digits. */
function numberAt(b: Buffer, from: number, to: number): number {
  const n = plainDigits(b, from, to);
  return n >= 0 ? n : Number(decodeUtf8(b, from, to));
}

/** The `t` attribute: the known types as constants, so no string is built per cell. */
function cellType(b: Buffer, from: number, to: number): string {
  const len = to - from;
  if (len === 1) {
    switch (b[from]) {
      case 115:
        return 's';
      case 110:
        return 'n';
      case 98:
        return 'b';
      case 101:
        return 'e';
      case 100:
        return 'd';
      default:
        break; // any other one-byte type is decoded as written, below
    }
  } else if (len === 3 && b[from] === 115 && b[from + 1] === 116 && b[from + 2] === 114) return 'str';
  else if (len === 9 && bytesAt(b, INLINE_STR, from)) return 'inlineStr';
  return decodeUtf8(b, from, to);
}

/**
 * Walks the attributes of the start tag bytes[from, gt) and calls `attribute` with each one-letter
 * name (r, s, t are all a cell or row needs) and its value span.
 */
function forEachShortAttribute(b: Uint8Array, from: number, gt: number, attribute: (name: number, start: number, end: number) => void): void {
  let i = from;
  while (i < gt) {
    if (isDelimiter(b[i])) {
      i++;
      continue;
    }
    const eq = indexOfByte(b, EQUALS, i, gt);
    if (eq < 0) break;
    let nameEnd = eq;
    while (nameEnd > i && isSpace(b[nameEnd - 1])) nameEnd--;
    let q = eq + 1;
    while (q < gt && isSpace(b[q])) q++;
    // An unquoted value is malformed; reading up to the next `"` (as before) keeps such files readable.
    const quote = b[q] === APOS ? APOS : QUOTE;
    const valueEnd = indexOfByte(b, quote, q + 1, gt);
    if (valueEnd < 0) throw new SheetXmlError('malformed cell attributes');
    if (nameEnd - i === 1) attribute(b[i]!, q + 1, valueEnd);
    i = valueEnd + 1;
  }
}

/** End of the element whose content starts at `from`: just past its end tag (`</x:name>`), or -1. */
function skipPastEndTag(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (b[i] === LT && b[i + 1] === SLASH) {
      const gt = indexOfByte(b, GT, i + 2, to);
      return gt < 0 ? -1 : gt + 1;
    }
  }
  return -1;
}

/** Where `<sheetData>`'s content lies, with the root's namespace prefix; undefined when there is none. */
export interface SheetDataSpan {
  readonly prefix: Uint8Array;
  /** Just past `<sheetData ...>`. */
  readonly from: number;
  /** At `</sheetData>`. */
  readonly to: number;
}

export function sheetDataSpan(bytes: Uint8Array): SheetDataSpan | undefined {
  const b = asBuffer(bytes);
  const prefix = rootPrefix(b);
  const sheetDataOpen = b.indexOf(tagBytes('<', prefix, 'sheetData'));
  if (sheetDataOpen < 0) return undefined;
  const sheetDataGt = b.indexOf(GT, sheetDataOpen);
  if (sheetDataGt < 0) throw new SheetXmlError('unterminated <sheetData>');
  if (b[sheetDataGt - 1] === SLASH) return undefined;
  // Searched from the end: only a few small elements follow it, and escaped text never holds `<`,
  // so the last end tag is the first; a forward search crossed the whole 40 MB of rows.
  const sheetDataEnd = b.lastIndexOf(tagBytes('</', prefix, 'sheetData>'));
  if (sheetDataEnd < sheetDataGt) throw new SheetXmlError('unterminated <sheetData>');
  return { prefix, from: sheetDataGt + 1, to: sheetDataEnd };
}

/**
 * Calls `visit` for every `<c>` in document order; positions are byte offsets into `bytes` (UTF-8,
 * no byte order mark needed). The RawCell object is reused: copy what you keep.
 */
export function scanCells(bytes: Uint8Array, visit: (cell: RawCell) => void): void {
  const b = asBuffer(bytes);
  const span = sheetDataSpan(b);
  if (span) scanCellRange(b, cellTags(span.prefix), span.from, span.to, 0, visit);
}

/** The end tags a cell scan looks for, built once per sheet rather than once per row. */
export interface CellTags {
  readonly prefix: Uint8Array;
  readonly cellClose: Uint8Array;
  readonly inlineClose: Uint8Array;
  /** `<v>`, and `</v></c>`: the value-only cell Excel writes for nearly every cell. */
  readonly valueOpen: Uint8Array;
  readonly valueThenCellClose: Uint8Array;
}

export function cellTags(prefix: Uint8Array): CellTags {
  return {
    prefix,
    cellClose: tagBytes('</', prefix, 'c>'),
    inlineClose: tagBytes('</', prefix, 'is>'),
    valueOpen: tagBytes('<', prefix, 'v>'),
    valueThenCellClose: Buffer.concat([tagBytes('</', prefix, 'v>'), tagBytes('</', prefix, 'c>')]),
  };
}

/**
 * scanCells over bytes[from, to) of sheetData. Rows must ascend (a row without `r` is numbered
 * after the one before it, or after `rowBefore` at `from`), and a cell's reference must name the
 * row it is written in: Excel repairs files that break either rule, and keeping them means every
 * row's cells are inside its own element, so one row can be read alone. With `oneRow`, the scan
 * stops at the second `<row>` tag. Returns where it stopped (`to` when it read to the end).
 */
export function scanCellRange(
  b: Buffer,
  tags: CellTags,
  from: number,
  sheetDataEnd: number,
  rowBefore: number,
  visit: (cell: RawCell) => void,
  oneRow = false,
): number {
  const { prefix: p, cellClose, inlineClose, valueOpen, valueThenCellClose } = tags;
  const plen = p.length;
  const cell: RawCell = {
    row: 0,
    col: 0,
    type: '',
    style: 0,
    start: 0,
    end: 0,
    valueStart: -1,
    valueEnd: -1,
    inlineStart: -1,
    inlineEnd: -1,
    hasFormula: false,
  };
  let hasRef = false;
  let refStart = 0;
  let refEnd = 0;
  let rowNumber = 0;
  /** A `<row>` has begun: cells with a reference must then lie in it. */
  let inRow = false;
  const cellAttribute = (name: number, start: number, end: number): void => {
    if (name === 114 /* r */) {
      // A reference Excel cannot hold (past XFD or row 1,048,576, or no reference at all) would
      // otherwise put the value in the next column without a word.
      if (!parseRef(b, start, end, cell)) throw new SheetXmlError(`cell reference "${quoted(b, start, end)}" is not a cell in Excel's grid (A1 to XFD1048576)`);
      hasRef = true;
      refStart = start;
      refEnd = end;
    } else if (name === 116 /* t */) cell.type = cellType(b, start, end);
    else if (name === 115 /* s */) cell.style = numberAt(b, start, end) || 0;
  };
  const rowAttribute = (name: number, start: number, end: number): void => {
    if (name === 114 /* r */) rowNumber = rowNumberAt(b, start, end);
  };
  let currentRow = rowBefore;
  let lastCol = 0;
  let pos = from;
  while (pos < sheetDataEnd) {
    const lt = indexOfByte(b, LT, pos, sheetDataEnd);
    if (lt < 0) break;
    let nameStart = lt + 1;
    if (plen && bytesAt(b, p, nameStart)) nameStart += plen;
    const first = b[nameStart];
    if (first === 99 /* c */ && isDelimiter(b[nameStart + 1])) {
      // <c r="B7" s="3" t="s">
      cell.type = '';
      cell.style = 0;
      cell.valueStart = -1;
      cell.valueEnd = -1;
      cell.inlineStart = -1;
      cell.inlineEnd = -1;
      cell.hasFormula = false;
      cell.start = lt;
      hasRef = false;
      // Excel writes `r="B7" s="3" t="s"`: one-letter names, `="` and single spaces are read in
      // line, up to the tag's `>`, so the tag is walked once; from anything else on, the general
      // attribute walk takes over.
      let gt: number;
      let a = nameStart + 1;
      for (;;) {
        const name = b[a];
        if (name === 32) {
          a++;
          continue;
        }
        if (name === GT) {
          gt = a;
          break;
        }
        if (name === SLASH && b[a + 1] === GT) {
          gt = a + 1;
          break;
        }
        if (b[a + 1] !== EQUALS || b[a + 2] !== QUOTE || (name !== 114 && name !== 115 && name !== 116)) {
          gt = indexOfByte(b, GT, a);
          if (gt < 0) throw new SheetXmlError('unterminated tag');
          forEachShortAttribute(b, a, gt, cellAttribute);
          break;
        }
        // A value ends at its quote, never past the tag's `>` (as the general walk reads it).
        let valueEnd = a + 3;
        for (let ch = b[valueEnd]; ch !== QUOTE; ch = b[++valueEnd]) {
          if (ch === GT) throw new SheetXmlError('malformed cell attributes');
          if (ch === undefined) throw new SheetXmlError('unterminated tag');
        }
        cellAttribute(name, a + 3, valueEnd);
        a = valueEnd + 1;
      }
      if (!hasRef) {
        cell.row = currentRow;
        cell.col = lastCol + 1;
      } else if (inRow && cell.row !== currentRow) {
        throw new SheetXmlError(`cell ${quoted(b, refStart, refEnd)} lies outside its row ${currentRow}`);
      }
      lastCol = cell.col;
      if (b[gt - 1] === SLASH) {
        cell.end = gt + 1;
        pos = gt + 1;
        visit(cell);
        continue;
      }
      // `<c ...><v>text</v></c>`, read in line: the general walk below first searched for `</c>`,
      // then walked the children again up to it.
      if (bytesAt(b, valueOpen, gt + 1)) {
        const valueStart = gt + 1 + valueOpen.length;
        const valueEnd = indexOfByte(b, LT, valueStart, sheetDataEnd);
        if (valueEnd >= 0 && bytesAt(b, valueThenCellClose, valueEnd)) {
          cell.valueStart = valueStart;
          cell.valueEnd = valueEnd;
          cell.end = valueEnd + valueThenCellClose.length;
          pos = cell.end;
          visit(cell);
          continue;
        }
      }
      const close = indexOfBytes(b, cellClose, gt, sheetDataEnd);
      if (close < 0) throw new SheetXmlError('unterminated <c>');
      let q = gt + 1;
      while (q < close) {
        const clt = indexOfByte(b, LT, q, close);
        if (clt < 0) break;
        let cn = clt + 1;
        if (plen && bytesAt(b, p, cn)) cn += plen;
        const cgt = indexOfByte(b, GT, cn);
        const c0 = b[cn];
        const c1 = b[cn + 1];
        const selfClosing = b[cgt - 1] === SLASH;
        if (c0 === 118 /* v */ && isDelimiter(c1)) {
          if (selfClosing) {
            cell.valueStart = cell.valueEnd = cgt + 1;
            q = cgt + 1;
          } else {
            const vEnd = indexOfBytes(b, END_TAG_START, cgt);
            cell.valueStart = cgt + 1;
            cell.valueEnd = vEnd;
            q = vEnd < 0 ? -1 : indexOfByte(b, GT, vEnd) + 1;
          }
        } else if (c0 === 102 /* f */ && isDelimiter(c1)) {
          cell.hasFormula = true;
          q = selfClosing ? cgt + 1 : skipPastEndTag(b, cgt, b.length);
        } else if (c0 === 105 /* i */ && c1 === 115 /* s */ && isDelimiter(b[cn + 2])) {
          if (selfClosing) {
            cell.inlineStart = cell.inlineEnd = cgt + 1;
            q = cgt + 1;
          } else {
            const isClose = indexOfBytes(b, inlineClose, cgt, close);
            if (isClose < 0) throw new SheetXmlError('unterminated <is>');
            cell.inlineStart = cgt + 1;
            cell.inlineEnd = isClose;
            q = isClose + inlineClose.length;
          }
        } else {
          // extLst or unknown child: skip to the cell's end.
          q = close;
        }
        if (q <= 0) throw new SheetXmlError('malformed cell content');
      }
      cell.end = close + cellClose.length;
      pos = cell.end;
      visit(cell);
      continue;
    }
    const gt = indexOfByte(b, GT, nameStart);
    if (gt < 0) throw new SheetXmlError('unterminated tag');
    if (first === 114 /* r */ && b[nameStart + 1] === 111 && b[nameStart + 2] === 119 && isDelimiter(b[nameStart + 3])) {
      if (oneRow && inRow) return lt;
      rowNumber = currentRow + 1;
      forEachShortAttribute(b, nameStart + 3, gt, rowAttribute);
      if (rowNumber <= currentRow) throw new SheetXmlError(outOfOrder(rowNumber, currentRow));
      currentRow = rowNumber;
      inRow = true;
      lastCol = 0;
    }
    pos = gt + 1;
  }
  return sheetDataEnd;
}

export function outOfOrder(row: number, after: number): string {
  return `row ${row} comes after row ${after}`;
}

/**
 * `<row` with the sheet's prefix, for the searches below. Escaped text never holds `<`, so every
 * hit followed by a delimiter is a row's start tag.
 */
export function rowOpenTag(prefix: Uint8Array): Uint8Array {
  return tagBytes('<', prefix, 'row');
}

/** Where the next row's start tag begins in [from, to), found by native search; -1 when none does. */
export function nextRowTag(b: Buffer, open: Uint8Array, from: number, to: number): number {
  for (let at = b.indexOf(open, from); at >= 0 && at < to; at = b.indexOf(open, at + open.length)) {
    if (isDelimiter(b[at + open.length])) return at;
  }
  return -1;
}

/** Where the last row's start tag in [from, before) begins; -1 when none does. */
export function previousRowTag(b: Buffer, open: Uint8Array, before: number, from: number): number {
  for (let at = b.lastIndexOf(open, before - 1); at >= from; at = at > 0 ? b.lastIndexOf(open, at - 1) : -1) {
    if (at + open.length < before && isDelimiter(b[at + open.length])) return at;
  }
  return -1;
}

/** The number the row start tag at `at` states in its `r`, or 0 when it states none. */
export function statedRowNumber(b: Buffer, open: Uint8Array, at: number): number {
  const pos = at + open.length;
  // Excel writes `<row r="7" ...`: read that number directly, anything else through the attributes.
  if (b[pos] === 32 && b[pos + 1] === 114 /* r */ && b[pos + 2] === EQUALS && b[pos + 3] === QUOTE) {
    const close = indexOfByte(b, QUOTE, pos + 4, pos + 13);
    if (close >= 0) return rowNumberAt(b, pos + 4, close);
  }
  const gt = indexOfByte(b, GT, pos);
  if (gt < 0) throw new SheetXmlError('unterminated tag');
  let stated = 0;
  forEachShortAttribute(b, pos, gt, (name, start, end) => {
    if (name === 114 /* r */) stated = rowNumberAt(b, start, end);
  });
  return stated;
}

/**
 * The row number an `r` attribute's value span holds. Anything but a row Excel has (1 to 1,048,576)
 * is malformed: read on, `<row r="1048577">` would silently become the row after the one before.
 */
function rowNumberAt(b: Buffer, start: number, end: number): number {
  const n = numberAt(b, start, end);
  if (Number.isInteger(n) && n >= 1 && n <= 1048576) return n;
  throw new SheetXmlError(`row number "${quoted(b, start, end)}" is not a row in Excel's grid (1 to 1048576)`);
}

/** An attribute value for a message: at most 32 characters of it. */
function quoted(b: Buffer, start: number, end: number): string {
  return end - start > 32 ? `${decodeUtf8(b, start, start + 32)}…` : decodeUtf8(b, start, end);
}

function tagBytes(open: string, prefix: Uint8Array, name: string): Uint8Array {
  return Buffer.concat([asciiBytes(open), prefix, asciiBytes(name)]);
}

/**
 * List data validations, in both the classic form and the x14 extension form. They follow
 * sheetData: the scanner finds each `<dataValidations>` element there (any prefix: the x14 form is
 * `<x14:dataValidations>` inside extLst) and hands just its bytes to the XML parser.
 */
export function scanListValidations(bytes: Uint8Array): ListValidation[] {
  const b = asBuffer(bytes);
  const out: ListValidation[] = [];
  for (const root of dataValidationsElements(b, Math.max(0, b.lastIndexOf('sheetData>')))) {
    for (const dv of childrenNamed(root, 'dataValidation')) {
      if (dv.attributes.get('type') !== 'list') continue;
      const sqref = dv.attributes.get('sqref') ?? childNamed(dv, 'sqref')?.text;
      const formula = childNamed(dv, 'formula1');
      if (!formula || !sqref) continue;
      // The x14 form holds the formula in `<xm:f>`; the classic form, as the element's text.
      const source = (childNamed(formula, 'f') ?? formula).text;
      out.push({ sqref: sqref.trim(), source: decodeXstringEscapes(source).trim() });
    }
  }
  return out;
}

const DATA_VALIDATIONS = asciiBytes('dataValidations');

/** Each `<dataValidations>` element from `from` on, parsed, in document order. */
function dataValidationsElements(b: Buffer, from: number): XmlElement[] {
  const out: XmlElement[] = [];
  let pos = from;
  for (let at = b.indexOf(DATA_VALIDATIONS, pos); at >= 0; at = b.indexOf(DATA_VALIDATIONS, pos)) {
    pos = at + DATA_VALIDATIONS.length;
    // Markup only: the name follows `<` and a prefix, if any (escaped text never holds `<`).
    let lt = at - 1;
    while (lt >= from && isPrefixChar(b[lt]!)) lt--;
    if (lt < from || b[lt] !== LT || !isDelimiter(b[pos]) || (lt + 1 < at && b[at - 1] !== 0x3a) /* : */) continue;
    const gt = indexOfByte(b, GT, pos);
    if (gt < 0) throw new SheetXmlError('unterminated <dataValidations>');
    let end = gt + 1;
    if (b[gt - 1] !== SLASH) {
      const close = b.indexOf(Buffer.concat([END_TAG_START, b.subarray(lt + 1, pos), asciiBytes('>')]), gt);
      if (close < 0) throw new SheetXmlError('unterminated <dataValidations>');
      end = close + (pos - lt) + 2;
    }
    out.push(parsedSlice(b.toString('utf8', lt, end)));
    pos = end;
  }
  return out;
}

/** A name character or the prefix colon ([\w.-] and `:`). */
function isPrefixChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 58) || ch === 95 || ch === 46 || ch === 45;
}

/**
 * Parses one element cut from the sheet. Cut away from its ancestors it loses the declarations of
 * the prefixes they bind (Excel binds `x14` on the enclosing `<ext>`), which a namespace-aware
 * parser refuses: each prefix it uses is declared again on a wrapper. The reader matches local
 * names, so the URI declared does not matter.
 */
function parsedSlice(xml: string): XmlElement {
  const prefixes = new Set<string>();
  for (const m of xml.matchAll(/<\/?([A-Za-z_][\w.-]*):|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=/g)) prefixes.add((m[1] ?? m[2])!);
  prefixes.delete('xml');
  prefixes.delete('xmlns');
  const declarations = [...prefixes].map((p) => ` xmlns:${p}="urn:mam-prep:prefix:${p}"`).join('');
  try {
    return parseXml(`<slice${declarations}>${xml}</slice>`).children[0]!;
  } catch (e) {
    if (e instanceof XmlMarkupError) throw new SheetXmlError(`in its data validations, ${e.message}`);
    throw e;
  }
}
