import { useState, useSyncExternalStore, type JSX } from 'react';
import { Button } from '@fluentui/react-components';
import { previewValue } from './fix-plan';
import type { FixJournal, JournalBatch, RevertTarget } from './fix-journal';
import { BeforeAfter, useFixStyles } from './fix-preview';
import { displayValue, type Cell } from '../../engine/cell';

const ENTRIES_SHOWN = 50;

const show = (cell: Cell): string =>
  previewValue(displayValue(cell.value), cell.value.kind === 'empty' ? 'empty' : cell.value.kind === 'date' ? 'date' : undefined);

const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export interface FixHistoryProps {
  readonly journal: FixJournal;
  readonly busy: boolean;
  readonly onRevert: (target: RevertTarget) => void;
}

/** MAM Prep's fix journal: every applied batch, newest first, with Revert per batch and per cell. */
export function FixHistory({ journal, busy, onRevert }: FixHistoryProps): JSX.Element {
  const styles = useFixStyles();
  const batches = useSyncExternalStore(
    (l) => journal.subscribe(l),
    () => journal.batches(),
    () => journal.batches(),
  );
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="mam-fix-history-heading" className={styles.box}>
      <h3 id="mam-fix-history-heading" className={styles.heading}>
        Applied fixes
      </h3>
      {journal.loadProblem ? <p className={styles.note}>{journal.loadProblem}</p> : null}
      {batches.length === 0 ? <p className={styles.note}>No fixes applied in this workbook yet.</p> : null}
      {batches.length > 0 ? (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '8px' }}>
          {batches.map((b) => (
            <BatchItem key={b.id} batch={b} busy={busy} expanded={open === b.id} onToggle={() => setOpen(open === b.id ? null : b.id)} onRevert={onRevert} />
          ))}
        </ul>
      ) : null}
      <p className={styles.note}>
        Kept in this workbook, so Revert works after reopening it. Revert writes the previous value back only where the cell still holds the fixed value.
        {journal.unsavedBatches > 0 ? ` The oldest ${journal.unsavedBatches} are too large to keep in the workbook and last until you close it.` : ''}
      </p>
    </section>
  );
}

function BatchItem({
  batch,
  busy,
  expanded,
  onToggle,
  onRevert,
}: {
  readonly batch: JournalBatch;
  readonly busy: boolean;
  readonly expanded: boolean;
  readonly onToggle: () => void;
  readonly onRevert: (target: RevertTarget) => void;
}): JSX.Element {
  const styles = useFixStyles();
  const live = batch.entries.filter((e) => !e.reverted).length;
  const total = batch.entries.length;
  const listId = `mam-batch-${batch.id}`;
  return (
    <li>
      <div className={styles.row}>
        <span style={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {batch.label}
          <span className={styles.note}>
            {' '}
            · {timeFormat.format(new Date(batch.at))} · {total} {total === 1 ? 'cell' : 'cells'}
            {live < total ? `, ${total - live} reverted` : ''}
          </span>
        </span>
        <Button size="small" aria-expanded={expanded} aria-controls={listId} onClick={onToggle}>
          {expanded ? 'Hide cells' : 'Show cells'}
        </Button>
        <Button size="small" disabled={busy || live === 0} onClick={() => onRevert({ batchId: batch.id })} aria-label={`Revert ${batch.label}`}>
          {live === 0 ? 'Reverted' : 'Revert'}
        </Button>
      </div>
      {expanded ? (
        <ul id={listId} className={styles.changes} aria-label={`Cells of ${batch.label}`}>
          {batch.entries.slice(0, ENTRIES_SHOWN).map((e) => (
            <li key={e.id} className={styles.change}>
              <span className={styles.changeHead}>
                <span className={styles.place}>
                  {e.sheet}!{e.cell}
                </span>
                {e.reverted ? (
                  <span className={styles.note}>Reverted</span>
                ) : (
                  <Button size="small" disabled={busy} onClick={() => onRevert({ entryId: e.id })} aria-label={`Revert ${e.sheet}!${e.cell}`}>
                    Revert
                  </Button>
                )}
              </span>
              <BeforeAfter before={show(e.before)} after={show(e.after)} />
            </li>
          ))}
        </ul>
      ) : null}
      {expanded && total > ENTRIES_SHOWN ? <p className={styles.note}>and {total - ENTRIES_SHOWN} more cells (Revert reverts them all).</p> : null}
    </li>
  );
}
