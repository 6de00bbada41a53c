import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**', 'bin/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // The engine and rules are pure: no Office, no Node, no React.
    files: ['src/engine/**', 'src/rules/**', 'src/formatters/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fs', 'path', 'node:*', 'react', 'react-dom', '@fluentui/*', '../excel/*', '../taskpane/*', '../files/*', '../cli/*'] }],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'process', 'require'],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'bench/**/*.js', 'test/**/*.js'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
