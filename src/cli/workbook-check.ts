import type { FileIdentifiers } from '../engine/cross-files';
import { ValidationSession } from '../engine/validate';
import { RULES } from '../rules';
import type { ValidationResult } from '../engine/result';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { SEVERITY_RANK } from '../engine/finding';
import { safeForTerminal } from '../formatters/text';
import type { CliIo } from './cli-io';
import type { CommonOptions, FailOn } from './engine-options';

/** Runs the engine on a snapshot and tells the user when the workbook's own User ID wins over --user-id. */
export function checkSnapshot(file: string, snapshot: WorkbookSnapshot, options: CommonOptions, io: Pick<CliIo, 'err'>): ValidationResult {
  return checkSnapshotFor(file, snapshot, options, io, false).result;
}

/**
 * As checkSnapshot, and with `identifiers` the file's MPANs, MPRNs and device IDs at their first
 * places, for comparing the files of a run (duplicate-across-files).
 */
export function checkSnapshotFor(
  file: string,
  snapshot: WorkbookSnapshot,
  options: CommonOptions,
  io: Pick<CliIo, 'err'>,
  identifiers: boolean,
): { result: ValidationResult; identifiers: FileIdentifiers | undefined } {
  const session = new ValidationSession(snapshot, {
    rules: RULES,
    today: options.today,
    ...(options.userId ? { userId: options.userId } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
  });
  const result = session.result();
  if (options.userId && result.userIdSource === 'workbook') {
    // The User ID comes from a cell: its control characters are shown escaped.
    io.err(
      `mam-prep: ${safeForTerminal(`${file}: the workbook states its own User ID (${result.userId ?? '?'}), which wins over --user-id ${options.userIdGiven}`)}\n`,
    );
  }
  return { result, identifiers: identifiers ? session.identifiers() : undefined };
}

/** Whether any finding is at or above the --fail-on threshold. */
export function failsThreshold(results: readonly ValidationResult[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const min = SEVERITY_RANK[failOn];
  return results.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= min));
}
