import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import { canonicalEui64, isCanonicalFast } from '../engine/identifiers';
import { Verdict } from '../engine/rule';
import { BOTH, fixedField, textOf } from './support/training';

export const eui64Format = defineRule({
  id: 'eui64-format',
  severity: 'error',
  scope: 'cell',
  title: 'Not an EUI-64',
  description: 'A device ID, supplier EUID or the User ID is not 16 hexadecimal digits once separators are removed, or is stored as a number.',
  why: 'Devices and SEC parties are identified by 64-bit EUIs; DCC cannot match anything else.',
  fields: ['device IDs', 'supplier EUIDs', 'userId'],
  fixable: false,
  examples: { valid: '70-B3-D5-1F-30-00-A0-08', invalid: '70-B3-D5-1F-30-00-A0' },
  stage: 3,
  cellCheck: {
    types: ['eui64'],
    check: (p, report) => {
      const value = p.text;
      if (value === undefined) {
        report(eui64FormatMessage(String(displayValue(p.cell.value)), p.cell.value.kind === 'number'));
        return Verdict.invalid;
      }
      // Most cells already hold the canonical form: recognised in one pass, without parsing.
      const canonical = isCanonicalFast(value) ? value : canonicalEui64(value);
      if (canonical === undefined) {
        report(eui64FormatMessage(value, false));
        return Verdict.invalid;
      }
      p.key = canonical;
      return undefined;
    },
  },
  training: { templates: BOTH, field: fixedField('chfId'), mistake: (row) => ({ ...row, chfId: text(textOf(row.chfId).slice(0, 20)) }) },
});

export const eui64FormatMessage = (value: string, storedAsNumber: boolean): string =>
  storedAsNumber
    ? `${value} is stored as a number: Excel keeps only 15 digits, so this EUI-64 cannot be recovered. Re-type it as text, for example 70-B3-D5-1F-30-00-A0-08.`
    : `"${value}" is not an EUI-64: it needs 16 hexadecimal digits (0–9, A–F), written like 70-B3-D5-1F-30-00-A0-08.`;
