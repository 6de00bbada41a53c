import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError } from './usage-error';

/** `command [positionals] [--name value | --name=value | --flag]...`, parsed strictly by node:util. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

export interface OptionSpec {
  readonly name: string;
  /** Placeholder for the value; absent for a flag. */
  readonly value?: string;
  readonly description: string;
}

export interface CommandSpec {
  /** `mam-prep <synopsis>`. */
  readonly synopsis: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
}

const ENGINE_OPTIONS: readonly OptionSpec[] = [
  { name: 'user-id', value: 'EUI', description: "Submitting User ID (EUI-64) when the workbook states none; the workbook's own value wins." },
  { name: 'today', value: 'YYYY-MM-DD', description: '"Today" for date rules (default: the local date), so runs are reproducible.' },
  { name: 'profile', value: 'profile.json', description: 'Template profiles to use, merged over the built-in ones.' },
  { name: 'fail-on', value: 'error|warning|never', description: 'Exit 1 when a finding is at or above this severity (default: error).' },
];

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: {
    synopsis: 'check <file>... [options]',
    summary: 'Checks workbooks (.xlsm, .xlsx) against the MAM rules and prints the findings.',
    options: [
      { name: 'format', value: 'text|json|sarif', description: 'Output format (default: text; colour only on a terminal).' },
      ...ENGINE_OPTIONS,
      { name: 'jobs', value: 'N', description: 'Check up to N files at once in worker threads (default: the number of cores).' },
      {
        name: 'no-cross-file',
        description: 'Do not compare the files with each other: no duplicate-across-files findings (an MPAN, MPRN or device ID in more than one file).',
      },
    ],
  },
  fix: {
    synopsis: 'fix <file> --out <file> [options]',
    summary: 'Applies the one-click fixes and writes a new workbook; the input is never written.',
    options: [
      { name: 'out', value: 'file', description: 'Where to write the fixed workbook (required; never the input).' },
      { name: 'force', description: 'Replace an existing --out file.' },
      { name: 'rules', value: 'id,id,...', description: 'Apply only the fixes of these rules (default: every fixable rule).' },
      ...ENGINE_OPTIONS,
    ],
  },
  rules: {
    synopsis: 'rules [--format text|json]',
    summary: 'Lists the rule catalogue: id, severity, whether fixable, description.',
    options: [{ name: 'format', value: 'text|json', description: 'Output format (default: text, wrapped to the terminal).' }],
  },
};

const GLOBAL_FLAGS: Readonly<Record<string, { type: 'boolean'; short?: string }>> = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** The command is the first argument that is not an option (before any `--`). */
function commandOf(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  const index = argv.findIndex((a) => a === '--' || !a.startsWith('-') || a === '-');
  if (index < 0 || argv[index] === '--') return { command: undefined, rest: [...argv] };
  return { command: argv[index], rest: [...argv.slice(0, index), ...argv.slice(index + 1)] };
}

/** node:util's errors carry a code; ours say the same things in the CLI's words. */
function usageErrorOf(e: unknown, command: string | undefined): UsageError {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(command ? `unknown option "${option ?? message}" for "${command}"` : `unknown option "${option ?? message}"`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing|ambiguous/.test(message) && option) return new UsageError(`option "${option}" needs a value`);
    if (option) return new UsageError(`option "${option}" takes no value`);
  }
  return new UsageError(message);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { command, rest } = commandOf(argv);
  const spec = command !== undefined ? COMMANDS[command] : undefined;
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { ...GLOBAL_FLAGS };
  for (const o of spec?.options ?? []) config[o.name] = { type: o.value ? 'string' : 'boolean', multiple: true };
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: rest, options: config, strict: true, allowPositionals: true });
  } catch (e) {
    throw usageErrorOf(e, spec ? command : undefined);
  }
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 1) throw new UsageError(`option "--${name}" given twice`);
    const only = values[0];
    if (typeof only === 'string') options.set(name, only);
    else if (only === true) flags.add(name);
  }
  return { command, positionals: parsed.positionals, options, flags };
}

/** Breaks text into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** The text of `mam-prep <command> --help`: the synopsis, what it does, then each option. */
export function commandHelp(command: string, width: number): string {
  const spec = COMMANDS[command]!;
  const labels = spec.options.map((o) => `  --${o.name}${o.value ? ` ${o.value}` : ''}`);
  const widest = Math.max(...labels.map((l) => l.length)) + 2;
  // On a narrow terminal each description goes under its option instead of beside it.
  const labelWidth = widest <= width / 2 ? widest : 6;
  const descriptionWidth = Math.max(20, width - labelWidth);
  const lines = [`Usage: mam-prep ${spec.synopsis}`, '', ...wrap(spec.summary, width), '', 'Options:'];
  spec.options.forEach((o, i) => {
    const label = labels[i]!;
    const [first, ...more] = wrap(o.description, descriptionWidth);
    if (label.length >= labelWidth) lines.push(label, `${' '.repeat(labelWidth)}${first}`);
    else lines.push(`${label.padEnd(labelWidth)}${first}`);
    for (const m of more) lines.push(`${' '.repeat(labelWidth)}${m}`);
  });
  lines.push(
    labelWidth > 12 ? `${'  -h, --help'.padEnd(labelWidth)}Shows this help.` : '  -h, --help',
    ...(labelWidth > 12 ? [] : [`${' '.repeat(labelWidth)}Shows this help.`]),
  );
  return `${lines.join('\n')}\n`;
}
