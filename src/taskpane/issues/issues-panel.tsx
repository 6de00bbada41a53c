import { useMemo, type JSX } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../../engine/finding';
import type { ValidationResult } from '../../engine/result';
import { useIssueFixes, type IssueFixDeps } from '../fixes/issue-fixes';
import { ReadyIcon } from '../shared/icons';
import type { CellTarget } from '../shared/labels';
import { IssueTree } from './issue-tree';
import { groupByRule } from './issue-rows';
import type { RuleId } from '../../rules';
import type { PaneRule } from '../shared/pane-rule';

const muted = { color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } } as const;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: '8px', minWidth: 0 },
  empty: { display: 'flex', columnGap: '6px', alignItems: 'center', margin: 0, ...muted },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere', ...muted },
});

export interface IssuesPanelProps {
  readonly result: ValidationResult<RuleId>;
  readonly rules: ReadonlyMap<RuleId, PaneRule>;
  /** Severities to list: the header's counts toggle them. */
  readonly shown: ReadonlySet<Severity>;
  readonly onGoTo: (target: CellTarget, finding: Finding<RuleId>) => void;
  /** Where fixes can be written: Fix buttons in the list. */
  readonly fixes?: IssueFixDeps;
  /** Sheets shaped like a template that are not checked, already without the pane's own training sheet. */
  readonly otherSheets?: readonly string[];
}

/** The grouped issue tree, with the fix preview above it when a Fix button was pressed. */
export function IssuesPanel({ result, rules, shown, onGoTo, fixes, otherSheets = result.otherTemplateSheets }: IssuesPanelProps): JSX.Element {
  const styles = useStyles();
  const groups = useMemo(() => groupByRule(result.findings, shown), [result.findings, shown]);
  const dataSheet = result.template?.sheet ?? null;
  const fixing = useIssueFixes(fixes, dataSheet);

  return (
    <div className={styles.panel}>
      {fixing.area}
      {groups.length > 0 ? (
        <IssueTree groups={groups} rules={rules} dataSheet={dataSheet} onGoTo={onGoTo} fixes={fixing.tree} />
      ) : (
        <p className={styles.empty} role="status">
          <ReadyIcon />
          {result.findings.length === 0 ? 'No issues found.' : 'No issues of the selected severities. Choose the counts above to show them.'}
        </p>
      )}
      {otherSheets.length > 0 && result.template ? (
        <p className={styles.note}>
          Also shaped like a template: {otherSheets.join(', ')}. Only “{result.template.sheet}” is checked.
        </p>
      ) : null}
    </div>
  );
}
