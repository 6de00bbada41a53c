/* global document, window, getComputedStyle */
/**
 * The demo page, end to end in Chromium: the grid and the real task pane on one in-memory workbook.
 * Each scenario gets a fresh browser profile; the runner also checks it made no request outside
 * the local server.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { DemoPage } = require('./demo-page');
const { maRow, mpan, mpanWithWrongCheckDigit } = require('./identifiers');
const { checkPaneState } = require('./pane-checks');

/** The MA sample's data rows are 7..18; row 8's MPAN is valid to begin with. */
const MPAN_CELL = 'B8';
const SAMPLE_ROWS = 12;

const scenarios = [];
const scenario = (name, run, options = {}) => scenarios.push({ name, run, ...options });

scenario('the demo loads the Migration Authorisation sample with the pane beside it, without Office.js', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  assert.match(await demo.pane.innerText(), /SMETS1 Migration Authorisation/);
  assert.equal(await demo.cellText('A6'), 'Group ID');
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src));
  assert.ok(
    scripts.every((src) => src.startsWith(`${origin}/`)),
    `scripts from elsewhere: ${scripts}`,
  );
  assert.equal(await page.evaluate(() => typeof window.Office), 'undefined');
  // The sample's own mistakes are found from the start.
  await demo.waitForFinding('mpan-format', 'B9');
  await demo.waitForFinding('group-id-unknown', 'A14');
});

scenario('typing a wrong MPAN into the grid shows an mpan-check-digit finding on that cell, and correcting it clears it', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  const valid = await demo.cellText(MPAN_CELL);
  assert.match(valid, /^\d{13}$/);
  const wrong = valid.slice(0, 12) + String((Number(valid[12]) + 1) % 10);
  await demo.typeInto(MPAN_CELL, wrong);
  assert.equal(await demo.cellText(MPAN_CELL), wrong);
  await demo.waitForFinding('mpan-check-digit', MPAN_CELL);
  // The grid shows the pane's highlight on the cell too (Excel's conditional format in the real add-in).
  await demo.waitFor(
    async () => (await demo.cell(MPAN_CELL).getAttribute('class'))?.includes('hl-error'),
    async () => `${MPAN_CELL} is not highlighted`,
  );
  await demo.typeInto(MPAN_CELL, valid);
  await demo.waitForNoFinding('mpan-check-digit', MPAN_CELL);
});

scenario('a wrong MPAN typed with spaces gets mpan-format; its fix corrects the cell and the revert restores it', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  const valid = await demo.cellText(MPAN_CELL);
  const spaced = valid.replace(/^(\d{2})(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3 $4');
  await demo.typeInto(MPAN_CELL, spaced);
  await demo.waitForFinding('mpan-format', MPAN_CELL);

  // The Fixes tab: show the cells of the MPAN rule, fix B8, check the preview, apply.
  const pane = demo.pane;
  await pane.getByRole('tab', { name: 'Fixes' }).click();
  await pane.getByRole('button', { name: /^Show cells: MPAN/ }).click();
  await pane.getByRole('button', { name: `Fix ${MPAN_CELL}`, exact: true }).click();
  const preview = await pane.innerText();
  assert.ok(preview.includes(spaced) && preview.includes(valid), 'the preview shows the value before and after');
  await pane.getByRole('button', { name: /^Apply 1 change$/ }).click();
  await demo.waitFor(
    async () => (await demo.cellText(MPAN_CELL)) === valid,
    async () => `${MPAN_CELL} holds "${await demo.cellText(MPAN_CELL)}", not the fixed "${valid}"`,
  );
  await pane.getByRole('tab', { name: 'Issues' }).click();
  await demo.waitForNoFinding('mpan-format', MPAN_CELL);

  // Revert it from the fix history.
  await pane.getByRole('tab', { name: 'Fixes' }).click();
  await pane
    .getByRole('button', { name: /^Revert / })
    .first()
    .click();
  await demo.waitFor(
    async () => (await demo.cellText(MPAN_CELL)) === spaced,
    async () => `${MPAN_CELL} holds "${await demo.cellText(MPAN_CELL)}" after the revert, not "${spaced}"`,
  );
  await pane.getByRole('tab', { name: 'Issues' }).click();
  await demo.waitForFinding('mpan-format', MPAN_CELL);
});

scenario('pasting ten rows at once validates all of them in one go', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  const rows = Array.from({ length: 10 }, (_, i) => maRow(900 + i));
  rows[3][1] = mpanWithWrongCheckDigit(903); // row 22
  rows[7][5] = '00-12-4B-01-00-03-09'; // row 26: a CHF ID one octet short
  rows[9][1] = mpan(900); // row 28: the MPAN of row 19 again
  await demo.paste('A19', rows);
  await demo.waitForRowsChecked(SAMPLE_ROWS + 10);
  assert.equal(await demo.cellText('A28'), 'AB');
  assert.equal(await demo.cellText('M19'), rows[0][12]);
  await demo.waitForFinding('mpan-check-digit', 'B22');
  await demo.waitForFinding('eui64-format', 'F26');
  await demo.waitForFinding('duplicate-meter-point', 'B28');
  const pasted = (await demo.findings()).filter(([, place]) => /^[A-M](19|2\d)$/.test(place));
  assert.deepEqual(pasted.map(([rule, place]) => `${rule}@${place}`).sort(), ['duplicate-meter-point@B28', 'eui64-format@F26', 'mpan-check-digit@B22']);
});

scenario('switching to the Dormant sample checks it as a Dormant Meter Migration Schedule', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  await page.getByTestId('sample-select').selectOption('dormant-schedule');
  await demo.pane
    .getByText(/Dormant Meter Migration Schedule/)
    .first()
    .waitFor();
  assert.equal(await page.locator('.sheet-tabs [role="tab"][aria-selected="true"]').innerText(), 'Dormant Meter Schedule');
  assert.match(page.url(), /sample=dormant-schedule/);
  await demo.waitForFinding('week-commencing-not-monday', 'I10');
  await demo.waitForFinding('code-value', 'J12');
  await demo.waitForFinding('mprn-format', 'C15');
  // A wrong MPAN is found on the Dormant sheet too.
  const valid = await demo.cellText(MPAN_CELL);
  await demo.typeInto(MPAN_CELL, valid.slice(0, 12) + String((Number(valid[12]) + 1) % 10));
  await demo.waitForFinding('mpan-check-digit', MPAN_CELL);
});

scenario('the issue list works from the keyboard alone: Tab in, arrows, collapse, expand, Enter goes to the cell', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  await demo.waitForFinding('group-id-unknown', 'A14');
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        role: el?.getAttribute('role'),
        level: el?.getAttribute('aria-level'),
        rule: el?.getAttribute('data-rule-id'),
        text: el?.innerText?.trim().split(/\s/)[0],
        expanded: el?.getAttribute('aria-expanded'),
      };
    });
  // Tab from the start of the page until the issue tree has the focus (one tab stop for the tree).
  let presses = 0;
  while ((await focused()).role !== 'treeitem') {
    await page.keyboard.press('Tab');
    assert.ok(++presses <= 40, 'Tab never reached the issue list');
  }
  const first = await focused();
  assert.equal(first.level, '1');
  await page.keyboard.press('ArrowDown');
  const child = await focused();
  assert.equal(child.level, '2');
  await page.keyboard.press('ArrowLeft'); // back to the group
  assert.equal((await focused()).level, '1');
  await page.keyboard.press('ArrowLeft'); // collapse it
  assert.equal((await focused()).expanded, 'false');
  await page.keyboard.press('ArrowRight'); // expand again
  assert.equal((await focused()).expanded, 'true');
  await page.keyboard.press('End');
  const last = await focused();
  await page.keyboard.press('Home');
  assert.deepEqual(await focused(), first);
  assert.notDeepEqual(last, first);
  // Enter on a finding selects its cell in the grid.
  await page.keyboard.press('ArrowDown');
  const target = (await focused()).text;
  assert.match(target, /^[A-Z]+\d+$/);
  await page.keyboard.press('Enter');
  await demo.waitFor(
    async () => (await page.getByTestId('name-box').innerText()) === target,
    async () => `the grid selected ${await page.getByTestId('name-box').innerText()}, not ${target}`,
  );
  // The tree kept the focus (one tab stop), so the next Tab leaves it.
  assert.equal((await focused()).role, 'treeitem');
});

scenario('trainer mode inserts a training sheet beside the data sheet, finds its mistakes and steps through the rules', async ({ page, origin }) => {
  const demo = new DemoPage(page, origin);
  await demo.open();
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  const dataColumn = async () => Promise.all(Array.from({ length: SAMPLE_ROWS }, (_, i) => demo.cellText(`B${7 + i}`)));
  const before = await dataColumn();
  const pane = demo.pane;
  await pane.getByRole('tab', { name: 'Training' }).click();
  await pane.getByRole('button', { name: 'Insert training sheet' }).click();
  await pane.getByText(/Your data sheet was not changed/).waitFor();
  assert.deepEqual(await page.locator('.sheet-tabs [role="tab"]').allInnerTexts(), ['Migration Authorisation', 'MAM Prep training']);
  // Step to a rule and show its row: the grid goes to the training sheet's cell.
  while ((await pane.locator('[data-rule-id]').getAttribute('data-rule-id')) !== 'mpan-check-digit') {
    await pane.getByRole('button', { name: 'Next rule' }).click();
  }
  await pane.getByText(/MAM Prep finds it/).waitFor();
  await pane.getByRole('button', { name: /^Show row \d+$/ }).click();
  await demo.waitFor(
    async () => (await page.locator('.sheet-tabs [role="tab"][aria-selected="true"]').innerText()) === 'MAM Prep training',
    async () => 'the grid did not switch to the training sheet',
  );
  assert.match(await page.getByTestId('name-box').innerText(), /^B\d+$/);
  await pane.getByRole('tab', { name: 'Issues' }).click();
  for (const rule of ['mpan-check-digit', 'eis-required', 'duplicate-device-id', 'blank-row']) {
    assert.ok(
      (await demo.findings()).some(([r]) => r === rule) || (await pane.locator(`[data-rule-id="${rule}"]`).count()) > 0,
      `no ${rule} on the training sheet`,
    );
  }
  // The user's data sheet is exactly as it was.
  await page.locator('.sheet-tabs [role="tab"]', { hasText: 'Migration Authorisation' }).click();
  assert.deepEqual(await dataColumn(), before);
});

scenario('screenshots of the pane at 350 x 378 in the light, dark and high-contrast themes', async ({ browser, origin, outputDir }) => {
  const docs = process.env.MAM_PREP_UPDATE_DOCS === '1' ? path.resolve(__dirname, '..', '..', 'docs') : null;
  for (const theme of ['light', 'dark', 'high-contrast']) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 378 }, deviceScaleFactor: 1 });
    // High contrast is Windows' forced colours: the light theme underneath, system colours on top.
    if (theme === 'high-contrast') await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    const demo = new DemoPage(page, origin);
    await demo.open(`?theme=${theme === 'dark' ? 'dark' : 'light'}`);
    await demo.waitForFinding('group-id-unknown', 'A14');
    await checkPaneState(page, outputDir, 350, `theme-${theme}`);
    const file = path.join(outputDir, `pane-${theme}.png`);
    await demo.pane.screenshot({ path: file });
    assert.deepEqual(pngSize(file), { width: 350, height: 378 });
    if (docs) fs.copyFileSync(file, path.join(docs, `pane-${theme}.png`));
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="pane"] > *')).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    const light = (r + g + b) / 3 > 128;
    assert.equal(light, theme === 'light', `the ${theme} pane has background ${background}`);
  }
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
  const header = fs.readFileSync(file).subarray(16, 24);
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4) };
}

scenarios.push(...require('./pane-scenarios').scenarios);

module.exports = { scenarios };
