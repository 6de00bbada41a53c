import { defineRule } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const duplicateDeviceId = defineRule({
  id: 'duplicate-device-id',
  severity: 'error',
  scope: 'across-rows',
  title: 'Device ID used twice',
  description: 'A device ID already appears in a device column of an earlier row.',
  why: 'A device belongs to exactly one installation; a repeated ID is a copy-and-paste slip DCC rejects.',
  fields: ['esmeId', 'gsmeId', 'chfId', 'gpfId', 'ppmidId'],
  fixable: false,
  examples: { valid: 'each device ID once', invalid: 'the same CHF ID on two rows' },
  stage: 10,
  acrossRowsCheck: {
    identifiers: 'device',
    check: (r, report) => {
      if (r.firstRow < r.row) report(duplicateDeviceIdMessage(r.key, r.firstRow), { firstRow: r.firstRow });
    },
  },
  training: { templates: BOTH, field: fixedField('chfId'), mistake: (row, { reference }) => ({ ...row, chfId: reference.chfId }) },
});

export const duplicateDeviceIdMessage = (value: string, firstRow: number): string =>
  `Device ID ${value} is already used on row ${firstRow}. Each device belongs to one installation.`;
