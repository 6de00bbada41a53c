import type { JSX } from 'react';
import { Button, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { ScanProgress as Progress } from '../pane-controller';

const useStyles = makeStyles({
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  text: { fontSize: tokens.fontSizeBase200, '@media (forced-colors: active)': { color: 'CanvasText' } },
  bar: { flexBasis: '100%' },
});

/**
 * A long scan's progress line with a Cancel button (a plain button: reachable by Tab, pressed with
 * Enter or Space). The words carry the figures, so the bar is never the only signal.
 */
export function ScanProgressLine({ progress, onCancel }: { readonly progress: Progress; readonly onCancel: () => void }): JSX.Element {
  const styles = useStyles();
  const read = progress.rowsRead.toLocaleString('en-GB');
  const total = progress.rowsTotal.toLocaleString('en-GB');
  return (
    <div className={styles.line}>
      <span role="status" className={styles.text}>
        Reading the workbook: {read} of {total} rows
      </span>
      <Button size="small" onClick={onCancel}>
        Cancel
      </Button>
      <ProgressBar className={styles.bar} value={progress.rowsTotal > 0 ? progress.rowsRead / progress.rowsTotal : 0} aria-hidden />
    </div>
  );
}
