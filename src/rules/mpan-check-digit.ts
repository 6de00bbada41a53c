import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { BOTH, fixedField, textOf } from './support/training';
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
  cellCheck: {
    types: ['mpan'],
    check: (p, report) => {
      const core = p.key!;
      const expected = checkMpanCheckDigit(core);
      if (expected !== undefined) report(mpanCheckDigitMessage(core, expected), undefined, { expected: String(expected) });
      return undefined;
    },
  },
  training: {
    templates: BOTH,
    field: fixedField('mpan'),
    mistake: (row) => {
      const mpan = textOf(row.mpan);
      return { ...row, mpan: text(mpan.slice(0, 12) + String((Number(mpan[12]) + 1) % 10)) };
    },
  },
});

/** The expected digit when `core` (13 digits) fails its check, else undefined. */
function checkMpanCheckDigit(core: string): number | undefined {
  const expected = mpanExpectedCheckDigit(core);
  return expected === core.charCodeAt(12) - 48 ? undefined : expected;
}

const mpanCheckDigitMessage = (core: string, expected: number): string =>
  `MPAN core check digit is ${core[12]}; it should be ${expected}. Check ${core} for a mistyped digit: the check digit is not corrected automatically.`;
