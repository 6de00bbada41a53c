import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { exampleMpan } from './support/sample-identifiers';
import { BOTH, fixedField } from './support/training';

export const mpanDistributor = defineRule({
  id: 'mpan-distributor',
  severity: 'warning',
  scope: 'cell',
  title: 'MPAN distributor id outside the known range',
  description: 'The first two digits of the MPAN core (the distributor id) are outside the known range (10–39 by default).',
  why: 'Distributor ids 10–23 are the regional networks and 24 upwards the independent ones; another value usually means a mistyped MPAN.',
  fields: ['mpan'],
  fixable: false,
  examples: { valid: '1312345678907', invalid: '0912345678909' },
  stage: 4,
  cellCheck: {
    types: ['mpan'],
    check: (p, report) => {
      const core = p.key!;
      const range = p.ctx.profile.distributorRange;
      if (!checkMpanDistributor(core, range)) report(mpanDistributorMessage(core, range));
      return undefined;
    },
  },
  training: { templates: BOTH, field: fixedField('mpan'), mistake: (row, { index }) => ({ ...row, mpan: text(exampleMpan(index, 9)) }) },
});

export function checkMpanDistributor(core: string, range: { min: number; max: number }): boolean {
  const id = (core.charCodeAt(0) - 48) * 10 + (core.charCodeAt(1) - 48);
  return id >= range.min && id <= range.max;
}

export const mpanDistributorMessage = (core: string, range: { min: number; max: number }): string =>
  `MPAN core ${core} starts with distributor id ${core.slice(0, 2)}, outside the known range ${range.min}–${range.max}. Check the MPAN.`;
