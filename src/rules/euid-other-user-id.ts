import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { sameParty } from './support/row-facts';
import { EXAMPLE_SAME_PARTY_EUID } from './support/sample-identifiers';
import { BOTH, supplierField } from './support/training';

export const euidOtherUserId = defineRule({
  id: 'euid-other-user-id',
  severity: 'info',
  scope: 'cell',
  title: 'Another EUID of your organisation',
  description: 'A supplier EUID belongs to the submitting party but differs from the submitting User ID.',
  why: 'Allowed: a party may hold several EUIDs (MAM 7.2.2). Shown so you can confirm the EUID is one of yours.',
  fields: ['elecSupplierEuid', 'gasSupplierEuid', 'supplierEuid'],
  fixable: false,
  examples: { valid: 'EUID equal to the User ID', invalid: 'n/a (information only)' },
  stage: 10,
  rowCheck: (p, report) => {
    const submitter = p.ctx.submitter;
    if (p.blank || !submitter) return;
    for (const slot of p.ctx.supplierEuidSlots) {
      const s = p.states[slot]!;
      if (!s.present || !s.usable || s.key === undefined || s.key === submitter.canonical) continue;
      if (!sameParty(s.key, submitter.canonical, p.ctx.profile.partyOctets)) continue;
      report(slot, euidOtherUserIdMessage(s.key, submitter.canonical, submitter.party), undefined, {
        party: submitter.party,
        submitterParty: submitter.party,
        octets: p.ctx.octetLabel,
      });
    }
  },
  training: {
    templates: BOTH,
    field: supplierField,
    mistake: (row, { template }) => ({ ...row, [supplierField(template)]: text(EXAMPLE_SAME_PARTY_EUID) }),
  },
});

const euidOtherUserIdMessage = (euid: string, userId: string, party: string): string =>
  `${euid} differs from the submitting User ID ${userId} but belongs to the same party (${party}). That is allowed: a party may hold several EUIDs.`;
