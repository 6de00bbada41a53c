import type { Cell } from './cell';
import { CellState, checkCell, EMPTY_STATE, MutableCellState, newCellState, NO_OPTIONS, partyOf, sameParty, SKIP_RULES } from './check-cell';
import { cellFinding, headerOf, RowContext, rowFinding } from './context';
import type { Finding } from './finding';
import type { FieldSpec } from './profile';
import { blankRow, blankRowMessage } from '../rules/blank-row';
import { requiredField, requiredFieldMessage } from '../rules/required-field';
import { meterPointMissing, meterPointMissingMessage } from '../rules/meter-point-missing';
import { deviceWithoutMeterPoint, deviceWithoutMeterPointMessage } from '../rules/device-without-meter-point';
import { groupIdExempt, groupIdExemptMessage } from '../rules/group-id-exempt';
import { eisNotApplicable, eisNotApplicableMessage } from '../rules/eis-not-applicable';
import { eisRequired, eisRequiredMessage } from '../rules/eis-required';
import { eisFuelMismatch, eisFuelMismatchMessage } from '../rules/eis-fuel-mismatch';
import { eisOtherParty, eisOtherPartyMessage } from '../rules/eis-other-party';
import { euidPartyMismatch, euidPartyMismatchMessage } from '../rules/euid-party-mismatch';
import { euidOtherUserId, euidOtherUserIdMessage } from '../rules/euid-other-user-id';
import { displayValue } from './cell';



const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

function byColumnThenRule(a: Finding, b: Finding): number {
  return a.col - b.col || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * How many identifiers a row contributes to the duplicate rules: MPAN, MPRN, then one per device
 * column (`RowContext.deviceSlots` order).
 */
export const keyStride = (ctx: RowContext): number => 2 + ctx.deviceSlots.length;

/**
 * Validates one data row: cell rules of every bound column, then the row, EIS and EUID rules.
 * Returns the row's findings, sorted (duplicates come from the cross-row index), and writes its
 * identifiers into `keysOut` (length `keyStride(ctx)`), so checking a row allocates nothing for them.
 */
export function analyseRow(cells: ReadonlyArray<Cell | undefined> | undefined, row: number, ctx: RowContext, keysOut: (string | undefined)[]): readonly Finding[] {
  keysOut.fill(undefined);
  // Scratch buffers reused across rows: most rows have no finding, so only those that do allocate.
  const out = SCRATCH_OUT;
  out.length = 0;
  const bound = ctx.detection.boundFields;
  while (SCRATCH_STATES.length < bound.length) SCRATCH_STATES.push(newCellState());
  const states = SCRATCH_STATES;
  const eisRules = ctx.profile.eisRules;

  // The GroupID decides the exemption, which decides whether the EIS cell gets its own rules.
  let exempt = false;
  const groupSlot = ctx.slotOf.groupId;
  if (groupSlot >= 0) {
    const g = bound[groupSlot]!;
    const s = checkCell(g.field, cells?.[g.col - 1], row, g.col, ctx, out, states[groupSlot]!);
    exempt = eisRules && s.key !== undefined && ctx.exempt.has(s.key);
  }
  let blank = true;
  for (let i = 0; i < bound.length; i++) {
    if (i !== groupSlot) {
      const { field, col } = bound[i]!;
      checkCell(field, cells?.[col - 1], row, col, ctx, out, states[i]!, exempt && field.id === 'eis' ? SKIP_RULES : NO_OPTIONS);
    }
    if (states[i]!.present) blank = false;
  }

  if (blank) {
    const blankFinding = rowFinding(blankRow, ctx.sheet, row, null, blankRowMessage(row));
    out.sort(byColumnThenRule);
    return [blankFinding, ...out];
  }

  checkCompleteness(row, ctx, states, out);
  if (eisRules) checkCoordinatingSupplier(row, ctx, states, exempt, cells, out);
  checkSupplierParties(row, ctx, states, out);

  collectKeys(ctx, states, keysOut);
  if (out.length === 0) return NO_FINDINGS;
  out.sort(byColumnThenRule);
  return out.slice();
}

/** The state of the bound field at `slot`, or the empty state when the field is not bound. */
const stateAt = (states: readonly CellState[], slot: number): CellState => (slot < 0 ? EMPTY_STATE : states[slot]!);

const SCRATCH_OUT: Finding[] = [];
const SCRATCH_STATES: MutableCellState[] = [];


/** The column of the bound field at `slot` (undefined when not bound). */
const colAt = (ctx: RowContext, slot: number): number | undefined => (slot < 0 ? undefined : ctx.detection.boundFields[slot]!.col);

function checkCompleteness(row: number, ctx: RowContext, states: readonly CellState[], out: Finding[]): void {
  const at = ctx.slotOf;
  const hasMpan = stateAt(states, at.mpan).present;
  const hasMprn = stateAt(states, at.mprn).present;
  const noMeterPoint = !hasMpan && !hasMprn;
  if (noMeterPoint) {
    const meterSlot = at.mpan >= 0 ? at.mpan : at.mprn;
    if (meterSlot >= 0) {
      const meterPointColumn = meterSlot === at.mpan ? 'mpan' : 'mprn';
      out.push(cellFinding(meterPointMissing, ctx, row, colAt(ctx, meterSlot)!, meterPointColumn, meterPointMissingMessage()));
    }
  }
  const bound = ctx.detection.boundFields;
  for (let i = 0; i < bound.length; i++) {
    if (states[i]!.present) continue;
    const { field, col } = bound[i]!;
    const because = requirementApplies(field, hasMpan, hasMprn, noMeterPoint);
    if (because === false) continue;
    out.push(cellFinding(requiredField, ctx, row, col, field.id, requiredFieldMessage(headerOf(ctx, field), because)));
  }
  if (noMeterPoint) return;
  if (!hasMpan) reportDeviceWithoutMeterPoint(row, ctx, states, at.esmeId, 'mpan', out);
  if (!hasMprn) reportDeviceWithoutMeterPoint(row, ctx, states, at.gsmeId, 'mprn', out);
}

/** A meter's device ID is given but the row has no meter point of that fuel. */
function reportDeviceWithoutMeterPoint(row: number, ctx: RowContext, states: readonly CellState[], deviceSlot: number, meterId: string, out: Finding[]): void {
  if (deviceSlot < 0 || !states[deviceSlot]!.present) return;
  const { field: device, col } = ctx.detection.boundFields[deviceSlot]!;
  const meter = ctx.detection.profile.fields.find((f) => f.id === meterId)!;
  out.push(cellFinding(deviceWithoutMeterPoint, ctx, row, col, device.id, deviceWithoutMeterPointMessage(headerOf(ctx, device), headerOf(ctx, meter))));
}

/** The reason a field is required on this row, undefined when always required, false when not required. */
function requirementApplies(field: FieldSpec, hasMpan: boolean, hasMprn: boolean, noMeterPoint: boolean): string | undefined | false {
  switch (field.required) {
    case 'always':
      return undefined;
    case 'with-mpan':
      return hasMpan && !noMeterPoint ? 'when the row has an MPAN' : false;
    case 'with-mprn':
      return hasMprn && !noMeterPoint ? 'when the row has an MPRN' : false;
    case 'meter-point':
    case 'optional':
      return false;
  }
}

function checkCoordinatingSupplier(row: number, ctx: RowContext, states: readonly CellState[], exempt: boolean, cells: ReadonlyArray<Cell | undefined> | undefined, out: Finding[]): void {
  const at = ctx.slotOf;
  const eisCol = colAt(ctx, at.eis);
  const groupCol = colAt(ctx, at.groupId);
  const eis = stateAt(states, at.eis);
  if (exempt) {
    const groupId = stateAt(states, at.groupId).key!;
    if (groupCol !== undefined) out.push(cellFinding(groupIdExempt, ctx, row, groupCol, 'groupId', groupIdExemptMessage(groupId), undefined, { groupId }));
    if (eisCol !== undefined && eis.present) {
      const cell = cells?.[eisCol - 1];
      const shown = cell ? displayValue(cell.value) : '';
      out.push(cellFinding(eisNotApplicable, ctx, row, eisCol, 'eis', eisNotApplicableMessage(String(shown), groupId),
        { to: '', type: 'empty', from: shown, formula: cell?.formula === true }, { groupId }));
    }
    return;
  }
  if (eisCol === undefined || eis.isError || eis.hygieneFailed || eis.invalid) return;
  const hasMpan = stateAt(states, at.mpan).present;
  const hasMprn = stateAt(states, at.mprn).present;
  const elec = stateAt(states, at.elecSupplierEuid);
  const gas = stateAt(states, at.gasSupplierEuid);
  const twoParties = elec.usable && gas.usable && elec.key !== undefined && gas.key !== undefined && !sameParty(elec.key, gas.key, ctx.profile.partyOctets);
  // Party strings are built only when a finding needs them.
  const elecParty = twoParties ? partyOf(ctx, elec)! : '';
  const gasParty = twoParties ? partyOf(ctx, gas)! : '';
  const codes = ctx.profile.eisCodes;
  const octets = ctx.octetLabel;
  if (!eis.present) {
    if (hasMpan && hasMprn && twoParties) {
      out.push(cellFinding(eisRequired, ctx, row, eisCol, 'eis', eisRequiredMessage(elecParty, gasParty, codes), undefined, { party: `${elecParty} / ${gasParty}`, octets }));
    }
    return;
  }
  const code = eis.key!;
  const namedFuel = code === codes.electricity ? 'electricity' : code === codes.gas ? 'gas' : undefined;
  if (namedFuel === undefined) return;
  const hasNamed = namedFuel === 'electricity' ? hasMpan : hasMprn;
  if (!hasNamed) {
    const otherHas = namedFuel === 'electricity' ? hasMprn : hasMpan;
    const otherCode = namedFuel === 'electricity' ? codes.gas : codes.electricity;
    const allowed = ctx.allowed.get('eis')?.values;
    const fix = otherHas && (!allowed || allowed.has(otherCode)) ? otherCode : undefined;
    const cell = cells?.[eisCol - 1];
    out.push(cellFinding(eisFuelMismatch, ctx, row, eisCol, 'eis',
      eisFuelMismatchMessage(code, namedFuel, namedFuel === 'electricity' ? 'MPAN' : 'MPRN', fix),
      fix === undefined ? undefined : { to: fix, type: 'text', from: cell ? displayValue(cell.value) : '', formula: cell?.formula === true }));
    return;
  }
  const submitter = ctx.submitter;
  if (!twoParties || !submitter) return;
  const submitterIsElec = elecParty === submitter.party;
  const submitterIsGas = gasParty === submitter.party;
  if (submitterIsElec === submitterIsGas) return;
  const namedParty = namedFuel === 'electricity' ? elecParty : gasParty;
  if (namedParty === submitter.party) return;
  out.push(cellFinding(eisOtherParty, ctx, row, eisCol, 'eis', eisOtherPartyMessage(code, namedFuel, namedParty), undefined,
    { party: namedParty, submitterParty: submitter.party, octets }));
}

function checkSupplierParties(row: number, ctx: RowContext, states: readonly CellState[], out: Finding[]): void {
  const submitter = ctx.submitter;
  if (!submitter) return;
  const positions = ctx.profile.partyOctets;
  const octets = ctx.octetLabel;
  const bound = ctx.detection.boundFields;
  let firstFilled = -1;
  let anyOurs = false;
  let anyUnusable = false;
  for (const slot of ctx.supplierEuidSlots) {
    const s = states[slot]!;
    if (!s.present) continue;
    if (firstFilled < 0) firstFilled = slot;
    const binding = bound[slot]!;
    if (!s.usable || s.key === undefined) { anyUnusable = true; continue; }
    if (!sameParty(s.key, submitter.canonical, positions)) continue;
    anyOurs = true;
    if (s.key !== submitter.canonical) {
      out.push(cellFinding(euidOtherUserId, ctx, row, binding.col, binding.field.id, euidOtherUserIdMessage(s.key, submitter.canonical, submitter.party), undefined,
        { party: submitter.party, submitterParty: submitter.party, octets }));
    }
  }
  if (firstFilled < 0 || anyOurs || anyUnusable) return;
  const s = states[firstFilled]!;
  const { field, col } = bound[firstFilled]!;
  const party = partyOf(ctx, s)!;
  out.push(cellFinding(euidPartyMismatch, ctx, row, col, field.id, euidPartyMismatchMessage(s.key!, party, submitter.party, octets), undefined,
    { party, submitterParty: submitter.party, octets }));
}

function collectKeys(ctx: RowContext, states: readonly CellState[], keysOut: (string | undefined)[]): void {
  keysOut[0] = stateAt(states, ctx.slotOf.mpan).key;
  keysOut[1] = stateAt(states, ctx.slotOf.mprn).key;
  const slots = ctx.deviceSlots;
  for (let j = 0; j < slots.length; j++) {
    const s = states[slots[j]!]!;
    if (s.usable && s.key !== undefined) keysOut[2 + j] = s.key;
  }
}
