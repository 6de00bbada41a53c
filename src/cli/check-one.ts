import * as path from 'node:path';
import type { ValidationResult } from '../engine/result';
import { ONE_PASS, readWorkbookFile } from '../files';
import { describeFileFailure } from './file-failure';
import type { CommonOptions } from './engine-options';
import { checkSnapshot } from './workbook-check';

/** What checking one file gives back: plain data, so a worker thread can post it to the parent. */
export type FileOutcome =
  | { readonly kind: 'checked'; readonly file: string; readonly result: ValidationResult; readonly notes: readonly string[] }
  | { readonly kind: 'failed'; readonly file: string; readonly message: string };

/** Reads and checks one workbook; a file that cannot be read becomes a one-line message, never a throw. */
export async function checkOneFile(file: string, cwd: string, options: CommonOptions): Promise<FileOutcome> {
  try {
    const snapshot = await readWorkbookFile(path.resolve(cwd, file), ONE_PASS, file);
    const notes: string[] = [];
    const result = checkSnapshot(file, snapshot, options, { err: (t) => notes.push(t) });
    return { kind: 'checked', file, result, notes };
  } catch (e) {
    return { kind: 'failed', file, message: describeFileFailure(file, e) };
  }
}
