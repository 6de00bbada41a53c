import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { BOTH, fixedField, textOf } from './support/training';

export const eui64Canonical = defineRule({
  id: 'eui64-canonical',
  severity: 'warning',
  scope: 'cell',
  title: 'EUI-64 not in canonical form',
  description: 'A valid EUI-64 is not written as eight upper-case octets joined by hyphens.',
  why: 'DCC compares EUIs as text in canonical form; other spellings of the same ID may not match.',
  fields: ['device IDs', 'supplier EUIDs', 'userId'],
  fixable: true,
  fixDescription: 'Rewrites the EUI-64 as XX-XX-XX-XX-XX-XX-XX-XX in upper case.',
  examples: { valid: '70-B3-D5-1F-30-00-A0-08', invalid: '70b3d51f3000a008' },
  stage: 4,
  cellCheck: {
    types: ['eui64'],
    check: (p, report) => {
      if (p.key !== p.text) report(eui64CanonicalMessage(p.text!, p.key!), { to: p.key!, type: 'text' });
      return undefined;
    },
  },
  training: {
    templates: BOTH,
    field: fixedField('esmeId'),
    mistake: (row) => ({ ...row, esmeId: text(textOf(row.esmeId).replace(/-/g, '').toLowerCase()) }),
  },
});

const eui64CanonicalMessage = (value: string, canonical: string): string => `"${value}" should be written in canonical form: ${canonical}.`;
