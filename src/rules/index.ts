import type { Finding } from '../engine/finding';
import type { Rule } from '../engine/rule';
import { blankRow } from './blank-row';
import { cellErrorValue } from './cell-error-value';
import { codeValue } from './code-value';
import { columnMissing } from './column-missing';
import { dateInPast } from './date-in-past';
import { dateInvalid } from './date-invalid';
import { deviceIdRepeatedInRow } from './device-id-repeated-in-row';
import { deviceWithoutMeterPoint } from './device-without-meter-point';
import { duplicateAcrossFiles } from './duplicate-across-files';
import { duplicateDeviceId } from './duplicate-device-id';
import { duplicateMeterPoint } from './duplicate-meter-point';
import { eisFuelMismatch } from './eis-fuel-mismatch';
import { eisNotApplicable } from './eis-not-applicable';
import { eisOtherParty } from './eis-other-party';
import { eisRequired } from './eis-required';
import { eui64Canonical } from './eui64-canonical';
import { eui64Format } from './eui64-format';
import { eui64Reserved } from './eui64-reserved';
import { euidOtherUserId } from './euid-other-user-id';
import { euidPartyMismatch } from './euid-party-mismatch';
import { groupIdExempt } from './group-id-exempt';
import { groupIdUnknown } from './group-id-unknown';
import { identifierStoredAsNumber } from './identifier-stored-as-number';
import { meterPointMissing } from './meter-point-missing';
import { mpanCheckDigit } from './mpan-check-digit';
import { mpanDistributor } from './mpan-distributor';
import { mpanFormat } from './mpan-format';
import { mprnCheckDigit } from './mprn-check-digit';
import { mprnFormat } from './mprn-format';
import { requiredField } from './required-field';
import { submitterUserId } from './submitter-user-id';
import { templateUnrecognised } from './template-unrecognised';
import { templateVersion } from './template-version';
import { textWhitespace } from './text-whitespace';
import { weekCommencingNotMonday } from './week-commencing-not-monday';

/** Every rule, as written: the `RuleId` union is derived from it. */
const ALL = [
  blankRow,
  cellErrorValue,
  codeValue,
  columnMissing,
  dateInPast,
  dateInvalid,
  deviceIdRepeatedInRow,
  deviceWithoutMeterPoint,
  duplicateAcrossFiles,
  duplicateDeviceId,
  duplicateMeterPoint,
  eisFuelMismatch,
  eisNotApplicable,
  eisOtherParty,
  eisRequired,
  eui64Canonical,
  eui64Format,
  eui64Reserved,
  euidOtherUserId,
  euidPartyMismatch,
  groupIdExempt,
  groupIdUnknown,
  identifierStoredAsNumber,
  meterPointMissing,
  mpanCheckDigit,
  mpanDistributor,
  mpanFormat,
  mprnCheckDigit,
  mprnFormat,
  requiredField,
  submitterUserId,
  templateUnrecognised,
  templateVersion,
  textWhitespace,
  weekCommencingNotMonday,
] as const;

/** The id of a rule in the catalogue. */
export type RuleId = (typeof ALL)[number]['id'];

/** A rule of the catalogue. */
export type CatalogueRule = Rule<RuleId>;

/** A finding of the catalogue's rules: what the engine returns when handed `RULES`. */
export type CatalogueFinding = Finding<RuleId>;

/**
 * The rule catalogue, sorted by id: the composition roots (CLI, pane, demo) hand it to the engine.
 * Adding a rule: one file (metadata, check, messages, fix, training example), its line above, one test table.
 */
export const RULES: readonly CatalogueRule[] = Object.freeze([...ALL].sort((a, b) => (a.id < b.id ? -1 : 1)));

const BY_ID = new Map<string, CatalogueRule>(RULES.map((r) => [r.id, r]));

export const isRuleId = (id: string): id is RuleId => BY_ID.has(id);

export const ruleById = (id: string): CatalogueRule | undefined => BY_ID.get(id);

/** A rule's evaluation stage, for the fix planner; unknown ids sort last. */
export const stageOf = (id: string): number => BY_ID.get(id)?.stage ?? Number.MAX_SAFE_INTEGER;
