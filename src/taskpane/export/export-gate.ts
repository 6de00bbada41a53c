import { exportFileName } from '../../engine/export-name';
import type { Finding } from '../../engine/finding';
import { DEFAULT_PROFILES, type Profile } from '../../engine/profile';
import type { ValidationResult } from '../../engine/result';
import { formatCsv } from '../../formatters/csv-report';
import { formatText } from '../../formatters/text';
import { GatewayError, type ClearOutcome, type GatewayErrorCode } from '../../excel/gateway';
import type { PaneController } from '../pane-controller';
import type { RuleId } from '../../rules';
import type { PaneRule } from '../shared/pane-rule';

/**
 * The export gate's logic, without React: re-check everything, decide whether the workbook is ready,
 * name the submission file (docs/templates.md), clear MAM Prep's highlights so they are not sent to DCC,
 * and build the validation report. Saving the workbook itself is Excel's (or the template macro's) job.
 */

export interface ExportAssessment {
  readonly result: ValidationResult<RuleId>;
  /** No error finding remains. */
  readonly ready: boolean;
  readonly errors: number;
  readonly warnings: readonly Finding<RuleId>[];
  /** The submission file name, or null with `fileNameNote` saying what is missing. */
  readonly fileName: string | null;
  readonly fileNameNote: string | null;
}

export function assessExport(result: ValidationResult<RuleId>, now: Date, profiles: readonly Profile[] = DEFAULT_PROFILES): ExportAssessment {
  const fileName = exportFileName(result, now, profiles);
  return {
    result,
    ready: result.ready,
    errors: result.summary.error,
    warnings: result.findings.filter((f) => f.severity === 'warning'),
    fileName,
    fileNameNote: fileName ? null : fileNameNote(result),
  };
}

function fileNameNote(result: ValidationResult<RuleId>): string {
  if (!result.template) return 'No template was recognised, so there is no submission file name.';
  if (!result.userId) return 'The submission file name needs the submitting User ID: enter it in the workbook or in Settings.';
  if (!result.serviceProvider) return "The submission file name needs the SMETS1 Service Provider from the workbook's header block.";
  return "The submission file name could not be made from the workbook's User ID.";
}

export interface ValidationReports {
  readonly csv: string;
  readonly text: string;
}

/** The findings as CSV (formula-safe) and as the CLI's plain-text summary. */
export function validationReports(result: ValidationResult<RuleId>, fileLabel: string, rules: readonly PaneRule[], version: string): ValidationReports {
  const reports = [{ file: fileLabel, result }];
  const context = { tool: 'mam-prep', version, rules, color: false };
  return { csv: formatCsv(reports, context), text: formatText(reports, context) };
}

/** What clearing MAM Prep's highlights before export really did in the workbook. */
export type HighlightClear = { readonly kind: 'cleared'; readonly outcome: ClearOutcome } | { readonly kind: 'failed'; readonly code: GatewayErrorCode | null };

export type ExportCheck =
  | { readonly kind: 'checked'; readonly assessment: ExportAssessment; readonly clear: HighlightClear | null }
  | { readonly kind: 'failed'; readonly message: string };

export interface ExportCheckDeps {
  readonly controller: Pick<PaneController, 'recheck' | 'getState'>;
  /** Searches every sheet for MAM Prep's formats, deletes them and verifies none remain. */
  readonly clearHighlights: () => Promise<ClearOutcome>;
}

/**
 * Runs a full re-check through the pane controller, then assesses the result. A ready workbook has
 * every MAM Prep format removed (they are conditional formats, so they would travel to DCC in the
 * file) and the clear verified; one that is not ready keeps them so the analyst can find what is
 * left. The highlights switch stays on: the pane keeps watching, and the next edit (or the analyst's
 * request) brings the highlights back.
 */
export async function runExportCheck(deps: ExportCheckDeps, profiles: readonly Profile[], now: Date): Promise<ExportCheck> {
  try {
    await deps.controller.recheck();
  } catch {
    return { kind: 'failed', message: 'The workbook could not be checked again. Try once more.' };
  }
  const state = deps.controller.getState();
  if (state.phase === 'failed' || !state.result) return { kind: 'failed', message: state.error ?? 'The workbook could not be checked again. Try once more.' };
  const assessment = assessExport(state.result, now, profiles);
  if (!assessment.ready) return { kind: 'checked', assessment, clear: null };
  let clear: HighlightClear;
  try {
    clear = { kind: 'cleared', outcome: await deps.clearHighlights() };
  } catch (error) {
    clear = { kind: 'failed', code: error instanceof GatewayError ? error.code : null };
  }
  return { kind: 'checked', assessment, clear };
}

/**
 * What happened to the highlights, in words that match the workbook: never "removed" unless the
 * gateway verified that none remain.
 */
function clearMessage(clear: HighlightClear): { readonly clean: boolean; readonly text: string } {
  if (clear.kind === 'failed') {
    const why =
      clear.code === 'edit-mode'
        ? 'Excel is editing a cell. Press Enter or Esc in the cell, then check again.'
        : clear.code === 'protected'
          ? 'A sheet is protected. Unprotect it (Review > Unprotect Sheet), then check again.'
          : 'Check again, or remove them with Home > Conditional Formatting > Clear Rules.';
    return { clean: false, text: `MAM Prep's cell highlights could not be removed, so they may still be in the workbook. ${why}` };
  }
  const { removed, remaining, protectedSheets } = clear.outcome;
  if (remaining > 0) {
    const where =
      protectedSheets.length > 0 ? ` on protected ${protectedSheets.length === 1 ? 'sheet' : 'sheets'} ${protectedSheets.map((s) => `"${s}"`).join(', ')}` : '';
    const removedPart = removed > 0 ? `Removed ${plural(removed, 'highlight format', 'highlight formats')}, but ` : '';
    return {
      clean: false,
      text: `${removedPart}${plural(remaining, 'MAM Prep highlight format is', 'MAM Prep highlight formats are')} still in the workbook${where}. They would be sent to DCC: unprotect the sheet, then check again.`,
    };
  }
  if (removed === 0) return { clean: true, text: 'The workbook holds no MAM Prep highlights, so none are sent to DCC.' };
  return {
    clean: true,
    text: `Removed ${plural(removed, 'MAM Prep highlight format', 'MAM Prep highlight formats')} so they are not sent to DCC; none remain.`,
  };
}

/**
 * The highlight message to show beside the verdict. "The workbook holds no highlights" describes the
 * workbook as checked: once it has changed (any verdict but ready, as a clear only follows a ready
 * check), the pane may have highlighted a new mistake, so it is no longer said.
 */
export function clearMessageNow(clear: HighlightClear, verdict: ExportVerdict | null): { readonly clean: boolean; readonly text: string } | null {
  const heldNone = clear.kind === 'cleared' && clear.outcome.removed === 0 && clear.outcome.remaining === 0;
  return heldNone && verdict !== null && verdict.kind !== 'ready' ? null : clearMessage(clear);
}

/** The gate's verdict against the pane's latest result: a new error after the check makes it not ready at once. */
export type ExportVerdict =
  { readonly kind: 'ready' } | { readonly kind: 'not-ready'; readonly errors: number; readonly sinceCheck: boolean } | { readonly kind: 'changed' };

export function exportVerdict(assessment: ExportAssessment, current: ValidationResult<RuleId> | null | undefined): ExportVerdict {
  if (!current || current === assessment.result)
    return assessment.ready ? { kind: 'ready' } : { kind: 'not-ready', errors: assessment.errors, sinceCheck: false };
  if (current.summary.error > 0) return { kind: 'not-ready', errors: current.summary.error, sinceCheck: assessment.ready };
  return { kind: 'changed' };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
