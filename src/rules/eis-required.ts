import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { coordinationApplies, hasMeterPoint, partyOf, stateAt, twoSupplierParties } from './support/row-facts';
import { EXAMPLE_OTHER_PARTY_EUID } from './support/sample-identifiers';
import { fixedField, MA_ONLY } from './support/training';

export const eisRequired = defineRule({
  id: 'eis-required',
  severity: 'error',
  scope: 'cell',
  title: 'Coordinating supplier (EIS) missing',
  description:
    'A dual-fuel row (MPAN and MPRN) whose electricity and gas supplier EUIDs belong to different parties has no Energy Installation Supplier, and its GroupID is not exempt.',
  why: 'When two suppliers share an installation, the MAM needs one of them named as the coordinating supplier for the shared devices (CHF, PPMID).',
  fields: ['eis', 'mpan', 'mprn', 'elecSupplierEuid', 'gasSupplierEuid', 'groupId'],
  fixable: false,
  examples: { valid: 'two suppliers, EIS "E"', invalid: 'two suppliers, EIS empty' },
  stage: 10,
  rowCheck: (p, report) => {
    if (!coordinationApplies(p)) return;
    const at = p.ctx.slotOf;
    const eis = stateAt(p, at.eis);
    if (eis.present || eis.isError || eis.hygieneFailed || eis.invalid) return;
    if (!hasMeterPoint(p, 'electricity') || !hasMeterPoint(p, 'gas') || !twoSupplierParties(p)) return;
    const elecParty = partyOf(p.ctx, stateAt(p, at.elecSupplierEuid))!;
    const gasParty = partyOf(p.ctx, stateAt(p, at.gasSupplierEuid))!;
    report(at.eis, eisRequiredMessage(elecParty, gasParty, p.ctx.profile.eisCodes), undefined, {
      party: `${elecParty} / ${gasParty}`,
      octets: p.ctx.octetLabel,
    });
  },
  training: { templates: MA_ONLY, field: fixedField('eis'), mistake: (row) => ({ ...row, gasSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID) }) },
});

const eisRequiredMessage = (elecParty: string, gasParty: string, codes: { electricity: string; gas: string }): string =>
  `The electricity supplier (party ${elecParty}) and gas supplier (party ${gasParty}) differ, so the Energy Installation Supplier must be named: ${codes.electricity} or ${codes.gas}.`;
