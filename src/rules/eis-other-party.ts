import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { coordinationApplies, hasMeterPoint, namedFuel, partyOf, stateAt, twoSupplierParties } from './support/row-facts';
import { EXAMPLE_OTHER_PARTY_EUID } from './support/sample-identifiers';
import { fixedField, MA_ONLY } from './support/training';

export const eisOtherParty = defineRule({
  id: 'eis-other-party',
  severity: 'warning',
  scope: 'cell',
  title: 'EIS names the other supplier',
  description: 'On a row with two supplier parties, the Energy Installation Supplier names the fuel whose supplier is not the submitting party.',
  why: "Authorising a migration for which another supplier coordinates needs that supplier's agreement; check this is intended.",
  fields: ['eis', 'elecSupplierEuid', 'gasSupplierEuid'],
  fixable: false,
  examples: { valid: 'you supply electricity, EIS "E"', invalid: 'you supply electricity, EIS "G"' },
  stage: 10,
  rowCheck: (p, report) => {
    const submitter = p.ctx.submitter;
    if (!submitter || !coordinationApplies(p)) return;
    const fuel = namedFuel(p);
    if (fuel === undefined || !hasMeterPoint(p, fuel) || !twoSupplierParties(p)) return;
    const at = p.ctx.slotOf;
    const elecParty = partyOf(p.ctx, stateAt(p, at.elecSupplierEuid))!;
    const gasParty = partyOf(p.ctx, stateAt(p, at.gasSupplierEuid))!;
    // Only when the submitter is exactly one of the two suppliers, and the EIS names the other.
    if ((elecParty === submitter.party) === (gasParty === submitter.party)) return;
    const namedParty = fuel === 'electricity' ? elecParty : gasParty;
    if (namedParty === submitter.party) return;
    const code = stateAt(p, at.eis).key!;
    report(at.eis, eisOtherPartyMessage(code, fuel, namedParty), undefined, { party: namedParty, submitterParty: submitter.party, octets: p.ctx.octetLabel });
  },
  training: {
    templates: MA_ONLY,
    field: fixedField('eis'),
    mistake: (row) => ({ ...row, gasSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID), eis: text('G') }),
  },
});

const eisOtherPartyMessage = (code: string, fuel: string, party: string): string =>
  `"${code}" makes the ${fuel} supplier (party ${party}), not your organisation, the coordinating supplier. Check this was agreed with them.`;
