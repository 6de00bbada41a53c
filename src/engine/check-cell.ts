import { Cell, displayValue } from './cell';
import { cellFinding, RowContext } from './context';
import type { Finding, FixType } from './finding';
import { canonicalEui64, isReservedEui64, partyOctets } from './identifiers';
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

export const EMPTY_STATE: CellState = Object.freeze({ present: false, isError: false, hygieneFailed: false, invalid: false, usable: false });

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

class CellReporter {
  constructor(
    private readonly out: Finding[],
    private readonly ctx: RowContext,
    private readonly row: number,
    private readonly col: number,
    private readonly fieldId: string,
    private readonly cell: Cell,
  ) {}

  report(rule: Parameters<typeof cellFinding>[0], message: string, fix?: { to: string; type: FixType }, details?: Parameters<typeof cellFinding>[7]): void {
    const from = displayValue(this.cell.value);
    this.out.push(cellFinding(rule, this.ctx, this.row, this.col, this.fieldId, message,
      fix ? { ...fix, from, formula: this.cell.formula === true } : undefined, details));
  }
}

/**
 * Runs the cell rules of one field in evaluation order (rules.md): error values, text hygiene, then
 * the type's format rules, then the rules that need a well-formed value. One mistake, one finding.
 */
export function checkCell(field: FieldSpec, cell: Cell | undefined, row: number, col: number, ctx: RowContext, out: Finding[], options: CellCheckOptions = {}): CellState {
  if (!cell || isEmptyCell(cell)) return EMPTY_STATE;
  const v = cell.value;
  if (options.skipRules) return { ...EMPTY_STATE, present: true, isError: v.kind === 'error' };
  const r = new CellReporter(out, ctx, row, col, field.id, cell);
  if (v.kind === 'error') {
    r.report(cellErrorValue, cellErrorValueMessage(v.error, cell.formula === true));
    return { ...EMPTY_STATE, present: true, isError: true };
  }
  if (field.type === 'free-text') return { ...EMPTY_STATE, present: true, usable: true };

  let textValue: string | undefined;
  let hygieneFailed = false;
  if (v.kind === 'text') {
    const hygiene = checkTextWhitespace(v.text);
    textValue = v.text;
    if (hygiene) {
      hygieneFailed = true;
      textValue = hygiene.cleaned;
      r.report(textWhitespace, textWhitespaceMessage(v.text, hygiene.cleaned),
        hygiene.cleaned === '' ? { to: '', type: 'empty' } : { to: hygiene.cleaned, type: 'text' });
      if (hygiene.cleaned === '') return EMPTY_STATE;
    }
  }
  const base: Base = { present: true, isError: false, hygieneFailed };
  switch (field.type) {
    case 'mpan':
    case 'mprn':
      return checkMeterPoint(field, cell, textValue, r, ctx, base);
    case 'eui64':
      return checkEui64(cell, textValue, r, base);
    case 'group-id':
      return checkGroupId(field, cell, textValue, r, ctx, base);
    case 'code':
      return checkCode(field, cell, textValue, r, ctx, base);
    case 'date':
      return checkDate(field, cell, textValue, r, ctx, base);
  }
}

type Base = { present: true; isError: false; hygieneFailed: boolean };

function checkMeterPoint(field: FieldSpec, cell: Cell, textValue: string | undefined, r: CellReporter, ctx: RowContext, base: Base): CellState {
  const isMpan = field.type === 'mpan';
  const label = isMpan ? 'MPAN core' : 'MPRN';
  let value = textValue;
  const v = cell.value;
  if (v.kind === 'number') {
    const digits = numberAsDigits(v.number);
    r.report(identifierStoredAsNumber, identifierStoredAsNumberMessage(label, digits, v.number), digits === undefined ? undefined : { to: digits, type: 'text' });
    if (digits === undefined) {
      (isMpan ? r.report(mpanFormat, mpanFormatMessage(String(v.number), undefined)) : r.report(mprnFormat, mprnFormatMessage(String(v.number), undefined)));
      return { ...base, invalid: true, usable: false };
    }
    value = digits;
  } else if (value === undefined) {
    value = String(displayValue(v));
  }
  const wellFormed = isMpan ? checkMpanFormat(value) : checkMprnFormat(value);
  if (!wellFormed) {
    const fixed = isMpan ? fixMpanFormat(value) : fixMprnFormat(value);
    r.report(isMpan ? mpanFormat : mprnFormat, isMpan ? mpanFormatMessage(value, fixed) : mprnFormatMessage(value, fixed),
      fixed === undefined ? undefined : { to: fixed, type: 'text' });
    return { ...base, invalid: true, usable: false, key: fixed };
  }
  if (isMpan) {
    const expected = checkMpanCheckDigit(value);
    if (expected !== undefined) r.report(mpanCheckDigit, mpanCheckDigitMessage(value, expected), undefined, { expected: String(expected) });
    if (!checkMpanDistributor(value, ctx.profile.distributorRange)) r.report(mpanDistributor, mpanDistributorMessage(value, ctx.profile.distributorRange));
  } else {
    const expected = checkMprnCheckDigit(value);
    if (expected !== undefined) r.report(mprnCheckDigit, mprnCheckDigitMessage(value, expected), undefined, { expected });
  }
  return { ...base, invalid: false, usable: true, key: value };
}

function checkEui64(cell: Cell, textValue: string | undefined, r: CellReporter, base: Base): CellState {
  if (textValue === undefined) {
    const shown = String(displayValue(cell.value));
    r.report(eui64Format, eui64FormatMessage(shown, cell.value.kind === 'number'));
    return { ...base, invalid: true, usable: false };
  }
  const canonical = canonicalEui64(textValue);
  if (canonical === undefined) {
    r.report(eui64Format, eui64FormatMessage(textValue, false));
    return { ...base, invalid: true, usable: false };
  }
  if (canonical !== textValue) r.report(eui64Canonical, eui64CanonicalMessage(textValue, canonical), { to: canonical, type: 'text' });
  const reserved = isReservedEui64(canonical);
  if (reserved) r.report(eui64Reserved, eui64ReservedMessage(canonical));
  return { ...base, invalid: reserved, usable: !reserved, key: canonical };
}

function allowedHas(ctx: RowContext, fieldId: string, value: string): boolean {
  const allowed = ctx.allowed.get(fieldId);
  if (allowed?.values) return allowed.values.has(value);
  return ctx.groupIdPattern.test(value);
}

function checkGroupId(field: FieldSpec, cell: Cell, textValue: string | undefined, r: CellReporter, ctx: RowContext, base: Base): CellState {
  const value = textValue ?? String(displayValue(cell.value));
  if (allowedHas(ctx, field.id, value)) return { ...base, invalid: false, usable: true, key: value };
  const upper = value.toUpperCase();
  const fix = textValue !== undefined && upper !== value && allowedHas(ctx, field.id, upper) ? upper : undefined;
  r.report(groupIdUnknown, groupIdUnknownMessage(value, ctx.allowed.get(field.id)?.values, fix), fix === undefined ? undefined : { to: fix, type: 'text' });
  // The exemption is decided on the cleaned value as written (rules.md, decision 8).
  return { ...base, invalid: true, usable: false, key: value };
}

function checkCode(field: FieldSpec, cell: Cell, textValue: string | undefined, r: CellReporter, ctx: RowContext, base: Base): CellState {
  const v = cell.value;
  const value = textValue ?? (v.kind === 'boolean' ? (v.boolean ? 'TRUE' : 'FALSE') : String(displayValue(v)));
  const allowed = ctx.allowed.get(field.id)?.values ?? new Set(field.codes ?? []);
  if (allowed.has(value)) return { ...base, invalid: false, usable: true, key: value };
  const fix = codeForVariant(value, allowed);
  r.report(codeValue, codeValueMessage(value, allowed, fix), fix === undefined ? undefined : { to: fix, type: 'text' });
  return { ...base, invalid: true, usable: false };
}

function checkDate(field: FieldSpec, cell: Cell, textValue: string | undefined, r: CellReporter, ctx: RowContext, base: Base): CellState {
  const v = cell.value;
  let iso: string;
  if (v.kind === 'date') {
    iso = v.iso;
  } else {
    const fix = textValue !== undefined ? parseTextDate(textValue) : undefined;
    const shown = textValue ?? String(displayValue(v));
    r.report(dateInvalid, dateInvalidMessage(shown, fix, textValue !== undefined ? 'text' : v.kind === 'number' ? 'number' : 'other'),
      fix === undefined ? undefined : { to: fix, type: 'date' });
    return { ...base, invalid: true, usable: false, key: fix };
  }
  if (iso < ctx.today) r.report(dateInPast, dateInPastMessage(iso, ctx.today));
  if (field.mustBeMonday) {
    const monday = checkMonday(iso);
    if (monday !== undefined) r.report(weekCommencingNotMonday, weekCommencingNotMondayMessage(iso, monday), { to: monday, type: 'date' });
  }
  return { ...base, invalid: false, usable: true, key: iso };
}

/** Party octets of a usable EUI key. */
export const partyOf = (ctx: RowContext, state: CellState): string | undefined =>
  state.usable && state.key !== undefined ? partyOctets(state.key, ctx.profile.partyOctets) : undefined;
