import { defineRule } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const duplicateMeterPoint = defineRule({
  id: 'duplicate-meter-point',
  severity: 'error',
  scope: 'across-rows',
  title: 'Meter point listed twice',
  description: 'The MPAN core or MPRN already appears on an earlier row.',
  why: 'Each installation is authorised once; a repeated meter point makes DCC reject both rows or migrate the wrong one.',
  fields: ['mpan', 'mprn'],
  fixable: false,
  examples: { valid: 'each MPAN once', invalid: '1312345678907 on rows 7 and 12' },
  stage: 10,
  acrossRowsCheck: {
    identifiers: 'meter-point',
    check: (r, report) => {
      if (r.firstRow < r.row) report(duplicateMeterPointMessage(r.fieldId === 'mpan' ? 'MPAN core' : 'MPRN', r.key, r.firstRow), { firstRow: r.firstRow });
    },
  },
  training: { templates: BOTH, field: fixedField('mpan'), mistake: (row, { reference }) => ({ ...row, mpan: reference.mpan }) },
});

export const duplicateMeterPointMessage = (label: string, value: string, firstRow: number): string =>
  `${label} ${value} is already on row ${firstRow}. Keep one row per installation.`;
