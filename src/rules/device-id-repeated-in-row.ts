import { defineRule } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const deviceIdRepeatedInRow = defineRule({
  id: 'device-id-repeated-in-row',
  severity: 'error',
  scope: 'across-rows',
  title: 'Device ID repeated within a row',
  description: 'The same device ID stands in two device columns of one row.',
  why: 'Each device of an installation (ESME, GSME, CHF, GPF, PPMID) has its own ID; a repeat means one was pasted into the wrong column.',
  fields: ['esmeId', 'gsmeId', 'chfId', 'gpfId', 'ppmidId'],
  fixable: false,
  examples: { valid: 'CHF and GPF IDs differ', invalid: 'GPF Device ID equals CHF Device ID' },
  stage: 10,
  acrossRowsCheck: {
    identifiers: 'device',
    check: (r, report) => {
      // Only when this row is the first holder: a value already used on an earlier row is a duplicate-device-id.
      if (r.firstRow === r.row && r.earlierColumnHeader !== undefined) report(deviceIdRepeatedInRowMessage(r.key, r.earlierColumnHeader));
    },
  },
  training: { templates: BOTH, field: fixedField('gpfId'), mistake: (row) => ({ ...row, gpfId: row.chfId }) },
});

export const deviceIdRepeatedInRowMessage = (value: string, otherHeader: string): string =>
  `Device ID ${value} is also the ${otherHeader} of this row. Each device needs its own ID.`;
