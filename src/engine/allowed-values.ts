import { parseRange, sqrefContains } from './address';
import { displayValue } from './cell';
import type { Detection } from './detect';
import type { FieldSpec } from './profile';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';
import { cellAt } from './snapshot';
import { cleanText, normaliseLabel } from './text-hygiene';

export type AllowedSource = 'validation' | 'lists-sheet' | 'profile';

export interface AllowedValues {
  /** Allowed values, or undefined when only a pattern applies (GroupID without a list). */
  readonly values?: ReadonlySet<string>;
  readonly source: AllowedSource;
}

function valueText(sheet: SheetSnapshot, row: number, col: number): string {
  const v = displayValue(cellAt(sheet, row, col).value);
  return cleanText(typeof v === 'string' ? v : String(v));
}

function rangeValues(workbook: WorkbookSnapshot, reference: string, defaultSheet: SheetSnapshot): string[] | undefined {
  const range = parseRange(reference);
  if (!range) return undefined;
  const sheet = range.sheet === undefined ? defaultSheet : workbook.sheets.find((s) => normaliseLabel(s.name) === normaliseLabel(range.sheet!));
  if (!sheet) return undefined;
  const out: string[] = [];
  // A whole-column reference would walk a million rows: stop at the sheet's last row.
  const lastRow = Math.min(range.end.row, sheet.rows.length);
  for (let r = range.start.row; r <= lastRow; r++) {
    for (let c = range.start.col; c <= range.end.col; c++) {
      const v = valueText(sheet, r, c);
      if (v !== '') out.push(v);
    }
  }
  return out;
}

/** Resolves a list validation source: inline list, range, or defined name. */
function resolveListSource(source: string, workbook: WorkbookSnapshot, sheet: SheetSnapshot): string[] | undefined {
  let s = source.trim();
  if (s.startsWith('=')) s = s.slice(1).trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    return s
      .slice(1, -1)
      .split(',')
      .map((v) => cleanText(v))
      .filter((v) => v !== '');
  }
  const fromRange = rangeValues(workbook, s, sheet);
  if (fromRange) return fromRange;
  const names = workbook.definedNames ?? {};
  const nameKey = Object.keys(names).find((n) => n.toLowerCase() === s.toLowerCase());
  if (nameKey !== undefined) return rangeValues(workbook, names[nameKey]!, sheet);
  // Office.js reports inline lists without quotes: "EA,EB,EC".
  if (!/[!$:]/.test(s))
    return s
      .split(',')
      .map((v) => cleanText(v))
      .filter((v) => v !== '');
  return undefined;
}

function listsSheetValues(workbook: WorkbookSnapshot, field: FieldSpec): string[] | undefined {
  const lists = workbook.sheets.find((s) => normaliseLabel(s.name) === 'lists');
  if (!lists) return undefined;
  const headers = new Set(field.headers.map(normaliseLabel));
  const first = lists.rows[0] ?? [];
  for (let c = 1; c <= first.length; c++) {
    if (!headers.has(normaliseLabel(valueText(lists, 1, c)))) continue;
    const out: string[] = [];
    for (let r = 2; r <= lists.rows.length; r++) {
      const v = valueText(lists, r, c);
      if (v === '') break;
      out.push(v);
    }
    return out;
  }
  return undefined;
}

/** Allowed values of each coded field, in the precedence of docs/templates.md. */
export function resolveAllowedValues(workbook: WorkbookSnapshot, detection: Detection): Map<string, AllowedValues> {
  const result = new Map<string, AllowedValues>();
  const firstDataRow = detection.headerRow + 1;
  for (const { field, col } of detection.boundFields) {
    if (field.type !== 'code' && field.type !== 'group-id') continue;
    const validation = detection.sheet.validations?.find((v) => sqrefContains(v.sqref, firstDataRow, col));
    const fromValidation = validation ? resolveListSource(validation.source, workbook, detection.sheet) : undefined;
    if (fromValidation && fromValidation.length > 0) {
      result.set(field.id, { values: new Set(fromValidation), source: 'validation' });
      continue;
    }
    const fromLists = listsSheetValues(workbook, field);
    if (fromLists && fromLists.length > 0) {
      result.set(field.id, { values: new Set(fromLists), source: 'lists-sheet' });
      continue;
    }
    result.set(field.id, { values: field.codes ? new Set(field.codes) : undefined, source: 'profile' });
  }
  return result;
}
