import { cpSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { exampleWorkbooks } from '../../scripts/make-examples';
import { tempDir } from '../support/template-files';
import { runCliCaptured } from '../support/run-cli';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');

describe('examples/', () => {
  it('holds exactly what scripts/make-examples.ts makes (run "npm run examples" after changing it)', () => {
    const made = exampleWorkbooks();
    expect(readdirSync(EXAMPLES).sort()).toEqual(Object.keys(made).sort());
    for (const [name, bytes] of Object.entries(made)) expect(Buffer.compare(readFileSync(path.join(EXAMPLES, name)), Buffer.from(bytes))).toBe(0);
  });

  it('has a macro-enabled workbook with its VBA part', () => {
    const names = Object.keys(exampleWorkbooks());
    expect(names.some((n) => n.endsWith('.xlsm') && readFileSync(path.join(EXAMPLES, n)).includes('xl/vbaProject.bin'))).toBe(true);
  });
});

/** Each ```console block of the README: `$ npx mam-prep …` and the output it shows. */
function readmeRuns(): Array<{ command: string; output: string }> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const runs: Array<{ command: string; output: string }> = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    const [first, ...rest] = block[1]!.split('\n');
    runs.push({ command: first!.replace(/^\$ /, ''), output: rest.join('\n') });
  }
  return runs;
}

describe("README's CLI examples", () => {
  const runs = readmeRuns();

  it('are there to check', () => {
    expect(runs.map((r) => r.command.split(' ').slice(0, 3).join(' '))).toEqual([
      'npx mam-prep check',
      'npx mam-prep check',
      'npx mam-prep check',
      'npx mam-prep fix',
    ]);
  });

  it.each(runs.map((r) => [r.command, r.output]))('%s prints what the README shows', async (command, output) => {
    // A copy of examples/ in a fresh folder: fix's --out lands there, never in the repository.
    const dir = tempDir();
    cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
    const argv = command.split(' ');
    expect(argv.slice(0, 2)).toEqual(['npx', 'mam-prep']);
    const run = await runCliCaptured(argv.slice(2), dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(output);
  });
});
