import type { Cell } from '../../src/engine/cell';
import { bool, date, EMPTY_CELL, err, num, text } from '../../src/engine/cell';
import type { ListValidation, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/snapshot';

/** A test value: text, number, boolean, or a tagged date / error / formula / empty. */
export type TestValue = string | number | boolean | null | undefined | { date: string } | { error: string } | { formula: TestValue };

export function toCell(value: TestValue): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return value === '' ? EMPTY_CELL : text(value);
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return bool(value);
  if ('date' in value) return date(value.date);
  if ('error' in value) return err(value.error);
  const inner = toCell(value.formula);
  return { value: inner.value, formula: true };
}

export const MA_HEADERS: Readonly<Record<string, string>> = {
  groupId: 'Group ID',
  mpan: 'Import MPAN Core',
  mprn: 'MPRN',
  esmeId: 'ESME Device ID',
  gsmeId: 'GSME Device ID',
  chfId: 'CHF Device ID',
  gpfId: 'GPF Device ID',
  ppmidId: 'PPMID Device ID',
  elecSupplierEuid: 'Electricity Supplier EUID',
  gasSupplierEuid: 'Gas Supplier EUID',
  eis: 'Energy Installation Supplier',
  smsoReference: 'SMSO Installation Reference',
  earliestMigrationDate: 'Earliest Migration Date',
};

export const DORMANT_HEADERS: Readonly<Record<string, string>> = {
  groupId: 'Group ID',
  mpan: 'Import MPAN Core',
  mprn: 'MPRN',
  esmeId: 'ESME Device ID',
  gsmeId: 'GSME Device ID',
  chfId: 'CHF Device ID',
  gpfId: 'GPF Device ID',
  supplierEuid: 'Supplier EUID',
  weekCommencing: 'Migration Week Commencing',
  firmwareUpgradeRequired: 'Firmware Upgrade Required',
  smsoReference: 'SMSO Installation Reference',
};

export const USER_ID = '70-B3-D5-1F-30-00-A0-08';
export const OTHER_PARTY_EUID = '70-B3-D5-1F-30-00-B1-01';

/** The Group ID of every valid row. */
export const VALID_GROUP_ID = 'AA';

/** A complete, valid Migration Authorisation row (dual fuel, one supplier). */
export function validMaRow(i = 0): Record<string, TestValue> {
  // Device IDs unique per (kind, i) for i below 16.7 million: kind in octet 6, i in octets 5, 7 and 8.
  const h = i.toString(16).toUpperCase().padStart(6, '0');
  const dev = (kind: number): string => `00-12-4B-00-${h.slice(0, 2)}-0${kind}-${h.slice(2, 4)}-${h.slice(4, 6)}`;
  return {
    groupId: VALID_GROUP_ID,
    mpan: mpanFor(i),
    mprn: mprnFor(i),
    esmeId: dev(1),
    gsmeId: dev(2),
    chfId: dev(3),
    gpfId: dev(4),
    ppmidId: null,
    elecSupplierEuid: USER_ID,
    gasSupplierEuid: USER_ID,
    eis: null,
    smsoReference: `REF-${i}`,
    earliestMigrationDate: { date: '2027-06-07' },
  };
}

/** A valid Dormant schedule row. */
export function validDormantRow(i = 0): Record<string, TestValue> {
  const { groupId, mpan, mprn, esmeId, gsmeId, chfId, gpfId } = validMaRow(i);
  return {
    groupId,
    mpan,
    mprn,
    esmeId,
    gsmeId,
    chfId,
    gpfId,
    supplierEuid: USER_ID,
    weekCommencing: { date: '2027-06-07' },
    firmwareUpgradeRequired: 'N',
    smsoReference: `REF-${i}`,
  };
}

// The check digits are summed with charCodeAt and template strings rather than Number() and String():
// inside a Jest test file every read of a global such as Number goes through the sandbox's global
// object, which made these two functions 20 times slower there and a 100,000-row workbook 0.6 s slower.
const PRIMES = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];
const DIGIT_0 = 48;
/** A valid MPAN core derived from i (distributor 13). */
export function mpanFor(i: number): string {
  const body = `13${`${i}`.padStart(10, '0')}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += (body.charCodeAt(k) - DIGIT_0) * PRIMES[k]!;
  return `${body}${(sum % 11) % 10}`;
}
/** A valid 10-digit MPRN derived from i. */
export function mprnFor(i: number): string {
  const body = `7${`${i}`.padStart(7, '0')}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) sum += (body.charCodeAt(k) - DIGIT_0) * (body.length - k);
  return `${body}${`${sum % 11}`.padStart(2, '0')}`;
}

export interface BuildOptions {
  readonly template?: 'ma' | 'dormant';
  readonly title?: string | null;
  readonly sheetName?: string;
  readonly version?: TestValue;
  readonly userId?: TestValue;
  /** Omit the User ID label entirely. */
  readonly noUserIdLabel?: boolean;
  readonly serviceProvider?: TestValue;
  /** Field ids in column order (default: every header of the template). */
  readonly columns?: readonly string[];
  readonly headerText?: Readonly<Record<string, string>>;
  readonly validations?: readonly ListValidation[];
  readonly extraSheets?: readonly SheetSnapshot[];
  readonly definedNames?: Readonly<Record<string, string>>;
}

export const HEADER_ROW = 6;

/** Builds a template workbook: title, header block in rows 2–4, table header in row 6, data from row 7. */
export function buildWorkbook(rows: ReadonlyArray<Readonly<Record<string, TestValue>> | null>, options: BuildOptions = {}): WorkbookSnapshot {
  const dormant = options.template === 'dormant';
  const headers = { ...(dormant ? DORMANT_HEADERS : MA_HEADERS), ...(options.headerText ?? {}) };
  const columns = options.columns ?? Object.keys(dormant ? DORMANT_HEADERS : MA_HEADERS);
  const grid: Array<Array<Cell | undefined> | undefined> = [];
  const title =
    options.title === undefined ? (dormant ? 'SMETS1 Dormant Meter Migration Schedule Notification' : 'SMETS1 Migration Authorisation') : options.title;
  grid.push(title === null ? [] : [text(title)]);
  grid.push([text('Template Version'), toCell(options.version === undefined ? (dormant ? 'v06' : 'v06a') : options.version)]);
  const userLabel = dormant ? 'Notifying Supplier User ID' : 'Submitting Supplier User ID';
  grid.push(options.noUserIdLabel ? [] : [text(userLabel), toCell(options.userId === undefined ? USER_ID : options.userId)]);
  grid.push(dormant ? [] : [text('SMETS1 Service Provider'), toCell(options.serviceProvider === undefined ? 'CGI' : options.serviceProvider)]);
  grid.push([]);
  grid.push(columns.map((id) => text(headers[id] ?? id)));
  for (const row of rows) grid.push(row === null ? undefined : columns.map((id) => toCell(row[id])));
  const sheet: SheetSnapshot = {
    name: options.sheetName ?? (dormant ? 'Dormant Meter Schedule' : 'Migration Authorisation'),
    rows: grid,
    validations: options.validations ?? [],
  };
  return { sheets: [sheet, ...(options.extraSheets ?? [])], definedNames: options.definedNames ?? {} };
}

/** The 1-based column of a field in the default layout. */
export function columnOf(field: string, options: BuildOptions = {}): number {
  const columns = options.columns ?? Object.keys(options.template === 'dormant' ? DORMANT_HEADERS : MA_HEADERS);
  return columns.indexOf(field) + 1;
}

export const TODAY = '2026-11-29';

export { EMPTY_CELL };
