import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { partyOf, sameParty } from './support/row-facts';
import { EXAMPLE_OTHER_PARTY_EUID } from './support/sample-identifiers';
import { BOTH, isMa, supplierField } from './support/training';

export const euidPartyMismatch = defineRule({
  id: 'euid-party-mismatch',
  severity: 'error',
  scope: 'cell',
  title: 'No supplier EUID of the submitting party',
  description: "None of the row's supplier EUIDs belongs to the submitting party (same party octets as the submitting User ID).",
  why: 'A supplier may only authorise migration of installations it supplies (MAM 7.2): the row must carry one of its own EUIDs.',
  fields: ['elecSupplierEuid', 'gasSupplierEuid', 'supplierEuid', 'userId'],
  fixable: false,
  examples: {
    valid: 'EUID 70-B3-D5-1F-30-00-A0-01 with User ID 70-B3-D5-1F-30-00-A0-08',
    invalid: 'EUID 70-B3-D5-1F-30-00-B1-01 with User ID 70-B3-D5-1F-30-00-A0-08',
  },
  stage: 10,
  rowCheck: (p, report) => {
    const submitter = p.ctx.submitter;
    if (p.blank || !submitter) return;
    // Reported once, on the first filled supplier EUID, when every filled one is usable and none is ours.
    let firstFilled = -1;
    for (const slot of p.ctx.supplierEuidSlots) {
      const s = p.states[slot]!;
      if (!s.present) continue;
      if (!s.usable || s.key === undefined || sameParty(s.key, submitter.canonical, p.ctx.profile.partyOctets)) return;
      if (firstFilled < 0) firstFilled = slot;
    }
    if (firstFilled < 0) return;
    const s = p.states[firstFilled]!;
    const party = partyOf(p.ctx, s)!;
    report(firstFilled, euidPartyMismatchMessage(s.key!, party, submitter.party, p.ctx.octetLabel), undefined, {
      party,
      submitterParty: submitter.party,
      octets: p.ctx.octetLabel,
    });
  },
  training: {
    templates: BOTH,
    field: supplierField,
    mistake: (row, { template }) =>
      isMa(template)
        ? { ...row, elecSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID), gasSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID) }
        : { ...row, supplierEuid: text(EXAMPLE_OTHER_PARTY_EUID) },
  },
});

const euidPartyMismatchMessage = (euid: string, party: string, submitterParty: string, octets: string): string =>
  `${euid} belongs to party ${party} (${octets}), but the submitting User ID belongs to party ${submitterParty}. A row must carry at least one EUID of your organisation.`;
