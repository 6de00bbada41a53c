import { defineRule } from '../engine/rule';

export const deviceWithoutMeterPoint = defineRule({
  id: 'device-without-meter-point',
  severity: 'warning',
  scope: 'cell',
  title: 'Meter device without its meter point',
  description: 'An ESME Device ID is given without an MPAN, or a GSME Device ID without an MPRN.',
  why: 'A meter whose meter point is missing cannot be migrated; usually the MPAN or MPRN was left out.',
  fields: ['esmeId', 'gsmeId'],
  fixable: false,
  examples: { valid: 'ESME Device ID with MPAN', invalid: 'GSME Device ID with no MPRN' },
  stage: 10,
});

export const deviceWithoutMeterPointMessage = (device: string, meterPoint: string): string =>
  `${device} is given but the row has no ${meterPoint}. Add the ${meterPoint} or remove the device.`;
