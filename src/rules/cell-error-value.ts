import { defineRule } from '../engine/rule';
import { err } from '../engine/cell';
import { Verdict } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const cellErrorValue = defineRule({
  id: 'cell-error-value',
  severity: 'error',
  scope: 'cell',
  title: 'Cell holds an Excel error',
  description: 'A checked cell holds an Excel error value such as #N/A, #REF! or #VALUE!.',
  why: 'An error value is sent to DCC as text like "#N/A": the installation cannot be matched.',
  fields: ['any'],
  fixable: false,
  examples: { valid: '1312345678907', invalid: '#N/A' },
  stage: 0,
  cellCheck: {
    types: 'every',
    values: ['error'],
    check: (p, report) => {
      const v = p.cell.value;
      if (v.kind !== 'error') return undefined;
      report(cellErrorValueMessage(v.error, p.cell.formula === true));
      return Verdict.error;
    },
  },
  training: { templates: BOTH, field: fixedField('chfId'), mistake: (row) => ({ ...row, chfId: err('#N/A') }) },
});

export const cellErrorValueMessage = (error: string, formula: boolean): string =>
  formula
    ? `The formula in this cell returns ${error}. Fix the formula or replace it with the value.`
    : `The cell holds the error ${error}. Replace it with the value DCC needs.`;
