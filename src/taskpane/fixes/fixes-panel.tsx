import { useMemo, useState, type JSX, type ReactNode } from 'react';
import { Button, Spinner } from '@fluentui/react-components';
import type { Finding } from '../../engine/finding';
import type { ValidationResult } from '../../engine/result';
import type { PaneSlotContext } from '../app';
import type { FixJournal } from './fix-journal';
import { FixHistory } from './fix-history';
import { FixOutcome, FixPreview, useFixStyles } from './fix-preview';
import type { FixService } from './fix-service';
import { useFixWorkflow } from './use-fix-workflow';
import type { RuleId } from '../../rules';
import type { PaneRule } from '../shared/pane-rule';

/** Cells listed under a rule before "and N more" (Fix all covers them). */
const CELLS_SHOWN_PER_RULE = 25;

export interface FixesPanelProps {
  readonly service: FixService;
  readonly journal: FixJournal;
  readonly result: ValidationResult<RuleId> | null;
  readonly rules: ReadonlyMap<RuleId, PaneRule>;
}

interface RuleGroup {
  readonly ruleId: RuleId;
  readonly title: string;
  readonly findings: readonly Finding<RuleId>[];
}

function fixableGroups(result: ValidationResult<RuleId> | null, rules: ReadonlyMap<RuleId, PaneRule>): RuleGroup[] {
  const byRule = new Map<RuleId, Finding<RuleId>[]>();
  for (const f of result?.findings ?? []) {
    if (!f.fix || f.sheet === null) continue;
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  return [...byRule]
    .map(([ruleId, findings]) => ({ ruleId, title: rules.get(ruleId)?.title ?? ruleId, findings }))
    .sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
}

/**
 * The Fixes tab: fix everything fixable, all findings of one rule, or one cell — each through a
 * preview (cell, before, after) — then the journal with Revert.
 */
export function FixesPanel({ service, journal, result, rules }: FixesPanelProps): JSX.Element {
  const styles = useFixStyles();
  const flow = useFixWorkflow(service);
  const groups = useMemo(() => fixableGroups(result, rules), [result, rules]);
  const [open, setOpen] = useState<RuleId | null>(null);
  const total = groups.reduce((n, g) => n + g.findings.length, 0);
  const dataSheet = result?.template?.sheet ?? null;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', rowGap: '12px' }}>
      {flow.plan ? <FixPreview plan={flow.plan} busy={flow.busy} dataSheet={dataSheet} onApply={() => void flow.apply()} onCancel={flow.cancel} /> : null}
      <FixOutcome outcome={flow.outcome} />
      {flow.busy ? <Spinner size="extra-tiny" label="Working…" /> : null}
      <section aria-labelledby="mam-fixable-heading" className={styles.box}>
        <h3 id="mam-fixable-heading" className={styles.heading}>
          One-click fixes
        </h3>
        {total === 0 ? (
          <p className={styles.note}>{result ? 'No finding has a one-click fix.' : 'Waiting for the first check…'}</p>
        ) : (
          <>
            <div className={styles.row}>
              <Button appearance="primary" size="small" disabled={flow.busy || flow.plan !== null} onClick={() => void flow.preview({ kind: 'all' })}>
                Fix all fixable ({total})
              </Button>
            </div>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '8px' }}>
              {groups.map((g) => (
                <li key={g.ruleId}>
                  <div className={styles.row}>
                    <span style={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                      {g.title} <span className={styles.note}>({g.findings.length})</span>
                    </span>
                    <Button
                      size="small"
                      aria-expanded={open === g.ruleId}
                      onClick={() => setOpen(open === g.ruleId ? null : g.ruleId)}
                      aria-label={`${open === g.ruleId ? 'Hide' : 'Show'} cells: ${g.title}`}
                    >
                      {open === g.ruleId ? 'Hide cells' : 'Show cells'}
                    </Button>
                    <Button
                      size="small"
                      disabled={flow.busy || flow.plan !== null}
                      onClick={() => void flow.preview({ kind: 'rule', ruleId: g.ruleId })}
                      aria-label={`Fix all ${g.findings.length}: ${g.title}`}
                    >
                      Fix all
                    </Button>
                  </div>
                  {open === g.ruleId ? (
                    <CellList
                      group={g}
                      dataSheet={dataSheet}
                      disabled={flow.busy || flow.plan !== null}
                      onFix={(finding) => void flow.preview({ kind: 'finding', finding })}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <FixHistory journal={journal} busy={flow.busy} onRevert={(target) => void flow.revert(target)} />
    </div>
  );
}

function CellList({
  group,
  dataSheet,
  disabled,
  onFix,
}: {
  readonly group: RuleGroup;
  readonly dataSheet: string | null;
  readonly disabled: boolean;
  readonly onFix: (finding: Finding<RuleId>) => void;
}): JSX.Element {
  const styles = useFixStyles();
  const place = (f: Finding<RuleId>): string => (f.sheet === dataSheet ? (f.cell ?? '') : `${f.sheet}!${f.cell ?? ''}`);
  return (
    <>
      <ul className={styles.list} aria-label={`Cells: ${group.title}`}>
        {group.findings.slice(0, CELLS_SHOWN_PER_RULE).map((f) => (
          <li key={`${f.sheet}!${f.cell}`} className={styles.row}>
            <span style={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{place(f)}</span>
            <Button size="small" appearance="subtle" disabled={disabled} onClick={() => onFix(f)} aria-label={`Fix ${place(f)}`}>
              Fix
            </Button>
          </li>
        ))}
      </ul>
      {group.findings.length > CELLS_SHOWN_PER_RULE ? (
        <p className={styles.note}>and {group.findings.length - CELLS_SHOWN_PER_RULE} more (Fix all covers them).</p>
      ) : null}
    </>
  );
}

export interface FixFindingActionProps {
  readonly finding: Finding<RuleId>;
  readonly service: FixService;
  readonly dataSheet: string | null;
}

/**
 * A "Fix" button for one finding, with its preview and outcome inline: for the issue list's finding
 * details, so a cell can be fixed where it is read about.
 */
export function FixFindingAction({ finding, service, dataSheet }: FixFindingActionProps): JSX.Element | null {
  const flow = useFixWorkflow(service);
  if (!finding.fix) return null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', rowGap: '6px' }}>
      {flow.plan ? null : (
        <div>
          <Button size="small" disabled={flow.busy} onClick={() => void flow.preview({ kind: 'finding', finding })}>
            Fix…
          </Button>
        </div>
      )}
      {flow.plan ? <FixPreview plan={flow.plan} busy={flow.busy} dataSheet={dataSheet} onApply={() => void flow.apply()} onCancel={flow.cancel} /> : null}
      <FixOutcome outcome={flow.outcome} />
    </div>
  );
}

export interface FixesSlotDeps {
  readonly service: FixService;
  readonly journal: FixJournal;
  readonly rules: readonly PaneRule[];
}

/** The shell's `fixes` slot. */
export function fixesSlot(deps: FixesSlotDeps): (context: PaneSlotContext) => ReactNode {
  const rules = new Map(deps.rules.map((r) => [r.id, r]));
  return function FixesSlot(context: PaneSlotContext): ReactNode {
    return <FixesPanel service={deps.service} journal={deps.journal} result={context.state.result} rules={rules} />;
  };
}
