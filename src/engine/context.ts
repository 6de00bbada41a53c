import { toA1 } from './address';
import type { AllowedValues } from './allowed-values';
import { resolveAllowedValues } from './allowed-values';
import { displayValue } from './cell';
import type { Detection } from './detect';
import type { Finding, FindingDetails, Fix, FixType } from './finding';
import type { FieldSpec, Profile } from './profile';
import type { RuleMeta } from './rule';
import type { WorkbookSnapshot } from './snapshot';
import { cellAt } from './snapshot';

/** The submitting party as rules need it. */
export interface Submitter {
  readonly canonical: string;
  readonly party: string;
}

/** Everything a row check needs that does not change from row to row. */
export interface RowContext {
  /** Unique per context: lets scratch state remember which context it was filled under without holding it. */
  readonly contextId: number;
  readonly sheet: string;
  readonly profile: Profile;
  readonly detection: Detection;
  readonly allowed: ReadonlyMap<string, AllowedValues>;
  readonly groupIdPattern: RegExp;
  readonly exempt: ReadonlySet<string>;
  readonly today: string;
  submitter: Submitter | undefined;
  /** The header text the workbook uses for each bound field (for messages). */
  readonly headerText: ReadonlyMap<string, string>;
  /** Positions of the supplier EUID fields in `detection.boundFields`, in column order. */
  readonly supplierEuidSlots: readonly number[];
  readonly octetLabel: string;
  /** Positions in `boundFields` of the fields the row rules read, -1 when the column is not bound. */
  readonly slotOf: FieldSlots;
  /** Positions of device fields, in column order. */
  readonly deviceSlots: readonly number[];
}

/** Where the fields the row rules read stand among the bound fields (-1: not bound). */
export interface FieldSlots {
  readonly mpan: number;
  readonly mprn: number;
  readonly eis: number;
  readonly groupId: number;
  readonly esmeId: number;
  readonly gsmeId: number;
  readonly elecSupplierEuid: number;
  readonly gasSupplierEuid: number;
}

let contextsBuilt = 0;

export function buildRowContext(workbook: WorkbookSnapshot, detection: Detection, today: string): RowContext {
  const headerText = new Map<string, string>();
  for (const { field, col } of detection.boundFields) {
    const v = displayValue(cellAt(detection.sheet, detection.headerRow, col).value);
    headerText.set(field.id, String(v).replace(/\s+/g, ' ').trim());
  }
  const profile = detection.profile;
  const slot = (id: string): number => detection.boundFields.findIndex((b) => b.field.id === id);
  return {
    contextId: ++contextsBuilt,
    sheet: detection.sheet.name,
    profile,
    detection,
    allowed: resolveAllowedValues(workbook, detection),
    groupIdPattern: new RegExp(profile.groupIdPattern),
    exempt: new Set(profile.exemptGroupIds),
    today,
    submitter: undefined,
    headerText,
    supplierEuidSlots: detection.boundFields.flatMap((b, i) => (b.field.role === 'supplier-euid' ? [i] : [])),
    octetLabel: `octets ${profile.partyOctets.join(' and ')}`,
    slotOf: {
      mpan: slot('mpan'),
      mprn: slot('mprn'),
      eis: slot('eis'),
      groupId: slot('groupId'),
      esmeId: slot('esmeId'),
      gsmeId: slot('gsmeId'),
      elecSupplierEuid: slot('elecSupplierEuid'),
      gasSupplierEuid: slot('gasSupplierEuid'),
    },
    deviceSlots: detection.boundFields.flatMap((b, i) => (b.field.role === 'device' ? [i] : [])),
  };
}

export const headerOf = (ctx: RowContext, field: FieldSpec): string => ctx.headerText.get(field.id) ?? field.headers[0]!;

const FORMULA_NOTE = ' The value comes from a formula, so no fix is offered: change the formula or its inputs.';

/** Builds a cell finding; a formula cell never carries a fix and says why. */
export function cellFinding(
  rule: RuleMeta,
  ctx: RowContext,
  row: number,
  col: number,
  fieldId: string,
  message: string,
  fix?: { to: string; type: FixType; from: Fix['from']; formula?: boolean },
  details?: FindingDetails,
): Finding {
  const cell = toA1(row, col);
  const formula = fix?.formula === true;
  return {
    ruleId: rule.id,
    severity: rule.severity,
    sheet: ctx.sheet,
    cell,
    row,
    field: fieldId,
    message: formula ? message + FORMULA_NOTE : message,
    fix: fix && !formula ? { cell, from: fix.from, to: fix.to, type: fix.type } : null,
    col,
    ...(details ? { details: formula ? { ...details, formula } : details } : formula ? { details: { formula } } : {}),
  };
}

export function rowFinding(
  rule: RuleMeta,
  sheet: string | null,
  row: number | null,
  fieldId: string | null,
  message: string,
  details?: FindingDetails,
): Finding {
  return { ruleId: rule.id, severity: rule.severity, sheet, cell: null, row, field: fieldId, message, fix: null, col: 0, ...(details ? { details } : {}) };
}
