import { useState, type JSX } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Profile } from '../../engine/profile';
import type { RuleMeta } from '../../engine/rule';
import type { ValidationResult } from '../../engine/result';
import type { PaneController } from '../pane-controller';
import { BlockedIcon, ReadyIcon, WarningIcon } from '../shared/icons';
import { plural, severityCount } from '../shared/labels';
import { copyText } from './clipboard';
import { runExportCheck, validationReports, type ExportCheck } from './export-gate';
import { panelBox } from '../shared/panel-box';

const useStyles = makeStyles({
  gate: { ...panelBox },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  verdict: { display: 'flex', alignItems: 'center', columnGap: '6px', fontWeight: tokens.fontWeightSemibold, '@media (forced-colors: active)': { color: 'CanvasText' } },
  ready: { color: tokens.colorPaletteGreenForeground1 },
  notReady: { color: tokens.colorPaletteRedForeground1 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  fileName: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere', margin: 0 },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
});

/** Warnings listed in the gate before "and N more" (the Issues tab has them all). */
export const GATE_WARNINGS_SHOWN = 10;

export interface ExportGatePanelProps {
  readonly controller: Pick<PaneController, 'recheck' | 'getState' | 'setHighlights'>;
  /** The profiles in force (settings may override them), for the file name's prefix. */
  readonly profiles: () => readonly Profile[];
  readonly rules: readonly RuleMeta[];
  readonly version: string;
  /** The pane's latest result, to tell when the workbook changed after the check. */
  readonly currentResult?: ValidationResult | null;
  readonly now?: () => Date;
  readonly copy?: (text: string) => Promise<boolean>;
}

/**
 * "Check before export": a full re-check, then Ready / Not ready, the remaining warnings, the
 * submission file name with a copy button, and the validation report to copy. States in words and
 * icons; results are announced through a polite live region.
 */
export function ExportGatePanel({ controller, profiles, rules, version, currentResult, now = () => new Date(), copy = copyText }: ExportGatePanelProps): JSX.Element {
  const styles = useStyles();
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<ExportCheck | null>(null);
  const [copied, setCopied] = useState<string>('');

  const run = async (): Promise<void> => {
    setChecking(true);
    setCopied('');
    setCheck(await runExportCheck(controller, profiles(), now()));
    setChecking(false);
  };

  const copyAndSay = async (what: string, text: string): Promise<void> => {
    const ok = await copy(text);
    setCopied(ok ? `${what} copied.` : `${what} could not be copied. Select it and press Ctrl+C.`);
  };

  const assessment = check?.kind === 'checked' ? check.assessment : null;
  const stale = assessment !== null && currentResult !== undefined && currentResult !== assessment.result;
  const fileLabel = assessment?.fileName ?? 'This workbook';

  return (
    <section className={styles.gate} aria-labelledby="mam-export-heading" aria-busy={checking}>
      {/* Heading and button share a line so, before a check, the gate leaves the issue list in view. */}
      <div className={styles.row}>
        <h2 id="mam-export-heading" className={styles.heading}>Export check</h2>
        <Button size="small" appearance={assessment ? 'secondary' : 'primary'} onClick={() => void run()} disabled={checking}>
          {assessment ? 'Check again' : 'Check before export'}
        </Button>
        {checking ? <Spinner size="extra-tiny" label="Re-checking the whole workbook…" /> : null}
      </div>
      <div role="status" aria-live="polite">
        {check?.kind === 'failed' ? <p className={styles.note}>{check.message}</p> : null}
        {assessment ? (
          assessment.ready ? (
            <div className={mergeClasses(styles.verdict, styles.ready)}><ReadyIcon />Ready to export</div>
          ) : (
            <div className={mergeClasses(styles.verdict, styles.notReady)}>
              <BlockedIcon />Not ready: {severityCount('error', assessment.errors)} remain{assessment.errors === 1 ? 's' : ''}
            </div>
          )
        ) : null}
        {check?.kind === 'checked' && check.highlightsCleared ? (
          <p className={styles.note}>MAM Prep&apos;s cell highlights were removed so they are not sent to DCC. Turn “Highlight cells” on to see them again.</p>
        ) : null}
        {assessment && !assessment.ready ? <p className={styles.note}>Fix the errors (Issues and Fixes tabs), then check again. Highlights stay on until then.</p> : null}
      </div>
      {stale ? (
        <MessageBar intent="info">
          <MessageBarBody>The workbook changed since this check. Check again before you export.</MessageBarBody>
        </MessageBar>
      ) : null}
      {assessment && assessment.warnings.length > 0 ? (
        <div>
          <p className={mergeClasses(styles.row, styles.note)}>
            <WarningIcon />
            {plural(assessment.warnings.length, 'warning remains', 'warnings remain')} (they do not block export):
          </p>
          <ul className={styles.list} aria-label="Remaining warnings">
            {assessment.warnings.slice(0, GATE_WARNINGS_SHOWN).map((w, i) => (
              <li key={`${w.ruleId}-${w.sheet ?? ''}-${w.cell ?? w.row ?? i}`}>
                {w.cell ?? (w.row !== null ? `Row ${w.row}` : 'Workbook')}: {w.message}
              </li>
            ))}
          </ul>
          {assessment.warnings.length > GATE_WARNINGS_SHOWN ? (
            <p className={styles.note}>and {plural(assessment.warnings.length - GATE_WARNINGS_SHOWN, 'more', 'more')} in the Issues tab.</p>
          ) : null}
        </div>
      ) : null}
      {assessment?.ready ? (
        <div>
          {assessment.fileName ? (
            <>
              <p className={styles.note} id="mam-export-name-label">Submission file name:</p>
              <div className={styles.row}>
                <p className={styles.fileName} aria-labelledby="mam-export-name-label">{assessment.fileName}</p>
                <Button size="small" onClick={() => void copyAndSay('File name', assessment.fileName!)}>Copy name</Button>
              </div>
            </>
          ) : (
            <p className={styles.note}>{assessment.fileNameNote}</p>
          )}
        </div>
      ) : null}
      {assessment ? (
        <div className={styles.row}>
          <Button size="small" onClick={() => void copyAndSay('CSV report', validationReports(assessment.result, fileLabel, rules, version).csv)}>
            Copy report (CSV)
          </Button>
          <Button size="small" onClick={() => void copyAndSay('Text report', validationReports(assessment.result, fileLabel, rules, version).text)}>
            Copy report (text)
          </Button>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className={styles.note}>{copied}</div>
      {assessment ? (
        <p className={styles.note}>
          MAM Prep does not save or send the workbook. Save it with Excel (File &gt; Save a Copy) under the name above, or use the
          template&apos;s own export macro: an add-in cannot run macros.
        </p>
      ) : null}
    </section>
  );
}
