import { useEffect, useRef, type JSX, type KeyboardEvent } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { previewValue, type FixPlan } from './fix-plan';
import type { FixOutcomeMessage } from './use-fix-workflow';
import { panelBox } from '../shared/panel-box';

/** Edits listed in a preview before "and N more" (all are applied; the list stays light). */
const PREVIEW_ROWS_SHOWN = 100;

export const useFixStyles = makeStyles({
  box: { ...panelBox },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  // Each change stacked (place, then before → after, each free to wrap) so full values stay readable at 320 px.
  changes: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '6px',
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  change: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '1px',
    minWidth: 0,
    paddingBottom: '4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (forced-colors: active)': { borderBottom: '1px solid CanvasText' },
  },
  changeHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '2px', justifyContent: 'space-between' },
  place: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  value: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere', minWidth: 0 },
  label: {
    display: 'inline-block',
    minWidth: '44px',
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground2,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  note: {
    margin: 0,
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

export interface FixPreviewProps {
  readonly plan: FixPlan;
  readonly busy: boolean;
  /** The data sheet: its cells are shown without the sheet name. */
  readonly dataSheet: string | null;
  readonly onApply: () => void;
  readonly onCancel: () => void;
}

/**
 * Cell, before → after for every edit a fix will write, then Apply / Cancel (Escape cancels too).
 * Focus moves to it when it opens.
 */
export function FixPreview({ plan, busy, dataSheet, onApply, onCancel }: FixPreviewProps): JSX.Element {
  const styles = useFixStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [plan]);
  const n = plan.edits.length;
  const place = (sheet: string, cell: string): string => (sheet === dataSheet ? cell : `${sheet}!${cell}`);
  return (
    <section
      className={styles.box}
      aria-labelledby="mam-fix-preview-heading"
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Escape' && !busy) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id="mam-fix-preview-heading" ref={heading} tabIndex={-1} className={styles.heading}>
        Preview: {n} {n === 1 ? 'change' : 'changes'}
      </h3>
      {n > 0 ? (
        <ul className={styles.changes} aria-label="Changes">
          {plan.edits.slice(0, PREVIEW_ROWS_SHOWN).map((e) => (
            <li key={`${e.sheet}!${e.cell}`} className={styles.change}>
              <span className={styles.place}>{place(e.sheet, e.cell)}</span>
              <BeforeAfter before={previewValue(e.from)} after={previewValue(e.to, e.type)} />
            </li>
          ))}
        </ul>
      ) : null}
      {n > PREVIEW_ROWS_SHOWN ? <p className={styles.note}>and {n - PREVIEW_ROWS_SHOWN} more changes of the same kinds.</p> : null}
      {plan.withheld.length > 0 ? (
        <div>
          <p className={styles.note}>Not changed ({plan.withheld.length}):</p>
          <ul className={styles.list}>
            {plan.withheld.slice(0, PREVIEW_ROWS_SHOWN).map((w) => (
              <li key={`${w.edit.sheet}!${w.edit.cell}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className={styles.note}>Each cell is written only if it still holds the value shown as Before. Esc cancels.</p>
      <div className={styles.row}>
        {n > 0 ? (
          <Button appearance="primary" size="small" onClick={onApply} disabled={busy}>
            Apply {n} {n === 1 ? 'change' : 'changes'}
          </Button>
        ) : null}
        <Button size="small" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </section>
  );
}

/** A value before and after a change, on two lines so neither is cut. */
export function BeforeAfter({ before, after }: { readonly before: string; readonly after: string }): JSX.Element {
  const styles = useFixStyles();
  return (
    <>
      <span className={styles.value}>
        <span className={styles.label}>Before</span> {before}
      </span>
      <span className={styles.value}>
        <span className={styles.label}>After</span> {after}
      </span>
    </>
  );
}

/** The last fix or revert, announced politely; names every cell left as it is. */
export function FixOutcome({ outcome }: { readonly outcome: FixOutcomeMessage | null }): JSX.Element {
  const styles = useFixStyles();
  return (
    <div role="status" aria-live="polite">
      {outcome ? (
        <>
          <p style={{ margin: 0, overflowWrap: 'anywhere' }}>{outcome.summary}</p>
          {outcome.problems.map((p) => (
            <p key={p} className={styles.note}>
              {p}
            </p>
          ))}
          {outcome.cells.length > 0 ? (
            <ul className={styles.list} aria-label="Cells left as they are">
              {outcome.cells.slice(0, PREVIEW_ROWS_SHOWN).map((c) => (
                <li key={`${c.sheet}!${c.cell}`}>{c.message}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
