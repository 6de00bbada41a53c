import type { JSX } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ValidationResult } from '../../engine/result';
import { BlockedIcon, ReadyIcon } from '../shared/icons';
import { SEVERITIES, plural, severityCount } from '../shared/labels';
import { SeverityBadge } from '../shared/severity-badge';

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  template: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', margin: 0, fontSize: tokens.fontSizeBase300 },
  version: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
  readiness: {
    display: 'flex',
    alignItems: 'center',
    columnGap: '6px',
    fontWeight: tokens.fontWeightSemibold,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  ready: { color: tokens.colorPaletteGreenForeground1 },
  notReady: { color: tokens.colorPaletteRedForeground1 },
  readinessLine: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', columnGap: '8px' },
  counts: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '6px', rowGap: '4px' },
  rows: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
});

/** "Ready to export" or "Not ready: N errors", always as icon + words. */
export function Readiness({ result }: { readonly result: ValidationResult }): JSX.Element {
  const styles = useStyles();
  return result.ready ? (
    <div role="status" className={mergeClasses(styles.readiness, styles.ready)}>
      <ReadyIcon />
      Ready to export
    </div>
  ) : (
    <div role="status" className={mergeClasses(styles.readiness, styles.notReady)}>
      <BlockedIcon />
      Not ready: {severityCount('error', result.summary.error)}
    </div>
  );
}

/** The top of the pane for a recognised template: which one, readiness, counts and rows checked. */
export function StatusSummary({ result }: { readonly result: ValidationResult }): JSX.Element {
  const styles = useStyles();
  const template = result.template;
  return (
    <section aria-label="Workbook status" className={styles.summary}>
      {template ? (
        <h2 className={styles.template}>
          {template.name}{' '}
          <span className={styles.version}>{template.version ? `version ${template.version}` : 'version not stated'}</span>
        </h2>
      ) : null}
      <div className={styles.readinessLine}>
        <Readiness result={result} />
        <span className={styles.rows}>{plural(result.rowsChecked, 'row checked', 'rows checked')}</span>
      </div>
      <div className={styles.counts}>
        {SEVERITIES.map((severity) => (
          <SeverityBadge key={severity} severity={severity} count={result.summary[severity]} />
        ))}
      </div>
      {template?.outdated ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Older template version</MessageBarTitle>
            This workbook states {template.version ? `version ${template.version}` : 'no known version'}. Copy your rows into the
            current DCC template before you send it.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result.otherTemplateSheets.length > 0 && template ? (
        <span className={styles.rows}>
          Also shaped like a template: {result.otherTemplateSheets.join(', ')}. Only “{template.sheet}” is checked.
        </span>
      ) : null}
    </section>
  );
}
