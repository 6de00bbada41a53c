import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../src/rules';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Every TypeScript source file under a folder of src/, as a path relative to src/. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.posix.join(folder, f.split(path.sep).join('/')));
}

const OUTSIDE_RULES = readdirSync(SRC, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'rules')
  .flatMap((d) => sourcesUnder(d.name));

/**
 * A rule owns its logic: outside src/rules, code names no rule, except where the pane has a genuine
 * reason, at most three places. Adding a rule must not need an edit anywhere else.
 */
describe('rules are named only in their own files', () => {
  it('finds the catalogue ids quoted outside src/rules only in the justified places', () => {
    const quoted = new RegExp(`['"\`](${RULES.map((r) => r.id).join('|')})['"\`]`, 'g');
    const found = OUTSIDE_RULES.flatMap((file) => [...readFileSync(path.join(SRC, file), 'utf8').matchAll(quoted)].map((m) => `${file}: ${m[1]}`));
    expect(found).toEqual([
      // Exempt rows are highlighted in their own colour in the workbook, and their details named so.
      'excel/live-highlights.ts: group-id-exempt',
      'taskpane/issues/finding-details.tsx: group-id-exempt',
    ]);
  });

  it('finds no module outside src/rules importing a rule of its own accord (only the catalogue)', () => {
    const ruleFiles = RULES.map((r) => r.id).join('|');
    const importsARule = new RegExp(`from '[./]*/rules/(${ruleFiles})'`);
    expect(OUTSIDE_RULES.filter((file) => importsARule.test(readFileSync(path.join(SRC, file), 'utf8')))).toEqual([]);
  });

  it('sees the files it scans (a guard that reads nothing passes everything)', () => {
    expect(OUTSIDE_RULES).toEqual(
      expect.arrayContaining(['engine/validate.ts', 'excel/live-highlights.ts', 'taskpane/app.tsx', 'files/workbook-reader.ts', 'cli/main.ts']),
    );
  });
});
