import type { Cell, CellValue } from './cell';
import type { RowContext } from './context';
import type { Detection } from './detect';
import type { FindingDetails, FixType, Severity } from './finding';
import type { FieldSpec, FieldType } from './profile';

/** Where a rule's finding points. */
export type RuleScope = 'file' | 'header' | 'cell' | 'row' | 'across-rows';

/** A rule's metadata: the catalogue (pane, `mam-prep rules`, README) is generated from it. */
export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly scope: RuleScope;
  /** Short title, e.g. "MPAN core check digit". */
  readonly title: string;
  /** What the rule checks, as the analyst reads it. */
  readonly description: string;
  /** Why it matters under the MAM. */
  readonly why: string;
  /** Field ids (or kinds) the rule reads; empty for file-level rules. */
  readonly fields: readonly string[];
  readonly fixable: boolean;
  /** What the one-click fix does, when fixable. */
  readonly fixDescription?: string;
  readonly examples: { readonly valid: string; readonly invalid: string };
  /**
   * Position in the evaluation order of a cell (text hygiene first). When two fixes land on the same
   * cell, the later stage's fix already includes the earlier ones, so the planner keeps it.
   */
  readonly stage: number;
  /**
   * The rule compares the files of one CLI run (`acrossFilesCheck`): the pane, which checks one
   * workbook, never reports it.
   */
  readonly acrossFiles?: boolean;
}

/** A one-click fix a check proposes: the engine adds the cell and the value it replaces. */
export interface FixProposal {
  readonly to: string;
  readonly type: FixType;
}

/** Only a rule whose metadata says `fixable: true` may pass a fix: for the others the argument must be undefined. */
export type FixFor<F extends boolean> = F extends true ? FixProposal | undefined : undefined;

// ---------------------------------------------------------------------------------------------
// Cell checks: run on every filled cell of a field type, in `stage` order (then rule id).

/** What a cell check returns to end the cell's checks; `undefined` lets the next check run. */
export const Verdict = Object.freeze({
  /** Present and usable: later row rules may rely on `probe.key`. */
  valid: 1,
  /** Present but wrong (one mistake, one finding: later checks of the cell do not run). */
  invalid: 2,
  /** Nothing left once invisible characters are removed: the cell counts as empty. */
  empty: 3,
  /** An Excel error value. */
  error: 4,
} as const);
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** The cell under check, shared by the checks of one cell in turn. */
export interface CellProbe {
  readonly field: FieldSpec;
  readonly cell: Cell;
  readonly ctx: RowContext;
  /** The text later checks judge: the cell's text, cleaned or rewritten by earlier checks; undefined when not text. */
  text: string | undefined;
  /** The value in the form row and cross-row rules compare (EUI canonical, digits, code, ISO date). */
  key: string | undefined;
  /** An earlier check found invisible characters. */
  hygieneFailed: boolean;
}

export type CellReport<F extends boolean> = (message: string, fix?: FixFor<F>, details?: FindingDetails) => void;

export interface CellCheck<F extends boolean> {
  /** The field types the check runs on; `every` includes free text. */
  readonly types: readonly FieldType[] | 'every';
  /** The value kinds the check can say something about (default: all); the engine skips it for others. */
  readonly values?: readonly CellValue['kind'][];
  readonly check: (probe: CellProbe, report: CellReport<F>) => Verdict | undefined;
}

// ---------------------------------------------------------------------------------------------
// Row checks: run once per data row that holds any cell, after the cell checks of every bound column.
// A row with no cell at all is blank by construction and is skipped: blank rows are reported a run
// at a time by the blank-run checks below.

/** What the cell checks concluded about one cell, for the row and cross-row rules. */
export interface CellState {
  /** Non-empty after hygiene; an error value counts as given. */
  readonly present: boolean;
  readonly isError: boolean;
  /** Hygiene failed on the cell. */
  readonly hygieneFailed: boolean;
  /** A format or code rule failed. */
  readonly invalid: boolean;
  /** The cleaned value in the form rules compare: EUI canonical, MPAN/MPRN digits (also when fixable), allowed code, ISO date. */
  readonly key?: string;
  /** The value passed every check of its type. */
  readonly usable: boolean;
}

export interface RowProbe {
  readonly row: number;
  readonly ctx: RowContext;
  /** The row's cells from column 1 (undefined: no cell). */
  readonly cells: ReadonlyArray<Cell | undefined> | undefined;
  /** Cell states in `ctx.detection.boundFields` order. */
  readonly states: readonly CellState[];
  /** No bound column holds a value. */
  readonly blank: boolean;
  /** The row's GroupID is exempt from the coordinating-supplier rules (its EIS cell was not checked). */
  readonly exempt: boolean;
}

/**
 * Reports a finding of a row check: on the cell of the bound field at `slot` (an index into
 * `ctx.detection.boundFields`), or on the whole row when `slot` is null.
 */
export type RowReport<F extends boolean> = (slot: number | null, message: string, fix?: FixFor<F>, details?: FindingDetails) => void;

export type RowCheck<F extends boolean> = (probe: RowProbe, report: RowReport<F>) => void;

// ---------------------------------------------------------------------------------------------
// Blank-run checks: run once per run of consecutive blank data rows (empty in every bound column).
// A stray value far below the table leaves a run of a million rows: it is one run, not a million rows.

export interface BlankRun {
  readonly ctx: RowContext;
  readonly firstRow: number;
  /** Equal to `firstRow` for a single blank row. */
  readonly lastRow: number;
}

/** Reports a finding on the run's first row; the finding carries the run's `lastRow`. */
export type BlankRunReport = (message: string) => void;

export type BlankRunCheck = (run: BlankRun, report: BlankRunReport) => void;

// ---------------------------------------------------------------------------------------------
// Across-rows checks: run on identifiers (meter points, device IDs) that stand more than once.

export type IdentifierKind = 'meter-point' | 'device';

/** One occurrence of an identifier that also stands earlier in the sheet or in the row. */
export interface RepeatedIdentifier {
  readonly ctx: RowContext;
  readonly row: number;
  readonly fieldId: string;
  /** The identifier as compared (digits, canonical EUI-64). */
  readonly key: string;
  /** The first row that holds it (may be this row). */
  readonly firstRow: number;
  /** When the first holder is this row: the header of an earlier column of this row that holds it. */
  readonly earlierColumnHeader: string | undefined;
}

export type AcrossRowsReport = (message: string, details?: FindingDetails) => void;

export interface AcrossRowsCheck {
  readonly identifiers: IdentifierKind;
  readonly check: (repeat: RepeatedIdentifier, report: AcrossRowsReport) => void;
}

// ---------------------------------------------------------------------------------------------
// Across-files checks: run in the CLI on identifiers that stand in more than one of the files of a run.

/** Where an identifier first stands in another file of the run. */
export interface OtherFilePlace {
  /** The file as the user named it. */
  readonly file: string;
  readonly sheet: string;
  readonly cell: string;
}

/** An identifier of this file (its first place in it) that other files of the run also hold. */
export interface SharedIdentifier {
  readonly fieldId: string;
  /** `mpan`, `mprn` or `device`: what the identifier is. */
  readonly kind: 'mpan' | 'mprn' | 'device';
  /** As compared: digits, canonical EUI-64. */
  readonly key: string;
  /** The other files holding it, in the order the files were given. */
  readonly others: readonly OtherFilePlace[];
}

export type AcrossFilesCheck = (shared: SharedIdentifier, report: (message: string) => void) => void;

// ---------------------------------------------------------------------------------------------
// Workbook checks: the file and its header block, once per validation.

export interface WorkbookProbe {
  /** Undefined when no sheet looks like a template. */
  readonly detection: Detection | undefined;
  readonly ctx: RowContext | undefined;
  /** Where the submitting User ID comes from. */
  readonly userId: {
    /** The header-block cell that should hold it, and its label as written. */
    readonly holder: { readonly row: number; readonly col: number; readonly label: string } | undefined;
    /** The holder cell has a value. */
    readonly stated: boolean;
    /** A User ID was given by settings or `--user-id`. */
    readonly optionGiven: boolean;
  };
}

/** Where a workbook finding points: a cell (row and col), a row (header row), or the file when omitted. */
export interface WorkbookPlace {
  readonly row: number;
  readonly col?: number;
  readonly field: string;
}

export type WorkbookReport = (message: string, place?: WorkbookPlace) => void;
export type WorkbookCheck = (probe: WorkbookProbe, report: WorkbookReport) => void;

// ---------------------------------------------------------------------------------------------
// Training: the typical mistake a rule's row on the trainer's sheet shows.

/** A data row by field id. */
export type ExampleRow = Record<string, Cell | undefined>;

export interface ExampleContext {
  /** Profile id of the sheet's template. */
  readonly template: string;
  /** The row's own unique index (its identifiers do not occur anywhere else on the sheet). */
  readonly index: number;
  /** The correct reference row (the sheet's first data row). */
  readonly reference: Readonly<ExampleRow>;
  readonly today: string;
}

export interface TrainingExample {
  /** Profile ids whose training sheet shows the mistake. */
  readonly templates: readonly string[];
  /** The field whose cell carries the finding; null for a row-level finding. */
  readonly field: (template: string) => string | null;
  /** Turns a correct row into the mistake (null: the row is left empty). */
  readonly mistake: (row: ExampleRow, ctx: ExampleContext) => ExampleRow | null;
  /** Findings the mistake brings along by design (an exempt GroupID is always pointed out). */
  readonly companions?: readonly { readonly ruleId: string; readonly field: string | null }[];
}

/** A rule about the header block or the whole file: why no data row of the training sheet can show it. */
export interface NotOnARow {
  /** Completes "<title>: …", e.g. "about the header row: a whole column is missing". */
  readonly notOnARow: string;
}

// ---------------------------------------------------------------------------------------------

/**
 * A rule: its metadata, the check of its kind, and its training example. The engine runs whatever
 * rules it is handed; it knows none by name.
 */
export interface Rule<Id extends string = string, F extends boolean = boolean> extends RuleMeta {
  readonly id: Id;
  readonly fixable: F;
  readonly cellCheck?: CellCheck<F>;
  readonly rowCheck?: RowCheck<F>;
  readonly blankRunCheck?: BlankRunCheck;
  readonly acrossRowsCheck?: AcrossRowsCheck;
  readonly acrossFilesCheck?: AcrossFilesCheck;
  readonly workbookCheck?: WorkbookCheck;
  /**
   * The mistake the trainer's sheet shows; for rules no data row can show, why not; `across-files` for
   * rules only a run over several files can show.
   */
  readonly training: TrainingExample | NotOnARow | 'across-files';
}

/** The rules the engine runs: the catalogue, or a test's own registry. */
export type RuleSet<Id extends string = string> = readonly Rule<Id>[];

/** A fixable rule says what its fix does; a rule that is not fixable has no fix to describe. */
export type FixDescription<F extends boolean> = F extends true ? { readonly fixDescription: string } : { readonly fixDescription?: undefined };

/**
 * Freezes a rule; `const` type parameters keep its id and `fixable` literal, so a check of a rule that
 * is not fixable cannot pass a fix, and `fixDescription` is required exactly when `fixable` is true.
 */
export function defineRule<const Id extends string, const F extends boolean>(rule: Rule<Id, F> & FixDescription<F>): Rule<Id, F> {
  return Object.freeze(rule);
}
