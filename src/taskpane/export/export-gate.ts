import { exportFileName } from '../../engine/export-name';
import type { Finding } from '../../engine/finding';
import { DEFAULT_PROFILES, type Profile } from '../../engine/profile';
import type { RuleMeta } from '../../engine/rule';
import type { ValidationResult } from '../../engine/result';
import { formatCsv } from '../../formatters/csv-report';
import { formatText } from '../../formatters/text';
import type { PaneController } from '../pane-controller';

/**
 * The export gate's logic, without React: re-check everything, decide whether the workbook is ready,
 * name the submission file (templates.md), clear MAM Prep's highlights so they are not sent to DCC,
 * and build the validation report. Saving the workbook itself is Excel's (or the template macro's) job.
 */

export interface ExportAssessment {
  readonly result: ValidationResult;
  /** No error finding remains. */
  readonly ready: boolean;
  readonly errors: number;
  readonly warnings: readonly Finding[];
  /** The submission file name, or null with `fileNameNote` saying what is missing. */
  readonly fileName: string | null;
  readonly fileNameNote: string | null;
}

export function assessExport(result: ValidationResult, now: Date, profiles: readonly Profile[] = DEFAULT_PROFILES): ExportAssessment {
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

function fileNameNote(result: ValidationResult): string {
  if (!result.template) return 'No template was recognised, so there is no submission file name.';
  if (!result.userId) return 'The submission file name needs the submitting User ID: enter it in the workbook or in Settings.';
  if (!result.serviceProvider) return 'The submission file name needs the SMETS1 Service Provider from the workbook\'s header block.';
  return 'The submission file name could not be made from the workbook\'s User ID.';
}

export interface ValidationReports {
  readonly csv: string;
  readonly text: string;
}

/** The findings as CSV (formula-safe) and as the CLI's plain-text summary. */
export function validationReports(result: ValidationResult, fileLabel: string, rules: readonly RuleMeta[], version: string): ValidationReports {
  const reports = [{ file: fileLabel, result }];
  const context = { tool: 'mam-prep', version, rules, color: false };
  return { csv: formatCsv(reports, context), text: formatText(reports, context) };
}

export type ExportCheck =
  | { readonly kind: 'checked'; readonly assessment: ExportAssessment; readonly highlightsCleared: boolean }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Runs a full re-check through the pane controller, then assesses the result. A ready workbook has
 * its highlights removed (they are conditional formats, so they would travel to DCC in the file);
 * one that is not ready keeps them so the analyst can find what is left.
 */
export async function runExportCheck(controller: Pick<PaneController, 'recheck' | 'getState' | 'setHighlights'>, profiles: readonly Profile[], now: Date): Promise<ExportCheck> {
  try {
    await controller.recheck();
  } catch {
    return { kind: 'failed', message: 'The workbook could not be checked again. Try once more.' };
  }
  const state = controller.getState();
  if (state.phase === 'failed' || !state.result) return { kind: 'failed', message: state.error ?? 'The workbook could not be checked again. Try once more.' };
  const assessment = assessExport(state.result, now, profiles);
  let highlightsCleared = false;
  if (assessment.ready) {
    try {
      await controller.setHighlights(false);
      highlightsCleared = true;
    } catch {
      highlightsCleared = false;
    }
  }
  return { kind: 'checked', assessment, highlightsCleared };
}
