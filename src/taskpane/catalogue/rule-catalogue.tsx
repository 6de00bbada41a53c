import type { JSX } from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { SeverityBadge } from '../shared/severity-badge';
import type { PaneRule } from '../shared/pane-rule';

const useStyles = makeStyles({
  intro: { margin: '0 0 8px 0', fontSize: tokens.fontSizeBase200 },
  header: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: '2px', textAlign: 'start' },
  title: { fontWeight: tokens.fontWeightSemibold },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '6px' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '8px', rowGap: '4px', fontSize: tokens.fontSizeBase200 },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  example: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** Every rule from its own metadata: id, severity, title, what it checks, why, examples, fix. */
export function RuleCatalogue({ rules }: { readonly rules: readonly PaneRule[] }): JSX.Element {
  const styles = useStyles();
  return (
    <section aria-label="Rule catalogue">
      <p className={styles.intro}>{rules.length} rules. Errors block export; warnings are listed with the export; info explains.</p>
      <Accordion multiple collapsible>
        {rules.map((rule) => (
          <AccordionItem key={rule.id} value={rule.id} data-rule-id={rule.id}>
            <AccordionHeader size="small">
              <span className={styles.header}>
                <span className={styles.title}>{rule.title}</span>
                <span className={styles.meta}>
                  <SeverityBadge severity={rule.severity} />
                  <span className={styles.code}>{rule.id}</span>
                </span>
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <dl className={styles.facts}>
                <dt className={styles.term}>Checks</dt>
                <dd className={styles.detail}>{rule.description}</dd>
                <dt className={styles.term}>Why</dt>
                <dd className={styles.detail}>{rule.why}</dd>
                <dt className={styles.term}>Valid</dt>
                <dd className={mergeClasses(styles.detail, styles.example)}>{rule.examples.valid}</dd>
                <dt className={styles.term}>Invalid</dt>
                <dd className={mergeClasses(styles.detail, styles.example)}>{rule.examples.invalid}</dd>
                {rule.acrossFiles ? (
                  <>
                    <dt className={styles.term}>Where</dt>
                    <dd className={styles.detail}>Only mam-prep check with several files: MAM Prep in Excel checks one workbook and never reports it.</dd>
                  </>
                ) : null}
                <dt className={styles.term}>Fix</dt>
                <dd className={styles.detail}>
                  {rule.fixable ? (rule.fixDescription ?? 'One-click fix available.') : 'No automatic fix: the finding says what to do.'}
                </dd>
              </dl>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}
