// Stands in for `@fluentui/react-components` in the test run (see moduleNameMapper in
// jest.config.js). The package's CommonJS entry re-exports ~60 component packages and requires every
// one of them up front: about 2,100 modules that Jest evaluates afresh in each test file, 1.7-1.9 s per
// suite on this machine, although the pane uses a dozen components. This module requires a copy of that
// same entry rewritten so that each package is required on first use, so every export is the package's
// own object (no list of names to keep in step) and a suite loads only the components it renders.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { rewrittenModulePath } = require('./rewritten-module');

const PACKAGE_DIR = path.join(__dirname, '..', '..', 'node_modules', '@fluentui', 'react-components');
const REQUIRE_LINE = /^const (_\w+) = require\("([^"]+)"\);$/gm;

function lazyEntrySource() {
  const { main } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
  let source = readFileSync(path.join(PACKAGE_DIR, main), 'utf8');
  const bindings = [...source.matchAll(REQUIRE_LINE)].map(([, name, specifier]) => ({ name, specifier }));
  if (bindings.length < 10)
    throw new Error(`fluent-lazy: the entry of @fluentui/react-components no longer has the expected require lines (found ${bindings.length})`);
  source = source.replace(REQUIRE_LINE, '');
  for (const { name } of bindings) {
    source = source.replace(new RegExp(`\\b${name}\\.`, 'g'), `${name}().`);
    // Every use must have been a member read (`_pkg.Name`), or the rewrite would change what it means.
    if (new RegExp(`\\b${name}\\b(?!\\(\\)\\.)`).test(source))
      throw new Error(`fluent-lazy: ${name} is used other than as _pkg.Name in the entry of @fluentui/react-components`);
  }
  const loaders = bindings
    .map(({ name, specifier }) => `let ${name}$;\nfunction ${name}() { return ${name}$ ??= require(${JSON.stringify(specifier)}); }`)
    .join('\n');
  return `${source}\n${loaders}\n`;
}

module.exports = require(rewrittenModulePath('fluent-react-components-lazy', lazyEntrySource()));
