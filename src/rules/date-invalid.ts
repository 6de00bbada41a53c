import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import { Verdict } from '../engine/rule';
import { futureMonday } from './support/sample-identifiers';
import { BOTH, dateField } from './support/training';
import { isExcelDate } from '../engine/cell';

export const dateInvalid = defineRule({
  id: 'date-invalid',
  severity: 'error',
  scope: 'cell',
  title: 'Not a date',
  description: 'A date column holds text, a plain number or another value that is not a real date.',
  why: 'Dates typed as text are read differently by different systems (is 03/04 March or April?); DCC needs a real date.',
  fields: ['earliestMigrationDate', 'weekCommencing'],
  fixable: true,
  fixDescription: 'Converts text written as YYYY-MM-DD or DD/MM/YYYY (D/M/YYYY) into a real date.',
  examples: { valid: '2027-03-01 (a date cell)', invalid: '"01/03/2027" typed as text' },
  stage: 3,
  cellCheck: {
    types: ['date'],
    check: (p, report) => {
      const v = p.cell.value;
      if (v.kind === 'date') {
        p.key = v.iso;
        return undefined;
      }
      const fix = p.text !== undefined ? parseTextDate(p.text) : undefined;
      const shown = p.text ?? String(displayValue(v));
      report(
        dateInvalidMessage(shown, fix, p.text !== undefined ? 'text' : v.kind === 'number' ? 'number' : 'other'),
        fix === undefined ? undefined : { to: fix, type: 'date' },
      );
      p.key = fix;
      return Verdict.invalid;
    },
  },
  training: {
    templates: BOTH,
    field: dateField,
    mistake: (row, { template, today }) => {
      const [y, m, d] = futureMonday(today).split('-');
      return { ...row, [dateField(template)]: text(`${d}/${m}/${y}`) };
    },
  },
});

/** The ISO date a text unambiguously names (YYYY-MM-DD or DD/MM/YYYY), if it is a real day Excel can hold. */
export function parseTextDate(value: string): string | undefined {
  let iso: string | undefined;
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (isoMatch) iso = value;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (uk) iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  return iso !== undefined && isExcelDate(iso) ? iso : undefined;
}

const dateInvalidMessage = (shown: string, fix: string | undefined, kind: 'text' | 'number' | 'other'): string =>
  fix !== undefined
    ? `"${shown}" is text, not a date. Convert it to the date ${fix}.`
    : kind === 'number'
      ? `${shown} is a number, not a date. Enter the date (for example 2027-03-01) and give the cell a date format.`
      : `"${shown}" is not a date. Enter a real date such as 2027-03-01.`;
