#!/usr/bin/env node
/**
 * Browser tests: serves dist/web on 127.0.0.1, drives the demo in Debian's Chromium through
 * playwright-core, prints "N passed, N failed", keeps screenshots in test-output/screenshots/ and
 * exits non-zero on any failure. Every request the page makes is recorded; one outside the local
 * server fails the scenario that made it.
 *
 *   node test/browser/run.js            (after `npm run build`; builds dist/web itself when missing)
 *   CHROMIUM=/path/to/chrome node test/browser/run.js
 *   BROWSER_ONLY='export check' node test/browser/run.js   (only the scenarios whose names match)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { ensureWebBuild, OUTPUT } = require('../../scripts/build-web');
const { serveStatic } = require('../../scripts/serve-static');
const { scenarios: demoScenarios } = require('./scenarios');
const { outsideOfficeScenarios } = require('./outside-office');
const { CHROMIUM_ARGS, EXECUTABLE } = require('./chromium');

const scenarios = [...demoScenarios, ...outsideOfficeScenarios];

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
const SCENARIO_TIMEOUT_MS = 180_000;
const SUITE_TIMEOUT_MS = 1_500_000;

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}

/**
 * Chromium with a fresh, throw-away profile, shared by the scenarios (each gets its own pages; the
 * demo keeps no state outside the page). Records requests that leave the local server.
 */
async function openBrowser(origin) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-prep-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
    serviceWorkers: 'block',
  });
  const watch = { outside: [], pageErrors: [] };
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) watch.outside.push(url);
  });
  const watchPage = (page) => {
    page.on('websocket', (socket) => watch.outside.push(socket.url()));
    page.on('pageerror', (error) => watch.pageErrors.push(error.message.split('\n')[0]));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  const close = async () => {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, watch, close };
}

async function runScenario(item, { context, watch }, origin) {
  watch.outside = [];
  watch.pageErrors = [];
  const pages = [];
  const newPage = async (options) => {
    const page = await context.newPage();
    pages.push(page);
    if (options?.viewport) await page.setViewportSize(options.viewport);
    return page;
  };
  try {
    const page = await newPage();
    await withTimeout(item.run({ page, browser: { newPage }, origin, outputDir: SCREENSHOTS }), SCENARIO_TIMEOUT_MS, `"${item.name}"`);
  } finally {
    for (const page of pages) await page.close().catch(() => undefined);
  }
  if (watch.pageErrors.length > 0) throw new Error(`the page threw: ${watch.pageErrors.join('; ')}`);
  // A scenario may name prefixes it answers itself (page.route), so they never reach the network.
  const outside = watch.outside.filter((url) => !(item.allowedOutside ?? []).some((prefix) => url.startsWith(prefix)));
  if (outside.length > 0) throw new Error(`requests outside ${origin}: ${[...new Set(outside)].join(', ')}`);
}

async function main() {
  if (!fs.existsSync(EXECUTABLE)) {
    console.error(`Chromium not found at ${EXECUTABLE} (apt-get install -y chromium, or set CHROMIUM).`);
    return 1;
  }
  await ensureWebBuild();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const { server, port } = await serveStatic({ root: OUTPUT, port: 0 });
  const origin = `http://127.0.0.1:${port}`;
  let passed = 0;
  let failed = 0;
  const browser = await openBrowser(origin);
  try {
    // BROWSER_ONLY=<regex> runs the scenarios whose names match (for working on one).
    const only = process.env.BROWSER_ONLY ? new RegExp(process.env.BROWSER_ONLY) : null;
    for (const item of scenarios.filter((s) => !only || only.test(s.name))) {
      const started = Date.now();
      try {
        await runScenario(item, browser, origin);
        passed++;
        console.log(`  ✓ ${item.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${item.name}\n      ${error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n      ') : error}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nBrowser tests: ${passed} passed, ${failed} failed (screenshots in ${path.relative(ROOT, SCREENSHOTS)}/)`);
  return failed === 0 ? 0 : 1;
}

const guard = setTimeout(() => {
  console.error(`Browser tests: stopped after ${SUITE_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, SUITE_TIMEOUT_MS);
guard.unref();

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Browser tests could not run: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exit(1);
  },
);
