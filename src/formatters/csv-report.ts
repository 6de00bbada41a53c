import type { Finding } from '../engine/finding';
import type { FileReport, Formatter } from './format-types';

/**
 * Findings as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break, quotes doubled). The file is opened in Excel by people who did not write
 * the workbook, so every field that a spreadsheet would read as a formula is neutralised first.
 */

/** `lastRow` is the last row of a finding about a run of rows (blank rows), empty otherwise, as in the JSON. */
const CSV_COLUMNS = ['file', 'ruleId', 'severity', 'sheet', 'cell', 'row', 'lastRow', 'field', 'message', 'fixFrom', 'fixTo', 'fixType'] as const;

/**
 * Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (or, for tab and
 * CR/LF, let a following character do so). The full-width forms are included because some locales'
 * spreadsheets accept them as operators too.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes an apostrophe to a value a spreadsheet would run as a formula (OWASP CSV injection advice). */
export function neutraliseFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised, then quoted where RFC 4180 requires it. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = neutraliseFormula(String(value));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return values.map(csvField).join(',');
}

function findingRow(file: string, f: Finding): Array<string | number | boolean | null> {
  return [
    file,
    f.ruleId,
    f.severity,
    f.sheet,
    f.cell,
    f.row,
    f.lastRow ?? null,
    f.field,
    f.message,
    f.fix?.from ?? null,
    f.fix?.to ?? null,
    f.fix?.type ?? null,
  ];
}

/** One line per finding of every file, after a header line; ends with a line break. */
export const formatCsv: Formatter = (reports: readonly FileReport[]) => {
  const lines = [csvLine(CSV_COLUMNS)];
  for (const report of reports) for (const f of report.result.findings) lines.push(csvLine(findingRow(report.file, f)));
  return `${lines.join('\r\n')}\r\n`;
};
