import { COMMANDS, commandHelp, parseArgs } from './args';
import { EXIT_USAGE_OR_FILE, runCheck } from './check-command';
import type { CliIo } from './cli-io';
import { outputWidth, processIo } from './cli-io';
import { runRules } from './rules-command';
import { WorkbookFileError } from '../files/file-error';
import { safeForTerminal } from '../formatters/text';
import { UsageError } from './usage-error';
import { TOOL_VERSION } from '../engine/version';

const USAGE = `Usage:
  mam-prep check <file>... [--format text|json|sarif] [--user-id EUI] [--today YYYY-MM-DD]
                           [--profile profile.json] [--fail-on error|warning|never]
                           [--jobs N]
  mam-prep fix <file> --out <file> [--force] [--rules id,id,...] [--user-id EUI] [--today YYYY-MM-DD]
                           [--profile profile.json] [--fail-on error|warning|never]
      --force replaces an existing --out file (never the input)
  mam-prep rules [--format text|json]

"mam-prep <command> --help" describes a command and each of its options.

Exit codes: 0 nothing at or above --fail-on (default error); 1 findings at or above it;
2 usage error, unreadable or unsupported file.
`;

/** Runs the CLI and returns its exit code. Never throws, never prints a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('version')) {
      io.out(`${TOOL_VERSION}\n`);
      return 0;
    }
    const helpFor = args.command === 'help' ? args.positionals[0] : args.command;
    if ((args.flags.has('help') || args.command === 'help') && helpFor !== undefined && Object.hasOwn(COMMANDS, helpFor)) {
      io.out(commandHelp(helpFor, outputWidth(io)));
      return 0;
    }
    if (args.flags.has('help') || args.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    switch (args.command) {
      case 'check':
        return await runCheck(args, io);
      case 'fix':
        return await (await import('./fix-command')).runFix(args, io);
      case 'rules':
        return runRules(args, io);
      case undefined:
        throw new UsageError('missing command (check, fix or rules)');
      default:
        throw new UsageError(`unknown command "${args.command}" (check, fix or rules)`);
    }
  } catch (e) {
    // Messages may quote arguments and file contents: control characters are shown escaped.
    if (e instanceof UsageError) {
      io.err(`mam-prep: ${safeForTerminal(e.message)}\nRun "mam-prep --help" for usage.\n`);
    } else if (e instanceof WorkbookFileError) {
      io.err(`mam-prep: ${safeForTerminal(e.message)}\n`);
    } else {
      io.err(`mam-prep: unexpected error: ${safeForTerminal(e instanceof Error ? e.message : String(e))}\n`);
    }
    return EXIT_USAGE_OR_FILE;
  }
}

export function main(): void {
  void runCli(process.argv.slice(2)).then((code) => {
    // exitCode (not exit()) lets piped stdout drain completely.
    process.exitCode = code;
  });
}

if (require.main === module) main();
