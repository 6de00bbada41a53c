import * as path from 'node:path';
import type { ValidationResult } from '../engine/result';
import { RULES } from '../rules';
import { ONE_PASS, WorkbookFileError, readWorkbookFile } from '../files';
import { CHUNKED_FORMATTERS, FileReport, isFormatName } from '../formatters';
import { safeForTerminal } from '../formatters/text';
import type { ParsedArgs } from './args';
import { CliIo, useColour, writeChunks } from './cli-io';
import { readCommonOptions } from './engine-options';
import { UsageError } from './usage-error';
import { TOOL_NAME, TOOL_VERSION } from './version';
import { checkSnapshot, failsThreshold } from './workbook-check';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_FILE = 2;

/** `mam-prep check <file>...`: unreadable files are reported on stderr and left out; the rest are checked. */
export async function runCheck(args: ParsedArgs, io: CliIo): Promise<number> {
  if (!args.positionals.length) throw new UsageError('check needs at least one workbook file');
  const format = args.options.get('format') ?? 'text';
  if (!isFormatName(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  const options = await readCommonOptions(args.options, io);
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of args.positionals) {
    try {
      const snapshot = await readWorkbookFile(path.resolve(io.cwd, file), ONE_PASS, file);
      reports.push({ file, result: checkSnapshot(file, snapshot, options, io) });
    } catch (e) {
      unreadable = true;
      io.err(`mam-prep: ${describeFileFailure(file, e)}\n`);
    }
  }
  await writeChunks(io, CHUNKED_FORMATTERS[format](reports, { tool: TOOL_NAME, version: TOOL_VERSION, rules: RULES, color: format === 'text' && useColour(io) }));
  if (unreadable) return EXIT_USAGE_OR_FILE;
  return failsThreshold(reports.map((r) => r.result as ValidationResult), options.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * One line naming the file and the reason; never a stack trace. The reason may quote the file (a
 * zip entry's name, a sheet's name): control characters in it are shown as \u escapes, so it can
 * neither clear the terminal nor break the line.
 */
export function describeFileFailure(file: string, e: unknown): string {
  if (e instanceof WorkbookFileError) return safeForTerminal(e.message);
  return safeForTerminal(`${file}: could not be checked (${e instanceof Error ? e.message : String(e)})`);
}
