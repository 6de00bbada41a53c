import { defineRule } from '../engine/rule';

export const eisRequired = defineRule({
  id: 'eis-required',
  severity: 'error',
  scope: 'cell',
  title: 'Coordinating supplier (EIS) missing',
  description: 'A dual-fuel row (MPAN and MPRN) whose electricity and gas supplier EUIDs belong to different parties has no Energy Installation Supplier, and its GroupID is not exempt.',
  why: 'When two suppliers share an installation, the MAM needs one of them named as the coordinating supplier for the shared devices (CHF, PPMID).',
  fields: ['eis', 'mpan', 'mprn', 'elecSupplierEuid', 'gasSupplierEuid', 'groupId'],
  fixable: false,
  examples: { valid: 'two suppliers, EIS "E"', invalid: 'two suppliers, EIS empty' },
  stage: 10,
});

export const eisRequiredMessage = (elecParty: string, gasParty: string, codes: { electricity: string; gas: string }): string =>
  `The electricity supplier (party ${elecParty}) and gas supplier (party ${gasParty}) differ, so the Energy Installation Supplier must be named: ${codes.electricity} or ${codes.gas}.`;
