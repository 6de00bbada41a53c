import { defineRule } from '../engine/rule';
import { mprnExpectedCheckValue } from '../engine/identifiers';

export const mprnCheckDigit = defineRule({
  id: 'mprn-check-digit',
  severity: 'warning',
  scope: 'cell',
  title: 'MPRN check value mismatch',
  description: 'The last two digits of the MPRN do not match the check value computed from the digits before them.',
  why: 'A mismatch usually means a mistyped MPRN. The algorithm comes from secondary sources, so this is a warning.',
  fields: ['mprn'],
  fixable: false,
  examples: { valid: '2352697908', invalid: '2352697909' },
  stage: 4,
});

/** The expected two-digit check value when `mprn` fails, else undefined. */
export function checkMprnCheckDigit(mprn: string): string | undefined {
  const expected = mprnExpectedCheckValue(mprn.slice(0, -2));
  return expected === mprn.slice(-2) ? undefined : expected;
}

export const mprnCheckDigitMessage = (mprn: string, expected: string): string =>
  `MPRN ${mprn} ends in ${mprn.slice(-2)}; its check value should be ${expected}. Check the MPRN for a mistyped digit.`;
