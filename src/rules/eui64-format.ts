import { defineRule } from '../engine/rule';

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
});

export const eui64FormatMessage = (value: string, storedAsNumber: boolean): string =>
  storedAsNumber
    ? `${value} is stored as a number: Excel keeps only 15 digits, so this EUI-64 cannot be recovered. Re-type it as text, for example 70-B3-D5-1F-30-00-A0-08.`
    : `"${value}" is not an EUI-64: it needs 16 hexadecimal digits (0–9, A–F), written like 70-B3-D5-1F-30-00-A0-08.`;
