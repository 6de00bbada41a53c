import { UsageError } from './usage-error';

/** A small hand parser: `command [positionals] [--name value | --name=value]...`. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

export interface CommandSpec {
  /** Options that take a value. */
  readonly valued: readonly string[];
  /** Options that take none. */
  readonly flags?: readonly string[];
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: { valued: ['format', 'user-id', 'today', 'profile', 'fail-on'] },
  fix: { valued: ['out', 'rules', 'user-id', 'today', 'profile', 'fail-on'], flags: ['force'] },
  rules: { valued: ['format'] },
};

const GLOBAL_FLAGS = ['help', 'version'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  let command: string | undefined;
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      if (command === undefined && !onlyPositionals) command = arg;
      else positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (GLOBAL_FLAGS.includes(name)) {
      flags.add(name);
      continue;
    }
    const spec = command !== undefined ? COMMANDS[command] : undefined;
    if (spec?.flags?.includes(name)) {
      flags.add(name);
      continue;
    }
    if (spec && !spec.valued.includes(name)) throw new UsageError(`unknown option "--${name}" for "${command}"`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`option "--${name}" needs a value`);
      i++;
    }
    if (options.has(name)) throw new UsageError(`option "--${name}" given twice`);
    options.set(name, value);
  }
  return { command, positionals, options, flags };
}
