import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { BOTH, fixedField, textOf } from './support/training';
import { mprnCheckNumber, mprnExpectedCheckValue } from '../engine/identifiers';

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
  cellCheck: {
    types: ['mprn'],
    check: (p, report) => {
      const mprn = p.key!;
      const expected = checkMprnCheckDigit(mprn);
      if (expected !== undefined) report(mprnCheckDigitMessage(mprn, expected), undefined, { expected });
      return undefined;
    },
  },
  training: {
    templates: BOTH,
    field: fixedField('mprn'),
    mistake: (row) => {
      const mprn = textOf(row.mprn);
      return { ...row, mprn: text(mprn.slice(0, -1) + String((Number(mprn.slice(-1)) + 1) % 10)) };
    },
  },
});

/** The expected two-digit check value when `mprn` fails, else undefined. */
function checkMprnCheckDigit(mprn: string): string | undefined {
  const n = mprn.length - 2;
  const stated = (mprn.charCodeAt(n) - 48) * 10 + (mprn.charCodeAt(n + 1) - 48);
  const expected = mprnCheckNumber(mprn, n);
  // Compared as numbers: a string is built only for the message of a mismatch.
  return expected === stated ? undefined : mprnExpectedCheckValue(mprn.slice(0, n));
}

const mprnCheckDigitMessage = (mprn: string, expected: string): string =>
  `MPRN ${mprn} ends in ${mprn.slice(-2)}; its check value should be ${expected}. Check the MPRN for a mistyped digit.`;
