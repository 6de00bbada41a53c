import { defineRule } from '../engine/rule';

export const eisFuelMismatch = defineRule({
  id: 'eis-fuel-mismatch',
  severity: 'error',
  scope: 'cell',
  title: 'EIS names a fuel the row does not have',
  description: 'The Energy Installation Supplier names electricity without an MPAN, or gas without an MPRN.',
  why: 'The coordinating supplier must supply the installation; naming an absent fuel leaves the shared devices without one.',
  fields: ['eis', 'mpan', 'mprn'],
  fixable: true,
  fixDescription: 'Names the fuel the row has.',
  examples: { valid: 'MPAN only, EIS "E"', invalid: 'MPAN only, EIS "G"' },
  stage: 6,
});

export const eisFuelMismatchMessage = (code: string, fuel: string, meterPoint: string, fixCode: string | undefined): string =>
  fixCode !== undefined
    ? `"${code}" names the ${fuel} supplier, but the row has no ${meterPoint}. Use "${fixCode}".`
    : `"${code}" names the ${fuel} supplier, but the row has no ${meterPoint}.`;
