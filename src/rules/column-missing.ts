import { defineRule } from '../engine/rule';

export const columnMissing = defineRule({
  id: 'column-missing',
  severity: 'error',
  scope: 'row',
  title: 'Required column missing',
  description:
    'A column the template needs has no header in the table header row (only the PPMID, SMSO reference and earliest migration date columns may be absent).',
  why: 'DCC reads the template by its columns: a missing column means missing data for every installation.',
  fields: [],
  fixable: false,
  examples: { valid: 'Header row has "CHF Device ID"', invalid: 'Header row lacks any CHF Device ID column' },
  stage: 10,
  workbookCheck: (p, report) => {
    if (!p.detection) return;
    for (const field of p.detection.missingFields) {
      if (!field.columnOptional) report(columnMissingMessage(field.headers[0]!, p.detection.headerRow), { row: p.detection.headerRow, field: field.id });
    }
  },
  training: { notOnARow: 'about the header row: a whole column is missing' },
});

const columnMissingMessage = (header: string, headerRow: number): string =>
  `The header row (row ${headerRow}) has no "${header}" column. Add it back with this header (or one of its accepted aliases).`;
