import { useCallback, useState } from 'react';
import type { FixSelection } from '../../engine/fix-planner';
import type { SkippedEdit } from '../../excel/gateway';
import type { FixPlan } from './fix-plan';
import type { RevertTarget } from './fix-journal';
import { FixWriteError, summariseSkipped, type FixService } from './fix-service';
import { GatewayError } from '../../excel/gateway';
import type { RuleId } from '../../rules';

export interface FixOutcomeMessage {
  /** The sentence announced in the live region. */
  readonly summary: string;
  /** One sentence per kind of problem (protected sheet, edit mode, changed cells…). */
  readonly problems: readonly string[];
  /** Every cell left as it is, named. */
  readonly cells: readonly SkippedEdit[];
}

export interface FixWorkflow {
  readonly plan: FixPlan | null;
  readonly busy: boolean;
  readonly outcome: FixOutcomeMessage | null;
  preview(selection: FixSelection<RuleId>): Promise<void>;
  apply(): Promise<void>;
  /** A property: the preview's Cancel button receives it detached. */
  readonly cancel: () => void;
  revert(target: RevertTarget): Promise<void>;
}

const s = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Preview → apply / cancel, and revert, with one readable outcome at a time. */
export function useFixWorkflow(service: FixService): FixWorkflow {
  const [plan, setPlan] = useState<FixPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<FixOutcomeMessage | null>(null);

  const guarded = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setOutcome({ summary: failureMessage(e), problems: [], cells: [] });
    } finally {
      setBusy(false);
    }
  }, []);

  const preview = useCallback(
    (selection: FixSelection<RuleId>) =>
      guarded(async () => {
        setOutcome(null);
        const next = await service.preview(selection);
        if (next.edits.length === 0 && next.withheld.length === 0) {
          setPlan(null);
          setOutcome({ summary: 'Nothing to fix: the workbook changed and these findings are gone.', problems: [], cells: [] });
          return;
        }
        setPlan(next);
      }),
    [guarded, service],
  );

  const apply = useCallback(
    () =>
      guarded(async () => {
        if (!plan) return;
        const report = await service.apply(plan);
        setPlan(null);
        const undo = report.undo ? ` ${report.undo}` : '';
        const history = report.historyProblem ? [report.historyProblem] : [];
        setOutcome({
          summary: `Applied ${s(report.applied, 'fix', 'fixes')}.${undo}`,
          problems: [...history, ...summariseSkipped(report.skipped)],
          cells: report.skipped,
        });
      }),
    [guarded, plan, service],
  );

  const revert = useCallback(
    (target: RevertTarget) =>
      guarded(async () => {
        const report = await service.revert(target);
        const refused = report.refused.length > 0 ? ` ${s(report.refused.length, 'cell was', 'cells were')} not reverted.` : '';
        // Changed cells are named one by one below; protection and edit mode get their one-line advice.
        const blocked = report.refused.filter((r) => r.reason !== 'changed' && r.reason !== 'formula');
        const history = report.historyProblem ? [report.historyProblem] : [];
        setOutcome({
          summary: `Reverted ${s(report.reverted, 'cell', 'cells')}.${refused}`,
          problems: [...history, ...summariseSkipped(blocked)],
          cells: report.refused,
        });
      }),
    [guarded, service],
  );

  const cancel = useCallback(() => {
    setPlan(null);
    setOutcome({ summary: 'Fix cancelled; nothing was changed.', problems: [], cells: [] });
  }, []);

  return { plan, busy, outcome, preview, apply, cancel, revert };
}

/** Says what happened in the workbook: "nothing was written" only when that is certain. */
function failureMessage(e: unknown): string {
  if (e instanceof Error && e.name === 'NothingToFixError') return e.message;
  const cause = e instanceof FixWriteError ? e.cause : e;
  if (cause instanceof GatewayError && cause.code === 'edit-mode')
    return 'Excel is editing a cell, so nothing was changed. Press Enter or Esc in the cell, then try again.';
  if (e instanceof FixWriteError && e.mayHaveWritten)
    return 'MAM Prep could not finish changing the workbook; some cells may have changed. The pane has re-checked the workbook: look at the findings, then try again.';
  return 'MAM Prep could not change the workbook. Nothing was written; try again.';
}
