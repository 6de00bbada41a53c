import { type Cell, date, text } from '../../engine/cell';
import { DEFAULT_PROFILES } from '../../engine/profile';
import type { EngineOptions } from '../../engine/result';
import type { TrainingExample } from '../../engine/rule';
import { RULES, type RuleId } from '../../rules';
import { EXAMPLE_USER_ID, exampleDeviceId, exampleMpan, exampleMprn, futureMonday } from './sample-identifiers';
import { buildTemplateGrid, FIRST_DATA_ROW, type FieldRow, type TemplateId } from './template-layout';
import type { PaneRule } from '../shared/pane-rule';

/**
 * Trainer mode's training sheet: laid out like the template, a correct row first, then one row per
 * rule showing a typical mistake, each labelled in an extra "Mistake to find" column (an unknown
 * header, so the engine ignores it). Pure: the pane inserts the grid through the gateway as a new
 * sheet and never touches the user's data sheet.
 */

type MutableRow = Record<string, Cell | undefined>;

interface RowExample extends TrainingExample {
  readonly ruleId: RuleId;
}

const isMa = (t: TemplateId): boolean => t === 'migration-authorisation';

// Justified use of the catalogue outside the composition roots: the training sheet's rows are the
// rules' own training examples, and `trainingRuleIds`/`NOT_ON_A_ROW` (used by the training panel)
// take no catalogue argument.
/** One typical mistake per row-level rule, from the rules' own training examples, in rule id order. */
const ROW_EXAMPLES: readonly RowExample[] = RULES.flatMap((r) =>
  typeof r.training === 'object' && 'mistake' in r.training ? [{ ...r.training, ruleId: r.id }] : [],
);

/** Rules about the header block or the file as a whole, and why no data row can show them. */
export const NOT_ON_A_ROW: ReadonlyMap<RuleId, string> = new Map(
  RULES.flatMap((r) => (typeof r.training === 'object' && 'notOnARow' in r.training ? [[r.id, r.training.notOnARow] as const] : [])),
);

/** Rules that compare the files of a command-line run: one workbook, and so the pane, never shows them. */
export const ACROSS_FILES_RULES: readonly RuleId[] = RULES.filter((r) => r.training === 'across-files').map((r) => r.id);

/** Rule ids with a training row on this template's sheet, in sheet order. */
export function trainingRuleIds(template: TemplateId): RuleId[] {
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
  readonly ruleId: RuleId | null;
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
export function buildTrainingSheet(template: TemplateId, today: string, rules: readonly PaneRule[]): TrainingSheet {
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
export function trainingEngineOptions(base: EngineOptions<RuleId>, trainingSheet: string | null): EngineOptions<RuleId> {
  if (trainingSheet === null) return base;
  const profiles = (base.profiles ?? DEFAULT_PROFILES).map((p) => ({ ...p, dataSheet: trainingSheet }));
  return { ...base, profiles };
}
