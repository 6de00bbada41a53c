import fc from 'fast-check';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import type { TestValue } from './sheet-builder';
import { buildWorkbook, mpanFor, mprnFor, OTHER_PARTY_EUID, USER_ID, validDormantRow, validMaRow } from './sheet-builder';

/** Values that exercise every rule: valid, fixable, malformed, duplicated, typed wrongly. */
const POOL: Readonly<Record<string, readonly TestValue[]>> = {
  groupId: ['AA', 'EA', 'EB', 'ea', 'A1', ' EC', null, { error: '#N/A' }, 12],
  mpan: [
    mpanFor(1),
    mpanFor(2),
    mpanFor(3),
    '1200080636089',
    `13 ${mpanFor(4).slice(2)}`,
    `01801234${mpanFor(1)}`,
    Number(mpanFor(5)),
    'x',
    null,
    null,
    `${mpanFor(6)} `,
    { formula: mpanFor(7) },
  ],
  mprn: [mprnFor(1), mprnFor(2), '2352697909', '3938-4244-03', '123', null, null, Number(mprnFor(3))],
  device: [
    '00-12-4B-00-00-03-00-01',
    '00-12-4b-00-00-03-00-02',
    '0012 4B00 0003 0003',
    '00-00-00-00-00-00-00-00',
    'ffffffffffffffff',
    'bad',
    null,
    7012345678901234,
    '00-12-4B-00-00-03-00-04',
  ],
  euid: [USER_ID, OTHER_PARTY_EUID, '70-B3-D5-1F-30-00-A0-01', '70b3d51f3000a008', 'nope', null, { error: '#REF!' }],
  eis: ['E', 'G', 'e', 'Electricity', 'Gas', 'X', null, null, ' E'],
  date: [{ date: '2027-03-01' }, { date: '2027-03-03' }, { date: '2020-01-01' }, '01/03/2027', '2027-03-01', 'soon', 46447, null],
  firmware: ['Y', 'N', 'yes', false, true, 'maybe', null],
  smso: ['REF', ' spaced ', null],
};

const FIELD_POOL: Readonly<Record<string, keyof typeof POOL>> = {
  groupId: 'groupId',
  mpan: 'mpan',
  mprn: 'mprn',
  esmeId: 'device',
  gsmeId: 'device',
  chfId: 'device',
  gpfId: 'device',
  ppmidId: 'device',
  elecSupplierEuid: 'euid',
  gasSupplierEuid: 'euid',
  supplierEuid: 'euid',
  eis: 'eis',
  smsoReference: 'smso',
  earliestMigrationDate: 'date',
  weekCommencing: 'date',
  firmwareUpgradeRequired: 'firmware',
};

export const valueFor = (field: string): fc.Arbitrary<TestValue> => fc.constantFrom(...POOL[FIELD_POOL[field]!]!);

export type Template = 'ma' | 'dormant';

export const fieldsOf = (template: Template): string[] => Object.keys(template === 'ma' ? validMaRow(0) : validDormantRow(0));

/** A row: mostly valid, with a few fields replaced from the pool; sometimes a blank row. */
export function rowArbitrary(template: Template, i: number): fc.Arbitrary<Record<string, TestValue> | null> {
  const base = template === 'ma' ? validMaRow(i) : validDormantRow(i);
  const fields = Object.keys(base);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 9,
      arbitrary: fc
        .array(
          fc.constantFrom(...fields).chain((f) => valueFor(f).map((v) => [f, v] as const)),
          { maxLength: 4 },
        )
        .map((changes) => ({ ...base, ...Object.fromEntries(changes) })),
    },
  );
}

export function workbookArbitrary(maxRows = 12): fc.Arbitrary<{ template: Template; workbook: WorkbookSnapshot; rows: number }> {
  return fc.constantFrom<Template>('ma', 'dormant').chain((template) =>
    fc.integer({ min: 0, max: maxRows }).chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => rowArbitrary(template, i % 5))).map((rows) => ({
        template,
        rows: n,
        workbook: buildWorkbook(rows, template === 'dormant' ? { template: 'dormant' } : {}),
      })),
    ),
  );
}
