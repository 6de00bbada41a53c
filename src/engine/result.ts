import type { Cell } from './cell';
import type { Finding, Summary } from './finding';
import type { Profile } from './profile';
import type { RuleSet } from './rule';

/** `Id`: the rule ids of the rule set, which the findings of the result carry. */
export interface EngineOptions<Id extends string = string> {
  /** The rules to run: the composition root (CLI, pane, demo) hands over the catalogue. */
  readonly rules: RuleSet<Id>;
  /** Profiles to detect; defaults to DEFAULT_PROFILES (or an override merged over them). */
  readonly profiles?: readonly Profile[];
  /** The submitting User ID from settings or `--user-id`, used when the workbook states none. */
  readonly userId?: string;
  /** "Today" for date rules, YYYY-MM-DD. */
  readonly today: string;
}

/** Engine options as settings hold them: everything but the rules. */
export type EngineSettings = Omit<EngineOptions, 'rules'>;

export interface TemplateInfo {
  readonly id: string;
  readonly name: string;
  /** The version stated in the workbook (trimmed), or null. */
  readonly version: string | null;
  /** The version is not the profile's current one (older known or unknown). */
  readonly outdated: boolean;
  readonly sheet: string;
  readonly headerRow: number;
}

export interface ValidationResult<Id extends string = string> {
  readonly template: TemplateInfo | null;
  /** Sorted: file-level first, then by sheet, row, column, rule id. */
  readonly findings: readonly Finding<Id>[];
  readonly summary: Summary;
  /** No error finding. */
  readonly ready: boolean;
  /** Data rows examined (header row + 1 .. last data row), blank rows included. */
  readonly rowsChecked: number;
  readonly firstDataRow: number | null;
  readonly lastDataRow: number | null;
  /** Field id → 1-based column of the data sheet. */
  readonly columns: Readonly<Record<string, number>>;
  /** The submitting User ID in use (workbook, else settings/CLI), canonical when valid. */
  readonly userId: string | null;
  readonly userIdSource: 'workbook' | 'option' | null;
  /** The SMETS1 Service Provider token from the header block, for the export name. */
  readonly serviceProvider: string | null;
  /** Other sheets that also look like a template (only the chosen one is validated). */
  readonly otherTemplateSheets: readonly string[];
}

/** A changed row as an adapter re-read it: every cell from column 1. */
export interface RowUpdate {
  readonly row: number;
  readonly cells: ReadonlyArray<Cell | undefined>;
}

export interface UpdateOutcome {
  /** The change touched the header block or header row, so everything was detected and validated again. */
  readonly full: boolean;
  /** Rows whose findings may have changed. */
  readonly affectedRows: readonly number[];
}
