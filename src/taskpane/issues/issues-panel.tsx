import { useMemo, useState, type JSX } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../../engine/finding';
import type { ValidationResult } from '../../engine/result';
import type { RuleMeta } from '../../engine/rule';
import { ReadyIcon } from '../shared/icons';
import { SEVERITIES, type CellTarget } from '../shared/labels';
import { IssueTree } from './issue-tree';
import { groupByRule } from './issue-rows';
import { SeverityFilter } from './severity-filter';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: '8px' },
  empty: { display: 'flex', columnGap: '6px', alignItems: 'center', color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
});

export interface IssuesPanelProps {
  readonly result: ValidationResult;
  readonly rules: ReadonlyMap<string, RuleMeta>;
  readonly onGoTo: (target: CellTarget, finding: Finding) => void;
}

/** The severity filter above the grouped issue tree. */
export function IssuesPanel({ result, rules, onGoTo }: IssuesPanelProps): JSX.Element {
  const styles = useStyles();
  const [shown, setShown] = useState<ReadonlySet<Severity>>(() => new Set(SEVERITIES));
  const groups = useMemo(() => groupByRule(result.findings, shown), [result.findings, shown]);
  const dataSheet = result.template?.sheet ?? null;

  return (
    <div className={styles.panel}>
      <SeverityFilter shown={shown} summary={result.summary} onChange={setShown} />
      {groups.length > 0 ? (
        <IssueTree groups={groups} rules={rules} dataSheet={dataSheet} onGoTo={onGoTo} />
      ) : (
        <p className={styles.empty} role="status">
          <ReadyIcon />
          {result.findings.length === 0 ? 'No issues found.' : 'No issues of the selected severities.'}
        </p>
      )}
    </div>
  );
}
