import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import { Verdict } from '../engine/rule';
import { BOTH, fixedField, textOf } from './support/training';
import { isAllDigits, stripSpacesAndHyphens } from '../engine/identifiers';

export const mpanFormat = defineRule({
  id: 'mpan-format',
  severity: 'error',
  scope: 'cell',
  title: 'MPAN core is not 13 digits',
  description: 'The Import MPAN Core is not exactly 13 digits.',
  why: 'DCC matches the installation by its 13-digit MPAN core; anything else is rejected.',
  fields: ['mpan'],
  fixable: true,
  fixDescription: 'Removes spaces and hyphens when 13 digits remain; keeps the last 13 digits of a full 21-digit MPAN.',
  examples: { valid: '1312345678907', invalid: '13 1234 5678 907' },
  stage: 3,
  cellCheck: {
    types: ['mpan'],
    check: (p, report) => {
      let value = p.text;
      if (value === undefined) {
        if (p.cell.value.kind === 'number') {
          // Excel has lost digits of the number: no 13-digit core follows from it.
          report(mpanFormatMessage(String(p.cell.value.number), undefined));
          return Verdict.invalid;
        }
        value = String(displayValue(p.cell.value));
      }
      if (checkMpanFormat(value)) {
        p.text = value;
        p.key = value;
        return undefined;
      }
      const fixed = fixMpanFormat(value);
      report(mpanFormatMessage(value, fixed), fixed === undefined ? undefined : { to: fixed, type: 'text' });
      p.key = fixed;
      return Verdict.invalid;
    },
  },
  training: {
    templates: BOTH,
    field: fixedField('mpan'),
    mistake: (row) => ({ ...row, mpan: text(textOf(row.mpan).replace(/^(\d{2})(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3 $4')) }),
  },
});

/** The 13-digit core that unambiguously follows from the text, if any. */
export function fixMpanFormat(value: string): string | undefined {
  const digits = stripSpacesAndHyphens(value);
  if (!isAllDigits(digits)) return undefined;
  if (digits.length === 13) return digits;
  if (digits.length === 21) return digits.slice(8);
  return undefined;
}

const checkMpanFormat = (value: string): boolean => value.length === 13 && isAllDigits(value);

function mpanFormatMessage(value: string, fixed: string | undefined): string {
  if (fixed !== undefined) {
    return stripSpacesAndHyphens(value).length === 21
      ? `"${value}" is a full 21-digit MPAN; the template wants the 13-digit core ${fixed} (its last 13 digits).`
      : `"${value}" should be written as 13 digits without spaces or hyphens: ${fixed}.`;
  }
  const digits = stripSpacesAndHyphens(value);
  return isAllDigits(digits)
    ? `"${value}" has ${digits.length} digits; an MPAN core has exactly 13. Check the number against the supplier system.`
    : `"${value}" is not an MPAN core: it must be exactly 13 digits.`;
}
