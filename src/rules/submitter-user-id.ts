import { defineRule } from '../engine/rule';

export const submitterUserId = defineRule({
  id: 'submitter-user-id',
  severity: 'error',
  scope: 'header',
  title: 'Submitting User ID missing',
  description: 'The submitting (or notifying) supplier User ID is absent from the header block and none was given in settings or with --user-id.',
  why: 'DCC identifies the authorising supplier by this EUI-64 User ID; EUIDs in the rows are checked against its party.',
  fields: ['userId'],
  fixable: false,
  examples: { valid: 'Submitting Supplier User ID: 70-B3-D5-1F-30-00-A0-08', invalid: 'Submitting Supplier User ID: (empty)' },
  stage: 10,
  workbookCheck: (p, report) => {
    if (!p.detection || p.userId.stated || p.userId.optionGiven) return;
    const holder = p.userId.holder;
    if (holder) report(submitterUserIdMessage(holder.label), { row: holder.row, col: holder.col, field: 'userId' });
    else report(submitterUserIdMessage(undefined));
  },
  training: { notOnARow: 'about the User ID in the header block' },
});

const submitterUserIdMessage = (label: string | undefined): string =>
  label
    ? `"${label}" is empty. Enter your organisation's EUI-64 User ID (for example 70-B3-D5-1F-30-00-A0-08), or set it in MAM Prep's settings.`
    : 'The workbook has no submitting User ID in its header block. Add the "Submitting Supplier User ID" label and value above the table, set it in MAM Prep\'s settings, or pass --user-id.';
