import { useState, useSyncExternalStore, type JSX } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ValidationResult } from '../../engine/result';
import { BlockedIcon, ReadyIcon, WarningIcon } from '../shared/icons';
import { plural, severityCount } from '../shared/labels';
import { panelBox } from '../shared/panel-box';
import { copyText } from './clipboard';
import { clearMessageNow, exportVerdict, validationReports } from './export-gate';
import type { ExportGateStore } from './export-gate-store';
import type { RuleId } from '../../rules';
import type { PaneRule } from '../shared/pane-rule';

const useStyles = makeStyles({
  gate: { ...panelBox },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  verdict: {
    display: 'flex',
    alignItems: 'center',
    columnGap: '6px',
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  ready: { color: tokens.colorPaletteGreenForeground1 },
  notReady: { color: tokens.colorPaletteRedForeground1 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  fileName: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere', margin: 0, minWidth: 0 },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  note: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground2,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  bar: { minWidth: 0 },
  wrap: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
});

/** Warnings listed in the gate before "and N more" (the Issues tab has them all). */
export const GATE_WARNINGS_SHOWN = 10;

export interface ExportGatePanelProps {
  readonly store: ExportGateStore;
  readonly rules: readonly PaneRule[];
  readonly version: string;
  /** The pane's latest result: the verdict follows it, so a new error turns the gate not ready at once. */
  readonly currentResult?: ValidationResult<RuleId> | null;
  readonly copy?: (text: string) => Promise<boolean>;
}

/**
 * The Export tab: a full re-check, then Ready / Not ready against the latest result, what happened
 * to the highlights (verified), the remaining warnings, the submission file name and the reports to
 * copy. States in words and icons; results are announced through a polite live region.
 */
export function ExportGatePanel({ store, rules, version, currentResult, copy = copyText }: ExportGatePanelProps): JSX.Element {
  const styles = useStyles();
  const gate = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const [copied, setCopied] = useState<string>('');
  const check = gate.check;

  const run = (): void => {
    setCopied('');
    void store.run();
  };

  const copyAndSay = async (what: string, text: string): Promise<void> => {
    const ok = await copy(text);
    setCopied(ok ? `${what} copied.` : `${what} could not be copied. Select it and press Ctrl+C.`);
  };

  const assessment = check?.kind === 'checked' ? check.assessment : null;
  const verdict = assessment ? exportVerdict(assessment, currentResult) : null;
  const clear = check?.kind === 'checked' && check.clear ? clearMessageNow(check.clear, verdict) : null;
  const fileLabel = assessment?.fileName ?? 'This workbook';

  return (
    <section className={styles.gate} aria-labelledby="mam-export-heading" aria-busy={gate.checking}>
      <div className={styles.row}>
        <h2 id="mam-export-heading" className={styles.heading}>
          Export check
        </h2>
        <Button size="small" appearance={assessment ? 'secondary' : 'primary'} onClick={run} disabled={gate.checking}>
          {assessment ? 'Check again' : 'Check before export'}
        </Button>
        {gate.checking ? <Spinner size="extra-tiny" label="Re-checking the whole workbook…" /> : null}
      </div>
      {!assessment && !gate.checking ? (
        <p className={styles.note}>
          Re-checks the whole workbook; when no error is left, removes MAM Prep&apos;s cell highlights so they are not sent to DCC and gives the submission file
          name.
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {check?.kind === 'failed' ? <p className={styles.note}>{check.message}</p> : null}
        {verdict?.kind === 'ready' ? (
          <div className={mergeClasses(styles.verdict, styles.ready)}>
            <ReadyIcon />
            Ready to export
          </div>
        ) : null}
        {verdict?.kind === 'not-ready' ? (
          <div className={mergeClasses(styles.verdict, styles.notReady)}>
            <BlockedIcon />
            Not ready: {severityCount('error', verdict.errors)} remain{verdict.errors === 1 ? 's' : ''}
            {verdict.sinceCheck ? ' (new since the check)' : ''}
          </div>
        ) : null}
        {verdict?.kind === 'changed' ? (
          <div className={styles.verdict}>
            <WarningIcon />
            The workbook changed since this check. Check again before you export.
          </div>
        ) : null}
        {verdict?.kind === 'not-ready' ? <p className={styles.note}>Fix the errors (Issues tab), then check again. Highlights stay on until then.</p> : null}
      </div>
      {clear ? (
        <MessageBar intent={clear.clean ? 'info' : 'warning'} layout="multiline" className={styles.bar}>
          <MessageBarBody className={styles.wrap}>
            {clear.text}
            {clear.clean && store.highlightsAwaySinceCheck ? ' They come back when you edit the workbook, or now:' : ''}
            {gate.restored ? ' Highlights are shown again.' : ''}
          </MessageBarBody>
          {clear.clean && store.highlightsAwaySinceCheck ? (
            <MessageBarActions>
              <Button size="small" onClick={() => void store.restoreHighlights()}>
                Show highlights
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      {assessment && verdict?.kind === 'ready' && assessment.warnings.length > 0 ? (
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
      {assessment && !assessment.ready && assessment.warnings.length > 0 ? (
        <p className={styles.note}>{plural(assessment.warnings.length, 'warning', 'warnings')} too (they do not block export).</p>
      ) : null}
      {assessment?.ready && verdict?.kind === 'ready' ? (
        <div>
          {assessment.fileName ? (
            <>
              <p className={styles.note} id="mam-export-name-label">
                Submission file name:
              </p>
              <div className={styles.row}>
                <p className={styles.fileName} aria-labelledby="mam-export-name-label">
                  {assessment.fileName}
                </p>
                <Button size="small" onClick={() => void copyAndSay('File name', assessment.fileName!)}>
                  Copy name
                </Button>
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
      <div role="status" aria-live="polite" className={styles.note}>
        {copied}
      </div>
      {assessment ? (
        <p className={styles.note}>
          MAM Prep does not save or send the workbook. Save it with Excel (File &gt; Save a Copy) under the name above, or use the template&apos;s own export
          macro: an add-in cannot run macros.
        </p>
      ) : null}
    </section>
  );
}
