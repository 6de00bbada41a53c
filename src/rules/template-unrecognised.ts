import { defineRule } from '../engine/rule';

export const templateUnrecognised = defineRule({
  id: 'template-unrecognised',
  severity: 'error',
  scope: 'file',
  title: 'Workbook is not a recognised template',
  description:
    'No sheet has a header row (within the first 30 rows) that matches at least 4 columns of the Migration Authorisation or Dormant Meter Schedule template.',
  why: 'DCC only accepts its own templates; MAM Prep can only check a workbook whose columns it can find.',
  fields: [],
  fixable: false,
  examples: {
    valid: 'A sheet with headers "Group ID", "Import MPAN Core", "MPRN", "CHF Device ID", …',
    invalid: 'A customer list with headers "Name", "Address"',
  },
  stage: 10,
  workbookCheck: (p, report) => {
    if (!p.detection) report(templateUnrecognisedMessage());
  },
  training: { notOnARow: 'about the whole file: no sheet looks like a template' },
});

const templateUnrecognisedMessage = (): string =>
  'No sheet matches a MAM template: MAM Prep looks for a header row in the first 30 rows with at least 4 of the template\'s column headers (for example "Group ID", "Import MPAN Core", "MPRN", "CHF Device ID").';
