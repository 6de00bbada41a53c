import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * `src/engine` imports nothing from `src/rules`: the composition roots (CLI, pane, demo) hand the
 * catalogue to the engine, and lint fails if the engine reaches for it. Kept as a switch so a branch
 * that still needs the old shape can be linted while it is brought over.
 */
const ENGINE_MAY_IMPORT_RULES = false;

/** Office's globals. Only the gateway that talks to Excel and the pane's entry may touch them. */
const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension'].map((name) => ({
  name,
  message: 'Office globals belong in src/excel/office-gateway.ts (or the pane entry src/taskpane/index.tsx); take a gateway instead.',
}));
const OFFICE_ENTRY_FILES = ['src/excel/office-gateway.ts', 'src/taskpane/index.tsx'];

/** Browser globals a Node-only folder must not rely on. */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'HTMLElement'].map((name) => ({
  name,
  message: 'src/files and src/cli run in Node: no DOM.',
}));

const UI_PACKAGES = {
  paths: [
    { name: 'react', message: 'No React here: this folder is not UI.' },
    { name: 'react-dom', message: 'No React here: this folder is not UI.' },
  ],
  patterns: [{ group: ['react-dom/*', '@fluentui/*', 'react/*'], message: 'No UI libraries here: this folder is not UI.' }],
};

/** Which folder may not import which: `import-x/no-restricted-paths` zones (paths from the repository root). */
const zone = (target, from, message) => ({ target, from, message });
const BOUNDARY_ZONES = [
  ...['./src/engine', './src/rules'].map((target) =>
    zone(
      target,
      ['./src/excel', './src/taskpane', './src/files', './src/cli', './src/formatters'],
      'src/engine and src/rules are pure: they import only each other (see ENGINE_MAY_IMPORT_RULES) and nothing else of src/.',
    ),
  ),
  ...(ENGINE_MAY_IMPORT_RULES
    ? []
    : [zone('./src/engine', './src/rules', 'src/engine imports nothing from src/rules: the composition roots hand the catalogue to the engine.')]),
  zone('./src/formatters', ['./src/excel', './src/taskpane', './src/files', './src/cli'], 'src/formatters turn results into text: engine and rules only.'),
  zone('./src/files', ['./src/excel', './src/taskpane', './src/cli'], 'src/files is the Node workbook reader/patcher: no pane, no Office, no CLI.'),
  zone('./src/cli', ['./src/excel', './src/taskpane'], 'src/cli runs in Node: no pane, no Office.'),
  zone('./src/excel', ['./src/taskpane', './src/cli', './src/files'], 'src/excel is the Office adapter: engine and rules only.'),
  zone('./src/taskpane', ['./src/cli', './src/files'], 'The pane runs in Office: no Node modules, no CLI, no demo.'),
  zone(
    ['./src/engine', './src/rules', './src/formatters', './src/files', './src/cli', './src/excel', './src/taskpane'],
    './src/demo',
    'Nothing imports the demo: it is a composition root.',
  ),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**', 'bin/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules for everything tsconfig.json covers (floating promises, exhaustive switches, unsafe any).
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['**/*.tsx', 'src/taskpane/**', 'src/demo/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Folder boundaries and import cycles inside src/.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      // Without a parser for TypeScript, import-x cannot read the modules an import leads to, and
      // no-cycle then finds no cycle at all (it passed a deliberate two-file cycle).
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: BOUNDARY_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-globals': ['error', ...OFFICE_GLOBALS],
    },
  },
  { files: OFFICE_ENTRY_FILES, rules: { 'no-restricted-globals': 'off' } },
  {
    // The engine and rules are pure: no Office, no Node, no React.
    files: ['src/engine/**', 'src/rules/**', 'src/formatters/**'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', UI_PACKAGES],
      'no-restricted-globals': ['error', ...OFFICE_GLOBALS, 'process', 'require', 'window', 'document'],
    },
  },
  {
    // The Node side: no React, no DOM.
    files: ['src/files/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', UI_PACKAGES],
      'no-restricted-globals': ['error', ...OFFICE_GLOBALS, ...DOM_GLOBALS],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'bench/**/*.js', 'test/**/*.js', 'test/**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
