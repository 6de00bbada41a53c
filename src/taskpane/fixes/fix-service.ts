import type { Edit, FixSelection } from '../../engine/fix-planner';
import type { EngineOptions, ValidationResult } from '../../engine/result';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import type { SkippedEdit, WorkbookGateway, WriteOutcome } from '../../excel/gateway';
import type { PaneController } from '../pane-controller';
import { FixPlan, planFixSelection, selectionLabel } from './fix-plan';
import type { FixJournal, JournalBatch, RevertTarget } from './fix-journal';

/**
 * Runs one-click fixes and reverts: plan (preview) → apply in one gateway call (one undo step where
 * the host supports it) → journal → re-validate the written rows. Holds no React state; the Fixes
 * panel and the issue list's Fix buttons both call it.
 */

/** Where the service reads the workbook as live validation last saw it. */
export interface FixSource {
  snapshot(): WorkbookSnapshot | null;
  result(): ValidationResult | null;
  engineOptions(): EngineOptions;
}

export interface FixServiceDeps {
  readonly gateway: Pick<WorkbookGateway, 'writeEdits' | 'restoreCells' | 'capabilities'>;
  readonly controller: Pick<PaneController, 'flush' | 'refreshAfterWrite'>;
  readonly source: FixSource;
  readonly journal: FixJournal;
  /** Rule titles for batch labels. */
  readonly ruleTitle?: (ruleId: string) => string;
}

export interface ApplyReport {
  readonly batch: JournalBatch | null;
  readonly applied: number;
  readonly skipped: readonly SkippedEdit[];
  /** Whether the applied edits are one step of Excel's undo. */
  readonly oneUndoStep: boolean;
}

export interface RevertReport {
  readonly reverted: number;
  /** Cells left as they are, each with a sentence naming the cell and why. */
  readonly refused: readonly SkippedEdit[];
}

export class NothingToFixError extends Error {
  constructor(message = 'The workbook has not been checked yet, so there is nothing to fix. Wait for the check to finish.') {
    super(message);
    this.name = 'NothingToFixError';
  }
}

export class FixService {
  constructor(private readonly deps: FixServiceDeps) {}

  /** Validates pending edits first, then plans the selection over the latest snapshot. */
  async preview(selection: FixSelection): Promise<FixPlan> {
    await this.deps.controller.flush();
    const snapshot = this.deps.source.snapshot();
    const result = this.deps.source.result();
    if (!snapshot || !result) throw new NothingToFixError();
    return planFixSelection(snapshot, this.deps.source.engineOptions(), result, selection);
  }

  /** Writes the plan's edits in one call; cells changed since the plan are skipped and reported. */
  async apply(plan: FixPlan): Promise<ApplyReport> {
    const outcome = await this.deps.gateway.writeEdits(plan.edits);
    const ruleByCell = new Map(plan.edits.map((e: Edit) => [`${e.sheet}\u0000${e.cell}`, e.ruleId]));
    const batch = await this.deps.journal.record(selectionLabel(plan.selection, this.deps.ruleTitle), outcome, (sheet, cell) => ruleByCell.get(`${sheet}\u0000${cell}`) ?? null);
    await this.refresh(outcome);
    return { batch, applied: outcome.applied.length, skipped: outcome.skipped, oneUndoStep: this.deps.gateway.capabilities.undoGroups && outcome.applied.length > 0 };
  }

  /** Restores the exact previous values of a batch or one entry, only where the cell still holds the fix's value. */
  async revert(target: RevertTarget): Promise<RevertReport> {
    const restores = this.deps.journal.restoresFor(target);
    if (restores.length === 0) return { reverted: 0, refused: [] };
    const outcome = await this.deps.gateway.restoreCells(restores);
    await this.deps.journal.markReverted(target, outcome);
    await this.refresh(outcome);
    return { reverted: outcome.applied.length, refused: outcome.skipped.map(revertRefusal) };
  }

  private async refresh(outcome: WriteOutcome): Promise<void> {
    if (outcome.applied.length > 0) await this.deps.controller.refreshAfterWrite(outcome);
  }
}

/** The gateway words skips for fixes; a revert refusal says what it means for the revert. */
function revertRefusal(s: SkippedEdit): SkippedEdit {
  const place = `${s.sheet}!${s.cell}`;
  switch (s.reason) {
    case 'changed':
      return { ...s, message: `${place} was changed after the fix, so it was not reverted. It keeps its current value.` };
    case 'formula':
      return { ...s, message: `${place} now holds a formula, so it was not reverted. MAM Prep never overwrites formulas.` };
    default:
      return s;
  }
}

/**
 * One sentence per kind of problem, for the status line: a protected sheet or Excel's edit mode is a
 * clear message, not a list of identical failures.
 */
export function summariseSkipped(skipped: readonly SkippedEdit[]): string[] {
  const lines: string[] = [];
  const byReason = new Map<SkippedEdit['reason'], SkippedEdit[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  const editMode = byReason.get('edit-mode');
  if (editMode) lines.push('Excel is editing a cell, so nothing was changed. Press Enter or Esc in the cell, then try again.');
  const isProtected = byReason.get('protected');
  if (isProtected) {
    const sheets = [...new Set(isProtected.map((s) => s.sheet))].map((s) => `"${s}"`).join(', ');
    lines.push(`${count(isProtected.length, 'cell')} on protected sheet ${sheets} ${isProtected.length === 1 ? 'was' : 'were'} not changed. Unprotect the sheet (Review > Unprotect Sheet) and try again.`);
  }
  const changed = byReason.get('changed');
  if (changed) lines.push(`${count(changed.length, 'cell')} changed since the check ${changed.length === 1 ? 'was' : 'were'} left as ${changed.length === 1 ? 'it is' : 'they are'}.`);
  const formula = byReason.get('formula');
  if (formula) lines.push(`${count(formula.length, 'cell')} holding a formula ${formula.length === 1 ? 'was' : 'were'} left as ${formula.length === 1 ? 'it is' : 'they are'}.`);
  const missing = byReason.get('missing-sheet');
  if (missing) lines.push(`${count(missing.length, 'cell')} on a sheet that no longer exists ${missing.length === 1 ? 'was' : 'were'} not changed.`);
  return lines;
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
