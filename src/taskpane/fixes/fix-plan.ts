import { parseA1 } from '../../engine/address';
import type { Cell } from '../../engine/cell';
import { EMPTY_CELL } from '../../engine/cell';
import type { Edit, FixSelection } from '../../engine/fix-planner';
import { planWorkbookFixes } from '../../engine/plan-workbook-fixes';
import { DEFAULT_PROFILES } from '../../engine/profile';
import type { EngineOptions, ValidationResult } from '../../engine/result';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import type { RuleId } from '../../rules';

/**
 * What a fix would do, worked out before anything is written: the engine's planned edits (one per
 * cell, including fixes that only appear once earlier ones are applied), minus any the pane must
 * never write. Pure, so the preview shows exactly what `apply` sends to the gateway.
 */

export type WithheldReason = 'formula' | 'free-text' | 'formula-text';

export interface WithheldEdit {
  readonly edit: Edit<RuleId>;
  readonly reason: WithheldReason;
  readonly message: string;
}

export interface FixPlan {
  readonly selection: FixSelection<RuleId>;
  /** The edits `apply` writes, in sheet/row/column order. */
  readonly edits: readonly Edit<RuleId>[];
  /** Planned edits that are not written, with the reason. */
  readonly withheld: readonly WithheldEdit[];
}

const WITHHELD_MESSAGES: Readonly<Record<WithheldReason, (e: Edit<RuleId>) => string>> = {
  formula: (e) => `${e.sheet}!${e.cell} holds a formula; MAM Prep never overwrites formulas.`,
  'free-text': (e) => `${e.sheet}!${e.cell} is an SMSO free-text field, which is sent exactly as provided.`,
  'formula-text': (e) => `${e.sheet}!${e.cell} would start with "=", which Excel could read as a formula.`,
};

export function planFixSelection(
  snapshot: WorkbookSnapshot,
  options: EngineOptions<RuleId>,
  result: ValidationResult<RuleId>,
  selection: FixSelection<RuleId>,
): FixPlan {
  return withholdUnsafe(planWorkbookFixes(snapshot, options, selection), snapshot, result, options, selection);
}

/** Splits planned edits into those safe to write and those withheld (formulas, SMSO free text, formula-like text). */
export function withholdUnsafe(
  planned: readonly Edit<RuleId>[],
  snapshot: WorkbookSnapshot,
  result: ValidationResult<RuleId>,
  options: Pick<EngineOptions<RuleId>, 'profiles'>,
  selection: FixSelection<RuleId>,
): FixPlan {
  const freeText = freeTextColumns(result, options);
  const edits: Edit<RuleId>[] = [];
  const withheld: WithheldEdit[] = [];
  for (const edit of planned) {
    const reason = unsafeReason(edit, snapshot, result, freeText);
    if (reason) withheld.push({ edit, reason, message: WITHHELD_MESSAGES[reason](edit) });
    else edits.push(edit);
  }
  return { selection, edits, withheld };
}

function unsafeReason(edit: Edit<RuleId>, snapshot: WorkbookSnapshot, result: ValidationResult<RuleId>, freeText: ReadonlySet<number>): WithheldReason | null {
  if (cellOf(snapshot, edit.sheet, edit.cell).formula) return 'formula';
  if (edit.sheet === result.template?.sheet && freeText.has(edit.col)) return 'free-text';
  if (edit.type === 'text' && edit.to.startsWith('=')) return 'formula-text';
  return null;
}

/** Columns of the data sheet bound to free-text fields (SMSO references) in the detected profile. */
function freeTextColumns(result: ValidationResult<RuleId>, options: Pick<EngineOptions<RuleId>, 'profiles'>): ReadonlySet<number> {
  const profile = (options.profiles ?? DEFAULT_PROFILES).find((p) => p.id === result.template?.id);
  const cols = new Set<number>();
  for (const field of profile?.fields ?? []) {
    const col = result.columns[field.id];
    if (field.type === 'free-text' && col !== undefined) cols.add(col);
  }
  return cols;
}

function cellOf(snapshot: WorkbookSnapshot, sheetName: string, a1: string): Cell {
  const ref = parseA1(a1);
  const sheet = snapshot.sheets.find((s) => s.name === sheetName);
  if (!ref || !sheet) return EMPTY_CELL;
  return sheet.rows[ref.row - 1]?.[ref.col - 1] ?? EMPTY_CELL;
}

/** A value as the preview shows it: text in quotes (so spaces show), numbers and dates bare, "(empty)". */
export function previewValue(value: string | number | boolean, type?: Edit<RuleId>['type']): string {
  if (type === 'empty' || value === '') return '(empty)';
  if (type === 'date') return String(value);
  return typeof value === 'string' ? `“${value}”` : String(value);
}

/** A short name for a selection, used as the journal batch label. */
export function selectionLabel(selection: FixSelection<RuleId>, ruleTitle: (id: RuleId) => string = (id) => id): string {
  switch (selection.kind) {
    case 'finding':
      return `Fix ${selection.finding.sheet ? `${selection.finding.sheet}!` : ''}${selection.finding.cell ?? ''} (${ruleTitle(selection.finding.ruleId)})`;
    case 'rule':
      return `Fix all: ${ruleTitle(selection.ruleId)}`;
    case 'rules':
      return `Fix ${selection.ruleIds.map(ruleTitle).join(', ')}`;
    case 'all':
      return 'Fix all fixable findings';
    case 'cells':
      return `Fix ${selection.cells.size} cells`;
  }
}
