import { runCli } from '../../src/cli/main';
import { RULES } from '../../src/rules';
import { runCliCaptured } from '../support/run-cli';

/** Runs the CLI in-process as on a terminal of the given width. */
async function runAtWidth(argv: readonly string[], columns?: number): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    ...(columns ? { columns } : {}),
  });
  return { code, stdout, stderr };
}

describe('mam-prep <command> --help', () => {
  it.each([
    [
      'check',
      ['--format text|json|sarif', '--user-id EUI', '--today YYYY-MM-DD', '--profile profile.json', '--fail-on error|warning|never', '--jobs N', '-h, --help'],
    ],
    ['fix', ['--out file', '--force', '--rules id,id,...', '--user-id EUI', '--today YYYY-MM-DD', '--profile profile.json', '--fail-on error|warning|never']],
    ['rules', ['--format text|json']],
  ])('describes %s and each of its options', async (command, options) => {
    const run = await runCliCaptured([command, '--help'], process.cwd());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe(
      `Usage: mam-prep ${command} ${command === 'rules' ? '[--format text|json]' : command === 'fix' ? '<file> --out <file> [options]' : '<file>... [options]'}`,
    );
    for (const option of options) {
      const line = run.stdout.split('\n').find((l) => l.trimStart().startsWith(option));
      expect(line).toBeDefined();
      // Each option has words of description beside it.
      expect(line!.slice(line!.indexOf(option) + option.length).trim()).toMatch(/^[A-Z"]/);
    }
    // The general usage (all commands) is not what a command's help prints.
    expect(run.stdout).not.toContain('Exit codes:');
  });

  it('takes help <command> and -h the same way', async () => {
    const long = await runCliCaptured(['check', '--help'], process.cwd());
    expect((await runCliCaptured(['help', 'check'], process.cwd())).stdout).toBe(long.stdout);
    expect((await runCliCaptured(['check', '-h'], process.cwd())).stdout).toBe(long.stdout);
  });

  it('keeps the general usage for --help alone', async () => {
    const run = await runCliCaptured(['--help'], process.cwd());
    expect(run.stdout).toContain('mam-prep check <file>...');
    expect(run.stdout).toContain('Exit codes:');
  });

  it('wraps help to the terminal width', async () => {
    const run = await runAtWidth(['check', '--help'], 50);
    for (const line of run.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(50);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('Check up to N files at once in worker threads');
  });
});

describe('mam-prep rules wraps to the terminal', () => {
  const longest = (text: string): number =>
    Math.max(
      ...text
        .trimEnd()
        .split('\n')
        .map((l) => l.length),
    );

  it.each([60, 100, 200])('fits a %i-column terminal and still names every rule', async (columns) => {
    const run = await runAtWidth(['rules'], columns);
    expect(longest(run.stdout)).toBeLessThanOrEqual(columns);
    const ids = run.stdout
      .split('\n')
      .slice(1)
      .filter((l) => l && !l.startsWith(' '))
      .map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(RULES.map((r) => r.id));
  });

  it('uses 80 columns when stdout is not a terminal', async () => {
    const run = await runAtWidth(['rules']);
    expect(longest(run.stdout)).toBeLessThanOrEqual(80);
    expect(longest(run.stdout)).toBeGreaterThan(60);
  });

  it('keeps every word of each description', async () => {
    const run = await runAtWidth(['rules'], 60);
    const words = run.stdout.split(/\s+/);
    for (const r of RULES) for (const w of r.description.split(/\s+/)) expect(words).toContain(w);
  });
});

describe('arguments parsed strictly', () => {
  it.each([
    [['check', 'a.xlsx', '--colour'], 'mam-prep: unknown option "--colour" for "check"'],
    [['check', 'a.xlsx', '--today'], 'mam-prep: option "--today" needs a value'],
    [['check', 'a.xlsx', '--today', '--format', 'json'], 'mam-prep: option "--today" needs a value'],
    [['check', 'a.xlsx', '--format', 'json', '--format', 'text'], 'mam-prep: option "--format" given twice'],
    [['fix', 'a.xlsx', '--force=yes'], 'mam-prep: option "--force" takes no value'],
    [['rules', '--jobs', '2'], 'mam-prep: unknown option "--jobs" for "rules"'],
  ])('%j → %s', async (argv, message) => {
    const run = await runCliCaptured(argv, process.cwd());
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('reads --name=value and files after --', async () => {
    const run = await runCliCaptured(['check', '--format=json', '--', '--not-an-option.xlsx'], process.cwd());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--not-an-option.xlsx');
  });
});
