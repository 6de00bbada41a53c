// Runs once before any test file: compiles src/ to CommonJS with SWC (the transform Jest itself uses),
// beside a copy of bin/mam-prep.js, so the suites that spawn the CLI as a user runs it share one build
// instead of each compiling TypeScript. The bin's path reaches the test workers through the environment.
'use strict';
const { mkdirSync, copyFileSync, readdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { transformFile } = require('@swc/core');
const { swcOptions } = require('./swc-options');
const { CLI_BIN_ENV, cliBuildDir } = require('./cli-build-paths');

const ROOT = path.resolve(__dirname, '../..');

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

module.exports = async function buildCliOnce() {
  const buildDir = cliBuildDir(ROOT);
  const srcDir = path.join(ROOT, 'src');
  const outDir = path.join(buildDir, 'dist', 'node');
  const options = { ...swcOptions({ tsx: false }), sourceMaps: false };
  await Promise.all(
    sourcesUnder(srcDir).map(async (file) => {
      const { code } = await transformFile(file, { ...options, filename: file });
      const target = path.join(outDir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  mkdirSync(path.join(buildDir, 'bin'), { recursive: true });
  const bin = path.join(buildDir, 'bin', 'mam-prep.js');
  copyFileSync(path.join(ROOT, 'bin', 'mam-prep.js'), bin);
  process.env[CLI_BIN_ENV] = bin;
};
