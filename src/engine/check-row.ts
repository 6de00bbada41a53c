import type { Cell } from './cell';
import { CellState, checkCell, EMPTY_STATE, partyOf } from './check-cell';
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

/** The identifiers a row contributes to the cross-row duplicate rules. */
export interface RowKeys {
  readonly mpan?: string;
  readonly mprn?: string;
  readonly devices: readonly { readonly col: number; readonly key: string }[];
}

export interface RowAnalysis {
  /** Cell and row findings of this row, sorted (duplicates come from the cross-row index). */
  readonly findings: readonly Finding[];
  readonly keys: RowKeys;
  readonly blank: boolean;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const NO_KEYS: RowKeys = Object.freeze({ devices: Object.freeze([]) });

function byColumnThenRule(a: Finding, b: Finding): number {
  return a.col - b.col || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Validates one data row: cell rules of every bound column, then the row, EIS and EUID rules. */
export function analyseRow(cells: ReadonlyArray<Cell | undefined> | undefined, row: number, ctx: RowContext): RowAnalysis {
  const out: Finding[] = [];
  const states = new Map<string, CellState>();
  const bound = ctx.detection.boundFields;
  const eisRules = ctx.profile.eisRules;

  // The GroupID decides the exemption, which decides whether the EIS cell gets its own rules.
  const groupBinding = bound.find((b) => b.field.id === 'groupId');
  let exempt = false;
  if (groupBinding) {
    const s = checkCell(groupBinding.field, cells?.[groupBinding.col - 1], row, groupBinding.col, ctx, out);
    states.set('groupId', s);
    exempt = eisRules && s.key !== undefined && ctx.exempt.has(s.key);
  }
  for (const { field, col } of bound) {
    if (field.id === 'groupId') continue;
    const skipRules = exempt && field.id === 'eis';
    states.set(field.id, checkCell(field, cells?.[col - 1], row, col, ctx, out, { skipRules }));
  }

  let blank = true;
  for (const s of states.values()) if (s.present) { blank = false; break; }
  if (blank) {
    if (out.length === 0) return { findings: [rowFinding(blankRow, ctx.sheet, row, null, blankRowMessage(row))], keys: NO_KEYS, blank };
    out.sort(byColumnThenRule);
    return { findings: [rowFinding(blankRow, ctx.sheet, row, null, blankRowMessage(row)), ...out], keys: NO_KEYS, blank };
  }

  const state = (id: string): CellState => states.get(id) ?? EMPTY_STATE;
  checkCompleteness(row, ctx, state, out);
  if (eisRules) checkCoordinatingSupplier(row, ctx, state, exempt, cells, out);
  checkSupplierParties(row, ctx, state, out);

  const keys = collectKeys(ctx, state);
  if (out.length === 0) return { findings: NO_FINDINGS, keys, blank };
  out.sort(byColumnThenRule);
  return { findings: out, keys, blank };
}

function colOf(ctx: RowContext, id: string): number | undefined {
  return ctx.detection.columns.get(id);
}

function checkCompleteness(row: number, ctx: RowContext, state: (id: string) => CellState, out: Finding[]): void {
  const hasMpan = state('mpan').present;
  const hasMprn = state('mprn').present;
  const meterPointColumn = colOf(ctx, 'mpan') !== undefined ? 'mpan' : colOf(ctx, 'mprn') !== undefined ? 'mprn' : undefined;
  const noMeterPoint = !hasMpan && !hasMprn;
  if (noMeterPoint && meterPointColumn) {
    out.push(cellFinding(meterPointMissing, ctx, row, colOf(ctx, meterPointColumn)!, meterPointColumn, meterPointMissingMessage()));
  }
  for (const { field, col } of ctx.detection.boundFields) {
    if (state(field.id).present) continue;
    const because = requirementApplies(field, hasMpan, hasMprn, noMeterPoint);
    if (because === false) continue;
    out.push(cellFinding(requiredField, ctx, row, col, field.id, requiredFieldMessage(headerOf(ctx, field), because)));
  }
  if (noMeterPoint) return;
  const pairs: ReadonlyArray<readonly [string, string, boolean]> = [['esmeId', 'mpan', hasMpan], ['gsmeId', 'mprn', hasMprn]];
  for (const [deviceId, meterId, hasMeter] of pairs) {
    const col = colOf(ctx, deviceId);
    if (hasMeter || col === undefined || !state(deviceId).present) continue;
    const device = ctx.detection.profile.fields.find((f) => f.id === deviceId)!;
    const meter = ctx.detection.profile.fields.find((f) => f.id === meterId)!;
    out.push(cellFinding(deviceWithoutMeterPoint, ctx, row, col, deviceId, deviceWithoutMeterPointMessage(headerOf(ctx, device), headerOf(ctx, meter))));
  }
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

function checkCoordinatingSupplier(row: number, ctx: RowContext, state: (id: string) => CellState, exempt: boolean, cells: ReadonlyArray<Cell | undefined> | undefined, out: Finding[]): void {
  const eisCol = colOf(ctx, 'eis');
  const groupCol = colOf(ctx, 'groupId');
  const eis = state('eis');
  if (exempt) {
    const groupId = state('groupId').key!;
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
  const hasMpan = state('mpan').present;
  const hasMprn = state('mprn').present;
  const elecParty = partyOf(ctx, state('elecSupplierEuid'));
  const gasParty = partyOf(ctx, state('gasSupplierEuid'));
  const twoParties = elecParty !== undefined && gasParty !== undefined && elecParty !== gasParty;
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

function checkSupplierParties(row: number, ctx: RowContext, state: (id: string) => CellState, out: Finding[]): void {
  const submitter = ctx.submitter;
  if (!submitter) return;
  const filled = ctx.supplierEuidFields.filter((b) => state(b.field.id).present);
  if (filled.length === 0) return;
  const octets = ctx.octetLabel;
  let anyOurs = false;
  let anyUnusable = false;
  for (const { field, col } of filled) {
    const s = state(field.id);
    if (!s.usable) { anyUnusable = true; continue; }
    const party = partyOf(ctx, s)!;
    if (party !== submitter.party) continue;
    anyOurs = true;
    if (s.key !== submitter.canonical) {
      out.push(cellFinding(euidOtherUserId, ctx, row, col, field.id, euidOtherUserIdMessage(s.key!, submitter.canonical, party), undefined,
        { party, submitterParty: submitter.party, octets }));
    }
  }
  if (anyOurs || anyUnusable) return;
  const first = filled[0]!;
  const s = state(first.field.id);
  const party = partyOf(ctx, s)!;
  out.push(cellFinding(euidPartyMismatch, ctx, row, first.col, first.field.id, euidPartyMismatchMessage(s.key!, party, submitter.party, octets), undefined,
    { party, submitterParty: submitter.party, octets }));
}

function collectKeys(ctx: RowContext, state: (id: string) => CellState): RowKeys {
  const devices: { col: number; key: string }[] = [];
  for (const { field, col } of ctx.detection.boundFields) {
    if (field.role !== 'device') continue;
    const s = state(field.id);
    if (s.usable && s.key !== undefined) devices.push({ col, key: s.key });
  }
  const mpan = state('mpan').key;
  const mprn = state('mprn').key;
  if (devices.length === 0 && mpan === undefined && mprn === undefined) return NO_KEYS;
  return { mpan, mprn, devices };
}
