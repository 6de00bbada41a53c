// Stands in for `@fluentui/react-icons` in the test run (see moduleNameMapper in jest.config.js). Its
// CommonJS entry loads every icon there is: 67 files, 17 MB, 1.3 s per test file, for the dozen
// chevrons and status icons the Fluent components draw. This module runs the same entry without the
// icon files, and looks an icon up on first use in the package's own one-family module
// (`atoms/svg/<kebab-name>.cjs`, e.g. ChevronRight16Regular in chevron-right.cjs); an icon found
// there is the same createFluentIcon call with the same paths. Anything else (a name not found that
// way, or a caller listing the exports) gets the package's full entry, so nothing can go missing.
'use strict';
const { existsSync, readFileSync, realpathSync } = require('node:fs');
const path = require('node:path');
const { rewrittenModulePath } = require('./rewritten-module');

// The real path (node_modules may be a link), so that the files required here by path are the very
// module instances the icon files reach by their relative requires: one icon context, not two.
const LIB = realpathSync(path.join(__dirname, '..', '..', 'node_modules', '@fluentui', 'react-icons', 'lib-cjs'));
const ENTRY = path.join(LIB, 'index.cjs');
const ICON_CHUNK_LINE = /^tslib_1\.__exportStar\(require\("\.\/(icons|sizedIcons)\/chunk-\d+\.cjs"\), exports\);$/gm;
const ICON_NAME = /^([A-Z][A-Za-z0-9]*?)\d*(Regular|Filled|Color|Light)$/;

/** The entry's own exports (bundleIcon, createFluentIcon, class names, contexts), icon files left out. */
function entryWithoutIcons() {
  const source = readFileSync(ENTRY, 'utf8');
  const chunks = source.match(ICON_CHUNK_LINE) ?? [];
  if (chunks.length < 10) throw new Error(`fluent-icons-lazy: the entry of @fluentui/react-icons no longer lists its icon chunks (found ${chunks.length})`);
  const rewritten = source
    .replace(ICON_CHUNK_LINE, '')
    .replace(/require\("(\.\/[^"]+)"\)/g, (_all, relative) => `require(${JSON.stringify(path.join(LIB, relative))})`);
  return require(rewrittenModulePath('fluent-react-icons-entry', rewritten));
}

const base = entryWithoutIcons();
let full;
const fullEntry = () => (full ??= require(ENTRY));
const found = new Map();

function icon(name) {
  if (found.has(name)) return found.get(name);
  const match = ICON_NAME.exec(name);
  const family = match && path.join(LIB, 'atoms', 'svg', `${match[1].replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.cjs`);
  const atom = family && existsSync(family) ? require(family) : {};
  const value = name in atom ? atom[name] : fullEntry()[name];
  found.set(name, value);
  return value;
}

module.exports = new Proxy(base, {
  get: (target, name) => (typeof name !== 'string' || name in target ? target[name] : icon(name)),
  has: (target, name) => name in target || (typeof name === 'string' && icon(name) !== undefined),
  ownKeys: () => Reflect.ownKeys(fullEntry()),
  getOwnPropertyDescriptor: (target, name) => {
    const own = Reflect.getOwnPropertyDescriptor(target, name);
    if (own !== undefined) return own;
    const other = Reflect.getOwnPropertyDescriptor(fullEntry(), name);
    return other && { ...other, configurable: true };
  },
});
