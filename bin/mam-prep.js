#!/usr/bin/env node
'use strict';
// Thin shim: the CLI is TypeScript compiled by `npm run build:cli` to dist/node.
const path = require('path');

let cli;
try {
  cli = require(path.join(__dirname, '..', 'dist', 'node', 'cli', 'main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(path.join('dist', 'node', 'cli', 'main.js'))) {
    process.stderr.write('mam-prep: not built yet; run "npm install" (or "npm run build:cli") in the repository first\n');
    process.exitCode = 2;
    return;
  }
  throw e;
}
cli.main();
