import { defineRule } from '../engine/rule';
import { text } from '../engine/cell';
import { coordinationApplies, hasMeterPoint, namedFuel, stateAt } from './support/row-facts';
import { electricityOnly, fixedField, MA_ONLY } from './support/training';

export const eisFuelMismatch = defineRule({
  id: 'eis-fuel-mismatch',
  severity: 'error',
  scope: 'cell',
  title: 'EIS names a fuel the row does not have',
  description: 'The Energy Installation Supplier names electricity without an MPAN, or gas without an MPRN.',
  why: 'The coordinating supplier must supply the installation; naming an absent fuel leaves the shared devices without one.',
  fields: ['eis', 'mpan', 'mprn'],
  fixable: true,
  fixDescription: 'Names the fuel the row has.',
  examples: { valid: 'MPAN only, EIS "E"', invalid: 'MPAN only, EIS "G"' },
  stage: 6,
  rowCheck: (p, report) => {
    if (!coordinationApplies(p)) return;
    const fuel = namedFuel(p);
    if (fuel === undefined || hasMeterPoint(p, fuel)) return;
    const otherFuel = fuel === 'electricity' ? 'gas' : 'electricity';
    const codes = p.ctx.profile.eisCodes;
    const otherCode = codes[otherFuel];
    const allowed = p.ctx.allowed.get('eis')?.values;
    const fix = hasMeterPoint(p, otherFuel) && (!allowed || allowed.has(otherCode)) ? otherCode : undefined;
    const code = stateAt(p, p.ctx.slotOf.eis).key!;
    report(
      p.ctx.slotOf.eis,
      eisFuelMismatchMessage(code, fuel, fuel === 'electricity' ? 'MPAN' : 'MPRN', fix),
      fix === undefined ? undefined : { to: fix, type: 'text' },
    );
  },
  training: { templates: MA_ONLY, field: fixedField('eis'), mistake: (row) => ({ ...electricityOnly(row), eis: text('G') }) },
});

const eisFuelMismatchMessage = (code: string, fuel: string, meterPoint: string, fixCode: string | undefined): string =>
  fixCode !== undefined
    ? `"${code}" names the ${fuel} supplier, but the row has no ${meterPoint}. Use "${fixCode}".`
    : `"${code}" names the ${fuel} supplier, but the row has no ${meterPoint}.`;
