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
  moduleNameMapper: {
    '\\.(css|png|svg)$': '<rootDir>/test/support/asset-stub.js',
    // The same Fluent components and icons, each loaded on first use: see the two files for why.
    '^@fluentui/react-components$': '<rootDir>/test/support/fluent-lazy.js',
    '^@fluentui/react-icons$': '<rootDir>/test/support/fluent-icons-lazy.js',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // The jsdom project's environment is Jest's jsdom with a faster route to the same computed styles
    // (see the file); the suites no longer name an environment themselves.
    { ...shared, displayName: 'node', testEnvironment: 'node', testMatch: ['**/*.test.ts'] },
    { ...shared, displayName: 'jsdom', testEnvironment: '<rootDir>/test/support/jsdom-environment.js', testMatch: ['**/*.test.tsx'] },
  ],
  // Jest's 5 s default fails React renders and big-workbook reads when the 2-core machine is busy
  // (seen: 29 such timeouts under load 18, and one 30 s React walk-through under load 19); a busy
  // host is not a failure of the code under test.
  testTimeout: 60_000,
  // Jest's default is one worker fewer than the cores, kept free for its own process; but that process
  // only hands out files and prints results, so on the 2-core machine the default meant one worker and a
  // run about 40 s longer than with one worker per core.
  maxWorkers: '100%',
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/case-count-reporter.js'],
};
