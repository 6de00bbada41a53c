import { defineRule } from '../engine/rule';
import { mpanExpectedCheckDigit } from '../engine/identifiers';

export const mpanCheckDigit = defineRule({
  id: 'mpan-check-digit',
  severity: 'error',
  scope: 'cell',
  title: 'MPAN core check digit is wrong',
  description: 'The 13th digit of the MPAN core does not match the check digit computed from the first 12.',
  why: 'A wrong check digit means a mistyped MPAN: DCC would reject the row or, worse, it names another meter point.',
  fields: ['mpan'],
  fixable: false,
  examples: { valid: '1200080636088', invalid: '1200080636089' },
  stage: 4,
});

/** The expected digit when `core` (13 digits) fails its check, else undefined. */
export function checkMpanCheckDigit(core: string): number | undefined {
  const expected = mpanExpectedCheckDigit(core);
  return expected === core.charCodeAt(12) - 48 ? undefined : expected;
}

export const mpanCheckDigitMessage = (core: string, expected: number): string =>
  `MPAN core check digit is ${core[12]}; it should be ${expected}. Check ${core} for a mistyped digit: the check digit is not corrected automatically.`;
