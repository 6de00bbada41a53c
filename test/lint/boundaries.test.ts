import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

interface ProbeResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly message: string }[];
}

/** Lints each text as if it were the file at its path, with the repository's eslint.config.mjs. */
function lintProbes(probes: readonly { filePath: string; code: string }[]): ProbeResult[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'test', 'support', 'lint-probe.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(probes),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`lint-probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ProbeResult[];
}

/** The folder rules of the architecture are enforced by `npm run lint`: deliberate violations are rejected. */
describe('lint enforces the folder boundaries', () => {
  let results: Map<string, ProbeResult>;
  beforeAll(() => {
    const probes = [
      { filePath: 'src/engine/__lint_probe__.ts', code: "import { useState } from 'react';\n\nexport const probe = useState;\n" },
      { filePath: 'src/rules/__lint_probe__.ts', code: "import { readFileSync } from 'node:fs';\n\nexport const probe = readFileSync;\n" },
      { filePath: 'src/files/__lint_probe__.ts', code: 'export const probe = (): unknown => Excel.run;\n' },
      { filePath: 'src/cli/__lint_probe__.ts', code: "import { DemoApp } from '../demo/demo-app';\n\nexport const probe = DemoApp;\n" },
      { filePath: 'src/excel/__lint_probe__.ts', code: "import { runCli } from '../cli/main';\n\nexport const probe = runCli;\n" },
      { filePath: 'src/engine/__lint_probe_rules__.ts', code: "import { RULES } from '../rules';\n\nexport const probe = RULES;\n" },
      // cross-rows.ts as if it imported validate.ts, which imports cross-rows.ts: a file cycle.
      { filePath: 'src/engine/cross-rows.ts', code: "import { ValidationSession } from './validate';\n\nexport const probe = ValidationSession;\n" },
      { filePath: 'src/engine/__lint_probe_clean__.ts', code: "import { toEngineSerial } from './date-system';\n\nexport const probe = toEngineSerial;\n" },
    ];
    results = new Map(lintProbes(probes).map((r) => [r.filePath, r]));
  }, 120_000);

  const ruleIds = (filePath: string) => results.get(filePath)?.messages.map((m) => m.ruleId);

  it('rejects an engine file that imports React', () => {
    expect(ruleIds('src/engine/__lint_probe__.ts')).toEqual(['no-restricted-imports']);
  });

  it('rejects a rule file that imports a Node built-in', () => {
    expect(ruleIds('src/rules/__lint_probe__.ts')).toEqual(['import-x/no-nodejs-modules']);
  });

  it('rejects a files/ module that uses the Excel global', () => {
    expect(ruleIds('src/files/__lint_probe__.ts')).toEqual(['no-restricted-globals']);
    expect(results.get('src/files/__lint_probe__.ts')?.messages[0]?.message).toMatch(
      /^Unexpected use of 'Excel'\. Office globals belong in src\/excel\/office-gateway\.ts/,
    );
  });

  it('rejects a module that imports the demo', () => {
    expect(ruleIds('src/cli/__lint_probe__.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(results.get('src/cli/__lint_probe__.ts')?.messages[0]?.message).toMatch(/Nothing imports the demo/);
  });

  it('rejects the Office adapter importing the CLI', () => {
    expect(ruleIds('src/excel/__lint_probe__.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('rejects the engine importing the rule catalogue (the composition roots hand it over)', () => {
    expect(ruleIds('src/engine/__lint_probe_rules__.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('rejects an import cycle between two files', () => {
    expect(ruleIds('src/engine/cross-rows.ts')).toEqual(['import-x/no-cycle']);
  });

  it('accepts an engine file that imports only the engine', () => {
    expect(ruleIds('src/engine/__lint_probe_clean__.ts')).toEqual([]);
  });
});
