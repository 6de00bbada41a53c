import { Cell, displayValue, isExcelDate } from './cell';
import { cellFinding, RowContext } from './context';
import type { Finding, FixType } from './finding';
import { canonicalEui64, isCanonicalFast, isReservedEui64, partyOctets } from './identifiers';
import type { FieldSpec } from './profile';
import { cellErrorValue, cellErrorValueMessage } from '../rules/cell-error-value';
import { checkTextWhitespace, textWhitespace, textWhitespaceMessage } from '../rules/text-whitespace';
import { identifierStoredAsNumber, identifierStoredAsNumberMessage, numberAsDigits } from '../rules/identifier-stored-as-number';
import { checkMpanFormat, fixMpanFormat, mpanFormat, mpanFormatMessage } from '../rules/mpan-format';
import { checkMpanCheckDigit, mpanCheckDigit, mpanCheckDigitMessage } from '../rules/mpan-check-digit';
import { checkMpanDistributor, mpanDistributor, mpanDistributorMessage } from '../rules/mpan-distributor';
import { checkMprnFormat, fixMprnFormat, mprnFormat, mprnFormatMessage } from '../rules/mprn-format';
import { checkMprnCheckDigit, mprnCheckDigit, mprnCheckDigitMessage } from '../rules/mprn-check-digit';
import { eui64Format, eui64FormatMessage } from '../rules/eui64-format';
import { eui64Canonical, eui64CanonicalMessage } from '../rules/eui64-canonical';
import { eui64Reserved, eui64ReservedMessage } from '../rules/eui64-reserved';
import { groupIdUnknown, groupIdUnknownMessage } from '../rules/group-id-unknown';
import { codeForVariant, codeValue, codeValueMessage } from '../rules/code-value';
import { dateInvalid, dateInvalidMessage, parseTextDate } from '../rules/date-invalid';
import { dateInPast, dateInPastMessage } from '../rules/date-in-past';
import { checkMonday, weekCommencingNotMonday, weekCommencingNotMondayMessage } from '../rules/week-commencing-not-monday';

/** What the row and cross-row rules need to know about one checked cell. */
export interface CellState {
  /** Non-empty after hygiene; an error value counts as given. */
  readonly present: boolean;
  readonly isError: boolean;
  /** Hygiene or a format/code rule failed. */
  readonly hygieneFailed: boolean;
  readonly invalid: boolean;
  /** The cleaned value in the form rules compare: EUI canonical, MPAN/MPRN digits (also when fixable), allowed code, ISO date. */
  readonly key?: string;
  /** For EUIs: the value is well formed and not reserved. */
  readonly usable: boolean;
}

export const EMPTY_STATE: CellState = Object.freeze({ present: false, isError: false, hygieneFailed: false, invalid: false, usable: false, key: undefined });

/**
 * A state the checker fills in place: one per column, reused for every row, so checking allocates
 * nothing. It also remembers the last text it judged clean (no finding) under which field, context and
 * options: the verdict depends on nothing else, and columns such as the GroupID, the supplier EUIDs
 * and the EIS repeat one value down the sheet, so a repeat keeps the state as it stands.
 */
export interface MutableCellState {
  present: boolean;
  isError: boolean;
  hygieneFailed: boolean;
  invalid: boolean;
  usable: boolean;
  key: string | undefined;
  cleanText: string | undefined;
  cleanField: FieldSpec | undefined;
  /** `contextId` of the context the clean text was judged under (an id, so no old workbook is kept alive). */
  cleanContextId: number;
  cleanOptions: CellCheckOptions | undefined;
}

export const newCellState = (): MutableCellState => ({
  present: false, isError: false, hygieneFailed: false, invalid: false, usable: false, key: undefined,
  cleanText: undefined, cleanField: undefined, cleanContextId: 0, cleanOptions: undefined,
});

export interface CellCheckOptions {
  /** Only `eis-not-applicable` applies: skip every other rule on the cell. */
  readonly skipRules?: boolean;
}

/** Whether a cell counts as empty: no value, empty text, or a formula that returns "". */
export function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell) return true;
  const v = cell.value;
  return v.kind === 'empty' || (v.kind === 'text' && v.text === '');
}

/** Where a cell's findings go. One scratch instance is reused for every cell: validation is not re-entrant. */
interface Reporter {
  out: Finding[];
  ctx: RowContext;
  row: number;
  col: number;
  fieldId: string;
  cell: Cell;
}

const scratch: Reporter = { out: [], ctx: undefined as unknown as RowContext, row: 0, col: 0, fieldId: '', cell: { value: { kind: 'empty' } } };

function report(r: Reporter, rule: Parameters<typeof cellFinding>[0], message: string, fix?: { to: string; type: FixType }, details?: Parameters<typeof cellFinding>[7]): void {
  const from = displayValue(r.cell.value);
  r.out.push(cellFinding(rule, r.ctx, r.row, r.col, r.fieldId, message, fix ? { to: fix.to, type: fix.type, from, formula: r.cell.formula === true } : undefined, details));
}

function setState(t: MutableCellState, present: boolean, isError: boolean, hygieneFailed: boolean, invalid: boolean, usable: boolean, key: string | undefined): CellState {
  t.present = present;
  t.isError = isError;
  t.hygieneFailed = hygieneFailed;
  t.invalid = invalid;
  t.usable = usable;
  t.key = key;
  return t;
}

/**
 * Runs the cell rules of one field in evaluation order (rules.md): error values, text hygiene, then
 * the type's format rules, then the rules that need a well-formed value. One mistake, one finding.
 */
export function checkCell(field: FieldSpec, cell: Cell | undefined, row: number, col: number, ctx: RowContext, out: Finding[], t: MutableCellState, options: CellCheckOptions = NO_OPTIONS): CellState {
  if (!cell || isEmptyCell(cell)) {
    t.cleanText = undefined;
    return setState(t, false, false, false, false, false, undefined);
  }
  const v = cell.value;
  const repeats = v.kind === 'text' && valuesRepeat(field);
  if (repeats && v.text === t.cleanText && field === t.cleanField && ctx.contextId === t.cleanContextId && options === t.cleanOptions) return t;
  t.cleanText = undefined;
  const before = out.length;
  const state = checkPresentCell(field, cell, v, row, col, ctx, out, t, options);
  if (repeats && out.length === before) {
    t.cleanText = v.text;
    t.cleanField = field;
    t.cleanContextId = ctx.contextId;
    t.cleanOptions = options;
  }
  return state;
}

export const NO_OPTIONS: CellCheckOptions = Object.freeze({});
/** For the EIS cell of an exempt row. */
export const SKIP_RULES: CellCheckOptions = Object.freeze({ skipRules: true });

/**
 * Columns whose values repeat down a sheet (GroupIDs, codes, supplier EUIDs), where remembering the
 * last clean value pays. Meter points and device IDs are unique per row: comparing them with the row
 * above would only cost time.
 */
const valuesRepeat = (field: FieldSpec): boolean =>
  field.type === 'group-id' || field.type === 'code' || (field.type === 'eui64' && field.role !== 'device');

function checkPresentCell(field: FieldSpec, cell: Cell, v: Cell['value'], row: number, col: number, ctx: RowContext, out: Finding[], t: MutableCellState, options: CellCheckOptions): CellState {
  if (options.skipRules) return setState(t, true, v.kind === 'error', false, false, false, undefined);
  const r = scratch;
  r.out = out; r.ctx = ctx; r.row = row; r.col = col; r.fieldId = field.id; r.cell = cell;
  if (v.kind === 'error') {
    report(r, cellErrorValue, cellErrorValueMessage(v.error, cell.formula === true));
    return setState(t, true, true, false, false, false, undefined);
  }
  if (field.type === 'free-text') return setState(t, true, false, false, false, true, undefined);

  // Most cells already hold a canonical EUI-64: such text can hold no stray character, so it skips
  // the hygiene scan and the format rules (the same verdict they would reach, found sooner).
  if (field.type === 'eui64' && v.kind === 'text' && isCanonicalFast(v.text)) {
    const reserved = isReservedEui64(v.text);
    if (reserved) report(r, eui64Reserved, eui64ReservedMessage(v.text));
    return setState(t, true, false, false, reserved, !reserved, v.text);
  }

  let textValue: string | undefined;
  let hygieneFailed = false;
  if (v.kind === 'text') {
    const hygiene = checkTextWhitespace(v.text);
    textValue = v.text;
    if (hygiene) {
      hygieneFailed = true;
      textValue = hygiene.cleaned;
      report(r, textWhitespace, textWhitespaceMessage(v.text, hygiene.cleaned),
        hygiene.cleaned === '' ? { to: '', type: 'empty' } : { to: hygiene.cleaned, type: 'text' });
      if (hygiene.cleaned === '') return setState(t, false, false, false, false, false, undefined);
    }
  }
  switch (field.type) {
    case 'mpan':
    case 'mprn':
      return checkMeterPoint(t, field, cell, textValue, r, ctx, hygieneFailed);
    case 'eui64':
      return checkEui64(t, cell, textValue, r, hygieneFailed);
    case 'group-id':
      return checkGroupId(t, field, cell, textValue, r, ctx, hygieneFailed);
    case 'code':
      return checkCode(t, field, cell, textValue, r, ctx, hygieneFailed);
    case 'date':
      return checkDate(t, field, cell, textValue, r, ctx, hygieneFailed);
  }
}


function checkMeterPoint(t: MutableCellState, field: FieldSpec, cell: Cell, textValue: string | undefined, r: Reporter, ctx: RowContext, hygieneFailed: boolean): CellState {
  const isMpan = field.type === 'mpan';
  const label = isMpan ? 'MPAN core' : 'MPRN';
  let value = textValue;
  const v = cell.value;
  if (v.kind === 'number') {
    const digits = numberAsDigits(v.number);
    report(r, identifierStoredAsNumber, identifierStoredAsNumberMessage(label, digits, v.number), digits === undefined ? undefined : { to: digits, type: 'text' });
    if (digits === undefined) {
      if (isMpan) report(r, mpanFormat, mpanFormatMessage(String(v.number), undefined));
      else report(r, mprnFormat, mprnFormatMessage(String(v.number), undefined));
      return setState(t, true, false, hygieneFailed, true, false, undefined);
    }
    value = digits;
  } else if (value === undefined) {
    value = String(displayValue(v));
  }
  const wellFormed = isMpan ? checkMpanFormat(value) : checkMprnFormat(value);
  if (!wellFormed) {
    const fixed = isMpan ? fixMpanFormat(value) : fixMprnFormat(value);
    report(r, isMpan ? mpanFormat : mprnFormat, isMpan ? mpanFormatMessage(value, fixed) : mprnFormatMessage(value, fixed),
      fixed === undefined ? undefined : { to: fixed, type: 'text' });
    return setState(t, true, false, hygieneFailed, true, false, fixed);
  }
  if (isMpan) {
    const expected = checkMpanCheckDigit(value);
    if (expected !== undefined) report(r, mpanCheckDigit, mpanCheckDigitMessage(value, expected), undefined, { expected: String(expected) });
    if (!checkMpanDistributor(value, ctx.profile.distributorRange)) report(r, mpanDistributor, mpanDistributorMessage(value, ctx.profile.distributorRange));
  } else {
    const expected = checkMprnCheckDigit(value);
    if (expected !== undefined) report(r, mprnCheckDigit, mprnCheckDigitMessage(value, expected), undefined, { expected });
  }
  return setState(t, true, false, hygieneFailed, false, true, value);
}

function checkEui64(t: MutableCellState, cell: Cell, textValue: string | undefined, r: Reporter, hygieneFailed: boolean): CellState {
  if (textValue === undefined) {
    const shown = String(displayValue(cell.value));
    report(r, eui64Format, eui64FormatMessage(shown, cell.value.kind === 'number'));
    return setState(t, true, false, hygieneFailed, true, false, undefined);
  }
  const canonical = canonicalEui64(textValue);
  if (canonical === undefined) {
    report(r, eui64Format, eui64FormatMessage(textValue, false));
    return setState(t, true, false, hygieneFailed, true, false, undefined);
  }
  if (canonical !== textValue) report(r, eui64Canonical, eui64CanonicalMessage(textValue, canonical), { to: canonical, type: 'text' });
  const reserved = isReservedEui64(canonical);
  if (reserved) report(r, eui64Reserved, eui64ReservedMessage(canonical));
  return setState(t, true, false, hygieneFailed, reserved, !reserved, canonical);
}

function allowedHas(ctx: RowContext, fieldId: string, value: string): boolean {
  const allowed = ctx.allowed.get(fieldId);
  if (allowed?.values) return allowed.values.has(value);
  return ctx.groupIdPattern.test(value);
}

function checkGroupId(t: MutableCellState, field: FieldSpec, cell: Cell, textValue: string | undefined, r: Reporter, ctx: RowContext, hygieneFailed: boolean): CellState {
  const value = textValue ?? String(displayValue(cell.value));
  if (allowedHas(ctx, field.id, value)) return setState(t, true, false, hygieneFailed, false, true, value);
  const upper = value.toUpperCase();
  const fix = textValue !== undefined && upper !== value && allowedHas(ctx, field.id, upper) ? upper : undefined;
  report(r, groupIdUnknown, groupIdUnknownMessage(value, ctx.allowed.get(field.id)?.values, fix), fix === undefined ? undefined : { to: fix, type: 'text' });
  // The exemption is decided on the cleaned value as written (rules.md, decision 8).
  return setState(t, true, false, hygieneFailed, true, false, value);
}

function checkCode(t: MutableCellState, field: FieldSpec, cell: Cell, textValue: string | undefined, r: Reporter, ctx: RowContext, hygieneFailed: boolean): CellState {
  const v = cell.value;
  const value = textValue ?? (v.kind === 'boolean' ? (v.boolean ? 'TRUE' : 'FALSE') : String(displayValue(v)));
  const allowed = ctx.allowed.get(field.id)?.values ?? new Set(field.codes ?? []);
  if (allowed.has(value)) return setState(t, true, false, hygieneFailed, false, true, value);
  const fix = codeForVariant(value, allowed);
  report(r, codeValue, codeValueMessage(value, allowed, fix), fix === undefined ? undefined : { to: fix, type: 'text' });
  return setState(t, true, false, hygieneFailed, true, false, undefined);
}

function checkDate(t: MutableCellState, field: FieldSpec, cell: Cell, textValue: string | undefined, r: Reporter, ctx: RowContext, hygieneFailed: boolean): CellState {
  const v = cell.value;
  let iso: string;
  if (v.kind === 'date') {
    iso = v.iso;
  } else {
    const fix = textValue !== undefined ? parseTextDate(textValue) : undefined;
    const shown = textValue ?? String(displayValue(v));
    report(r, dateInvalid, dateInvalidMessage(shown, fix, textValue !== undefined ? 'text' : v.kind === 'number' ? 'number' : 'other'),
      fix === undefined ? undefined : { to: fix, type: 'date' });
    return setState(t, true, false, hygieneFailed, true, false, fix);
  }
  if (iso < ctx.today) report(r, dateInPast, dateInPastMessage(iso, ctx.today));
  // Excel serials after the 1900 leap-year bug: serial % 7 === 2 is a Monday.
  if (field.mustBeMonday && !(v.serial > 60 && Math.floor(v.serial) % 7 === 2)) {
    const monday = checkMonday(iso);
    // No fix to a Monday before 1900: Excel cannot hold it.
    if (monday !== undefined) report(r, weekCommencingNotMonday, weekCommencingNotMondayMessage(iso, monday), isExcelDate(monday) ? { to: monday, type: 'date' } : undefined);
  }
  return setState(t, true, false, hygieneFailed, false, true, iso);
}

/** Whether two canonical EUI-64s share the party octets (compared in place, without building strings). */
export function sameParty(a: string, b: string, positions: readonly number[]): boolean {
  for (const p of positions) {
    const i = (p - 1) * 3;
    if (a.charCodeAt(i) !== b.charCodeAt(i) || a.charCodeAt(i + 1) !== b.charCodeAt(i + 1)) return false;
  }
  return true;
}

/** Party octets of a usable EUI key. */
export const partyOf = (ctx: RowContext, state: CellState): string | undefined =>
  state.usable && state.key !== undefined ? partyOctets(state.key, ctx.profile.partyOctets) : undefined;
