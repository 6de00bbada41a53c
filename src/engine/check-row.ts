import { type Cell, displayValue } from './cell';
import type { CellState, FieldChecks, MutableCellState } from './check-cell';
import { checkCell, fieldChecksOf, EMPTY_STATE, newCellState, NO_OPTIONS, SKIP_RULES } from './check-cell';
import type { RowContext } from './context';
import { cellFinding, rowFinding } from './context';
import type { Finding, FindingDetails } from './finding';
import type { CompiledRules } from './registry';
import type { FixProposal, Rule, RowProbe } from './rule';

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

function byColumnThenRule(a: Finding, b: Finding): number {
  return a.col - b.col || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * How many identifiers a row contributes to the duplicate index: MPAN, MPRN, then one per device
 * column (`RowContext.deviceSlots` order).
 */
export const keyStride = (ctx: RowContext): number => 2 + ctx.deviceSlots.length;

/** The probe and report target of the row being checked. One scratch instance: validation is not re-entrant. */
interface RowScratch extends RowProbe {
  row: number;
  ctx: RowContext;
  cells: ReadonlyArray<Cell | undefined> | undefined;
  states: readonly CellState[];
  blank: boolean;
  exempt: boolean;
  out: Finding[];
  rule: Rule;
}

const SCRATCH_OUT: Finding[] = [];
const SCRATCH_STATES: MutableCellState[] = [];
const scratch: RowScratch = {
  row: 0,
  ctx: undefined as unknown as RowContext,
  cells: undefined,
  states: SCRATCH_STATES,
  blank: false,
  exempt: false,
  out: SCRATCH_OUT,
  rule: undefined as unknown as Rule,
};

/** The one reporter every row check is handed: it reports for the check running now. */
function reportRow(slot: number | null, message: string, fix?: FixProposal, details?: FindingDetails): void {
  const s = scratch;
  if (slot === null) {
    s.out.push(rowFinding(s.rule, s.ctx.sheet, s.row, null, message, details));
    return;
  }
  const { field, col } = s.ctx.detection.boundFields[slot]!;
  let withFrom: Parameters<typeof cellFinding>[6];
  if (fix) {
    const cell = s.cells?.[col - 1];
    withFrom = { to: fix.to, type: fix.type, from: cell ? displayValue(cell.value) : '', formula: cell?.formula === true };
  }
  s.out.push(cellFinding(s.rule, s.ctx, s.row, col, field.id, message, withFrom, details));
}

/**
 * Validates one data row: the cell checks of every bound column, then the row checks. Returns the
 * row's findings, sorted (duplicates come from the cross-row index), and writes its identifiers into
 * `keysOut` (length `keyStride(ctx)`), so checking a row allocates nothing for them.
 */
export function analyseRow(
  rules: CompiledRules,
  cells: ReadonlyArray<Cell | undefined> | undefined,
  row: number,
  ctx: RowContext,
  keysOut: (string | undefined)[],
): readonly Finding[] {
  for (let j = 0; j < keysOut.length; j++) keysOut[j] = undefined;
  // Scratch buffers reused across rows: most rows have no finding, so only those that do allocate.
  const out = SCRATCH_OUT;
  if (out.length !== 0) out.length = 0;
  const bound = ctx.detection.boundFields;
  while (SCRATCH_STATES.length < bound.length) SCRATCH_STATES.push(newCellState());
  const states = SCRATCH_STATES;
  const fieldChecks = checksFor(rules, ctx);

  // The GroupID decides the exemption, which decides whether the EIS cell gets its own checks.
  let exempt = false;
  const groupSlot = ctx.slotOf.groupId;
  if (groupSlot >= 0) {
    const g = bound[groupSlot]!;
    const s = checkCell(fieldChecks[groupSlot]!, cells?.[g.col - 1], row, g.col, ctx, out, states[groupSlot]!);
    exempt = ctx.profile.eisRules && s.key !== undefined && ctx.exempt.has(s.key);
  }
  let blank = true;
  for (let i = 0; i < bound.length; i++) {
    if (i !== groupSlot) {
      const col = bound[i]!.col;
      checkCell(fieldChecks[i]!, cells?.[col - 1], row, col, ctx, out, states[i]!, exempt && i === ctx.slotOf.eis ? SKIP_RULES : NO_OPTIONS);
    }
    if (states[i]!.present) blank = false;
  }

  const s = scratch;
  s.row = row;
  s.ctx = ctx;
  s.cells = cells;
  s.states = states;
  s.blank = blank;
  s.exempt = exempt;
  s.out = out;
  const checks = rules.rowChecks;
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i]!;
    s.rule = c.rule;
    c.check(s, reportRow);
  }
  s.cells = undefined;

  if (!blank) collectKeys(ctx, states, keysOut);
  if (out.length === 0) return NO_FINDINGS;
  out.sort(byColumnThenRule);
  return out.slice();
}

/** Whether the row `analyseRow` checked last is blank (no bound column holds a value). */
export const lastAnalysedRowBlank = (): boolean => scratch.blank;

/** The cell checks of each bound field, kept for the rules and context they were looked up for. */
let checksRules: CompiledRules | undefined;
let checksContextId = 0;
let slotChecks: readonly FieldChecks[] = [];

function checksFor(rules: CompiledRules, ctx: RowContext): readonly FieldChecks[] {
  if (rules !== checksRules || ctx.contextId !== checksContextId) {
    slotChecks = ctx.detection.boundFields.map((b) => fieldChecksOf(rules, b.field));
    checksRules = rules;
    checksContextId = ctx.contextId;
  }
  return slotChecks;
}

/** The state of the bound field at `slot`, or the empty state when the field is not bound. */
const stateAt = (states: readonly CellState[], slot: number): CellState => (slot < 0 ? EMPTY_STATE : states[slot]!);

function collectKeys(ctx: RowContext, states: readonly CellState[], keysOut: (string | undefined)[]): void {
  keysOut[0] = stateAt(states, ctx.slotOf.mpan).key;
  keysOut[1] = stateAt(states, ctx.slotOf.mprn).key;
  const slots = ctx.deviceSlots;
  for (let j = 0; j < slots.length; j++) {
    const st = states[slots[j]!]!;
    if (st.usable && st.key !== undefined) keysOut[2 + j] = st.key;
  }
}
