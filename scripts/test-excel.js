#!/usr/bin/env node
/**
 * `npm run test:excel`: the Office convention for tests in the real host. Sideloads a test build of the
 * pane into Excel desktop (office-addin-debugging), whose page runs the scripted scenario of
 * test/excel/in-excel/excel-scenario.ts through OfficeGateway and posts the results to a local results
 * server; prints each step and "N passed, N failed". Where Excel is not installed (Linux, CI) it says so
 * and exits 0: the same scenario runs against the fake in test/excel/excel-scenario.test.ts.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { startResultsServer } = require('./excel-results-server');
const { officeDebuggingCli } = require('./office-debugging-cli');
const { DEV_ORIGIN, readDevManifest } = require('./production-manifest');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'test-output', 'excel-test-manifest.xml');
const RESULTS_TIMEOUT_MS = Number(process.env.MAM_PREP_EXCEL_TIMEOUT_MS || 300_000);
/** Its own add-in id, so the test pane never replaces a sideloaded development copy. */
const TEST_ADDIN_ID = '0b5e7c44-51f2-4c8e-9d3a-7a1f6e2c9b10';

function excelInstalled() {
  if (process.platform === 'darwin') return fs.existsSync('/Applications/Microsoft Excel.app');
  if (process.platform === 'win32') {
    const query = spawnSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe'], { stdio: 'ignore' });
    return query.status === 0;
  }
  return false;
}

/** manifest.xml with the test page, its own id and name: the add-in Excel opens for this run. */
function writeTestManifest() {
  const xml = readDevManifest()
    .replace(/<Id>[^<]*<\/Id>/, `<Id>${TEST_ADDIN_ID}</Id>`)
    .replace('<DisplayName DefaultValue="MAM Prep" />', '<DisplayName DefaultValue="MAM Prep (test:excel)" />')
    .split(`${DEV_ORIGIN}/taskpane.html`)
    .join(`${DEV_ORIGIN}/excel-test.html`);
  fs.mkdirSync(path.dirname(MANIFEST), { recursive: true });
  fs.writeFileSync(MANIFEST, xml);
}

function officeDebugging(cli, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), ms);
    }),
  ]);
}

function report(results) {
  const steps = Array.isArray(results?.steps) ? results.steps : [];
  let passed = 0;
  let failed = 0;
  console.log(`\nIn Excel (${results?.host ?? 'unknown host'}):`);
  for (const step of steps) {
    if (step.passed) passed++;
    else failed++;
    console.log(`  ${step.passed ? '✓' : '✗'} ${step.name}${step.detail ? `\n      ${step.detail}` : ''}`);
  }
  if (steps.length === 0) failed++;
  console.log(`\ntest:excel: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

async function main() {
  if (!excelInstalled()) {
    console.log(`test:excel: Excel is not installed on this machine (${process.platform}), so there is nothing to sideload; skipped.`);
    console.log('The same scenario runs against the fake in `npx jest test/excel/excel-scenario.test.ts`. See the README, "Tests in real Excel".');
    return 0;
  }
  const cli = officeDebuggingCli();
  if (!cli) {
    console.error('test:excel: office-addin-debugging is not installed (an optional dependency). Run `npm install --include=optional`, then try again.');
    return 1;
  }
  let tls;
  try {
    tls = await require('office-addin-dev-certs').getHttpsServerOptions();
  } catch (error) {
    console.error(
      `test:excel: the Office development certificate could not be made or trusted (${error instanceof Error ? error.message.split('\n')[0] : error}). Run \`npx office-addin-dev-certs install\`, then try again.`,
    );
    return 1;
  }
  writeTestManifest();
  const server = await startResultsServer({ tls });
  console.log(`test:excel: results server on https://localhost:${server.port}; sideloading ${path.relative(ROOT, MANIFEST)} into Excel…`);
  let code = 1;
  try {
    const started = await officeDebugging(cli, [
      'start',
      MANIFEST,
      'desktop',
      '--app',
      'excel',
      '--no-debug',
      '--no-live-reload',
      '--dev-server',
      'npx webpack serve --mode development --env excelTest',
      '--dev-server-port',
      '3000',
    ]);
    if (started !== 0) {
      console.error(`test:excel: office-addin-debugging start failed (exit ${started}).`);
      return 1;
    }
    console.log(
      `test:excel: waiting up to ${RESULTS_TIMEOUT_MS / 1000} s for the pane's results (if the pane does not open by itself, choose Home > Check MAM file in the new workbook)…`,
    );
    const results = await withTimeout(server.results, RESULTS_TIMEOUT_MS);
    if (results === null) {
      console.error(`test:excel: no results within ${RESULTS_TIMEOUT_MS / 1000} s.\n\ntest:excel: 0 passed, 1 failed`);
      return 1;
    }
    code = report(results);
  } finally {
    await officeDebugging(cli, ['stop', MANIFEST]);
    await server.close();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`test:excel could not run: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exit(1);
  },
);
