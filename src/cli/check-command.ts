import * as os from 'node:os';
import * as path from 'node:path';
import { AcrossFilesJoin, withFindings } from '../engine/cross-files';
import type { Finding } from '../engine/finding';
import { RULES } from '../rules';
import type { FileReport } from '../formatters';
import { CHUNKED_FORMATTERS, isFormatName } from '../formatters';
import type { ParsedArgs } from './args';
import type { CliIo } from './cli-io';
import { useColour, writeChunks } from './cli-io';
import { readCommonOptions } from './engine-options';
import { UsageError } from './usage-error';
import { TOOL_NAME, TOOL_VERSION } from '../engine/version';
import { failsThreshold } from './workbook-check';
import { checkFiles } from './check-pool';
import type { FileOutcome } from './check-one';
import { progressLine } from './progress';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_FILE = 2;

/** `mam-prep check <file>...`: unreadable files are reported on stderr and left out; the rest are checked. */
export async function runCheck(args: ParsedArgs, io: CliIo): Promise<number> {
  if (!args.positionals.length) throw new UsageError('check needs at least one workbook file');
  const format = args.options.get('format') ?? 'text';
  if (!isFormatName(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  const jobs = jobsOf(args.options.get('jobs'));
  const options = await readCommonOptions(args.options, io);
  // Files of one run are compared with each other (duplicate-across-files) unless --no-cross-file.
  const crossFile = args.positionals.length > 1 && !args.flags.has('no-cross-file');
  const progress = progressLine(io, args.positionals.length);
  // Each file's identifiers (numbers only, never a workbook) join the others' while the last files are
  // still being read; only the findings are built at the end. Joining while every job is busy would
  // only take a core from them: the joins wait until a job has no file left, and then run on its core.
  const join = crossFile ? new AcrossFilesJoin(args.positionals.length, RULES) : undefined;
  const busyUntil = args.positionals.length - Math.min(jobs, args.positionals.length);
  const waiting: { index: number; outcome: FileOutcome & { kind: 'checked' } }[] = [];
  let settledCount = 0;
  const settled = (index: number, outcome: FileOutcome): void => {
    progress.settled();
    if (!join) return;
    if (outcome.kind === 'checked') waiting.push({ index, outcome });
    if (++settledCount <= busyUntil) return;
    for (const w of waiting.splice(0)) {
      join.add(w.index, { name: w.outcome.file, identity: path.resolve(io.cwd, w.outcome.file), identifiers: w.outcome.identifiers });
    }
  };
  const checked = await checkFiles(args.positionals, io.cwd, options, jobs, settled, crossFile);
  const outcomes = join ? withAcrossFiles(checked, join.findings()) : checked;
  progress.done();
  const reports: FileReport[] = [];
  let unreadable = false;
  // Messages come in the order the files were given, whichever finished first.
  for (const outcome of outcomes) {
    if (outcome.kind === 'failed') {
      unreadable = true;
      io.err(`mam-prep: ${outcome.message}\n`);
      continue;
    }
    for (const note of outcome.notes) io.err(note);
    reports.push({ file: outcome.file, result: outcome.result });
  }
  await writeChunks(
    io,
    CHUNKED_FORMATTERS[format](reports, { tool: TOOL_NAME, version: TOOL_VERSION, rules: RULES, color: format === 'text' && useColour(io) }),
  );
  if (unreadable) return EXIT_USAGE_OR_FILE;
  return failsThreshold(
    reports.map((r) => r.result),
    options.failOn,
  )
    ? EXIT_FINDINGS
    : EXIT_OK;
}

/** Adds each file's duplicate-across-files findings to its result (and drops its identifiers). */
function withAcrossFiles(outcomes: readonly FileOutcome[], across: readonly Finding[][]): FileOutcome[] {
  return outcomes.map((o, i) => (o.kind === 'checked' ? { kind: o.kind, file: o.file, notes: o.notes, result: withFindings(o.result, across[i]!) } : o));
}

/** --jobs: a whole number from 1; by default one per core. */
function jobsOf(given: string | undefined): number {
  if (given === undefined) return Math.max(1, os.availableParallelism());
  if (!/^[1-9][0-9]{0,3}$/.test(given)) throw new UsageError(`--jobs must be a whole number from 1 (got "${given}")`);
  return Number(given);
}

export { describeFileFailure } from './file-failure';
