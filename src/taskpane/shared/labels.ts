import type { Finding, Severity } from '../../engine/finding';

/** Words the pane uses for counts and places; kept together so the wording stays consistent. */

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const SEVERITY_NAMES: Readonly<Record<Severity, { one: string; many: string; title: string }>> = {
  error: { one: 'error', many: 'errors', title: 'Error' },
  warning: { one: 'warning', many: 'warnings', title: 'Warning' },
  info: { one: 'info', many: 'info', title: 'Info' },
};

export const severityTitle = (severity: Severity): string => SEVERITY_NAMES[severity].title;

const numberFormat = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number): string => numberFormat.format(n);

/** "1 error", "12,345 warnings", "2 info". */
export function severityCount(severity: Severity, n: number): string {
  const names = SEVERITY_NAMES[severity];
  return `${formatCount(n)} ${n === 1 ? names.one : names.many}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A finding about a run of rows (blank-row): listed once, with its range. */
const isRun = (finding: Finding): boolean => finding.lastRow !== undefined && finding.row !== null && finding.lastRow > finding.row;

/** Where selecting a finding takes the user: its cell, else the first cell of its row (of a run's first row). */
export interface CellTarget {
  readonly sheet: string;
  readonly cell: string;
}

export function targetOf(finding: Finding): CellTarget | null {
  if (finding.sheet === null) return null;
  if (finding.cell !== null) return { sheet: finding.sheet, cell: finding.cell };
  if (finding.row !== null) return { sheet: finding.sheet, cell: `A${finding.row}` };
  return null;
}

/**
 * A short place name: the cell (with its sheet when it is not the template's data sheet), "Row 12"
 * for row findings, "Workbook" for file findings.
 */
export function placeOf(finding: Finding, dataSheet: string | null): string {
  const onOtherSheet = finding.sheet !== null && finding.sheet !== dataSheet;
  const prefix = onOtherSheet ? `${finding.sheet}!` : '';
  if (finding.cell !== null) return `${prefix}${finding.cell}`;
  if (finding.row !== null && isRun(finding)) return `${prefix}Rows ${formatCount(finding.row)}–${formatCount(finding.lastRow!)}`;
  if (finding.row !== null) return `${prefix}Row ${finding.row}`;
  return 'Workbook';
}

/** The full place for screen readers: always names the sheet. */
export function spokenPlaceOf(finding: Finding): string {
  if (finding.sheet === null) return 'Workbook';
  if (finding.cell !== null) return `Sheet ${finding.sheet}, cell ${finding.cell}`;
  if (finding.row !== null && isRun(finding)) return `Sheet ${finding.sheet}, rows ${formatCount(finding.row)} to ${formatCount(finding.lastRow!)}`;
  if (finding.row !== null) return `Sheet ${finding.sheet}, row ${finding.row}`;
  return `Sheet ${finding.sheet}`;
}
