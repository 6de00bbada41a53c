/**
 * The typed cell model every adapter (OOXML reader, Office.js gateway, in-memory fake) fills.
 * Rules never see raw workbook strings: they see one of these kinds.
 */
export type CellValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly number: number }
  | { readonly kind: 'boolean'; readonly boolean: boolean }
  /** A number shown with a date format; `iso` is YYYY-MM-DD (time of day dropped). */
  | { readonly kind: 'date'; readonly serial: number; readonly iso: string }
  | { readonly kind: 'error'; readonly error: string };

export interface Cell {
  readonly value: CellValue;
  /** The cell holds a formula; `value` is its last calculated result. */
  readonly formula?: boolean;
}

export const EMPTY_VALUE: CellValue = Object.freeze({ kind: 'empty' });
export const EMPTY_CELL: Cell = Object.freeze({ value: EMPTY_VALUE });

export const text = (value: string, formula = false): Cell => ({ value: { kind: 'text', text: value }, formula });
export const num = (value: number, formula = false): Cell => ({ value: { kind: 'number', number: value }, formula });
export const bool = (value: boolean, formula = false): Cell => ({ value: { kind: 'boolean', boolean: value }, formula });
export const err = (code: string, formula = false): Cell => ({ value: { kind: 'error', error: code }, formula });
export const date = (iso: string, formula = false): Cell => ({
  value: { kind: 'date', serial: isoToSerial(iso), iso },
  formula,
});

const MS_PER_DAY = 86_400_000;
/** Excel's 1900 date system, counting the phantom 29 Feb 1900 as Lotus did. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

export function serialToIso(serial: number): string {
  const whole = Math.floor(serial);
  // Serials 1..59 precede Excel's phantom 1900-02-29 and are one day later than the arithmetic says.
  const adjusted = whole > 0 && whole < 60 ? whole + 1 : whole;
  const d = new Date(EPOCH_1900 + adjusted * MS_PER_DAY);
  return d.toISOString().slice(0, 10);
}

export function isoToSerial(iso: string): number {
  const ms = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const days = Math.round((ms - EPOCH_1900) / MS_PER_DAY);
  return days > 0 && days <= 60 ? days - 1 : days;
}

/** True when `iso` names a real calendar day (YYYY-MM-DD). */
export function isRealIsoDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * True when `iso` is a real day that Excel's 1900 date system can hold (1900-01-01 .. 9999-12-31):
 * a fix may only write such a date, since Excel shows earlier serials as 1900-01-00 or ####.
 */
export function isExcelDate(iso: string): boolean {
  return isRealIsoDate(iso) && iso >= '1900-01-01';
}

export const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
]);

/**
 * Decides whether an Excel number format shows a date. Quoted literals, escaped characters and
 * colour/condition sections are ignored, so `"d"0` is not a date but `dd/mm/yyyy` and `[$-809]d mmm` are.
 */
export function isDateFormat(format: string | undefined | null): boolean {
  if (!format) return false;
  const section = format.split(';')[0] ?? '';
  const stripped = withoutBracketCodes(section.replace(/"[^"]*"/g, '').replace(/\\./g, '')).replace(/_.|\*./g, '');
  if (/General/i.test(stripped) && !/[dy]/i.test(stripped.replace(/General/gi, ''))) return false;
  return /[dmyhs]/i.test(stripped.replace(/General/gi, '').replace(/[eE][+-]/g, ''));
}

/**
 * Removes `[...]` codes (colours, conditions, locales) but keeps the elapsed-time ones (`[h]`,
 * `[mm]`, `[ss]`). A loop, not /\[(?!h\]|...)[^\]]*\]/g: that pattern rescanned to the end from
 * every `[` that had no `]`, quadratic in a long format (250,000 characters took 26 s).
 */
function withoutBracketCodes(format: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const open = format.indexOf('[', pos);
    const close = open < 0 ? -1 : format.indexOf(']', open + 1);
    // No `[` left, or no `]` after it and so after any later `[` either: the rest stays.
    if (close < 0) return out + format.slice(pos);
    const code = format.slice(open + 1, close).toLowerCase();
    const elapsed = code === 'h' || code === 'hh' || code === 'm' || code === 'mm' || code === 's' || code === 'ss';
    out += format.slice(pos, open) + (elapsed ? format.slice(open, close + 1) : '');
    pos = close + 1;
  }
}

/** Built-in number format ids (ECMA-376 18.8.30) that display dates or times. */
export const BUILTIN_DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/**
 * Types a raw value as Office.js and most readers deliver it (number, string, boolean) with its
 * number format. Strings that are Excel error codes become errors only when `errorHint` says so,
 * because a user can type the text "#N/A".
 */
export function typeRawValue(raw: unknown, numberFormat: string | undefined, options: { formula?: boolean; isError?: boolean } = {}): Cell {
  const formula = options.formula === true;
  if (raw === null || raw === undefined || raw === '') return formula ? { value: EMPTY_VALUE, formula } : EMPTY_CELL;
  if (typeof raw === 'boolean') return bool(raw, formula);
  if (typeof raw === 'number') {
    if (isDateFormat(numberFormat) && Number.isFinite(raw) && raw >= 0 && raw < 2958466) {
      return { value: { kind: 'date', serial: raw, iso: serialToIso(raw) }, formula };
    }
    return num(raw, formula);
  }
  const s = rawText(raw);
  if (options.isError === true || (options.isError === undefined && EXCEL_ERRORS.has(s))) return err(s, formula);
  return text(s, formula);
}

/**
 * The text of a raw value that is not a number or boolean. Office and the readers deliver strings;
 * anything else is kept as its JSON so its content stays visible instead of "[object Object]".
 */
function rawText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'bigint') return raw.toString();
  return JSON.stringify(raw) ?? '';
}

/** The value as the user sees it, for fix `from` and messages: text as is, numbers as numbers, dates as YYYY-MM-DD. */
export function displayValue(value: CellValue): string | number | boolean {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'text':
      return value.text;
    case 'number':
      return value.number;
    case 'boolean':
      return value.boolean;
    case 'date':
      return value.iso;
    case 'error':
      return value.error;
  }
}

export function cellsEqual(a: Cell | undefined, b: Cell | undefined): boolean {
  const va = a?.value ?? EMPTY_VALUE;
  const vb = b?.value ?? EMPTY_VALUE;
  if (va.kind !== vb.kind) return false;
  if ((a?.formula ?? false) !== (b?.formula ?? false)) return false;
  return displayValue(va) === displayValue(vb);
}
