// Removes the CLI build that globalSetup made for this run.
'use strict';
const { rmSync } = require('node:fs');
const path = require('node:path');
const { cliBuildDir } = require('./cli-build-paths');

module.exports = function removeCliBuild() {
  rmSync(cliBuildDir(path.resolve(__dirname, '../..')), { recursive: true, force: true });
};
