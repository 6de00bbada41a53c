import type { JSX } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../../engine/finding';
import type { RuleId } from '../../rules';

const useStyles = makeStyles({
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: '6px', rowGap: '2px', margin: 0, padding: 0, listStyleType: 'none' },
  fact: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  value: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
});

interface Fact {
  readonly label: string;
  readonly value: string;
  /** Prose rather than a code or identifier. */
  readonly prose?: boolean;
}

/**
 * The extra facts a rule attached, in words: which GroupID made a row exempt, which party the EUID
 * belongs to against the submitter's, which octets decide the party, the expected value, the first row
 * of a duplicate, and why a formula cell gets no fix.
 */
function factsOf(finding: Finding<RuleId>): Fact[] {
  const d = finding.details;
  const facts: Fact[] = [];
  if (!d) return facts;
  if (d.groupId !== undefined) {
    // Justified rule id outside src/rules: only this rule's GroupID is the exemption itself. The finding
    // carries the catalogue's ids, so a misspelt id here fails to compile (no overlap with RuleId).
    facts.push({ label: finding.ruleId === 'group-id-exempt' ? 'Exempt GroupID' : 'GroupID', value: d.groupId });
  }
  if (d.party !== undefined) facts.push({ label: 'EUID party', value: d.party });
  if (d.submitterParty !== undefined) facts.push({ label: 'Submitter party', value: d.submitterParty });
  if (d.octets !== undefined) facts.push({ label: 'Party read from', value: d.octets, prose: true });
  if (d.expected !== undefined) facts.push({ label: 'Expected', value: d.expected });
  if (d.firstRow !== undefined) facts.push({ label: 'First seen on row', value: String(d.firstRow) });
  if (d.formula) facts.push({ label: 'Formula', value: 'the value comes from a formula, so no fix is offered', prose: true });
  return facts;
}

export function FindingDetails({ finding }: { readonly finding: Finding<RuleId> }): JSX.Element | null {
  const styles = useStyles();
  const facts = factsOf(finding);
  if (facts.length === 0) return null;
  return (
    <ul className={styles.facts}>
      {facts.map((fact) => (
        <li key={fact.label} className={styles.fact}>
          {fact.label}: {fact.prose ? fact.value : <span className={styles.value}>{fact.value}</span>}
        </li>
      ))}
    </ul>
  );
}
