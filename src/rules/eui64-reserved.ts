import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { isReservedEui64 } from '../engine/identifiers';
import { Verdict } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const eui64Reserved = defineRule({
  id: 'eui64-reserved',
  severity: 'error',
  scope: 'cell',
  title: 'Reserved EUI-64',
  description: 'The EUI-64 is all zeros or all FF, values that never identify a real device or party.',
  why: 'A placeholder ID left in the file authorises nothing and DCC rejects the row.',
  fields: ['device IDs', 'supplier EUIDs', 'userId'],
  fixable: false,
  examples: { valid: '70-B3-D5-1F-30-00-A0-08', invalid: '00-00-00-00-00-00-00-00' },
  stage: 4,
  cellCheck: {
    types: ['eui64'],
    check: (p, report) => {
      if (!isReservedEui64(p.key!)) return undefined;
      report(eui64ReservedMessage(p.key!));
      return Verdict.invalid;
    },
  },
  training: { templates: BOTH, field: fixedField('esmeId'), mistake: (row) => ({ ...row, esmeId: text('00-00-00-00-00-00-00-00') }) },
});

export const eui64ReservedMessage = (canonical: string): string =>
  `${canonical} is a reserved placeholder, not a real ID. Enter the device's or party's actual EUI-64.`;
