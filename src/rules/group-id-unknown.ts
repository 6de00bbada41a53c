import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import type { RowContext } from '../engine/context';
import { Verdict } from '../engine/rule';
import { BOTH, fixedField } from './support/training';

export const groupIdUnknown = defineRule({
  id: 'group-id-unknown',
  severity: 'error',
  scope: 'cell',
  title: 'GroupID not allowed',
  description: "The GroupID is not in the workbook's allowed list (its data validation or Lists sheet), or, without a list, not two upper-case letters.",
  why: 'GroupIDs decide how DCC schedules the migration and whether the coordinating-supplier rules apply.',
  fields: ['groupId'],
  fixable: true,
  fixDescription: 'Upper-cases the GroupID when the upper-case value is allowed.',
  examples: { valid: 'EA', invalid: 'ea' },
  stage: 3,
  cellCheck: {
    types: ['group-id'],
    check: (p, report) => {
      const value = p.text ?? String(displayValue(p.cell.value));
      p.key = value;
      if (allowedHas(p.ctx, p.field.id, value)) return Verdict.valid;
      const upper = value.toUpperCase();
      const fix = p.text !== undefined && upper !== value && allowedHas(p.ctx, p.field.id, upper) ? upper : undefined;
      report(groupIdUnknownMessage(value, p.ctx.allowed.get(p.field.id)?.values, fix), fix === undefined ? undefined : { to: fix, type: 'text' });
      // The exemption is decided on the cleaned value as written (docs/rules.md, Exemptions).
      return Verdict.invalid;
    },
  },
  training: { templates: BOTH, field: fixedField('groupId'), mistake: (row) => ({ ...row, groupId: text('aa') }) },
});

export function describeAllowed(values: ReadonlySet<string> | undefined): string {
  if (!values) return 'two upper-case letters';
  const list = [...values];
  return list.length <= 12 ? list.join(', ') : `${list.slice(0, 12).join(', ')}, …`;
}

const groupIdUnknownMessage = (value: string, allowed: ReadonlySet<string> | undefined, fix: string | undefined): string =>
  fix !== undefined
    ? `GroupID "${value}" is not allowed; "${fix}" is. GroupIDs are case-sensitive.`
    : `GroupID "${value}" is not allowed. Use one of: ${describeAllowed(allowed)}.`;

function allowedHas(ctx: RowContext, fieldId: string, value: string): boolean {
  const allowed = ctx.allowed.get(fieldId);
  if (allowed?.values) return allowed.values.has(value);
  return ctx.groupIdPattern.test(value);
}
