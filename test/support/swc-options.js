// The one SWC configuration shared by Jest's transform and the CLI build in globalSetup: the emit
// tsconfig.json asks for (ES2022, CommonJS, react-jsx, esModuleInterop-style interop). SWC only strips
// types; `npm run typecheck` is where types are checked.
'use strict';

/** @param {{ tsx: boolean }} options */
function swcOptions({ tsx }) {
  return {
    jsc: {
      parser: { syntax: 'typescript', tsx },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  };
}

module.exports = { swcOptions };
