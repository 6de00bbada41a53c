import { WorkbookFileError } from '../files/file-error';
import { safeForTerminal } from '../formatters/text';

/**
 * One line naming the file and the reason; never a stack trace. The reason may quote the file (a
 * zip entry's name, a sheet's name): control characters in it are shown as \u escapes, so it can
 * neither clear the terminal nor break the line.
 */
export function describeFileFailure(file: string, e: unknown): string {
  if (e instanceof WorkbookFileError) return safeForTerminal(e.message);
  return safeForTerminal(`${file}: could not be checked (${e instanceof Error ? e.message : String(e)})`);
}
