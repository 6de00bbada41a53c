import { defineRule } from '../engine/rule';
import { stateAt } from './support/row-facts';
import { BOTH, fixedField } from './support/training';

export const meterPointMissing = defineRule({
  id: 'meter-point-missing',
  severity: 'error',
  scope: 'cell',
  title: 'No meter point',
  description: 'A filled row has neither an Import MPAN Core nor an MPRN.',
  why: 'An installation is identified by its meter points; without one DCC cannot tell which installation the row authorises.',
  fields: ['mpan', 'mprn'],
  fixable: false,
  examples: { valid: 'MPAN 1312345678907', invalid: 'both MPAN and MPRN empty' },
  stage: 10,
  rowCheck: (p, report) => {
    if (p.blank) return;
    const at = p.ctx.slotOf;
    if (stateAt(p, at.mpan).present || stateAt(p, at.mprn).present) return;
    const slot = at.mpan >= 0 ? at.mpan : at.mprn;
    if (slot >= 0) report(slot, meterPointMissingMessage());
  },
  training: { templates: BOTH, field: fixedField('mpan'), mistake: (row) => ({ ...row, mpan: undefined, mprn: undefined }) },
});

const meterPointMissingMessage = (): string => 'This row has neither an MPAN core nor an MPRN. Enter at least one meter point for the installation.';
