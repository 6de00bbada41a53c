import type { JSX } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { InfoIcon, RefreshIcon } from '../shared/icons';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '8px',
    padding: '12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    '@media (forced-colors: active)': { border: '1px solid CanvasText', backgroundColor: 'Canvas' },
  },
  heading: { display: 'flex', alignItems: 'center', columnGap: '6px', margin: 0, fontSize: tokens.fontSizeBase400 },
  text: { margin: 0 },
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', rowGap: '4px' },
  button: { alignSelf: 'flex-start' },
});

/**
 * Shown instead of the issue list when no sheet looks like either MAM template: says what MAM Prep
 * looks for, so the analyst can open the right file or fix the header row, then re-check.
 */
export function NotATemplate({ onRecheck, checking }: { readonly onRecheck: () => void; readonly checking: boolean }): JSX.Element {
  const styles = useStyles();
  return (
    <section aria-labelledby="not-a-template-heading" className={styles.panel}>
      <h2 id="not-a-template-heading" className={styles.heading}>
        <InfoIcon />
        This workbook is not a MAM template
      </h2>
      <p className={styles.text}>MAM Prep checks these two DCC templates:</p>
      <ul className={styles.list}>
        <li>SMETS1 Migration Authorisation (sheet “Migration Authorisation”)</li>
        <li>SMETS1 Dormant Meter Migration Schedule Notification (sheet “Dormant Meter Schedule”)</li>
      </ul>
      <p className={styles.text}>It looks for a table header row:</p>
      <ul className={styles.list}>
        <li>within the first 30 rows of a sheet,</li>
        <li>with at least 4 recognised column headers, such as Group ID, Import MPAN Core, MPRN and CHF Device ID.</li>
      </ul>
      <p className={styles.text}>Open one of the templates (or fix its header row), then check again.</p>
      <Button className={styles.button} appearance="primary" icon={<RefreshIcon />} onClick={onRecheck} disabled={checking}>
        {checking ? 'Checking…' : 'Re-check'}
      </Button>
    </section>
  );
}
