import { defineRule } from '../engine/rule';

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
});

export const euidOtherUserIdMessage = (euid: string, userId: string, party: string): string =>
  `${euid} differs from the submitting User ID ${userId} but belongs to the same party (${party}). That is allowed: a party may hold several EUIDs.`;
