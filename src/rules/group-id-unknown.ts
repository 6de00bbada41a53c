import { defineRule } from '../engine/rule';

export const groupIdUnknown = defineRule({
  id: 'group-id-unknown',
  severity: 'error',
  scope: 'cell',
  title: 'GroupID not allowed',
  description: 'The GroupID is not in the workbook\'s allowed list (its data validation or Lists sheet), or, without a list, not two upper-case letters.',
  why: 'GroupIDs decide how DCC schedules the migration and whether the coordinating-supplier rules apply.',
  fields: ['groupId'],
  fixable: true,
  fixDescription: 'Upper-cases the GroupID when the upper-case value is allowed.',
  examples: { valid: 'EA', invalid: 'ea' },
  stage: 3,
});

export function describeAllowed(values: ReadonlySet<string> | undefined): string {
  if (!values) return 'two upper-case letters';
  const list = [...values];
  return list.length <= 12 ? list.join(', ') : `${list.slice(0, 12).join(', ')}, …`;
}

export const groupIdUnknownMessage = (value: string, allowed: ReadonlySet<string> | undefined, fix: string | undefined): string =>
  fix !== undefined
    ? `GroupID "${value}" is not allowed; "${fix}" is. GroupIDs are case-sensitive.`
    : `GroupID "${value}" is not allowed. Use one of: ${describeAllowed(allowed)}.`;
