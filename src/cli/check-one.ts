import * as path from 'node:path';
import type { FileIdentifiers } from '../engine/cross-files';
import type { ValidationResult } from '../engine/result';
import { ONE_PASS, readWorkbookFile } from '../files';
import { describeFileFailure } from './file-failure';
import type { CommonOptions } from './engine-options';
import { checkSnapshotFor } from './workbook-check';

/** What checking one file gives back: plain data, so a worker thread can post it to the parent. */
export type FileOutcome =
  | {
      readonly kind: 'checked';
      readonly file: string;
      readonly result: ValidationResult;
      readonly notes: readonly string[];
      /** The file's identifiers, when asked for (several files, cross-file comparison on): numbers, not the workbook. */
      readonly identifiers?: FileIdentifiers;
    }
  | { readonly kind: 'failed'; readonly file: string; readonly message: string };

/**
 * Reads and checks one workbook; a file that cannot be read becomes a one-line message, never a throw.
 * With `identifiers`, the outcome also carries the file's identifiers for the cross-file comparison.
 */
export async function checkOneFile(file: string, cwd: string, options: CommonOptions, identifiers = false): Promise<FileOutcome> {
  try {
    const snapshot = await readWorkbookFile(path.resolve(cwd, file), ONE_PASS, file);
    const notes: string[] = [];
    const checked = checkSnapshotFor(file, snapshot, options, { err: (t) => notes.push(t) }, identifiers);
    return { kind: 'checked', file, result: checked.result, notes, ...(checked.identifiers ? { identifiers: checked.identifiers } : {}) };
  } catch (e) {
    return { kind: 'failed', file, message: describeFileFailure(file, e) };
  }
}
