import { validateWorkbook } from '../engine/validate';
import { RULES } from '../rules';
import type { ValidationResult } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { SEVERITY_RANK } from '../engine/finding';
import { safeForTerminal } from '../formatters/text';
import type { CliIo } from './cli-io';
import type { CommonOptions, FailOn } from './engine-options';

/** Runs the engine on a snapshot and tells the user when the workbook's own User ID wins over --user-id. */
export function checkSnapshot(file: string, snapshot: WorkbookSnapshot, options: CommonOptions, io: Pick<CliIo, 'err'>): ValidationResult {
  const result = validateWorkbook(snapshot, {
    rules: RULES,
    today: options.today,
    ...(options.userId ? { userId: options.userId } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
  });
  if (options.userId && result.userIdSource === 'workbook') {
    // The User ID comes from a cell: its control characters are shown escaped.
    io.err(`mam-prep: ${safeForTerminal(`${file}: the workbook states its own User ID (${result.userId ?? '?'}), which wins over --user-id ${options.userIdGiven}`)}\n`);
  }
  return result;
}

/** Whether any finding is at or above the --fail-on threshold. */
export function failsThreshold(results: readonly ValidationResult[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const min = SEVERITY_RANK[failOn];
  return results.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= min));
}
