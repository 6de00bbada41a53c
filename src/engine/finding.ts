export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

export type FixType = 'text' | 'date' | 'empty';

/** A one-click fix as plain data: replace `from` in `cell` with `to`. */
export interface Fix {
  readonly cell: string;
  /** The raw value as the user sees it: text as is, numbers as numbers, dates as YYYY-MM-DD. */
  readonly from: string | number | boolean;
  /** The new value; `YYYY-MM-DD` for `date`, `""` for `empty`. */
  readonly to: string;
  readonly type: FixType;
}

/** Extra facts the pane shows beside a message (e.g. which party octets differ). */
export interface FindingDetails {
  readonly expected?: string;
  readonly firstRow?: number;
  readonly party?: string;
  readonly submitterParty?: string;
  readonly octets?: string;
  readonly groupId?: string;
  readonly formula?: boolean;
}

/**
 * A finding. `Id` is the rule id type of the rule set that produced it: the engine knows no rule, so
 * it defaults to `string`; a composition root that hands over a catalogue gets that catalogue's ids.
 */
export interface Finding<Id extends string = string> {
  readonly ruleId: Id;
  readonly severity: Severity;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly row: number | null;
  /** The last row of a run of rows the finding covers (a blank-row run); absent for one row, cell or file. */
  readonly lastRow?: number;
  readonly field: string | null;
  readonly message: string;
  readonly fix: Fix | null;
  /** 1-based column of `cell`, for ordering; 0 for row- and file-level findings. Not part of the JSON contract. */
  readonly col: number;
  readonly details?: FindingDetails;
}

export interface Summary {
  error: number;
  warning: number;
  info: number;
}

export function summarise(findings: readonly Finding[]): Summary {
  const s: Summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

export const isReady = (findings: readonly Finding[]): boolean => !findings.some((f) => f.severity === 'error');

/** File-level first, then by sheet, row, column, rule id; row-level before cells of that row. */
export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.row === null ? 0 : 1;
  const fb = b.row === null ? 0 : 1;
  if (fa !== fb) return fa - fb;
  if (a.sheet !== b.sheet) return (a.sheet ?? '') < (b.sheet ?? '') ? -1 : 1;
  if ((a.row ?? 0) !== (b.row ?? 0)) return (a.row ?? 0) - (b.row ?? 0);
  if (a.col !== b.col) return a.col - b.col;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * The JSON finding of the CLI's `--format json` (docs/cli.md): drops internal fields. `lastRow` is
 * written only for findings about a run of rows (blank-row), after `row`.
 */
export function toContractFinding<Id extends string>(
  f: Finding<Id>,
): {
  ruleId: Id;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  lastRow?: number;
  field: string | null;
  message: string;
  fix: Fix | null;
} {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    row: f.row,
    ...(f.lastRow !== undefined ? { lastRow: f.lastRow } : {}),
    field: f.field,
    message: f.message,
    fix: f.fix,
  };
}
