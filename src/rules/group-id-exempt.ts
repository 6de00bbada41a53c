import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { stateAt } from './support/row-facts';
import { fixedField, MA_ONLY } from './support/training';

export const groupIdExempt = defineRule({
  id: 'group-id-exempt',
  severity: 'info',
  scope: 'cell',
  title: 'GroupID exempt from the EIS rules',
  description: "The row's GroupID (EA, EB or EC by default) exempts it from the Energy Installation Supplier rules.",
  why: 'Under the MAM, GroupIDs EA, EB and EC are outside the rule that the Energy Installation Supplier coordinates the installation.',
  fields: ['groupId'],
  fixable: false,
  examples: { valid: 'GroupID EA with EIS empty', invalid: 'n/a (information only)' },
  stage: 10,
  rowCheck: (p, report) => {
    if (p.blank || !p.exempt) return;
    const slot = p.ctx.slotOf.groupId;
    const groupId = stateAt(p, slot).key!;
    report(slot, groupIdExemptMessage(groupId), undefined, { groupId });
  },
  training: { templates: MA_ONLY, field: fixedField('groupId'), mistake: (row) => ({ ...row, groupId: text('EB') }) },
});

const groupIdExemptMessage = (groupId: string): string =>
  `GroupID ${groupId} is exempt: the Energy Installation Supplier rules do not apply to this row, so leave the EIS column empty.`;
