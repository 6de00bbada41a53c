// Runs every benchmark in its own process (so peak memory is per benchmark) and prints their figures,
// then the headline figures again (each benchmark's SUMMARY lines) at the end. The CLI is compiled
// first, so the benchmarks that run it measure the sources as they are.
const { spawnSync } = require('child_process');
const { existsSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.cli.json')], { stdio: 'inherit', cwd: ROOT });
if (build.status !== 0) {
  console.error('bench: the CLI does not compile (npm run build:cli)');
  process.exit(1);
}

const benches = ['engine.ts', 'cli-read.ts', 'cli-jobs.ts', 'pane-scan.ts'].filter((f) => existsSync(join(__dirname, f)));
const summaries = [];
let failed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, file)], {
    cwd: ROOT,
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  process.stdout.write(run.stdout ?? '');
  for (const line of (run.stdout ?? '').split('\n')) if (line.startsWith('SUMMARY ')) summaries.push(line.slice('SUMMARY '.length));
  if (run.status !== 0) failed++;
}
if (summaries.length) console.log(`\n== summary\n${summaries.map((s) => `  ${s}`).join('\n')}`);
process.exit(failed ? 1 : 0);
