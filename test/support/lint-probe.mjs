// Lints source texts as if they stood at the given paths in this repository, with the project's own
// eslint.config.mjs, and prints each one's rule ids as JSON. Run as a separate Node process so ESLint
// loads its ES-module config natively rather than inside Jest's module sandbox.
// Input on stdin: [{ "filePath": "src/engine/x.ts", "code": "…" }]. The type-aware rules are off here:
// the probe files do not exist on disk, and the boundary rules need no types.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const probes = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
const out = [];
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  out.push({ filePath, messages: result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
}
process.stdout.write(JSON.stringify(out));
