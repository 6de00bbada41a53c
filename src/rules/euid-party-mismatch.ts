import { defineRule } from '../engine/rule';

export const euidPartyMismatch = defineRule({
  id: 'euid-party-mismatch',
  severity: 'error',
  scope: 'cell',
  title: 'No supplier EUID of the submitting party',
  description: 'None of the row\'s supplier EUIDs belongs to the submitting party (same party octets as the submitting User ID).',
  why: 'A supplier may only authorise migration of installations it supplies (MAM 7.2): the row must carry one of its own EUIDs.',
  fields: ['elecSupplierEuid', 'gasSupplierEuid', 'supplierEuid', 'userId'],
  fixable: false,
  examples: { valid: 'EUID 70-B3-D5-1F-30-00-A0-01 with User ID 70-B3-D5-1F-30-00-A0-08', invalid: 'EUID 70-B3-D5-1F-30-00-B1-01 with User ID 70-B3-D5-1F-30-00-A0-08' },
  stage: 10,
});

export const euidPartyMismatchMessage = (euid: string, party: string, submitterParty: string, octets: string): string =>
  `${euid} belongs to party ${party} (${octets}), but the submitting User ID belongs to party ${submitterParty}. A row must carry at least one EUID of your organisation.`;
