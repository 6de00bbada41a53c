/* global document, window, getComputedStyle, performance, MutationObserver */
/**
 * The task pane's page outside Office, in Chromium: opened from a browser (the manifest's SupportUrl used
 * to point at it), with office.js unreachable, with an office.js that says there is no host, and with a
 * bundle that never runs (as in an Internet Explorer 11 or EdgeHTML web view). Each time the page must
 * say, within 5 s, that MAM Prep needs Excel and what to do, instead of "Loading…" forever.
 *
 * Office's CDN is never contacted: every request for it is answered or aborted by the test itself.
 * Run with the browser suite (node test/browser/run.js), or alone: node test/browser/outside-office.js
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { parse: parseJs } = require('acorn');

const OFFICE_CDN = 'https://appsforoffice.microsoft.com/';
/** The acceptance bound: the message is on screen within 5 s of the page starting to load. */
const MESSAGE_DEADLINE_MS = 5_000;

/** office.js as Office serves it outside an Office client: it loads, and onReady reports no host. */
const OFFICE_WITHOUT_HOST =
  'window.Office = { onReady: function (cb) { var info = { host: null, platform: null }; setTimeout(function () { cb(info); }, 50); return Promise.resolve(info); } };';
/** office.js inside an old host: it loads; the pane's own bundle is what cannot run there. */
const OFFICE_IN_OLD_HOST = 'window.Office = { onReady: function () { return new Promise(function () {}); } };';

async function answerOfficeScript(page, body) {
  await page.route(`${OFFICE_CDN}**`, (route) =>
    body === null ? route.abort('internetdisconnected') : route.fulfill({ status: 200, contentType: 'text/javascript', body }),
  );
}

/**
 * Records, inside the page, when the message first becomes visible (ms since navigation start): the
 * page's own clock, so a slow test machine's start-up of Chromium or of the page load is not counted
 * against the page, while everything the page itself does after navigation is.
 */
async function timeMessage(page) {
  await page.addInitScript(() => {
    const started = () => {
      const box = document.getElementById('needs-excel');
      if (box && !box.hidden && getComputedStyle(box).display !== 'none' && window.__needsExcelShownAt === undefined) {
        window.__needsExcelShownAt = performance.now();
      }
    };
    new MutationObserver(started).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** Waits for the plain message and returns what it says; fails if it came later than 5 s or the pane is still "Loading". */
async function messageShown(page) {
  const box = page.locator('#needs-excel');
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  const shownAt = await page.evaluate(() => window.__needsExcelShownAt);
  assert.ok(
    typeof shownAt === 'number' && shownAt <= MESSAGE_DEADLINE_MS,
    `the message appeared ${Math.round(shownAt)} ms after navigation started (limit ${MESSAGE_DEADLINE_MS} ms)`,
  );
  const text = await box.innerText();
  assert.match(text, /Excel/);
  assert.match(text, /What to do/);
  assert.match(text, /ExcelApi 1\.9/);
  assert.match(text, /Home > Check MAM file/);
  assert.equal(await page.locator('#loading').isVisible(), false, 'the pane still says Loading');
  return text;
}

const outsideOfficeScenarios = [];
const scenario = (name, run) => outsideOfficeScenarios.push({ name, run, allowedOutside: [OFFICE_CDN] });

scenario('taskpane.html opened in a browser with office.js unreachable says, within 5 s, that it needs Excel and what to do', async ({ page, origin }) => {
  await answerOfficeScript(page, null);
  await timeMessage(page);
  await page.goto(`${origin}/taskpane.html`, { waitUntil: 'commit' });
  const text = await messageShown(page);
  assert.match(text, /office\.js\) could not be loaded/);
  // The ES5 fallback said so before the bundle ran; the bundle then starts and says the same.
  await page.waitForFunction(() => document.documentElement.getAttribute('data-mam-prep') === 'started', null, { timeout: 30_000 });
  assert.equal(await page.locator('#needs-excel').isVisible(), true);
  assert.match(await page.locator('#needs-excel-reason').innerText(), /office\.js\) could not be loaded/);
});

scenario('taskpane.html where office.js reports no Office host says it was opened outside Excel', async ({ page, origin }) => {
  await answerOfficeScript(page, OFFICE_WITHOUT_HOST);
  await timeMessage(page);
  await page.goto(`${origin}/taskpane.html`, { waitUntil: 'commit' });
  const text = await messageShown(page);
  assert.match(text, /opened outside Excel/);
});

scenario('taskpane.html whose bundle never runs (IE11 or EdgeHTML web view) shows the ES5 fallback message', async ({ page, origin }) => {
  await answerOfficeScript(page, OFFICE_IN_OLD_HOST);
  await page.route(/\/taskpane\.[0-9a-f]+\.js$/, (route) => route.abort('failed'));
  await timeMessage(page);
  await page.goto(`${origin}/taskpane.html`, { waitUntil: 'commit' });
  const text = await messageShown(page);
  assert.match(text, /too old to run MAM Prep/);
  // What the server sends is the ES5 source as written, not a minified rewrite.
  const served = await (await page.request.get(`${origin}/needs-excel.js`)).text();
  assert.equal(served, fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'needs-excel.js'), 'utf8'));
  parseJs(served, { ecmaVersion: 5, sourceType: 'script' });
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-mam-prep')), null);
});

scenario('the help page the manifest points at opens with no script and names the supported hosts', async ({ page, origin }) => {
  await page.goto(`${origin}/help.html`);
  assert.equal(await page.evaluate(() => document.scripts.length), 0);
  const text = await page.locator('main').innerText();
  for (const needed of ['Excel for Microsoft 365', 'Excel 2021', 'Excel on the web', 'ExcelApi 1.9', 'Office 2016 and Office 2019']) {
    assert.ok(text.includes(needed), `help.html does not mention ${needed}`);
  }
});

/** Alone: the same checks without the demo scenarios. */
async function runAlone() {
  const os = require('node:os');
  const { chromium } = require('playwright-core');
  const { ensureWebBuild, OUTPUT } = require('../../scripts/build-web');
  const { serveStatic } = require('../../scripts/serve-static');
  const { CHROMIUM_ARGS, EXECUTABLE } = require('./chromium');
  await ensureWebBuild();
  const { server, port } = await serveStatic({ root: OUTPUT, port: 0 });
  const origin = `http://127.0.0.1:${port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-prep-outside-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const item of outsideOfficeScenarios) {
      const page = await context.newPage();
      try {
        await item.run({ page, origin });
        passed++;
        console.log(`  ✓ ${item.name}`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${item.name}\n      ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    server.close();
  }
  console.log(`\nOutside-Office checks: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) {
  runAlone().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`Outside-Office checks could not run: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      process.exit(1);
    },
  );
}

module.exports = { outsideOfficeScenarios };
