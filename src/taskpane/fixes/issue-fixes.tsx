import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles } from '@fluentui/react-components';
import type { Finding } from '../../engine/finding';
import type { FindingGroup } from '../issues/issue-rows';
import type { IssueTreeFixes } from '../issues/issue-tree';
import type { FixJournal } from './fix-journal';
import { FixOutcome, FixPreview } from './fix-preview';
import type { FixService } from './fix-service';
import { useFixWorkflow } from './use-fix-workflow';
import type { RuleId } from '../../rules';

/** What the issue list needs to fix where the analyst reads: the service that writes and the journal that reverts. */
export interface IssueFixDeps {
  readonly service: FixService;
  readonly journal: FixJournal;
}

const useStyles = makeStyles({
  area: { display: 'flex', flexDirection: 'column', rowGap: '8px', minWidth: 0, ':empty': { display: 'none' } },
  bar: { minWidth: 0 },
  wrap: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
});

/**
 * Fix buttons for the issue tree, and the area above it where their preview (cell, before → after,
 * Apply / Cancel, Escape cancels), the outcome and a Revert for the batch just applied appear.
 * Focus goes to the preview when it opens and back to the button that opened it when it closes.
 */
export function useIssueFixes(
  deps: IssueFixDeps | undefined,
  dataSheet: string | null,
): { readonly tree: IssueTreeFixes | undefined; readonly area: ReactNode } {
  const styles = useStyles();
  const flow = useFixWorkflow(deps?.service ?? NO_SERVICE);
  const opener = useRef<HTMLElement | null>(null);
  const focusOpener = useRef(false);
  const [applied, setApplied] = useState<string | null>(null);
  // The Fix buttons are disabled while a preview is open: focus goes back once they are enabled again.
  useEffect(() => {
    if (flow.plan || flow.busy || !focusOpener.current) return;
    focusOpener.current = false;
    const el = opener.current;
    if (el?.isConnected) el.focus();
  }, [flow.plan, flow.busy]);
  const batches = useSyncExternalStore(
    (listener) => deps?.journal.subscribe(listener) ?? (() => undefined),
    () => deps?.journal.batches() ?? NO_BATCHES,
    () => deps?.journal.batches() ?? NO_BATCHES,
  );
  if (!deps) return { tree: undefined, area: null };

  const returnFocus = (): void => {
    focusOpener.current = true;
  };
  const open = (from: HTMLElement, run: () => Promise<void>): void => {
    opener.current = from;
    setApplied(null);
    void run();
  };
  const apply = async (): Promise<void> => {
    const known = new Set(deps.journal.batches().map((b) => b.id));
    returnFocus();
    await flow.apply();
    setApplied(deps.journal.batches().find((b) => !known.has(b.id))?.id ?? null);
  };
  const cancel = (): void => {
    returnFocus();
    flow.cancel();
  };
  const appliedBatch = applied ? batches.find((b) => b.id === applied) : undefined;
  const revertable = appliedBatch !== undefined && appliedBatch.entries.some((e) => !e.reverted);

  const tree: IssueTreeFixes = {
    disabled: flow.busy || flow.plan !== null,
    onFix: (finding: Finding<RuleId>, from) => open(from, () => flow.preview({ kind: 'finding', finding })),
    onFixAll: (group: FindingGroup, from) => open(from, () => flow.preview({ kind: 'rule', ruleId: group.ruleId })),
  };
  const area = (
    <div className={styles.area}>
      {flow.plan ? <FixPreview plan={flow.plan} busy={flow.busy} dataSheet={dataSheet} onApply={() => void apply()} onCancel={cancel} /> : null}
      {flow.outcome ? (
        <MessageBar intent="info" layout="multiline" className={styles.bar}>
          <MessageBarBody className={styles.wrap}>
            <FixOutcome outcome={flow.outcome} />
          </MessageBarBody>
          {revertable ? (
            <MessageBarActions>
              <Button
                size="small"
                disabled={flow.busy}
                onClick={() => void flow.revert({ batchId: appliedBatch.id })}
                aria-label={`Revert ${appliedBatch.label}`}
              >
                Revert
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
    </div>
  );
  return { tree, area };
}

const NO_BATCHES: readonly never[] = [];

/** Stands in when the pane has no fix service (hooks must run unconditionally); never called. */
const NO_SERVICE = {
  preview: async () => Promise.reject(new Error('No fix service.')),
  apply: async () => Promise.reject(new Error('No fix service.')),
  revert: async () => Promise.reject(new Error('No fix service.')),
} as unknown as FixService;
