import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import { stateAt } from './support/row-facts';
import { fixedField, MA_ONLY } from './support/training';

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
  rowCheck: (p, report) => {
    if (p.blank || !p.exempt) return;
    const slot = p.ctx.slotOf.eis;
    if (slot < 0 || !stateAt(p, slot).present) return;
    const groupId = stateAt(p, p.ctx.slotOf.groupId).key!;
    const cell = p.cells?.[p.ctx.detection.boundFields[slot]!.col - 1];
    report(slot, eisNotApplicableMessage(String(cell ? displayValue(cell.value) : ''), groupId), { to: '', type: 'empty' }, { groupId });
  },
  training: {
    templates: MA_ONLY,
    field: fixedField('eis'),
    mistake: (row) => ({ ...row, groupId: text('EA'), eis: text('E') }),
    companions: [{ ruleId: 'group-id-exempt', field: 'groupId' }],
  },
});

const eisNotApplicableMessage = (value: string, groupId: string): string =>
  `GroupID ${groupId} is exempt, so the Energy Installation Supplier "${value}" will be ignored. Clear it (or check the GroupID).`;
