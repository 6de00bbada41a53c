const { swcOptions } = require('./test/support/swc-options');

// Two projects so that only the React suites pay for jsdom; both strip types with SWC (no type check
// here: `npm run typecheck` does that once for the whole tree).
const shared = {
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '/test/browser/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions({ tsx: false })],
    '^.+\\.tsx$': ['@swc/jest', swcOptions({ tsx: true })],
  },
  moduleNameMapper: { '\\.(css|png|svg)$': '<rootDir>/test/support/asset-stub.js' },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'node', testEnvironment: 'node', testMatch: ['**/*.test.ts'] },
    // React renders are slow on a loaded 2-core machine: a generous timeout so a busy host is not a failure.
    { ...shared, displayName: 'jsdom', testEnvironment: 'jsdom', testMatch: ['**/*.test.tsx'], testTimeout: 20_000 },
  ],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/case-count-reporter.js'],
};
