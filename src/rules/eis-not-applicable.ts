import { defineRule } from '../engine/rule';

export const eisNotApplicable = defineRule({
  id: 'eis-not-applicable',
  severity: 'warning',
  scope: 'cell',
  title: 'EIS filled for an exempt GroupID',
  description: 'The Energy Installation Supplier is filled on a row whose GroupID is exempt.',
  why: 'For exempt GroupIDs there is no coordinating supplier; DCC ignores the value, which can hide a wrong GroupID.',
  fields: ['eis'],
  fixable: true,
  fixDescription: 'Clears the cell.',
  examples: { valid: 'GroupID EA, EIS empty', invalid: 'GroupID EA, EIS "E"' },
  stage: 6,
});

export const eisNotApplicableMessage = (value: string, groupId: string): string =>
  `GroupID ${groupId} is exempt, so the Energy Installation Supplier "${value}" will be ignored. Clear it (or check the GroupID).`;
