// Prints jest's JSON results as the one line CI reads: "N passed, N failed".
const { readFileSync } = require('fs');

const file = process.argv[2];
let results;
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log('0 passed, 1 failed');
  console.error(`jest-summary: cannot read ${file}: ${e.message}`);
  process.exit(1);
}
const passed = results.numPassedTests;
// Suites that fail to run (syntax or import errors) hold no failed test but must still fail CI.
const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
