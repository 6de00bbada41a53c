import { defineRule } from '../engine/rule';
import { headerOf } from '../engine/context';
import type { FieldSpec } from '../engine/profile';
import { stateAt } from './support/row-facts';
import { BOTH, fixedField } from './support/training';

export const requiredField = defineRule({
  id: 'required-field',
  severity: 'error',
  scope: 'cell',
  title: 'Required value missing',
  description:
    'A required cell is empty: always the GroupID and CHF Device ID; with an MPAN the ESME Device ID and electricity supplier EUID; with an MPRN the GSME and GPF Device IDs and gas supplier EUID; in the Dormant schedule also the supplier EUID, week commencing and firmware flag.',
  why: 'DCC needs every device and supplier of an installation to migrate it; a missing ID stops the whole installation.',
  fields: ['groupId', 'chfId', 'esmeId', 'gsmeId', 'gpfId', 'elecSupplierEuid', 'gasSupplierEuid', 'supplierEuid', 'weekCommencing', 'firmwareUpgradeRequired'],
  fixable: false,
  examples: { valid: 'CHF Device ID filled', invalid: 'CHF Device ID empty' },
  stage: 10,
  rowCheck: (p, report) => {
    if (p.blank) return;
    const hasMpan = stateAt(p, p.ctx.slotOf.mpan).present;
    const hasMprn = stateAt(p, p.ctx.slotOf.mprn).present;
    const bound = p.ctx.detection.boundFields;
    for (let i = 0; i < bound.length; i++) {
      if (p.states[i]!.present) continue;
      const field = bound[i]!.field;
      const because = requirementApplies(field, hasMpan, hasMprn);
      if (because !== false) report(i, requiredFieldMessage(headerOf(p.ctx, field), because));
    }
  },
  training: { templates: BOTH, field: fixedField('chfId'), mistake: (row) => ({ ...row, chfId: undefined }) },
});

const requiredFieldMessage = (header: string, because: string | undefined): string =>
  because ? `${header} is required ${because} but is empty.` : `${header} is required but is empty.`;

/** The reason a field is required on this row, undefined when always required, false when not required. */
function requirementApplies(field: FieldSpec, hasMpan: boolean, hasMprn: boolean): string | undefined | false {
  switch (field.required) {
    case 'always':
      return undefined;
    case 'with-mpan':
      return hasMpan ? 'when the row has an MPAN' : false;
    case 'with-mprn':
      return hasMprn ? 'when the row has an MPRN' : false;
    case 'meter-point':
    case 'optional':
      return false;
  }
}
