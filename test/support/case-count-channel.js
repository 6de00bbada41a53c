// The environment variable naming the folder where test files leave case counts for the reporter.
'use strict';
module.exports = { CASE_COUNTS_ENV: 'MAM_PREP_CASE_COUNTS_DIR' };
