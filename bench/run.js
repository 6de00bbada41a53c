// Runs every benchmark in its own process (so peak memory is per benchmark) and prints their figures.
const { spawnSync } = require('child_process');
const { existsSync } = require('fs');
const { join } = require('path');

const benches = ['engine.ts', 'cli-read.ts', 'cli-jobs.ts', 'pane-scan.ts'].filter((f) => existsSync(join(__dirname, f)));
let failed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
