import { type Cell, date, EMPTY_CELL, isRealIsoDate, text } from '../engine/cell';

/**
 * What typing or pasting into the demo grid stores. The DCC templates format their columns as Text,
 * so values stay text as typed (white space included: the hygiene rule is there to find it);
 * a real `YYYY-MM-DD` becomes a date, as Excel recognises it; a leading apostrophe forces text.
 */
export function cellFromInput(input: string): Cell {
  if (input === '') return EMPTY_CELL;
  if (input.startsWith("'")) return input.length === 1 ? EMPTY_CELL : text(input.slice(1));
  if (/^\d{4}-\d{2}-\d{2}$/.test(input) && isRealIsoDate(input)) return date(input);
  return text(input);
}

/**
 * Splits clipboard text as Excel puts it there: rows by line break, cells by tab, a cell in double
 * quotes may hold tabs, line breaks and doubled quotes. A final line break ends the last row.
 */
export function parseTabSeparated(clipboard: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const atCellStart = () => cell === '';
  while (i < clipboard.length) {
    const c = clipboard[i]!;
    if (c === '"' && atCellStart()) {
      const close = findClosingQuote(clipboard, i + 1);
      if (close >= 0) {
        cell = clipboard.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        continue;
      }
    }
    if (c === '\t') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && clipboard[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The index of the quote that closes a quoted cell (followed by a tab, line break or the end), or -1. */
function findClosingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] !== '"') continue;
    if (s[i + 1] === '"') {
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === undefined || next === '\t' || next === '\n' || next === '\r') return i;
  }
  return -1;
}
