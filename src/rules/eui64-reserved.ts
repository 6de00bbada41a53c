import { defineRule } from '../engine/rule';

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
});

export const eui64ReservedMessage = (canonical: string): string =>
  `${canonical} is a reserved placeholder, not a real ID. Enter the device's or party's actual EUI-64.`;
