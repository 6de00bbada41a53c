import { defineRule } from '../engine/rule';

export const eisOtherParty = defineRule({
  id: 'eis-other-party',
  severity: 'warning',
  scope: 'cell',
  title: 'EIS names the other supplier',
  description: 'On a row with two supplier parties, the Energy Installation Supplier names the fuel whose supplier is not the submitting party.',
  why: 'Authorising a migration for which another supplier coordinates needs that supplier\'s agreement; check this is intended.',
  fields: ['eis', 'elecSupplierEuid', 'gasSupplierEuid'],
  fixable: false,
  examples: { valid: 'you supply electricity, EIS "E"', invalid: 'you supply electricity, EIS "G"' },
  stage: 10,
});

export const eisOtherPartyMessage = (code: string, fuel: string, party: string): string =>
  `"${code}" makes the ${fuel} supplier (party ${party}), not your organisation, the coordinating supplier. Check this was agreed with them.`;
