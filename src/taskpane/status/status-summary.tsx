import type { JSX, ReactNode } from 'react';
import { Button, ToggleButton, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Severity } from '../../engine/finding';
import type { ValidationResult } from '../../engine/result';
import { BlockedIcon, HighlighterIcon, ReadyIcon, RefreshIcon, WarningIcon } from '../shared/icons';
import { SEVERITIES, formatCount, plural, severityCount } from '../shared/labels';
import { SeverityIcon } from '../shared/severity-badge';
import type { RuleId } from '../../rules';

const muted = { color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } } as const;

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', rowGap: '0px', minWidth: 0 },
  stateLine: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '2px', rowGap: '2px', minWidth: 0 },
  readiness: {
    minWidth: 0,
    paddingLeft: '2px',
    paddingRight: '4px',
    fontWeight: tokens.fontWeightSemibold,
    '@media (forced-colors: active)': { color: 'ButtonText' },
  },
  ready: { color: tokens.colorPaletteGreenForeground1, ':hover': { color: tokens.colorPaletteGreenForeground1 } },
  notReady: { color: tokens.colorPaletteRedForeground1, ':hover': { color: tokens.colorPaletteRedForeground1 } },
  counts: { display: 'flex', columnGap: '0px' },
  count: { minWidth: 0, paddingLeft: '4px', paddingRight: '4px', fontWeight: tokens.fontWeightRegular, fontVariantNumeric: 'tabular-nums' },
  // Fluent keeps its own colours on toggle buttons in forced colours: use the system's, pressed or not.
  plain: { '@media (forced-colors: active)': { color: 'ButtonText !important', backgroundColor: 'ButtonFace !important' } },
  pressed: { '@media (forced-colors: active)': { color: 'HighlightText !important', backgroundColor: 'Highlight !important' } },
  tools: { display: 'flex', flexShrink: 0, columnGap: '0px', marginLeft: 'auto' },
  template: {
    margin: 0,
    paddingLeft: '4px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
    overflowWrap: 'anywhere',
    ...muted,
  },
  templateName: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1, '@media (forced-colors: active)': { color: 'CanvasText' } },
  older: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: '2px',
    verticalAlign: 'bottom',
    color: tokens.colorPaletteDarkOrangeForeground1,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
});

export interface StatusHeaderProps {
  readonly result: ValidationResult<RuleId>;
  /** Severities shown in the issue list: the counts are its filter, so each count appears once. */
  readonly shown: ReadonlySet<Severity>;
  readonly onToggleSeverity: (severity: Severity) => void;
  /** Opens the Export tab (the readiness state is its summary). */
  readonly onOpenExport: () => void;
  readonly onRecheck: () => void;
  readonly checking: boolean;
  readonly highlights: boolean;
  readonly onToggleHighlights: (on: boolean) => void;
  /** Extra lines under the header (scan progress, notices). */
  readonly children?: ReactNode;
}

/**
 * The pane's header for a recognised template, as compact as the Accessibility Checker's: ready / not
 * ready (opens the Export tab), the counts (icon and number; they filter the issue list, so each count
 * appears once), a two-button toolbar (Re-check all, Highlight cells), then one small line naming the
 * template, its version and the rows checked.
 */
export function StatusHeader(props: StatusHeaderProps): JSX.Element {
  const { result, shown, onToggleSeverity, onOpenExport, onRecheck, checking, highlights, onToggleHighlights, children } = props;
  const styles = useStyles();
  const template = result.template;
  return (
    <section aria-label="Workbook status" className={styles.header}>
      <div className={styles.stateLine}>
        <Button
          size="small"
          appearance="transparent"
          className={mergeClasses(styles.readiness, result.ready ? styles.ready : styles.notReady)}
          icon={result.ready ? <ReadyIcon /> : <BlockedIcon />}
          onClick={onOpenExport}
          title="Open the export check"
        >
          {result.ready ? 'Ready to export' : 'Not ready'}
        </Button>
        <div role="group" aria-label="Counts: show or hide in the issue list" className={styles.counts}>
          {SEVERITIES.map((severity) => (
            <ToggleButton
              key={severity}
              size="small"
              appearance="subtle"
              className={mergeClasses(styles.count, shown.has(severity) ? styles.pressed : styles.plain)}
              checked={shown.has(severity)}
              icon={<SeverityIcon severity={severity} />}
              onClick={() => onToggleSeverity(severity)}
              aria-label={severityCount(severity, result.summary[severity])}
              title={`${severityCount(severity, result.summary[severity])}: ${shown.has(severity) ? 'listed, choose to hide' : 'hidden, choose to list'}`}
            >
              {formatCount(result.summary[severity])}
            </ToggleButton>
          ))}
        </div>
        <div role="toolbar" aria-label="Checks" className={styles.tools}>
          <Button
            size="small"
            appearance="subtle"
            className={styles.plain}
            icon={<RefreshIcon />}
            onClick={onRecheck}
            disabled={checking}
            aria-label="Re-check all"
            title="Re-check all"
          />
          <ToggleButton
            size="small"
            appearance="subtle"
            icon={<HighlighterIcon />}
            className={highlights ? styles.pressed : styles.plain}
            checked={highlights}
            onClick={() => onToggleHighlights(!highlights)}
            aria-label="Highlight cells"
            title={highlights ? 'Highlight cells: on' : 'Highlight cells: off'}
          />
        </div>
      </div>
      <h2 className={styles.template}>
        <span className={styles.templateName}>{template?.name ?? 'Workbook'}</span> {template?.version ?? 'version not stated'}
        {template?.outdated ? (
          <span className={styles.older}>
            {' '}
            <WarningIcon />
            older version
          </span>
        ) : null}
        {' · '}
        <span>{plural(result.rowsChecked, 'row checked', 'rows checked')}</span>
      </h2>
      <div role="status">
        {/* Announced when readiness changes: the button above is not a live region. */}
        <span style={visuallyHidden}>{result.ready ? 'Ready to export.' : `Not ready: ${severityCount('error', result.summary.error)}.`}</span>
      </div>
      {children}
    </section>
  );
}

/** Text for screen readers only. */
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
