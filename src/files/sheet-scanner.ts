import type { ListValidation } from '../engine/snapshot';
import { decodeXmlText, findElements } from './xml-text';

/**
 * A strict, allocation-light scanner for worksheet XML. It walks `<sheetData>` by index (no DOM,
 * no regular expressions in the hot loop) and reports each `<c>` element with its position, so the
 * reader can type the value and the patcher can replace exactly that element.
 */
export interface RawCell {
  row: number;
  col: number;
  /** The `t` attribute, or '' when absent (a number). */
  type: string;
  /** The `s` attribute (cellXfs index), 0 when absent. */
  style: number;
  /** Span of the whole `<c>` element. */
  start: number;
  end: number;
  /** Raw (still escaped) text of `<v>`, or null when the cell has none. Read lazily: see valueText. */
  value: string | null;
  /** Span of the `<v>` text (valueStart = -1 when there is none). */
  valueStart: number;
  valueEnd: number;
  /** Inner span of `<is>` for inline strings, or -1. */
  inlineStart: number;
  inlineEnd: number;
  hasFormula: boolean;
}

export class SheetXmlError extends Error {}

function rootPrefix(xml: string): string {
  let i = 0;
  for (;;) {
    i = xml.indexOf('<', i);
    if (i < 0) return '';
    const next = xml.charCodeAt(i + 1);
    if (next !== 63 /* ? */ && next !== 33 /* ! */) break;
    i++;
  }
  let j = i + 1;
  while (j < xml.length && !isDelimiter(xml.charCodeAt(j))) j++;
  const name = xml.slice(i + 1, j);
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon + 1);
}

function isDelimiter(ch: number): boolean {
  return ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13;
}

/** Parses `AB12` into the cell; returns false when malformed. */
function parseRef(xml: string, from: number, to: number, cell: RawCell): boolean {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = xml.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else break;
  }
  let row = 0;
  for (; i < to; i++) {
    const ch = xml.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
    row = row * 10 + (ch - 48);
  }
  if (col < 1 || col > 16384 || row < 1 || row > 1048576) return false;
  cell.col = col;
  cell.row = row;
  return true;
}

/** The non-negative integer written in xml[from, to), or -1. */
export function parseIndex(xml: string, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to && isDelimiter(xml.charCodeAt(i))) i++;
  if (i === to) return -1;
  for (; i < to; i++) {
    const ch = xml.charCodeAt(i);
    if (ch < 48 || ch > 57) return isDelimiter(ch) ? n : -1;
    n = n * 10 + (ch - 48);
  }
  return n;
}

/** Calls `visit` for every `<c>` in document order. The RawCell object is reused: copy what you keep. */
export function scanCells(xml: string, visit: (cell: RawCell) => void): void {
  const p = rootPrefix(xml);
  const sheetDataOpen = xml.indexOf(`<${p}sheetData`);
  if (sheetDataOpen < 0) return;
  const sheetDataGt = xml.indexOf('>', sheetDataOpen);
  if (sheetDataGt < 0) throw new SheetXmlError('unterminated <sheetData>');
  if (xml.charCodeAt(sheetDataGt - 1) === 47) return;
  const sheetDataEnd = xml.indexOf(`</${p}sheetData>`, sheetDataGt);
  if (sheetDataEnd < 0) throw new SheetXmlError('unterminated <sheetData>');
  const cellClose = `</${p}c>`;
  const plen = p.length;
  const cell: RawCell = { row: 0, col: 0, type: '', style: 0, start: 0, end: 0, value: null, valueStart: -1, valueEnd: -1, inlineStart: -1, inlineEnd: -1, hasFormula: false };
  let currentRow = 0;
  let lastCol = 0;
  let pos = sheetDataGt + 1;
  while (pos < sheetDataEnd) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= sheetDataEnd) break;
    let nameStart = lt + 1;
    if (plen && xml.startsWith(p, nameStart)) nameStart += plen;
    const first = xml.charCodeAt(nameStart);
    const gt = xml.indexOf('>', nameStart);
    if (gt < 0) throw new SheetXmlError('unterminated tag');
    if (first === 99 /* c */ && isDelimiter(xml.charCodeAt(nameStart + 1))) {
      // <c r="B7" s="3" t="s">
      cell.type = '';
      cell.style = 0;
      cell.value = null;
      cell.valueStart = -1;
      cell.valueEnd = -1;
      cell.inlineStart = -1;
      cell.inlineEnd = -1;
      cell.hasFormula = false;
      cell.start = lt;
      let hasRef = false;
      let i = nameStart + 1;
      while (i < gt) {
        const ch = xml.charCodeAt(i);
        if (isDelimiter(ch)) {
          i++;
          continue;
        }
        const eq = xml.indexOf('=', i);
        if (eq < 0 || eq > gt) break;
        const quote = xml.charCodeAt(eq + 1);
        const valueStart = eq + 2;
        const valueEnd = xml.indexOf(quote === 39 ? "'" : '"', valueStart);
        if (valueEnd < 0 || valueEnd > gt) throw new SheetXmlError('malformed cell attributes');
        const nameLen = eq - i;
        if (nameLen === 1) {
          const an = xml.charCodeAt(i);
          if (an === 114 /* r */) hasRef = parseRef(xml, valueStart, valueEnd, cell);
          else if (an === 116 /* t */) cell.type = xml.slice(valueStart, valueEnd);
          else if (an === 115 /* s */) cell.style = Number(xml.slice(valueStart, valueEnd)) || 0;
        }
        i = valueEnd + 1;
      }
      if (!hasRef) {
        cell.row = currentRow;
        cell.col = lastCol + 1;
      }
      lastCol = cell.col;
      if (xml.charCodeAt(gt - 1) === 47) {
        cell.end = gt + 1;
        pos = gt + 1;
        visit(cell);
        continue;
      }
      const close = xml.indexOf(cellClose, gt);
      if (close < 0 || close > sheetDataEnd) throw new SheetXmlError('unterminated <c>');
      let q = gt + 1;
      while (q < close) {
        const clt = xml.indexOf('<', q);
        if (clt < 0 || clt >= close) break;
        let cn = clt + 1;
        if (plen && xml.startsWith(p, cn)) cn += plen;
        const cgt = xml.indexOf('>', cn);
        const c0 = xml.charCodeAt(cn);
        const c1 = xml.charCodeAt(cn + 1);
        const selfClosing = xml.charCodeAt(cgt - 1) === 47;
        if (c0 === 118 /* v */ && isDelimiter(c1)) {
          if (selfClosing) {
            cell.valueStart = cell.valueEnd = cgt + 1;
            q = cgt + 1;
          } else {
            const vEnd = xml.indexOf('</', cgt);
            cell.valueStart = cgt + 1;
            cell.valueEnd = vEnd;
            q = xml.indexOf('>', vEnd) + 1;
          }
        } else if (c0 === 102 /* f */ && isDelimiter(c1)) {
          cell.hasFormula = true;
          q = selfClosing ? cgt + 1 : xml.indexOf('>', xml.indexOf('</', cgt)) + 1;
        } else if (c0 === 105 /* i */ && c1 === 115 /* s */ && isDelimiter(xml.charCodeAt(cn + 2))) {
          if (selfClosing) {
            cell.inlineStart = cell.inlineEnd = cgt + 1;
            q = cgt + 1;
          } else {
            const isClose = xml.indexOf(`</${p}is>`, cgt);
            if (isClose < 0 || isClose > close) throw new SheetXmlError('unterminated <is>');
            cell.inlineStart = cgt + 1;
            cell.inlineEnd = isClose;
            q = isClose + 5 + plen;
          }
        } else {
          // extLst or unknown child: skip to the cell's end.
          q = close;
        }
        if (q <= 0) throw new SheetXmlError('malformed cell content');
      }
      cell.end = close + cellClose.length;
      pos = cell.end;
      // Shared-string cells (most of a sheet) are read by index without building the text.
      if (cell.valueStart >= 0 && cell.type !== 's') cell.value = xml.slice(cell.valueStart, cell.valueEnd);
      visit(cell);
      continue;
    }
    if (first === 114 /* r */ && xml.startsWith('row', nameStart) && isDelimiter(xml.charCodeAt(nameStart + 3))) {
      const rAt = xml.indexOf(' r="', nameStart);
      let next = currentRow + 1;
      if (rAt >= 0 && rAt < gt) {
        const n = Number(xml.slice(rAt + 4, xml.indexOf('"', rAt + 4)));
        if (Number.isInteger(n) && n >= 1 && n <= 1048576) next = n;
      }
      currentRow = next;
      lastCol = 0;
    }
    pos = gt + 1;
  }
}

/** List data validations, in both the classic form and the x14 extension form. */
export function scanListValidations(xml: string): ListValidation[] {
  const from = Math.max(0, xml.lastIndexOf('sheetData>'));
  const out: ListValidation[] = [];
  for (const dv of findElements(xml, 'dataValidation', from)) {
    if (dv.attrs.get('type') !== 'list') continue;
    let sqref = dv.attrs.get('sqref');
    if (sqref === undefined) {
      const el = findElements(xml, 'sqref', dv.innerStart, dv.innerEnd)[0];
      if (el) sqref = decodeXmlText(xml.slice(el.innerStart, el.innerEnd));
    }
    const formula = findElements(xml, 'formula1', dv.innerStart, dv.innerEnd)[0];
    if (!formula || !sqref) continue;
    const inner = findElements(xml, 'f', formula.innerStart, formula.innerEnd)[0];
    const source = inner ? xml.slice(inner.innerStart, inner.innerEnd) : xml.slice(formula.innerStart, formula.innerEnd);
    out.push({ sqref: sqref.trim(), source: decodeXmlText(source).trim() });
  }
  return out;
}
