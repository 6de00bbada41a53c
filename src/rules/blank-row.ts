import { defineRule } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const blankRow = defineRule({
  id: 'blank-row',
  severity: 'info',
  scope: 'row',
  title: 'Blank row inside the table',
  description: 'Rows between the header and the last filled row are empty in every checked column: one finding per run of empty rows, on its first row.',
  why: "Blank rows are harmless to MAM Prep but can make the template's own macro stop reading early; delete them before export.",
  fields: [],
  fixable: false,
  examples: { valid: 'Rows 7–9 all filled', invalid: 'Row 8 empty between filled rows 7 and 9' },
  stage: 10,
  // A run, not a row at a time: a stray value at the foot of the sheet leaves a million empty rows, one finding.
  blankRunCheck: (run, report) => report(blankRowMessage(run.firstRow, run.lastRow)),
  training: { templates: BOTH, field: fixedField(null), mistake: () => null },
});

/** 1048575 → "1,048,575": the row numbers as Excel shows them. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const blankRowMessage = (firstRow: number, lastRow: number): string =>
  firstRow === lastRow
    ? `Row ${grouped(firstRow)} is empty between filled rows. Delete it so the template's macro reads every row.`
    : `Rows ${grouped(firstRow)}–${grouped(lastRow)} are empty between filled rows. Delete them so the template's macro reads every row.`;
