import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import { Verdict } from '../engine/rule';
import { BOTH, fixedField, textOf } from './support/training';
import { isAllDigits, isMprnShape, stripSpacesAndHyphens } from '../engine/identifiers';

export const mprnFormat = defineRule({
  id: 'mprn-format',
  severity: 'error',
  scope: 'cell',
  title: 'MPRN is not 6–10 digits',
  description: 'The MPRN is not 6 to 10 digits.',
  why: 'DCC matches gas installations by MPRN; a malformed one cannot be matched.',
  fields: ['mprn'],
  fixable: true,
  fixDescription: 'Removes spaces and hyphens when 6–10 digits remain.',
  examples: { valid: '3938424403', invalid: '3938-4244-03' },
  stage: 3,
  cellCheck: {
    types: ['mprn'],
    check: (p, report) => {
      let value = p.text;
      if (value === undefined) {
        if (p.cell.value.kind === 'number') {
          // Excel has lost digits of the number: no MPRN follows from it.
          report(mprnFormatMessage(String(p.cell.value.number), undefined));
          return Verdict.invalid;
        }
        value = String(displayValue(p.cell.value));
      }
      if (checkMprnFormat(value)) {
        p.text = value;
        p.key = value;
        return undefined;
      }
      const fixed = fixMprnFormat(value);
      report(mprnFormatMessage(value, fixed), fixed === undefined ? undefined : { to: fixed, type: 'text' });
      p.key = fixed;
      return Verdict.invalid;
    },
  },
  training: {
    templates: BOTH,
    field: fixedField('mprn'),
    mistake: (row) => ({ ...row, mprn: text(textOf(row.mprn).replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3')) }),
  },
});

const checkMprnFormat = (value: string): boolean => isMprnShape(value);

export function fixMprnFormat(value: string): string | undefined {
  const digits = stripSpacesAndHyphens(value);
  return isMprnShape(digits) ? digits : undefined;
}

function mprnFormatMessage(value: string, fixed: string | undefined): string {
  if (fixed !== undefined) return `"${value}" should be written as digits only: ${fixed}.`;
  const digits = stripSpacesAndHyphens(value);
  return isAllDigits(digits) ? `"${value}" has ${digits.length} digits; an MPRN has 6 to 10.` : `"${value}" is not an MPRN: it must be 6 to 10 digits.`;
}
