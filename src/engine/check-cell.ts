import type { Cell, CellValue } from './cell';
import { displayValue } from './cell';
import type { RowContext } from './context';
import { cellFinding } from './context';
import type { Finding, FindingDetails } from './finding';
import type { FieldSpec } from './profile';
import type { BoundCellCheck, CompiledRules } from './registry';
import { type CellProbe, type CellState, type FixProposal, type Rule, Verdict } from './rule';

export type { CellState } from './rule';

export const EMPTY_STATE: CellState = Object.freeze({ present: false, isError: false, hygieneFailed: false, invalid: false, usable: false, key: undefined });

/**
 * A state the checker fills in place: one per column, reused for every row, so checking allocates
 * nothing. It also remembers the last text it judged clean (no finding) under which field, context and
 * options: the verdict depends on nothing else, and columns such as the GroupID, the supplier EUIDs
 * and the EIS repeat one value down the sheet, so a repeat keeps the state as it stands.
 */
export interface MutableCellState {
  present: boolean;
  isError: boolean;
  hygieneFailed: boolean;
  invalid: boolean;
  usable: boolean;
  key: string | undefined;
  cleanText: string | undefined;
  cleanField: FieldSpec | undefined;
  /** `contextId` of the context the clean text was judged under (an id, so no old workbook is kept alive). */
  cleanContextId: number;
  cleanOptions: CellCheckOptions | undefined;
}

export const newCellState = (): MutableCellState => ({
  present: false,
  isError: false,
  hygieneFailed: false,
  invalid: false,
  usable: false,
  key: undefined,
  cleanText: undefined,
  cleanField: undefined,
  cleanContextId: 0,
  cleanOptions: undefined,
});

export interface CellCheckOptions {
  /** The row's GroupID is exempt: the EIS cell gets no cell check (its own row rule speaks for it). */
  readonly skipRules?: boolean;
}

/** Whether a cell counts as empty: no value, empty text, or a formula that returns "". */
export function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell) return true;
  const v = cell.value;
  return v.kind === 'empty' || (v.kind === 'text' && v.text === '');
}

/** The probe and report target of the cell being checked. One scratch instance: validation is not re-entrant. */
interface Scratch extends CellProbe {
  field: FieldSpec;
  cell: Cell;
  ctx: RowContext;
  out: Finding[];
  row: number;
  col: number;
  rule: Rule;
}

const scratch: Scratch = {
  field: undefined as unknown as FieldSpec,
  cell: { value: { kind: 'empty' } },
  ctx: undefined as unknown as RowContext,
  text: undefined,
  key: undefined,
  hygieneFailed: false,
  out: [],
  row: 0,
  col: 0,
  rule: undefined as unknown as Rule,
};

/** The one reporter every cell check is handed: it reports for the check running now. */
function reportCell(message: string, fix?: FixProposal, details?: FindingDetails): void {
  const s = scratch;
  const from = displayValue(s.cell.value);
  s.out.push(
    cellFinding(
      s.rule,
      s.ctx,
      s.row,
      s.col,
      s.field.id,
      message,
      fix ? { to: fix.to, type: fix.type, from, formula: s.cell.formula === true } : undefined,
      details,
    ),
  );
}

function setState(
  t: MutableCellState,
  present: boolean,
  isError: boolean,
  hygieneFailed: boolean,
  invalid: boolean,
  usable: boolean,
  key: string | undefined,
): CellState {
  t.present = present;
  t.isError = isError;
  t.hygieneFailed = hygieneFailed;
  t.invalid = invalid;
  t.usable = usable;
  t.key = key;
  return t;
}

/**
 * Runs the cell checks of one field in evaluation order (error values, text hygiene, the type's
 * format rules, then the rules that need a well-formed value) until one ends the cell: one mistake,
 * one finding.
 */
export function checkCell(
  checks: FieldChecks,
  cell: Cell | undefined,
  row: number,
  col: number,
  ctx: RowContext,
  out: Finding[],
  t: MutableCellState,
  options: CellCheckOptions = NO_OPTIONS,
): CellState {
  if (!cell || isEmptyCell(cell)) {
    t.cleanText = undefined;
    return setState(t, false, false, false, false, false, undefined);
  }
  const v = cell.value;
  const field = checks.field;
  const repeats = checks.repeats && v.kind === 'text';
  if (repeats && v.text === t.cleanText && field === t.cleanField && ctx.contextId === t.cleanContextId && options === t.cleanOptions) return t;
  t.cleanText = undefined;
  if (options.skipRules) return setState(t, true, v.kind === 'error', false, false, false, undefined);
  const chain = chainFor(checks, v);
  // No check applies (free text): the value is usable as it stands.
  if (chain.length === 0) return setState(t, true, false, false, false, true, undefined);
  const before = out.length;
  const state = runChecks(chain, field, cell, row, col, ctx, out, t);
  if (repeats && v.kind === 'text' && out.length === before) {
    t.cleanText = v.text;
    t.cleanField = field;
    t.cleanContextId = ctx.contextId;
    t.cleanOptions = options;
  }
  return state;
}

/**
 * A field's cell checks by value kind, and whether its values repeat: built once per field and
 * context, then read by one property per cell (a switch on the kind, not a keyed lookup).
 */
export interface FieldChecks {
  readonly field: FieldSpec;
  /** Remembering the last clean value pays (see `valuesRepeat`). */
  readonly repeats: boolean;
  readonly text: readonly BoundCellCheck[];
  readonly number: readonly BoundCellCheck[];
  readonly boolean: readonly BoundCellCheck[];
  readonly date: readonly BoundCellCheck[];
  readonly error: readonly BoundCellCheck[];
}

export function fieldChecksOf(rules: CompiledRules, field: FieldSpec): FieldChecks {
  const t = field.type;
  return {
    field,
    repeats: valuesRepeat(field),
    text: rules.cellChecks(t, 'text'),
    number: rules.cellChecks(t, 'number'),
    boolean: rules.cellChecks(t, 'boolean'),
    date: rules.cellChecks(t, 'date'),
    error: rules.cellChecks(t, 'error'),
  };
}

const NO_CHECKS: readonly BoundCellCheck[] = Object.freeze([]);

function chainFor(checks: FieldChecks, v: CellValue): readonly BoundCellCheck[] {
  switch (v.kind) {
    case 'text':
      return checks.text;
    case 'number':
      return checks.number;
    case 'date':
      return checks.date;
    case 'error':
      return checks.error;
    case 'boolean':
      return checks.boolean;
    case 'empty':
      return NO_CHECKS;
  }
}

export const NO_OPTIONS: CellCheckOptions = Object.freeze({});
/** For the EIS cell of an exempt row. */
export const SKIP_RULES: CellCheckOptions = Object.freeze({ skipRules: true });

/**
 * Columns whose values repeat down a sheet (GroupIDs, codes, supplier EUIDs), where remembering the
 * last clean value pays. Meter points and device IDs are unique per row: comparing them with the row
 * above would only cost time.
 */
const valuesRepeat = (field: FieldSpec): boolean => field.type === 'group-id' || field.type === 'code' || (field.type === 'eui64' && field.role !== 'device');

function runChecks(
  checks: readonly BoundCellCheck[],
  field: FieldSpec,
  cell: Cell,
  row: number,
  col: number,
  ctx: RowContext,
  out: Finding[],
  t: MutableCellState,
): CellState {
  const s = scratch;
  s.out = out;
  s.ctx = ctx;
  s.row = row;
  s.col = col;
  s.field = field;
  s.cell = cell;
  const v = cell.value;
  s.text = v.kind === 'text' ? v.text : undefined;
  s.key = undefined;
  s.hygieneFailed = false;
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i]!;
    s.rule = c.rule;
    const verdict = c.check(s, reportCell);
    if (verdict === undefined) continue;
    switch (verdict) {
      case Verdict.valid:
        return setState(t, true, false, s.hygieneFailed, false, true, s.key);
      case Verdict.invalid:
        return setState(t, true, false, s.hygieneFailed, true, false, s.key);
      case Verdict.empty:
        return setState(t, false, false, false, false, false, undefined);
      case Verdict.error:
        return setState(t, true, true, false, false, false, undefined);
    }
  }
  return setState(t, true, false, s.hygieneFailed, false, true, s.key);
}
