#!/usr/bin/env node
/**
 * Refreshes the README's pane screenshots (docs/pane-light.png, pane-dark.png, pane-high-contrast.png)
 * from the browser demo at 350 x 378, through the browser suite's screenshot scenario:
 *
 *   npm run docs:screenshots      (builds dist/web first when it is out of date)
 */
process.env.MAM_PREP_UPDATE_DOCS = '1';
process.env.BROWSER_ONLY = '^screenshots of the pane';
require('../test/browser/run.js');
