import type { JSX } from 'react';
import { Badge, makeStyles } from '@fluentui/react-components';
import type { Severity } from '../../engine/finding';
import { ErrorIcon, InfoIcon, WarningIcon } from './icons';
import { severityCount, severityTitle } from './labels';

const BADGE_COLOUR: Readonly<Record<Severity, 'danger' | 'warning' | 'informative'>> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

export function SeverityIcon({ severity, className }: { readonly severity: Severity; readonly className?: string }): JSX.Element {
  if (severity === 'error') return <ErrorIcon className={className} />;
  if (severity === 'warning') return <WarningIcon className={className} />;
  return <InfoIcon className={className} />;
}

const useStyles = makeStyles({
  badge: {
    whiteSpace: 'nowrap',
    // Forced colours: the tint disappears, so draw a system-coloured outline and keep icon + text.
    '@media (forced-colors: active)': {
      border: '1px solid CanvasText',
      color: 'CanvasText',
      backgroundColor: 'Canvas',
    },
  },
});

/**
 * A severity shown three ways (icon, word, colour) so colour is never the only signal.
 * With `count`, the word becomes "3 errors".
 */
export function SeverityBadge({ severity, count }: { readonly severity: Severity; readonly count?: number }): JSX.Element {
  const styles = useStyles();
  const label = count === undefined ? severityTitle(severity) : severityCount(severity, count);
  return (
    <Badge className={styles.badge} appearance="tint" color={BADGE_COLOUR[severity]} shape="rounded" icon={<SeverityIcon severity={severity} />}>
      {label}
    </Badge>
  );
}
