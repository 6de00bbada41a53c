import { EMPTY_STATE } from '../../engine/check-cell';
import type { RowContext } from '../../engine/context';
import { partyOctets } from '../../engine/identifiers';
import type { CellState, RowProbe } from '../../engine/rule';

/** Facts about a row that several row rules read. */

/** The state of the bound field at `slot`, or the empty state when the field is not bound. */
export const stateAt = (p: RowProbe, slot: number): CellState => (slot < 0 ? EMPTY_STATE : p.states[slot]!);

/** Whether two canonical EUI-64s share the party octets (compared in place, without building strings). */
export function sameParty(a: string, b: string, positions: readonly number[]): boolean {
  for (const pos of positions) {
    const i = (pos - 1) * 3;
    if (a.charCodeAt(i) !== b.charCodeAt(i) || a.charCodeAt(i + 1) !== b.charCodeAt(i + 1)) return false;
  }
  return true;
}

/** Party octets of a usable EUI key. */
export const partyOf = (ctx: RowContext, state: CellState): string | undefined =>
  state.usable && state.key !== undefined ? partyOctets(state.key, ctx.profile.partyOctets) : undefined;

/** The electricity and gas supplier EUIDs are both usable and belong to different parties. */
export function twoSupplierParties(p: RowProbe): boolean {
  const at = p.ctx.slotOf;
  const elec = stateAt(p, at.elecSupplierEuid);
  const gas = stateAt(p, at.gasSupplierEuid);
  return elec.usable && gas.usable && elec.key !== undefined && gas.key !== undefined && !sameParty(elec.key, gas.key, p.ctx.profile.partyOctets);
}

/** The coordinating-supplier rules apply: not blank, the profile has them, the GroupID is not exempt, and the EIS column is bound. */
export const coordinationApplies = (p: RowProbe): boolean => !p.blank && !p.exempt && p.ctx.profile.eisRules && p.ctx.slotOf.eis >= 0;

/** The EIS cell's code when it holds a well-formed value naming a fuel's supplier. */
export function namedFuel(p: RowProbe): 'electricity' | 'gas' | undefined {
  const eis = stateAt(p, p.ctx.slotOf.eis);
  if (!eis.present || eis.isError || eis.hygieneFailed || eis.invalid) return undefined;
  const codes = p.ctx.profile.eisCodes;
  return eis.key === codes.electricity ? 'electricity' : eis.key === codes.gas ? 'gas' : undefined;
}

/** The row has a meter point of the fuel. */
export const hasMeterPoint = (p: RowProbe, fuel: 'electricity' | 'gas'): boolean =>
  stateAt(p, fuel === 'electricity' ? p.ctx.slotOf.mpan : p.ctx.slotOf.mprn).present;
