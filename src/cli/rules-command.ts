import type { RuleMeta } from '../engine/rule';
import { RULES } from '../rules';
import type { ParsedArgs } from './args';
import type { CliIo } from './cli-io';
import { outputWidth } from './cli-io';
import { wrap } from './args';
import { UsageError } from './usage-error';
import { TOOL_NAME, TOOL_VERSION } from '../engine/version';

/** `mam-prep rules`: the catalogue from the rules' own metadata (`rules`: the catalogue, or a test's registry). */
export function runRules(args: ParsedArgs, io: CliIo, rules: readonly RuleMeta[] = RULES): number {
  if (args.positionals.length) throw new UsageError('rules takes no files');
  const format = args.options.get('format') ?? 'text';
  if (format === 'json') {
    const listed = rules.map((r) => ({
      id: r.id,
      severity: r.severity,
      scope: r.scope,
      title: r.title,
      description: r.description,
      fixable: r.fixable,
      ...(r.fixDescription ? { fix: r.fixDescription } : {}),
    }));
    io.out(`${JSON.stringify({ tool: TOOL_NAME, version: TOOL_VERSION, rules: listed }, null, 2)}\n`);
    return 0;
  }
  if (format !== 'text') throw new UsageError(`rules --format must be text or json (got "${format}")`);
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const indent = idWidth + 2 + 8 + 2 + 7 + 2;
  const width = outputWidth(io);
  // On a narrow terminal the description goes under the id, indented, rather than beside it.
  const besides = width - indent >= 30;
  const descriptionIndent = besides ? indent : 4;
  const lines = rules.flatMap((r) => {
    const head = `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.fixable ? 'fixable' : '       '}`;
    const text = wrap(r.description, width - descriptionIndent);
    const pad = ' '.repeat(descriptionIndent);
    return besides ? [`${head}  ${text[0]}`, ...text.slice(1).map((t) => pad + t)] : [head.trimEnd(), ...text.map((t) => pad + t)];
  });
  io.out(`${'id'.padEnd(idWidth)}  severity  fix${besides ? '      description' : ''}\n${lines.join('\n')}\n`);
  return 0;
}
