// Saves a rewritten copy of a package's entry where Node and Jest can require it: under
// node_modules/.cache, so its bare requires resolve from the repository's node_modules as the
// original's do. The name carries a hash of the content, so an upgraded package gets a new file and
// parallel workers writing the same file write the same bytes (and rename it into place whole).
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const CACHE_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'mam-prep-jest');

/** The path of a CommonJS file holding `source`, written on first use. */
function rewrittenModulePath(label, source) {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const file = path.join(CACHE_DIR, `${label}-${hash}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, source);
    renameSync(partial, file);
  }
  return file;
}

module.exports = { rewrittenModulePath };
