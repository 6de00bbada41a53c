import { useEffect, useRef, type JSX } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { previewValue, type FixPlan } from './fix-plan';
import type { FixOutcomeMessage } from './use-fix-workflow';
import { panelBox } from '../shared/panel-box';

/** Edits listed in a preview before "and N more" (all are applied; the list stays light). */
export const PREVIEW_ROWS_SHOWN = 100;

export const useFixStyles = makeStyles({
  box: { ...panelBox },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '2px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  td: { padding: '2px 4px', verticalAlign: 'top', overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyMonospace },
  cellCol: { width: '22%' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
});

export interface FixPreviewProps {
  readonly plan: FixPlan;
  readonly busy: boolean;
  /** The data sheet: its cells are shown without the sheet name. */
  readonly dataSheet: string | null;
  readonly onApply: () => void;
  readonly onCancel: () => void;
}

/** Cell, before, after for every edit a fix will write, then Apply / Cancel. Focus moves to it when it opens. */
export function FixPreview({ plan, busy, dataSheet, onApply, onCancel }: FixPreviewProps): JSX.Element {
  const styles = useFixStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [plan]);
  const n = plan.edits.length;
  const place = (sheet: string, cell: string): string => (sheet === dataSheet ? cell : `${sheet}!${cell}`);
  return (
    <section className={styles.box} aria-labelledby="mam-fix-preview-heading">
      <h3 id="mam-fix-preview-heading" ref={heading} tabIndex={-1} className={styles.heading}>
        Preview: {n} {n === 1 ? 'change' : 'changes'}
      </h3>
      {n > 0 ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col" className={`${styles.th} ${styles.cellCol}`}>Cell</th>
              <th scope="col" className={styles.th}>Before</th>
              <th scope="col" className={styles.th}>After</th>
            </tr>
          </thead>
          <tbody>
            {plan.edits.slice(0, PREVIEW_ROWS_SHOWN).map((e) => (
              <tr key={`${e.sheet}!${e.cell}`}>
                <th scope="row" className={styles.td} style={{ fontWeight: 'normal', textAlign: 'left' }}>{place(e.sheet, e.cell)}</th>
                <td className={styles.td}>{previewValue(e.from)}</td>
                <td className={styles.td}>{previewValue(e.to, e.type)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {n > PREVIEW_ROWS_SHOWN ? <p className={styles.note}>and {n - PREVIEW_ROWS_SHOWN} more changes of the same kinds.</p> : null}
      {plan.withheld.length > 0 ? (
        <div>
          <p className={styles.note}>Not changed ({plan.withheld.length}):</p>
          <ul className={styles.list}>
            {plan.withheld.slice(0, PREVIEW_ROWS_SHOWN).map((w) => <li key={`${w.edit.sheet}!${w.edit.cell}`}>{w.message}</li>)}
          </ul>
        </div>
      ) : null}
      <p className={styles.note}>Each cell is written only if it still holds the value shown under Before.</p>
      <div className={styles.row}>
        {n > 0 ? (
          <Button appearance="primary" size="small" onClick={onApply} disabled={busy}>
            Apply {n} {n === 1 ? 'change' : 'changes'}
          </Button>
        ) : null}
        <Button size="small" onClick={onCancel} disabled={busy}>Cancel</Button>
      </div>
    </section>
  );
}

/** The last fix or revert, announced politely; names every cell left as it is. */
export function FixOutcome({ outcome }: { readonly outcome: FixOutcomeMessage | null }): JSX.Element {
  const styles = useFixStyles();
  return (
    <div role="status" aria-live="polite">
      {outcome ? (
        <>
          <p style={{ margin: 0 }}>{outcome.summary}</p>
          {outcome.problems.map((p) => <p key={p} className={styles.note}>{p}</p>)}
          {outcome.cells.length > 0 ? (
            <ul className={styles.list} aria-label="Cells left as they are">
              {outcome.cells.slice(0, PREVIEW_ROWS_SHOWN).map((c) => <li key={`${c.sheet}!${c.cell}`}>{c.message}</li>)}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
