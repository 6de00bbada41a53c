import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import type { Cell } from '../engine/cell';
import { displayValue } from '../engine/cell';
import type { ValidationResult } from '../engine/result';
import type { FixSelection } from '../engine/fix-planner';
import { planFixes } from '../engine/fix-planner';
import type { RuleId } from '../rules';
import { isRuleId, RULES, ruleById, stageOf } from '../rules';
import { ONE_PASS, patchWorkbook, readWorkbookBytesAsync, readWorkbookFileBytes } from '../files';
import { formatText } from '../formatters/text';
import type { ParsedArgs } from './args';
import type { CliIo } from './cli-io';
import { useColour } from './cli-io';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_FILE, describeFileFailure } from './check-command';
import { readCommonOptions } from './engine-options';
import { UsageError } from './usage-error';
import { TOOL_NAME, TOOL_VERSION } from '../engine/version';
import type { StagedOutput } from './output-file';
import { OutputExistsError, isSameFile, stageOutput } from './output-file';
import { checkSnapshot, failsThreshold } from './workbook-check';

/** Something is at `p` (a file, a folder, or a symbolic link, even a broken one). */
function existsAt(p: string): { directory: boolean } | undefined {
  try {
    const s = lstatSync(p);
    return { directory: s.isDirectory() };
  } catch {
    return undefined;
  }
}

const ioCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

function selectionOf(rulesOption: string | undefined): FixSelection<RuleId> {
  if (rulesOption === undefined) return { kind: 'all' };
  const ids = rulesOption
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!ids.length) throw new UsageError('--rules needs at least one rule id');
  const ruleIds: RuleId[] = [];
  for (const id of ids) {
    if (!isRuleId(id)) throw new UsageError(`--rules: unknown rule id "${id}" (see 'mam-prep rules')`);
    if (ruleById(id)?.fixable !== true) throw new UsageError(`--rules: rule "${id}" has no one-click fix`);
    ruleIds.push(id);
  }
  return { kind: 'rules', ruleIds };
}

/** Text in quotes, so a date (bare YYYY-MM-DD) and a number are told apart from text. */
function show(cell: Cell): string {
  const v = displayValue(cell.value);
  if (v === '') return '(empty)';
  return cell.value.kind === 'text' ? JSON.stringify(v) : String(v);
}

/**
 * `mam-prep fix <file> --out <file>`: applies one-click fixes to a copy, then re-checks the copy as
 * written to disk. The copy is moved into place only when it reads back as a workbook.
 */
export async function runFix(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('fix needs exactly one workbook file');
  const input = args.positionals[0]!;
  const out = args.options.get('out');
  if (!out) throw new UsageError('fix needs --out <file>: it never writes over its input');
  const inputPath = path.resolve(io.cwd, input);
  const outPath = path.resolve(io.cwd, out);
  if (isSameFile(inputPath, outPath)) throw new UsageError(`--out ${out} is the input file; fix never writes over its input`);
  const replace = args.flags.has('force');
  const existing = existsAt(outPath);
  if (existing?.directory) throw new UsageError(`--out ${out} is a folder; give the name of the file to write`);
  if (existing && !replace) throw new UsageError(`--out ${out} already exists; fix replaces a file only with --force`);
  const selection = selectionOf(args.options.get('rules'));
  const options = await readCommonOptions(args.options, io);

  let bytes: Uint8Array;
  let edits;
  try {
    bytes = await readWorkbookFileBytes(inputPath, input);
    // Both checks make one pass over the snapshot: big sheets' rows are typed as the engine reads them.
    const result = checkSnapshot(input, await readWorkbookBytesAsync(bytes, input, ONE_PASS), options, io);
    edits = planFixes(result.findings, selection, stageOf);
  } catch (e) {
    io.err(`mam-prep: ${describeFileFailure(input, e)}\n`);
    return EXIT_USAGE_OR_FILE;
  }
  const outcome = (() => {
    try {
      return patchWorkbook(bytes, input, edits);
    } catch (e) {
      io.err(`mam-prep: ${describeFileFailure(input, e)}\n`);
      return undefined;
    }
  })();
  if (!outcome) return EXIT_USAGE_OR_FILE;
  let staged: StagedOutput;
  try {
    staged = await stageOutput(outPath, outcome.bytes);
  } catch (e) {
    io.err(`mam-prep: ${out}: cannot write the output (${ioCode(e)}); nothing was written\n`);
    return EXIT_USAGE_OR_FILE;
  }

  // The re-check reads the bytes on disk as any consumer would, before they take the output's name.
  let recheck: ValidationResult;
  try {
    const written = await readWorkbookFileBytes(staged.tempPath, out);
    recheck = checkSnapshot(out, await readWorkbookBytesAsync(written, out, ONE_PASS), options, silent(io));
  } catch (e) {
    await staged.discard();
    io.err(`mam-prep: the fixed copy failed its re-check, so nothing was written: ${describeFileFailure(out, e)}\n`);
    return EXIT_USAGE_OR_FILE;
  }
  try {
    await staged.commit(replace);
  } catch (e) {
    if (e instanceof OutputExistsError) io.err(`mam-prep: ${out} appeared while fixing; it was kept, and nothing was written (use --force to replace it)\n`);
    else io.err(`mam-prep: ${out}: cannot write the output (${ioCode(e)}); nothing was written\n`);
    return EXIT_USAGE_OR_FILE;
  }

  const lines = [`Fixing ${input} → ${out}`];
  for (const a of outcome.applied) {
    lines.push(`  ${a.edit.sheet}!${a.edit.cell}  ${show(a.before)} → ${show(a.after)}  (${a.edit.ruleId})`);
  }
  for (const s of outcome.skipped) lines.push(`  skipped ${s.sheet}!${s.cell} (${s.edit.ruleId}): ${s.message}`);
  const n = outcome.applied.length;
  lines.push(n ? `${n} change${n === 1 ? '' : 's'} written to ${out}` : `No fixes to apply; wrote an unchanged copy to ${out}`);
  if (outcome.changedParts.length) lines.push(`Changed parts: ${outcome.changedParts.join(', ')} (every other part is byte-for-byte the original)`);
  io.out(`${lines.join('\n')}\n\nRe-check of ${out}:\n`);
  io.out(formatText([{ file: out, result: recheck }], { tool: TOOL_NAME, version: TOOL_VERSION, rules: RULES, color: useColour(io) }));
  return failsThreshold([recheck], options.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/** The re-check repeats nothing on stderr that the first check already said. */
function silent(io: CliIo): CliIo {
  return { ...io, err: () => undefined };
}
