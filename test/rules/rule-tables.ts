import type { EngineSettings } from '../../src/engine/result';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import type { RuleId } from '../../src/rules';
import type { BuildOptions, TestValue } from '../support/sheet-builder';
import { mpanFor, mprnFor, OTHER_PARTY_EUID, USER_ID, validDormantRow, validMaRow } from '../support/sheet-builder';

/** [row, field, ruleId] or [row, field, ruleId, fix.to]: the findings a case must produce, no more. */
export type Expected = readonly [number | null, string | null, RuleId, string?];

export interface RuleCase {
  readonly name: string;
  /** Data rows from row 7; each overrides a valid row of the template. */
  readonly rows?: ReadonlyArray<Readonly<Record<string, TestValue>> | null>;
  readonly build?: BuildOptions;
  readonly options?: Partial<EngineSettings>;
  readonly expect: readonly Expected[];
  /** A customer list instead of the builder (for unrecognised files). */
  readonly unrecognised?: boolean;
  /** A raw workbook instead of the builder. */
  readonly raw?: WorkbookSnapshot;
  /** The messages of this table's rule's findings, in order, as the analyst reads them. */
  readonly messages?: readonly string[];
  /** Other files checked in the same run (`mam-prep check` with several files), in the order given after this one. */
  readonly alongside?: ReadonlyArray<{
    readonly file: string;
    readonly rows: ReadonlyArray<Readonly<Record<string, TestValue>> | null>;
    readonly build?: BuildOptions;
  }>;
}

export interface RuleTable {
  readonly pass: readonly RuleCase[];
  readonly fail: readonly RuleCase[];
}

const ma = (over: Record<string, TestValue>, i = 1): Record<string, TestValue> => ({ ...validMaRow(i), ...over });
const dormant = (over: Record<string, TestValue>, i = 1): Record<string, TestValue> => ({ ...validDormantRow(i), ...over });
const D = { template: 'dormant' } as const;
const ELEC_ONLY = { mprn: null, gsmeId: null, gpfId: null, gasSupplierEuid: null };
const GAS_ONLY = { mpan: null, esmeId: null, elecSupplierEuid: null };
const OURS_2 = '70-B3-D5-1F-30-00-A0-01';

/** Builds an MPAN core with a given distributor id and a correct check digit. */
export function mpanWithDistributor(distributor: string): string {
  const primes = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];
  const body = `${distributor}1234567890`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += Number(body[k]) * primes[k]!;
  return body + String((sum % 11) % 10);
}

export const RULE_TABLES: Readonly<Record<RuleId, RuleTable>> = {
  'template-unrecognised': {
    pass: [{ name: 'a template', rows: [ma({})], expect: [] }],
    fail: [
      {
        name: 'a customer list',
        messages: [
          `No sheet matches a MAM template: MAM Prep looks for a header row in the first 30 rows with at least 4 of the template's column headers (for example "Group ID", "Import MPAN Core", "MPRN", "CHF Device ID").`,
        ],
        unrecognised: true,
        expect: [[null, null, 'template-unrecognised']],
      },
      { name: 'an empty workbook', raw: { sheets: [{ name: 'Sheet1', rows: [] }] }, expect: [[null, null, 'template-unrecognised']] },
    ],
  },
  'template-version': {
    pass: [
      { name: 'current version', rows: [ma({})], build: { version: 'v06a' }, expect: [] },
      { name: 'no version stated', rows: [ma({})], build: { version: null }, expect: [] },
    ],
    fail: [
      {
        name: 'older known version',
        messages: ['The workbook is template version v05; the current version is v06a. Copy your rows into the current template before you submit.'],
        rows: [ma({})],
        build: { version: 'v05' },
        expect: [[2, 'version', 'template-version']],
      },
      { name: 'dormant old version', rows: [dormant({})], build: { ...D, version: 'v05' }, expect: [[2, 'version', 'template-version']] },
    ],
  },
  'column-missing': {
    pass: [
      {
        name: 'optional columns absent',
        rows: [ma({})],
        build: { columns: ['groupId', 'mpan', 'mprn', 'esmeId', 'gsmeId', 'chfId', 'gpfId', 'elecSupplierEuid', 'gasSupplierEuid', 'eis'] },
        expect: [],
      },
    ],
    fail: [
      {
        name: 'no CHF column',
        messages: ['The header row (row 6) has no "CHF Device ID" column. Add it back with this header (or one of its accepted aliases).'],
        rows: [ma({})],
        build: { columns: ['groupId', 'mpan', 'mprn', 'esmeId', 'gsmeId', 'gpfId', 'elecSupplierEuid', 'gasSupplierEuid', 'eis'] },
        expect: [[6, 'chfId', 'column-missing']],
      },
      {
        name: 'no EIS and no PPMID',
        rows: [ma({})],
        build: { columns: ['groupId', 'mpan', 'mprn', 'esmeId', 'gsmeId', 'chfId', 'gpfId', 'elecSupplierEuid', 'gasSupplierEuid'] },
        expect: [[6, 'eis', 'column-missing']],
      },
    ],
  },
  'submitter-user-id': {
    pass: [
      { name: 'in the workbook', rows: [ma({})], expect: [] },
      { name: 'empty but given as an option', rows: [ma({})], build: { userId: null }, options: { userId: USER_ID }, expect: [] },
    ],
    fail: [
      {
        name: 'empty label value',
        messages: [
          `"Submitting Supplier User ID" is empty. Enter your organisation's EUI-64 User ID (for example 70-B3-D5-1F-30-00-A0-08), or set it in MAM Prep's settings.`,
        ],
        rows: [ma({})],
        build: { userId: null },
        expect: [[3, 'userId', 'submitter-user-id']],
      },
      { name: 'no label', rows: [ma({})], build: { noUserIdLabel: true }, expect: [[null, null, 'submitter-user-id']] },
    ],
  },
  'cell-error-value': {
    pass: [{ name: 'plain values', rows: [ma({})], expect: [] }],
    fail: [
      {
        name: '#N/A in the MPAN',
        messages: ['The cell holds the error #N/A. Replace it with the value DCC needs.'],
        rows: [ma({ mpan: { error: '#N/A' } })],
        expect: [[7, 'mpan', 'cell-error-value']],
      },
      { name: 'formula #REF! in the CHF', rows: [ma({ chfId: { formula: { error: '#REF!' } } })], expect: [[7, 'chfId', 'cell-error-value']] },
      { name: 'error in the User ID', rows: [ma({})], build: { userId: { error: '#VALUE!' } }, expect: [[3, 'userId', 'cell-error-value']] },
    ],
  },
  'blank-row': {
    pass: [{ name: 'no gap', rows: [ma({}, 1), ma({}, 2)], expect: [] }],
    fail: [
      {
        name: 'gap between rows',
        messages: ["Row 8 is empty between filled rows. Delete it so the template's macro reads every row."],
        rows: [ma({}, 1), null, ma({}, 2)],
        expect: [[8, null, 'blank-row']],
      },
      { name: 'formula returning "" rows', rows: [ma({}, 1), { groupId: { formula: '' } }, ma({}, 2)], expect: [[8, null, 'blank-row']] },
      {
        name: 'a run of empty rows is one finding',
        messages: [
          "Rows 8–10 are empty between filled rows. Delete them so the template's macro reads every row.",
          "Row 12 is empty between filled rows. Delete it so the template's macro reads every row.",
        ],
        rows: [ma({}, 1), null, null, null, ma({}, 2), null, ma({}, 3)],
        expect: [
          [8, null, 'blank-row'],
          [12, null, 'blank-row'],
        ],
      },
    ],
  },
  'text-whitespace': {
    pass: [
      { name: 'clean values', rows: [ma({})], expect: [] },
      { name: 'SMSO free text keeps its spaces', rows: [ma({ smsoReference: ' ref 1 ' })], expect: [] },
    ],
    fail: [
      {
        name: 'trailing space in an MPAN',
        messages: ['"1300000000016␠" has white space at the start or end. Remove these characters so DCC reads "1300000000016" exactly.'],
        rows: [ma({ mpan: `${mpanFor(1)} ` })],
        expect: [[7, 'mpan', 'text-whitespace', mpanFor(1)]],
      },
      {
        name: 'NBSP inside a device ID',
        rows: [ma({ chfId: `00-12-4B-00\u00A0-00-03-00-01` })],
        expect: [[7, 'chfId', 'text-whitespace', '00-12-4B-00-00-03-00-01']],
      },
      {
        name: 'whitespace-only GroupID counts as empty',
        rows: [ma({ groupId: ' \t' })],
        expect: [
          [7, 'groupId', 'required-field'],
          [7, 'groupId', 'text-whitespace', ''],
        ],
      },
      { name: 'zero-width in the User ID', rows: [ma({})], build: { userId: `\u200B${USER_ID}` }, expect: [[3, 'userId', 'text-whitespace', USER_ID]] },
    ],
  },
  'identifier-stored-as-number': {
    pass: [{ name: 'MPAN as text', rows: [ma({})], expect: [] }],
    fail: [
      {
        name: 'MPAN as number',
        messages: ['The MPAN core 1300000000016 is stored as a number. Store it as text so Excel keeps every digit.'],
        rows: [ma({ mpan: Number(mpanFor(1)) })],
        expect: [[7, 'mpan', 'identifier-stored-as-number', mpanFor(1)]],
      },
      { name: 'MPRN as number', rows: [ma({ mprn: Number(mprnFor(1)) })], expect: [[7, 'mprn', 'identifier-stored-as-number', mprnFor(1)]] },
    ],
  },
  'mpan-format': {
    pass: [
      { name: 'vector 1312345678907', rows: [ma({ mpan: '1312345678907' })], expect: [] },
      { name: 'vector 1191417776317', rows: [ma({ mpan: '1191417776317' })], expect: [] },
    ],
    fail: [
      {
        name: 'spaces',
        messages: ['"13 1234 5678 907" should be written as 13 digits without spaces or hyphens: 1312345678907.'],
        rows: [ma({ mpan: '13 1234 5678 907' })],
        expect: [[7, 'mpan', 'mpan-format', '1312345678907']],
      },
      { name: 'full 21-digit MPAN', rows: [ma({ mpan: '018012341312345678907' })], expect: [[7, 'mpan', 'mpan-format', '1312345678907']] },
      { name: 'vector 131234567890 (12 digits)', rows: [ma({ mpan: '131234567890' })], expect: [[7, 'mpan', 'mpan-format']] },
      { name: 'letters', rows: [ma({ mpan: 'ABC' })], expect: [[7, 'mpan', 'mpan-format']] },
    ],
  },
  'mpan-check-digit': {
    pass: [
      { name: 'vector 1306690743919', rows: [ma({ mpan: '1306690743919' })], expect: [] },
      { name: 'vector 1200080636088', rows: [ma({ mpan: '1200080636088' })], expect: [] },
    ],
    fail: [
      { name: 'vector 1200080636089', rows: [ma({ mpan: '1200080636089' })], expect: [[7, 'mpan', 'mpan-check-digit']] },
      {
        name: 'last digit of 1306690743919 mistyped',
        rows: [ma({ mpan: '1306690743918' })],
        expect: [[7, 'mpan', 'mpan-check-digit']],
        messages: ['MPAN core check digit is 8; it should be 9. Check 1306690743918 for a mistyped digit: the check digit is not corrected automatically.'],
      },
    ],
  },
  'mpan-distributor': {
    pass: [{ name: 'distributor 39', rows: [ma({ mpan: mpanWithDistributor('39') })], expect: [] }],
    fail: [
      {
        name: 'distributor 09',
        messages: ['MPAN core 0912345678901 starts with distributor id 09, outside the known range 10–39. Check the MPAN.'],
        rows: [ma({ mpan: mpanWithDistributor('09') })],
        expect: [[7, 'mpan', 'mpan-distributor']],
      },
      { name: 'distributor 40', rows: [ma({ mpan: mpanWithDistributor('40') })], expect: [[7, 'mpan', 'mpan-distributor']] },
    ],
  },
  'mprn-format': {
    pass: [
      { name: 'vector 889401 (6 digits)', rows: [ma({ mprn: '889401' })], expect: [] },
      { name: 'vector 44851701', rows: [ma({ mprn: '44851701' })], expect: [] },
    ],
    fail: [
      {
        name: 'hyphens',
        messages: ['"3938-4244-03" should be written as digits only: 3938424403.'],
        rows: [ma({ mprn: '3938-4244-03' })],
        expect: [[7, 'mprn', 'mprn-format', '3938424403']],
      },
      { name: '11 digits', rows: [ma({ mprn: '39384244031' })], expect: [[7, 'mprn', 'mprn-format']] },
      { name: '5 digits', rows: [ma({ mprn: '88940' })], expect: [[7, 'mprn', 'mprn-format']] },
    ],
  },
  'mprn-check-digit': {
    pass: [
      { name: 'vector 3938424403', rows: [ma({ mprn: '3938424403' })], expect: [] },
      { name: 'vector 2352697908', rows: [ma({ mprn: '2352697908' })], expect: [] },
    ],
    fail: [
      { name: 'vector 2352697909', rows: [ma({ mprn: '2352697909' })], expect: [[7, 'mprn', 'mprn-check-digit']] },
      {
        name: 'last digit of 3938424403 mistyped',
        rows: [ma({ mprn: '3938424404' })],
        expect: [[7, 'mprn', 'mprn-check-digit']],
        messages: ['MPRN 3938424404 ends in 04; its check value should be 03. Check the MPRN for a mistyped digit.'],
      },
    ],
  },
  'eui64-format': {
    pass: [{ name: 'canonical', rows: [ma({ chfId: '70-B3-D5-1F-30-00-A0-09' })], expect: [] }],
    fail: [
      {
        name: '7 octets',
        messages: ['"70-B3-D5-1F-30-00-A0" is not an EUI-64: it needs 16 hexadecimal digits (0–9, A–F), written like 70-B3-D5-1F-30-00-A0-08.'],
        rows: [ma({ chfId: '70-B3-D5-1F-30-00-A0' })],
        expect: [[7, 'chfId', 'eui64-format']],
      },
      { name: 'not hex', rows: [ma({ esmeId: '70-B3-D5-1F-30-00-A0-0G' })], expect: [[7, 'esmeId', 'eui64-format']] },
      { name: 'stored as a number', rows: [ma({ gpfId: 7012345678901234 })], expect: [[7, 'gpfId', 'eui64-format']] },
      { name: 'malformed User ID', rows: [ma({})], build: { userId: 'not-an-id' }, expect: [[3, 'userId', 'eui64-format']] },
    ],
  },
  'eui64-canonical': {
    pass: [{ name: 'canonical', rows: [ma({})], expect: [] }],
    fail: [
      {
        name: 'lower case, no separators',
        messages: ['"70b3d51f3000a009" should be written in canonical form: 70-B3-D5-1F-30-00-A0-09.'],
        rows: [ma({ chfId: '70b3d51f3000a009' })],
        expect: [[7, 'chfId', 'eui64-canonical', '70-B3-D5-1F-30-00-A0-09']],
      },
      { name: 'colons', rows: [ma({ esmeId: '70:B3:D5:1F:30:00:A0:10' })], expect: [[7, 'esmeId', 'eui64-canonical', '70-B3-D5-1F-30-00-A0-10']] },
      {
        name: 'mixed separators and spaces',
        rows: [ma({ gpfId: '70 B3-D5:1F.30 00 A0 11' })],
        expect: [[7, 'gpfId', 'eui64-canonical', '70-B3-D5-1F-30-00-A0-11']],
      },
    ],
  },
  'eui64-reserved': {
    pass: [{ name: 'real device', rows: [ma({})], expect: [] }],
    fail: [
      {
        name: 'all zeros',
        messages: ["00-00-00-00-00-00-00-00 is a reserved placeholder, not a real ID. Enter the device's or party's actual EUI-64."],
        rows: [ma({ chfId: '00-00-00-00-00-00-00-00' })],
        expect: [[7, 'chfId', 'eui64-reserved']],
      },
      {
        name: 'all ff, lower case',
        rows: [ma({ chfId: 'ffffffffffffffff' })],
        expect: [
          [7, 'chfId', 'eui64-canonical', 'FF-FF-FF-FF-FF-FF-FF-FF'],
          [7, 'chfId', 'eui64-reserved'],
        ],
      },
    ],
  },
  'group-id-unknown': {
    pass: [
      { name: 'two upper-case letters', rows: [ma({ groupId: 'ZZ' })], expect: [] },
      { name: 'in the workbook list', rows: [ma({ groupId: 'AB' })], build: { validations: [{ sqref: 'A7:A1000', source: '"AA,AB"' }] }, expect: [] },
    ],
    fail: [
      {
        name: 'lower case',
        messages: ['GroupID "aa" is not allowed; "AA" is. GroupIDs are case-sensitive.'],
        rows: [ma({ groupId: 'aa' })],
        expect: [[7, 'groupId', 'group-id-unknown', 'AA']],
      },
      { name: 'not two letters', rows: [ma({ groupId: 'A1' })], expect: [[7, 'groupId', 'group-id-unknown']] },
      {
        name: 'not in the workbook list',
        rows: [ma({ groupId: 'AC' })],
        build: { validations: [{ sqref: 'A7:A1000', source: '"AA,AB"' }] },
        expect: [[7, 'groupId', 'group-id-unknown']],
      },
      { name: 'ea is not exempt', rows: [ma({ groupId: 'ea', eis: 'E' })], expect: [[7, 'groupId', 'group-id-unknown', 'EA']] },
    ],
  },
  'code-value': {
    pass: [
      { name: 'E', rows: [ma({ eis: 'E' })], expect: [] },
      { name: 'Y', rows: [dormant({ firmwareUpgradeRequired: 'Y' })], build: D, expect: [] },
    ],
    fail: [
      {
        name: 'Electricity',
        messages: ['"Electricity" is not an allowed code; use "E".'],
        rows: [ma({ eis: 'Electricity' })],
        expect: [[7, 'eis', 'code-value', 'E']],
      },
      { name: 'lower-case g', rows: [ma({ eis: 'g' })], expect: [[7, 'eis', 'code-value', 'G']] },
      { name: 'unknown code', rows: [ma({ eis: 'X' })], expect: [[7, 'eis', 'code-value']] },
      { name: 'Yes', rows: [dormant({ firmwareUpgradeRequired: 'Yes' })], build: D, expect: [[7, 'firmwareUpgradeRequired', 'code-value', 'Y']] },
      { name: 'boolean FALSE', rows: [dormant({ firmwareUpgradeRequired: false })], build: D, expect: [[7, 'firmwareUpgradeRequired', 'code-value', 'N']] },
    ],
  },
  'date-invalid': {
    pass: [{ name: 'a date cell', rows: [ma({ earliestMigrationDate: { date: '2027-01-04' } })], expect: [] }],
    fail: [
      {
        name: 'DD/MM/YYYY text',
        messages: ['"04/01/2027" is text, not a date. Convert it to the date 2027-01-04.'],
        rows: [ma({ earliestMigrationDate: '04/01/2027' })],
        expect: [[7, 'earliestMigrationDate', 'date-invalid', '2027-01-04']],
      },
      { name: 'D/M/YYYY text', rows: [ma({ earliestMigrationDate: '4/1/2027' })], expect: [[7, 'earliestMigrationDate', 'date-invalid', '2027-01-04']] },
      { name: 'ISO text', rows: [ma({ earliestMigrationDate: '2027-01-04' })], expect: [[7, 'earliestMigrationDate', 'date-invalid', '2027-01-04']] },
      { name: '31/02 is not a day', rows: [ma({ earliestMigrationDate: '31/02/2027' })], expect: [[7, 'earliestMigrationDate', 'date-invalid']] },
      { name: 'plain number', rows: [ma({ earliestMigrationDate: 46400 })], expect: [[7, 'earliestMigrationDate', 'date-invalid']] },
    ],
  },
  'date-in-past': {
    pass: [{ name: 'today', rows: [ma({ earliestMigrationDate: { date: '2026-11-29' } })], expect: [] }],
    fail: [
      { name: 'last year', rows: [ma({ earliestMigrationDate: { date: '2025-11-03' } })], expect: [[7, 'earliestMigrationDate', 'date-in-past']] },
      {
        name: 'dormant: last Monday',
        rows: [dormant({ weekCommencing: { date: '2026-11-23' } })],
        build: D,
        expect: [[7, 'weekCommencing', 'date-in-past']],
        messages: ['2026-11-23 is before today (2026-11-29). Choose a future date.'],
      },
    ],
  },
  'week-commencing-not-monday': {
    pass: [{ name: 'a Monday', rows: [dormant({ weekCommencing: { date: '2027-03-01' } })], build: D, expect: [] }],
    fail: [
      {
        name: 'a Wednesday',
        messages: ['2027-03-03 is a Wednesday; the week commencing should be the Monday, 2027-03-01.'],
        rows: [dormant({ weekCommencing: { date: '2027-03-03' } })],
        build: D,
        expect: [[7, 'weekCommencing', 'week-commencing-not-monday', '2027-03-01']],
      },
      {
        name: 'a Sunday',
        rows: [dormant({ weekCommencing: { date: '2027-03-07' } })],
        build: D,
        expect: [[7, 'weekCommencing', 'week-commencing-not-monday', '2027-03-01']],
      },
    ],
  },
  'required-field': {
    pass: [{ name: 'electricity-only row', rows: [ma(ELEC_ONLY)], expect: [] }],
    fail: [
      { name: 'no CHF', messages: ['CHF Device ID is required but is empty.'], rows: [ma({ chfId: null })], expect: [[7, 'chfId', 'required-field']] },
      { name: 'MPAN without ESME', rows: [ma({ esmeId: null })], expect: [[7, 'esmeId', 'required-field']] },
      {
        name: 'MPRN without GPF and gas EUID',
        rows: [ma({ gpfId: null, gasSupplierEuid: null })],
        expect: [
          [7, 'gpfId', 'required-field'],
          [7, 'gasSupplierEuid', 'required-field'],
        ],
      },
      {
        name: 'dormant without firmware flag',
        rows: [dormant({ firmwareUpgradeRequired: null })],
        build: D,
        expect: [[7, 'firmwareUpgradeRequired', 'required-field']],
      },
    ],
  },
  'meter-point-missing': {
    pass: [{ name: 'gas only', rows: [ma(GAS_ONLY)], expect: [] }],
    fail: [
      {
        name: 'neither MPAN nor MPRN',
        messages: ['This row has neither an MPAN core nor an MPRN. Enter at least one meter point for the installation.'],
        rows: [ma({ mpan: null, mprn: null })],
        expect: [[7, 'mpan', 'meter-point-missing']],
      },
      {
        name: 'neither, nor devices',
        rows: [ma({ mpan: null, mprn: null, esmeId: null, gsmeId: null, gpfId: null })],
        expect: [[7, 'mpan', 'meter-point-missing']],
      },
    ],
  },
  'device-without-meter-point': {
    pass: [{ name: 'electricity only', rows: [ma(ELEC_ONLY)], expect: [] }],
    fail: [
      { name: 'GSME without MPRN', rows: [ma({ ...ELEC_ONLY, gsmeId: '00-12-4B-00-00-02-00-01' })], expect: [[7, 'gsmeId', 'device-without-meter-point']] },
      {
        name: 'ESME without MPAN',
        rows: [ma({ ...GAS_ONLY, esmeId: '00-12-4B-00-00-01-00-01' })],
        expect: [[7, 'esmeId', 'device-without-meter-point']],
        messages: ['ESME Device ID is given but the row has no Import MPAN Core. Add the Import MPAN Core or remove the device.'],
      },
    ],
  },
  'duplicate-meter-point': {
    pass: [{ name: 'distinct', rows: [ma({}, 1), ma({}, 2)], expect: [] }],
    fail: [
      {
        name: 'same MPAN on a later row',
        messages: ['MPAN core 1300000000016 is already on row 7. Keep one row per installation.'],
        rows: [ma({}, 1), ma({ mpan: mpanFor(1) }, 2)],
        expect: [[8, 'mpan', 'duplicate-meter-point']],
      },
      {
        name: 'same MPRN, fixable spelling',
        rows: [ma({}, 1), ma({ mprn: `${mprnFor(1).slice(0, 4)} ${mprnFor(1).slice(4)}` }, 2)],
        expect: [
          [8, 'mprn', 'duplicate-meter-point'],
          [8, 'mprn', 'mprn-format', mprnFor(1)],
        ],
      },
    ],
  },
  'duplicate-across-files': {
    pass: [
      { name: 'one file alone', rows: [ma({}, 1), ma({ mpan: mpanFor(1) }, 2)], expect: [[8, 'mpan', 'duplicate-meter-point']] },
      {
        name: 'other files hold other installations',
        rows: [ma({}, 1)],
        alongside: [
          { file: 'b.xlsm', rows: [ma({}, 2)] },
          { file: 'c.xlsm', rows: [dormant({}, 3)], build: D },
        ],
        expect: [],
      },
      {
        name: 'malformed device IDs do not take part',
        rows: [ma({ chfId: 'not an EUI' }, 1)],
        alongside: [{ file: 'b.xlsm', rows: [ma({ ...ELEC_ONLY, gsmeId: null, chfId: 'not an EUI' }, 2)] }],
        expect: [[7, 'chfId', 'eui64-format']],
      },
    ],
    fail: [
      {
        name: 'the same MPAN in another file',
        messages: [
          'MPAN core 1300000000016 is also in b.xlsm (Migration Authorisation!B8): the same installation would be authorised twice. Keep it in one file.',
        ],
        rows: [ma({}, 1)],
        alongside: [{ file: 'b.xlsm', rows: [ma({}, 2), ma({ mpan: mpanFor(1) }, 3)] }],
        expect: [[7, 'mpan', 'duplicate-across-files']],
      },
      {
        name: 'a CHF in two other files, one in another spelling, and its first place in this file',
        messages: [
          'Device ID 00-12-4B-00-00-03-00-02 is also in b.xlsm (Migration Authorisation!F7) and c.xlsm (Dormant Meter Schedule!F7): the same installation would be authorised twice. Keep it in one file.',
        ],
        rows: [ma({}, 1), ma({}, 2), ma({ chfId: validMaRow(2).chfId }, 3)],
        alongside: [
          { file: 'b.xlsm', rows: [ma({ chfId: (validMaRow(2).chfId as string).toLowerCase() }, 4)] },
          { file: 'c.xlsm', rows: [dormant({ chfId: validMaRow(2).chfId }, 5)], build: D },
        ],
        expect: [
          [8, 'chfId', 'duplicate-across-files'],
          [9, 'chfId', 'duplicate-device-id'],
        ],
      },
      {
        name: 'a whole row copied into another file: each identifier once',
        rows: [ma({}, 1)],
        alongside: [{ file: 'b.xlsm', rows: [ma({}, 1)] }],
        expect: [
          [7, 'mpan', 'duplicate-across-files'],
          [7, 'mprn', 'duplicate-across-files'],
          [7, 'esmeId', 'duplicate-across-files'],
          [7, 'gsmeId', 'duplicate-across-files'],
          [7, 'chfId', 'duplicate-across-files'],
          [7, 'gpfId', 'duplicate-across-files'],
        ],
      },
      {
        name: 'an MPRN in four other files: three named, the rest counted',
        messages: [
          'MPRN 7000000102 is also in b.xlsm (Migration Authorisation!C7), c.xlsm (Migration Authorisation!C7), d.xlsm (Migration Authorisation!C7) and 1 more file: the same installation would be authorised twice. Keep it in one file.',
        ],
        rows: [ma({}, 1)],
        alongside: ['b.xlsm', 'c.xlsm', 'd.xlsm', 'e.xlsm'].map((file, i) => ({ file, rows: [ma({ mprn: mprnFor(1) }, 10 + i)] })),
        expect: [[7, 'mprn', 'duplicate-across-files']],
      },
    ],
  },
  'duplicate-device-id': {
    pass: [{ name: 'distinct', rows: [ma({}, 1), ma({}, 2)], expect: [] }],
    fail: [
      {
        name: 'CHF of row 7 again on row 8, other spelling',
        messages: ['Device ID 00-12-4B-00-00-03-00-01 is already used on row 7. Each device belongs to one installation.'],
        rows: [ma({}, 1), ma({ chfId: (validMaRow(1).chfId as string).toLowerCase() }, 2)],
        expect: [
          [8, 'chfId', 'duplicate-device-id'],
          [8, 'chfId', 'eui64-canonical', validMaRow(1).chfId as string],
        ],
      },
      {
        name: 'repeated in row and from an earlier row',
        rows: [ma({}, 1), ma({ gpfId: validMaRow(1).chfId, chfId: validMaRow(1).chfId }, 2)],
        expect: [
          [8, 'chfId', 'duplicate-device-id'],
          [8, 'gpfId', 'duplicate-device-id'],
        ],
      },
    ],
  },
  'device-id-repeated-in-row': {
    pass: [{ name: 'distinct', rows: [ma({})], expect: [] }],
    fail: [
      { name: 'GPF equals CHF', rows: [ma({ gpfId: validMaRow(1).chfId })], expect: [[7, 'gpfId', 'device-id-repeated-in-row']] },
      {
        name: 'GSME equals ESME',
        rows: [ma({ gsmeId: validMaRow(1).esmeId })],
        expect: [[7, 'gsmeId', 'device-id-repeated-in-row']],
        messages: ['Device ID 00-12-4B-00-00-01-00-01 is also the ESME Device ID of this row. Each device needs its own ID.'],
      },
    ],
  },
  'group-id-exempt': {
    pass: [
      { name: 'ordinary group', rows: [ma({ groupId: 'AA' })], expect: [] },
      { name: 'not in the dormant schedule', rows: [dormant({ groupId: 'EA' })], build: D, expect: [] },
    ],
    fail: [
      {
        name: 'EA',
        messages: ['GroupID EA is exempt: the Energy Installation Supplier rules do not apply to this row, so leave the EIS column empty.'],
        rows: [ma({ groupId: 'EA' })],
        expect: [[7, 'groupId', 'group-id-exempt']],
      },
      {
        name: ' EC with space',
        rows: [ma({ groupId: ' EC' })],
        expect: [
          [7, 'groupId', 'group-id-exempt'],
          [7, 'groupId', 'text-whitespace', 'EC'],
        ],
      },
    ],
  },
  'eis-not-applicable': {
    pass: [{ name: 'exempt, EIS empty', rows: [ma({ groupId: 'EB' })], expect: [[7, 'groupId', 'group-id-exempt']] }],
    fail: [
      {
        name: 'exempt with E',
        messages: ['GroupID EB is exempt, so the Energy Installation Supplier "E" will be ignored. Clear it (or check the GroupID).'],
        rows: [ma({ groupId: 'EB', eis: 'E' })],
        expect: [
          [7, 'groupId', 'group-id-exempt'],
          [7, 'eis', 'eis-not-applicable', ''],
        ],
      },
      {
        name: 'exempt with a bad code gets only this',
        rows: [ma({ groupId: 'EB', eis: 'electricity ' })],
        expect: [
          [7, 'groupId', 'group-id-exempt'],
          [7, 'eis', 'eis-not-applicable', ''],
        ],
      },
    ],
  },
  'eis-required': {
    pass: [
      { name: 'two parties, EIS given', rows: [ma({ gasSupplierEuid: OTHER_PARTY_EUID, eis: 'E' })], expect: [] },
      { name: 'one party, EIS empty', rows: [ma({})], expect: [] },
    ],
    fail: [
      { name: 'two parties, EIS empty', rows: [ma({ gasSupplierEuid: OTHER_PARTY_EUID })], expect: [[7, 'eis', 'eis-required']] },
      {
        name: 'the other party supplies electricity, EIS empty',
        rows: [ma({ elecSupplierEuid: OTHER_PARTY_EUID })],
        expect: [[7, 'eis', 'eis-required']],
        messages: ['The electricity supplier (party 00-B1) and gas supplier (party 00-A0) differ, so the Energy Installation Supplier must be named: E or G.'],
      },
    ],
  },
  'eis-fuel-mismatch': {
    pass: [{ name: 'gas only, G', rows: [ma({ ...GAS_ONLY, eis: 'G' })], expect: [] }],
    fail: [
      {
        name: 'gas only, E',
        messages: ['"E" names the electricity supplier, but the row has no MPAN. Use "G".'],
        rows: [ma({ ...GAS_ONLY, eis: 'E' })],
        expect: [[7, 'eis', 'eis-fuel-mismatch', 'G']],
      },
      { name: 'electricity only, G', rows: [ma({ ...ELEC_ONLY, eis: 'G' })], expect: [[7, 'eis', 'eis-fuel-mismatch', 'E']] },
    ],
  },
  'eis-other-party': {
    pass: [{ name: 'names our fuel', rows: [ma({ gasSupplierEuid: OTHER_PARTY_EUID, eis: 'E' })], expect: [] }],
    fail: [
      { name: 'names the other supplier', rows: [ma({ gasSupplierEuid: OTHER_PARTY_EUID, eis: 'G' })], expect: [[7, 'eis', 'eis-other-party']] },
      {
        name: 'names the other, electricity, supplier',
        rows: [ma({ elecSupplierEuid: OTHER_PARTY_EUID, eis: 'E' })],
        expect: [[7, 'eis', 'eis-other-party']],
        messages: ['"E" makes the electricity supplier (party 00-B1), not your organisation, the coordinating supplier. Check this was agreed with them.'],
      },
    ],
  },
  'euid-party-mismatch': {
    pass: [
      { name: 'our EUID', rows: [ma({})], expect: [] },
      {
        name: 'skipped when an EUID is malformed',
        rows: [ma({ elecSupplierEuid: OTHER_PARTY_EUID, gasSupplierEuid: 'bad' })],
        expect: [[7, 'gasSupplierEuid', 'eui64-format']],
      },
    ],
    fail: [
      {
        name: 'both EUIDs of another party',
        messages: [
          '70-B3-D5-1F-30-00-B1-01 belongs to party 00-B1 (octets 6 and 7), but the submitting User ID belongs to party 00-A0. A row must carry at least one EUID of your organisation.',
        ],
        rows: [ma({ elecSupplierEuid: OTHER_PARTY_EUID, gasSupplierEuid: OTHER_PARTY_EUID })],
        expect: [[7, 'elecSupplierEuid', 'euid-party-mismatch']],
      },
      {
        name: 'dormant supplier EUID of another party',
        rows: [dormant({ supplierEuid: OTHER_PARTY_EUID })],
        build: D,
        expect: [[7, 'supplierEuid', 'euid-party-mismatch']],
      },
    ],
  },
  'euid-other-user-id': {
    pass: [{ name: 'equal to the User ID', rows: [ma({})], expect: [] }],
    fail: [
      { name: 'another EUID of our party', rows: [ma({ elecSupplierEuid: OURS_2 })], expect: [[7, 'elecSupplierEuid', 'euid-other-user-id']] },
      {
        name: 'dormant: another EUID of our party',
        rows: [dormant({ supplierEuid: OURS_2 })],
        build: D,
        expect: [[7, 'supplierEuid', 'euid-other-user-id']],
        messages: [
          '70-B3-D5-1F-30-00-A0-01 differs from the submitting User ID 70-B3-D5-1F-30-00-A0-08 but belongs to the same party (00-A0). That is allowed: a party may hold several EUIDs.',
        ],
      },
    ],
  },
};
