import type { JSX } from 'react';
import { ToggleButton, makeStyles } from '@fluentui/react-components';
import type { Severity, Summary } from '../../engine/finding';
import { SEVERITIES, severityCount } from '../shared/labels';
import { SeverityIcon } from '../shared/severity-badge';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', columnGap: '4px', rowGap: '4px' },
});

/** Three toggle buttons (aria-pressed) that show or hide errors, warnings and info in the list. */
export function SeverityFilter({
  shown,
  summary,
  onChange,
}: {
  readonly shown: ReadonlySet<Severity>;
  readonly summary: Summary;
  readonly onChange: (next: ReadonlySet<Severity>) => void;
}): JSX.Element {
  const styles = useStyles();
  const toggle = (severity: Severity): void => {
    const next = new Set(shown);
    if (next.has(severity)) next.delete(severity);
    else next.add(severity);
    onChange(next);
  };
  return (
    <div role="group" aria-label="Show severities" className={styles.bar}>
      {SEVERITIES.map((severity) => (
        <ToggleButton
          key={severity}
          size="small"
          appearance="subtle"
          checked={shown.has(severity)}
          icon={<SeverityIcon severity={severity} />}
          onClick={() => toggle(severity)}
        >
          {severityCount(severity, summary[severity])}
        </ToggleButton>
      ))}
    </div>
  );
}
