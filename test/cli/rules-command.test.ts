import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TOOL_VERSION } from '../../src/engine/version';
import { RULES } from '../../src/rules';
import { parseRuleList } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';

describe('mam-prep rules', () => {
  it('lists every rule with severity, fixability and description', async () => {
    const run = await runCliCaptured(['rules'], process.cwd());
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .filter((l) => !l.startsWith(' '));
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(RULES.map((r) => r.id));
    const canonical = lines.find((l) => l.startsWith('eui64-canonical '))!;
    expect(canonical).toMatch(/warning +fixable +\S/);
    expect(lines.find((l) => l.startsWith('mpan-check-digit '))).not.toContain('fixable');
  });

  it('prints the catalogue as JSON', async () => {
    const run = await runCliCaptured(['rules', '--format', 'json'], process.cwd());
    const doc = parseRuleList(run.stdout);
    expect(doc.rules.map((r) => [r.id, r.severity, r.fixable])).toEqual(RULES.map((r) => [r.id, r.severity, r.fixable]));
  });

  it('refuses the sarif format for the catalogue', async () => {
    expect((await runCliCaptured(['rules', '--format', 'sarif'], process.cwd())).code).toBe(2);
  });

  it('states the version package.json states', () => {
    const pkg: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ version: TOOL_VERSION });
  });
});
