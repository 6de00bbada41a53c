/** A1 addressing helpers. Rows and columns are 1-based, as the spreadsheet numbers them. */

export function columnLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
  return n;
}

export const toA1 = (row: number, col: number): string => columnLetters(col) + String(row);

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

export function parseA1(address: string): CellRef | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return undefined;
  return { col: columnNumber(m[1]!), row: Number(m[2]) };
}

export interface RangeRef {
  readonly sheet?: string;
  readonly start: CellRef;
  readonly end: CellRef;
}

/** Parses `A2:A20`, `$A$2:$A$20`, `Lists!A2:A9`, `'My Lists'!$A$2:$A$9`, or a single cell. */
export function parseRange(reference: string): RangeRef | undefined {
  let ref = reference.trim().replace(/^=/, '');
  let sheet: string | undefined;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    ref = ref.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  const [a, b] = ref.split(':');
  const start = a ? parseA1(a) : undefined;
  const end = b ? parseA1(b) : start;
  if (!start || !end) return undefined;
  return {
    sheet,
    start: { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
    end: { row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
  };
}

/** Whether a space-separated `sqref` (as in OOXML data validations) covers a cell. */
export function sqrefContains(sqref: string, row: number, col: number): boolean {
  for (const part of sqref.split(/\s+/)) {
    if (!part) continue;
    const r = parseRange(part);
    if (r && row >= r.start.row && row <= r.end.row && col >= r.start.col && col <= r.end.col) return true;
  }
  return false;
}
