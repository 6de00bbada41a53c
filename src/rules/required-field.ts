import { defineRule } from '../engine/rule';

export const requiredField = defineRule({
  id: 'required-field',
  severity: 'error',
  scope: 'cell',
  title: 'Required value missing',
  description: 'A required cell is empty: always the GroupID and CHF Device ID; with an MPAN the ESME Device ID and electricity supplier EUID; with an MPRN the GSME and GPF Device IDs and gas supplier EUID; in the Dormant schedule also the supplier EUID, week commencing and firmware flag.',
  why: 'DCC needs every device and supplier of an installation to migrate it; a missing ID stops the whole installation.',
  fields: ['groupId', 'chfId', 'esmeId', 'gsmeId', 'gpfId', 'elecSupplierEuid', 'gasSupplierEuid', 'supplierEuid', 'weekCommencing', 'firmwareUpgradeRequired'],
  fixable: false,
  examples: { valid: 'CHF Device ID filled', invalid: 'CHF Device ID empty' },
  stage: 10,
});

export const requiredFieldMessage = (header: string, because: string | undefined): string =>
  because ? `${header} is required ${because} but is empty.` : `${header} is required but is empty.`;
