import type { Edit, FixSelection } from '../../engine/fix-planner';
import type { EngineOptions, ValidationResult } from '../../engine/result';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import type { SkippedEdit, UndoSupport, WorkbookGateway, WriteOutcome } from '../../excel/gateway';
import type { PaneController } from '../pane-controller';
import type { FixPlan } from './fix-plan';
import { planFixSelection, selectionLabel } from './fix-plan';
import type { FixJournal, JournalBatch, RevertTarget } from './fix-journal';
import type { RuleId } from '../../rules';

/**
 * Runs one-click fixes and reverts: plan (preview) → apply in one gateway call (one undo step where
 * the host supports it) → journal → re-validate the written rows. Holds no React state; the Fixes
 * panel and the issue list's Fix buttons both call it.
 */

/** Where the service reads the workbook as live validation last saw it. */
export interface FixSource {
  snapshot(): WorkbookSnapshot | null;
  result(): ValidationResult<RuleId> | null;
  engineOptions(): EngineOptions<RuleId>;
}

export interface FixServiceDeps {
  readonly gateway: Pick<WorkbookGateway, 'writeEdits' | 'restoreCells' | 'capabilities'>;
  readonly controller: Pick<PaneController, 'flush' | 'refreshAfterWrite' | 'writeOptions' | 'afterFailedWrite'>;
  readonly source: FixSource;
  readonly journal: FixJournal;
  /** Rule titles for batch labels. */
  readonly ruleTitle?: (ruleId: RuleId) => string;
}

export interface ApplyReport {
  readonly batch: JournalBatch | null;
  readonly applied: number;
  readonly skipped: readonly SkippedEdit[];
  /** Whether the applied edits are one step of Excel's undo. */
  readonly oneUndoStep: boolean;
  /** One sentence: what Ctrl+Z and Revert do for these edits on the host in use. */
  readonly undo: string;
  /** Set when the cells were written but the fix history could not be saved in the workbook. */
  readonly historyProblem: string | null;
}

export interface RevertReport {
  readonly reverted: number;
  /** Cells left as they are, each with a sentence naming the cell and why. */
  readonly refused: readonly SkippedEdit[];
  /** Set when the cells were restored but the history could not record it in the workbook. */
  readonly historyProblem: string | null;
}

/**
 * The write itself failed. `written` says whether cells may have changed (a multi-part write can
 * fail after its first part), so the message never claims "nothing was written" when it may have been.
 */
export class FixWriteError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly mayHaveWritten: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'FixWriteError';
  }
}

/** What Ctrl+Z does after a fix on this host, in words an analyst can act on. */
export function undoAdvice(undo: UndoSupport, undoSteps: number | undefined, applied: number): string {
  if (applied === 0) return '';
  switch (undo) {
    case 'none':
      return 'Ctrl+Z does not undo fixes here; use Revert below.';
    case 'clears':
      return 'This version of Excel cannot undo changes made by add-ins, and your Ctrl+Z history was cleared; use Revert below.';
    case 'separate':
      return undoSteps === 1
        ? 'Undo in Excel (Ctrl+Z) reverses this in one step, or use Revert below.'
        : `Undo in Excel (Ctrl+Z) reverses this in ${undoSteps ?? 'several'} steps (one per part written), or use Revert below.`;
    case 'merged':
      return 'Undo in Excel (Ctrl+Z) reverses this in one step, cell colours included, or use Revert below.';
  }
}

const HISTORY_PROBLEM = 'The cells were written, but the fix history could not be saved in the workbook: Revert works until you close it.';

export class NothingToFixError extends Error {
  constructor(message = 'The workbook has not been checked yet, so there is nothing to fix. Wait for the check to finish.') {
    super(message);
    this.name = 'NothingToFixError';
  }
}

export class FixService {
  constructor(private readonly deps: FixServiceDeps) {}

  /** Validates pending edits first, then plans the selection over the latest snapshot. */
  async preview(selection: FixSelection<RuleId>): Promise<FixPlan> {
    await this.deps.controller.flush();
    const snapshot = this.deps.source.snapshot();
    const result = this.deps.source.result();
    if (!snapshot || !result) throw new NothingToFixError();
    return planFixSelection(snapshot, this.deps.source.engineOptions(), result, selection);
  }

  /** Writes the plan's edits in one call; cells changed since the plan are skipped and reported. */
  async apply(plan: FixPlan): Promise<ApplyReport> {
    const outcome = await this.write(() => this.deps.gateway.writeEdits(plan.edits, this.deps.controller.writeOptions?.()), plan.edits.length);
    const ruleByCell = new Map(plan.edits.map((e: Edit<RuleId>) => [`${e.sheet}\u0000${e.cell}`, e.ruleId]));
    let historyProblem: string | null = null;
    // The journal keeps the batch in memory before it saves; a failed save loses only persistence.
    const batch = await this.deps.journal
      .record(selectionLabel(plan.selection, this.deps.ruleTitle), outcome, (sheet, cell) => ruleByCell.get(`${sheet}\u0000${cell}`) ?? null)
      .catch(() => {
        historyProblem = HISTORY_PROBLEM;
        return this.deps.journal.batches()[0] ?? null;
      });
    await this.refresh(outcome);
    const undo = this.deps.gateway.capabilities.undo;
    const steps = outcome.undoSteps ?? (this.deps.gateway.capabilities.undoGroups ? 1 : undefined);
    return {
      batch,
      applied: outcome.applied.length,
      skipped: outcome.skipped,
      oneUndoStep: outcome.applied.length > 0 && (undo === 'merged' || (undo === 'separate' && steps === 1)),
      undo: undoAdvice(undo, steps, outcome.applied.length),
      historyProblem,
    };
  }

  /** Restores the exact previous values of a batch or one entry, only where the cell still holds the fix's value. */
  async revert(target: RevertTarget): Promise<RevertReport> {
    const restores = this.deps.journal.restoresFor(target);
    if (restores.length === 0) return { reverted: 0, refused: [], historyProblem: null };
    const outcome = await this.write(() => this.deps.gateway.restoreCells(restores, this.deps.controller.writeOptions?.()), restores.length);
    let historyProblem: string | null = null;
    await this.deps.journal.markReverted(target, outcome).catch(() => {
      historyProblem =
        'The cells were restored, but the fix history could not be saved in the workbook, so it may still list them as fixed after you reopen it.';
    });
    await this.refresh(outcome);
    return { reverted: outcome.applied.length, refused: outcome.skipped.map(revertRefusal), historyProblem };
  }

  /** Runs a gateway write; on failure the pane re-reads the workbook and the error says whether cells may have changed. */
  private async write(run: () => Promise<WriteOutcome>, cells: number): Promise<WriteOutcome> {
    try {
      return await run();
    } catch (e) {
      await this.deps.controller.afterFailedWrite?.();
      throw new FixWriteError(e, cells > 1);
    }
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
    lines.push(
      `${count(isProtected.length, 'cell')} on protected sheet ${sheets} ${isProtected.length === 1 ? 'was' : 'were'} not changed. Unprotect the sheet (Review > Unprotect Sheet) and try again.`,
    );
  }
  const changed = byReason.get('changed');
  if (changed)
    lines.push(
      `${count(changed.length, 'cell')} changed since the check ${changed.length === 1 ? 'was' : 'were'} left as ${changed.length === 1 ? 'it is' : 'they are'}.`,
    );
  const formula = byReason.get('formula');
  if (formula)
    lines.push(
      `${count(formula.length, 'cell')} holding a formula ${formula.length === 1 ? 'was' : 'were'} left as ${formula.length === 1 ? 'it is' : 'they are'}.`,
    );
  const early = byReason.get('date-out-of-range');
  if (early)
    lines.push(
      `${count(early.length, 'date')} before 1904-01-01 ${early.length === 1 ? 'was' : 'were'} not written: this workbook's 1904 date system cannot hold ${early.length === 1 ? 'it' : 'them'}.`,
    );
  const interrupted = byReason.get('interrupted');
  if (interrupted)
    lines.push(
      `Excel stopped the change part-way: ${count(interrupted.length, 'cell')} ${interrupted.length === 1 ? 'was' : 'were'} not changed. The cells listed as applied were written; re-check and try again for the rest.`,
    );
  const missing = byReason.get('missing-sheet');
  if (missing) lines.push(`${count(missing.length, 'cell')} on a sheet that no longer exists ${missing.length === 1 ? 'was' : 'were'} not changed.`);
  return lines;
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
