import { defineRule } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const blankRow = defineRule({
  id: 'blank-row',
  severity: 'info',
  scope: 'row',
  title: 'Blank row inside the table',
  description: 'A row between the header and the last filled row is empty in every checked column.',
  why: 'Blank rows are harmless to MAM Prep but can make the template\'s own macro stop reading early; delete them before export.',
  fields: [],
  fixable: false,
  examples: { valid: 'Rows 7–9 all filled', invalid: 'Row 8 empty between filled rows 7 and 9' },
  stage: 10,
  rowCheck: (p, report) => {
    if (p.blank) report(null, blankRowMessage(p.row));
  },
  training: { templates: BOTH, field: fixedField(null), mistake: () => null },
});

export const blankRowMessage = (row: number): string =>
  `Row ${row} is empty between filled rows. Delete it so the template's macro reads every row.`;
