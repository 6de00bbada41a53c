import { defineRule } from '../engine/rule';
import { num } from '../engine/cell';
import { BOTH, fixedField, textOf } from './support/training';

export const identifierStoredAsNumber = defineRule({
  id: 'identifier-stored-as-number',
  severity: 'warning',
  scope: 'cell',
  title: 'Meter point number stored as a number',
  description: 'An MPAN core or MPRN cell holds a number instead of text.',
  why: 'Excel drops leading zeros and rounds numbers beyond 15 digits; identifiers must be stored as text to survive export.',
  fields: ['mpan', 'mprn'],
  fixable: true,
  fixDescription: 'Stores the same digits as text.',
  examples: { valid: "'1312345678907 (text)", invalid: '1312345678907 (number)' },
  stage: 2,
  cellCheck: {
    types: ['mpan', 'mprn'],
    values: ['number'],
    check: (p, report) => {
      const v = p.cell.value;
      if (v.kind !== 'number') return undefined;
      const digits = numberAsDigits(v.number);
      report(
        identifierStoredAsNumberMessage(p.field.type === 'mpan' ? 'MPAN core' : 'MPRN', digits, v.number),
        digits === undefined ? undefined : { to: digits, type: 'text' },
      );
      // The format rule judges the digits (or says the number cannot be an identifier).
      p.text = digits;
      return undefined;
    },
  },
  training: { templates: BOTH, field: fixedField('mpan'), mistake: (row) => ({ ...row, mpan: num(Number(textOf(row.mpan))) }) },
});

/** The digits of a whole number as Excel shows them, or undefined when digits were lost. */
function numberAsDigits(value: number): string | undefined {
  if (!Number.isSafeInteger(value) || value < 0) return undefined;
  return String(value);
}

const identifierStoredAsNumberMessage = (label: string, digits: string | undefined, value: number): string =>
  digits === undefined
    ? `The ${label} ${value} is stored as a number and Excel has lost digits. Re-type it as text (format the column as Text first).`
    : `The ${label} ${digits} is stored as a number. Store it as text so Excel keeps every digit.`;
