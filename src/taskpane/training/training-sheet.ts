import { type Cell, date, err, num, text } from '../../engine/cell';
import { DEFAULT_PROFILES } from '../../engine/profile';
import type { EngineOptions } from '../../engine/result';
import type { RuleMeta } from '../../engine/rule';
import {
  addDays, EXAMPLE_OTHER_PARTY_EUID, EXAMPLE_SAME_PARTY_EUID, EXAMPLE_USER_ID, exampleDeviceId, exampleMpan, exampleMprn, futureMonday,
} from './sample-identifiers';
import { buildTemplateGrid, FIRST_DATA_ROW, type FieldRow, type TemplateId } from './template-layout';

/**
 * Trainer mode's training sheet: laid out like the template, a correct row first, then one row per
 * rule showing a typical mistake, each labelled in an extra "Mistake to find" column (an unknown
 * header, so the engine ignores it). Pure: the pane inserts the grid through the gateway as a new
 * sheet and never touches the user's data sheet.
 */

type MutableRow = Record<string, Cell | undefined>;

interface ExampleContext {
  readonly template: TemplateId;
  /** The row's own unique index (its identifiers do not occur anywhere else on the sheet). */
  readonly index: number;
  /** The correct reference row (the sheet's first data row). */
  readonly reference: Readonly<MutableRow>;
  readonly today: string;
}

interface RowExample {
  readonly ruleId: string;
  readonly templates: readonly TemplateId[];
  /** The field whose cell carries the finding; null for a row-level finding. */
  readonly field: (template: TemplateId) => string | null;
  /** Turns a correct row into the mistake (null: the row is left empty). */
  readonly mistake: (row: MutableRow, ctx: ExampleContext) => MutableRow | null;
  /** Findings the mistake brings along by design (an exempt GroupID is always pointed out). */
  readonly companions?: readonly TrainingFinding[];
}

const BOTH: readonly TemplateId[] = ['migration-authorisation', 'dormant-schedule'];
const MA_ONLY: readonly TemplateId[] = ['migration-authorisation'];
const DORMANT_ONLY: readonly TemplateId[] = ['dormant-schedule'];

const isMa = (t: TemplateId): boolean => t === 'migration-authorisation';
const dateField = (t: TemplateId): string => (isMa(t) ? 'earliestMigrationDate' : 'weekCommencing');
const supplierField = (t: TemplateId): string => (isMa(t) ? 'elecSupplierEuid' : 'supplierEuid');
const fixed = (field: string | null) => (): string | null => field;
const textOf = (cell: Cell | undefined): string => (cell?.value.kind === 'text' ? cell.value.text : '');
/** The row without a gas meter point (MA: also without the gas-only columns). */
const electricityOnly = (row: MutableRow): MutableRow => ({ ...row, mprn: undefined, gsmeId: undefined, gpfId: undefined, gasSupplierEuid: undefined });

/** One typical mistake per row-level rule. Rules about the header block or the file are in HEADER_RULES. */
const ROW_EXAMPLES: readonly RowExample[] = [
  { ruleId: 'blank-row', templates: BOTH, field: fixed(null), mistake: () => null },
  { ruleId: 'cell-error-value', templates: BOTH, field: fixed('chfId'), mistake: (row) => ({ ...row, chfId: err('#N/A') }) },
  {
    ruleId: 'code-value', templates: BOTH,
    field: (t) => (isMa(t) ? 'eis' : 'firmwareUpgradeRequired'),
    mistake: (row, { template }) => (isMa(template) ? { ...row, eis: text('Electricity') } : { ...row, firmwareUpgradeRequired: text('Yes') }),
  },
  { ruleId: 'date-in-past', templates: BOTH, field: dateField, mistake: (row, { template }) => ({ ...row, [dateField(template)]: date('2019-04-01') }) },
  {
    ruleId: 'date-invalid', templates: BOTH, field: dateField,
    mistake: (row, { template, today }) => {
      const [y, m, d] = futureMonday(today).split('-');
      return { ...row, [dateField(template)]: text(`${d}/${m}/${y}`) };
    },
  },
  { ruleId: 'device-id-repeated-in-row', templates: BOTH, field: fixed('gpfId'), mistake: (row) => ({ ...row, gpfId: row.chfId }) },
  {
    ruleId: 'device-without-meter-point', templates: BOTH, field: fixed('gsmeId'),
    mistake: (row) => ({ ...electricityOnly(row), gsmeId: row.gsmeId }),
  },
  { ruleId: 'duplicate-device-id', templates: BOTH, field: fixed('chfId'), mistake: (row, { reference }) => ({ ...row, chfId: reference.chfId }) },
  { ruleId: 'duplicate-meter-point', templates: BOTH, field: fixed('mpan'), mistake: (row, { reference }) => ({ ...row, mpan: reference.mpan }) },
  { ruleId: 'eis-fuel-mismatch', templates: MA_ONLY, field: fixed('eis'), mistake: (row) => ({ ...electricityOnly(row), eis: text('G') }) },
  {
    ruleId: 'eis-not-applicable', templates: MA_ONLY, field: fixed('eis'),
    mistake: (row) => ({ ...row, groupId: text('EA'), eis: text('E') }),
    companions: [{ ruleId: 'group-id-exempt', field: 'groupId' }],
  },
  {
    ruleId: 'eis-other-party', templates: MA_ONLY, field: fixed('eis'),
    mistake: (row) => ({ ...row, gasSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID), eis: text('G') }),
  },
  { ruleId: 'eis-required', templates: MA_ONLY, field: fixed('eis'), mistake: (row) => ({ ...row, gasSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID) }) },
  {
    ruleId: 'eui64-canonical', templates: BOTH, field: fixed('esmeId'),
    mistake: (row) => ({ ...row, esmeId: text(textOf(row.esmeId).replace(/-/g, '').toLowerCase()) }),
  },
  { ruleId: 'eui64-format', templates: BOTH, field: fixed('chfId'), mistake: (row) => ({ ...row, chfId: text(textOf(row.chfId).slice(0, 20)) }) },
  { ruleId: 'eui64-reserved', templates: BOTH, field: fixed('esmeId'), mistake: (row) => ({ ...row, esmeId: text('00-00-00-00-00-00-00-00') }) },
  {
    ruleId: 'euid-other-user-id', templates: BOTH, field: supplierField,
    mistake: (row, { template }) => ({ ...row, [supplierField(template)]: text(EXAMPLE_SAME_PARTY_EUID) }),
  },
  {
    ruleId: 'euid-party-mismatch', templates: BOTH, field: supplierField,
    mistake: (row, { template }) =>
      isMa(template)
        ? { ...row, elecSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID), gasSupplierEuid: text(EXAMPLE_OTHER_PARTY_EUID) }
        : { ...row, supplierEuid: text(EXAMPLE_OTHER_PARTY_EUID) },
  },
  { ruleId: 'group-id-exempt', templates: MA_ONLY, field: fixed('groupId'), mistake: (row) => ({ ...row, groupId: text('EB') }) },
  { ruleId: 'group-id-unknown', templates: BOTH, field: fixed('groupId'), mistake: (row) => ({ ...row, groupId: text('aa') }) },
  {
    ruleId: 'identifier-stored-as-number', templates: BOTH, field: fixed('mpan'),
    mistake: (row) => ({ ...row, mpan: num(Number(textOf(row.mpan))) }),
  },
  { ruleId: 'meter-point-missing', templates: BOTH, field: fixed('mpan'), mistake: (row) => ({ ...row, mpan: undefined, mprn: undefined }) },
  {
    ruleId: 'mpan-check-digit', templates: BOTH, field: fixed('mpan'),
    mistake: (row) => {
      const mpan = textOf(row.mpan);
      return { ...row, mpan: text(mpan.slice(0, 12) + String((Number(mpan[12]) + 1) % 10)) };
    },
  },
  { ruleId: 'mpan-distributor', templates: BOTH, field: fixed('mpan'), mistake: (row, { index }) => ({ ...row, mpan: text(exampleMpan(index, 9)) }) },
  {
    ruleId: 'mpan-format', templates: BOTH, field: fixed('mpan'),
    mistake: (row) => ({ ...row, mpan: text(textOf(row.mpan).replace(/^(\d{2})(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3 $4')) }),
  },
  {
    ruleId: 'mprn-check-digit', templates: BOTH, field: fixed('mprn'),
    mistake: (row) => {
      const mprn = textOf(row.mprn);
      return { ...row, mprn: text(mprn.slice(0, -1) + String((Number(mprn.slice(-1)) + 1) % 10)) };
    },
  },
  {
    ruleId: 'mprn-format', templates: BOTH, field: fixed('mprn'),
    mistake: (row) => ({ ...row, mprn: text(textOf(row.mprn).replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3')) }),
  },
  { ruleId: 'required-field', templates: BOTH, field: fixed('chfId'), mistake: (row) => ({ ...row, chfId: undefined }) },
  { ruleId: 'text-whitespace', templates: BOTH, field: fixed('mpan'), mistake: (row) => ({ ...row, mpan: text(`${textOf(row.mpan)} `) }) },
  {
    ruleId: 'week-commencing-not-monday', templates: DORMANT_ONLY, field: fixed('weekCommencing'),
    mistake: (row, { today }) => ({ ...row, weekCommencing: date(addDays(futureMonday(today), 2)) }),
  },
];

/** Rules about the header block or the file as a whole: no data row can show them. */
export const HEADER_RULES: readonly string[] = ['column-missing', 'submitter-user-id', 'template-unrecognised', 'template-version'];

/** Rule ids with a training row on this template's sheet, in sheet order. */
export function trainingRuleIds(template: TemplateId): string[] {
  return ROW_EXAMPLES.filter((e) => e.templates.includes(template)).map((e) => e.ruleId);
}

export interface TrainingFinding {
  readonly ruleId: string;
  readonly field: string | null;
}

export interface TrainingRow {
  /** Spreadsheet row. */
  readonly row: number;
  /** The rule this row demonstrates; null for the correct reference row. */
  readonly ruleId: string | null;
  /** The field whose cell carries the finding (null: the finding is about the whole row). */
  readonly field: string | null;
  /** Other findings this row shows by design, besides its rule's. */
  readonly companions: readonly TrainingFinding[];
}

export interface TrainingSheet {
  readonly template: TemplateId;
  readonly grid: Array<Array<Cell | undefined>>;
  readonly rows: readonly TrainingRow[];
}

export const MISTAKE_COLUMN_HEADER = 'Mistake to find';
export const REFERENCE_NOTE = 'None: a correct row, to compare with the rows below';

function correctRow(template: TemplateId, index: number, today: string): MutableRow {
  const shared: MutableRow = {
    groupId: text('AA'),
    mpan: text(exampleMpan(index)),
    mprn: text(exampleMprn(index)),
    esmeId: text(exampleDeviceId('esme', index)),
    gsmeId: text(exampleDeviceId('gsme', index)),
    chfId: text(exampleDeviceId('chf', index)),
    gpfId: text(exampleDeviceId('gpf', index)),
    smsoReference: text(`TRAINING-${String(index).padStart(3, '0')}`),
  };
  if (isMa(template)) {
    return { ...shared, elecSupplierEuid: text(EXAMPLE_USER_ID), gasSupplierEuid: text(EXAMPLE_USER_ID), earliestMigrationDate: date(futureMonday(today)) };
  }
  return { ...shared, supplierEuid: text(EXAMPLE_USER_ID), weekCommencing: date(futureMonday(today)), firmwareUpgradeRequired: text('N') };
}

/**
 * Builds the training sheet for a template. `today` (YYYY-MM-DD) keeps the correct dates in the
 * future; `rules` supplies the titles for the "Mistake to find" column.
 */
export function buildTrainingSheet(template: TemplateId, today: string, rules: readonly RuleMeta[]): TrainingSheet {
  const titles = new Map(rules.map((r) => [r.id, r.title]));
  const reference = correctRow(template, 0, today);
  const examples = ROW_EXAMPLES.filter((e) => e.templates.includes(template));
  const fieldRows: FieldRow[] = [reference];
  const notes: string[] = [REFERENCE_NOTE];
  const rows: TrainingRow[] = [{ row: FIRST_DATA_ROW, ruleId: null, field: null, companions: [] }];
  examples.forEach((example, i) => {
    const index = i + 1;
    const row = example.mistake(correctRow(template, index, today), { template, index, reference, today });
    fieldRows.push(row);
    notes.push(`${example.ruleId}: ${titles.get(example.ruleId) ?? example.ruleId}`);
    rows.push({ row: FIRST_DATA_ROW + index, ruleId: example.ruleId, field: example.field(template), companions: example.companions ?? [] });
  });
  const grid = buildTemplateGrid({
    template,
    title: `${isMa(template) ? 'SMETS1 Migration Authorisation' : 'SMETS1 Dormant Meter Migration Schedule'} (MAM Prep training sheet)`,
    userId: EXAMPLE_USER_ID,
    ...(isMa(template) ? { serviceProvider: 'CGI' } : {}),
    rows: fieldRows,
    extraColumns: [{ header: MISTAKE_COLUMN_HEADER, values: notes }],
  });
  return { template, grid, rows };
}

export const TRAINING_SHEET_NAME = 'MAM Prep training';

/** A sheet name not already taken (Excel compares sheet names case-insensitively). */
export function trainingSheetName(existing: readonly string[], base = TRAINING_SHEET_NAME): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Engine options that validate the training sheet rather than the user's data sheet: the engine
 * prefers the sheet named as the profile's data sheet, so naming the training sheet there is enough.
 * The user's sheet is left as it is; it is checked again as soon as the trainer leaves training.
 */
export function trainingEngineOptions(base: EngineOptions, trainingSheet: string | null): EngineOptions {
  if (trainingSheet === null) return base;
  const profiles = (base.profiles ?? DEFAULT_PROFILES).map((p) => ({ ...p, dataSheet: trainingSheet }));
  return { ...base, profiles };
}
