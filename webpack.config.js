/**
 * Builds the task pane (and the browser demo, once src/demo/index.tsx exists) into dist/web.
 *
 *   npx webpack --mode production           static build for hosting
 *   npx webpack serve --mode development    https://localhost:3000 for sideloading manifest.xml
 *   npx webpack serve --mode development --env excelTest
 *                                           the pane driven by the in-Excel scenario (npm run test:excel)
 *   ADDIN_BASE_URL=https://host/path npx webpack --mode production
 *                                           also writes dist/web/manifest.xml with every URL under that base
 *
 * No eval-based devtool in any mode: the pane's Content-Security-Policy has no 'unsafe-eval'.
 */
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { AddinBaseUrlError, parseAddinBaseUrl, ProductionManifestPlugin } = require('./scripts/production-manifest');

const PORT = 3000;
const OFFICE_SCRIPT_ORIGIN = 'https://appsforoffice.microsoft.com';
const DEMO_ENTRY = path.resolve(__dirname, 'src/demo/index.tsx');
const DEMO_TEMPLATE = path.resolve(__dirname, 'src/demo/demo.html');
const EXCEL_TEST_ENTRY = path.resolve(__dirname, 'test/excel/in-excel/excel-test-entry.tsx');
const EXCEL_RESULTS_ORIGIN = 'https://localhost:4201';

/**
 * The pane's Content-Security-Policy. Scripts only from us and Office's CDN. Styles allow inline
 * because Fluent UI v9 (Griffel) inserts its atomic CSS as <style> rules at run time. The dev server's
 * live-reload socket is the one extra connection, and only in development.
 */
function contentSecurityPolicy(development, extraConnect = '') {
  const devSocket = (development ? ` ws://localhost:${PORT} wss://localhost:${PORT}` : '') + extraConnect;
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_SCRIPT_ORIGIN}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${OFFICE_SCRIPT_ORIGIN}${devSocket}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * HTTPS options for the dev server. Office only loads add-ins over https, so we try the Office dev
 * certificates first. Where they cannot be made (CI, a Linux box without a trust store tool) we fall
 * back to plain http on purpose and say so: the pane still runs in a browser for the demo and tests.
 * MAM_PREP_HTTP=1 skips the certificates altogether (CI, browser tests).
 */
async function devServerTransport() {
  if (process.env.MAM_PREP_HTTP === '1') {
    console.warn(`[mam-prep] MAM_PREP_HTTP=1: serving http://localhost:${PORT} (browser demo only; Office needs https).`);
    return { type: 'http' };
  }
  try {
    const devCerts = require('office-addin-dev-certs');
    const options = await devCerts.getHttpsServerOptions();
    return { type: 'https', options };
  } catch (error) {
    console.warn(
      `[mam-prep] Could not create Office dev certificates (${error instanceof Error ? error.message.split('\n')[0] : error}). ` +
        `Serving http://localhost:${PORT} instead: Office will not load the add-in from http, the demo still works.`,
    );
    return { type: 'http' };
  }
}

/** ADDIN_BASE_URL, checked before anything is compiled: a wrong one fails at once with one clear line. */
function addinBaseUrl() {
  const raw = process.env.ADDIN_BASE_URL;
  if (raw === undefined || raw.trim() === '') return null;
  try {
    return parseAddinBaseUrl(raw);
  } catch (error) {
    if (!(error instanceof AddinBaseUrlError)) throw error;
    console.error(`[mam-prep] ${error.message}`);
    process.exit(2);
  }
}

module.exports = async (env = {}, argv = {}) => {
  const development = argv.mode !== 'production';
  const base = addinBaseUrl();
  const serving = Boolean(env.WEBPACK_SERVE);
  const withDemo = fs.existsSync(DEMO_ENTRY);
  const excelTest = Boolean(env.excelTest);

  const officeScript = `${OFFICE_SCRIPT_ORIGIN}/lib/1/hosted/office.js`;
  const entry = excelTest ? { 'excel-test': EXCEL_TEST_ENTRY } : { taskpane: './src/taskpane/index.tsx' };
  if (withDemo && !excelTest) entry.demo = DEMO_ENTRY;

  const pages = [
    excelTest
      ? // `npm run test:excel`: the pane driven by the in-Excel scenario, which posts to the local results server.
        new HtmlWebpackPlugin({
          filename: 'excel-test.html',
          template: './src/taskpane/taskpane.html',
          chunks: ['excel-test'],
          templateParameters: { csp: contentSecurityPolicy(development, ` ${EXCEL_RESULTS_ORIGIN}`), officeScript },
        })
      : new HtmlWebpackPlugin({
          filename: 'taskpane.html',
          template: './src/taskpane/taskpane.html',
          chunks: ['taskpane'],
          templateParameters: { csp: contentSecurityPolicy(development), officeScript },
        }),
  ];
  if (withDemo && !excelTest) {
    pages.push(
      new HtmlWebpackPlugin({
        filename: 'demo.html',
        chunks: ['demo'],
        title: 'MAM Prep demo',
        ...(fs.existsSync(DEMO_TEMPLATE) ? { template: DEMO_TEMPLATE } : {}),
      }),
    );
  }

  return {
    mode: development ? 'development' : 'production',
    entry,
    output: {
      path: path.resolve(__dirname, excelTest ? 'dist/excel-test' : 'dist/web'),
      filename: '[name].[contenthash:8].js',
      clean: true,
      // Always write, so the files' times say when the build ran (scripts/build-web.js decides staleness by them).
      compareBeforeEmit: false,
    },
    devtool: development ? 'source-map' : false,
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // ES modules let webpack tree-shake Fluent UI; tsconfig's noEmit is for `tsc` checks only.
              compilerOptions: { module: 'esnext', noEmit: false, sourceMap: development },
            },
          },
        },
      ],
    },
    plugins: [
      ...pages,
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // The pane's ES5 fallback is copied, not bundled: it must run where the bundle cannot.
          // Marked minimized so Terser leaves it exactly as written (ES5, ASCII).
          { from: 'src/taskpane/needs-excel.js', to: 'needs-excel.js', info: { minimized: true } },
          { from: 'src/help/help.html', to: 'help.html' },
        ],
      }),
      ...(base ? [new ProductionManifestPlugin(base)] : []),
    ],
    performance: { hints: development ? false : 'warning', maxEntrypointSize: 1_000_000, maxAssetSize: 1_000_000 },
    devServer: serving
      ? {
          // Loopback only: the pane is for this machine's Excel, not the network.
          host: 'localhost',
          port: PORT,
          server: await devServerTransport(),
          static: false,
          hot: false,
          client: { overlay: { warnings: false, errors: true } },
        }
      : undefined,
  };
};
