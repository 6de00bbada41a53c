// Where globalSetup puts the one CLI build. It lives under node_modules/.cache (inside the repository)
// so the compiled files resolve zod, fflate and the rest from the repository's node_modules; the
// process id keeps two Jest runs in one checkout apart.
'use strict';
const path = require('node:path');

const CLI_BIN_ENV = 'MAM_PREP_TEST_CLI_BIN';

function cliBuildDir(root) {
  return path.join(root, 'node_modules', '.cache', 'mam-prep-jest', `cli-${process.pid}`);
}

module.exports = { CLI_BIN_ENV, cliBuildDir };
