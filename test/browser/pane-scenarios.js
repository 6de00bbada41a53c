/* global document, window */
/**
 * The pane at Excel's default size (350 x 378) and at 320 px wide, through each of its states, and
 * the analyst's flows: fix where you read, keep watching after "Ready to export", training
 * that ends on the data sheet, settings that survive a reload, a sample switch that asks first.
 */
const assert = require('node:assert/strict');
const { DemoPage } = require('./demo-page');
const { PANE, setPaneWidth, checkPaneState } = require('./pane-checks');

const SAMPLE_ROWS = 12;
const MPAN_CELL = 'B8';
const PANE_HEIGHT = 378;

const scenarios = [];
const scenario = (name, run) => scenarios.push({ name, run });

async function openAt(browser, origin, width, query = '') {
  const page = await browser.newPage({ viewport: { width: 1000, height: PANE_HEIGHT } });
  const demo = new DemoPage(page, origin);
  await demo.open(query);
  await demo.waitForRowsChecked(SAMPLE_ROWS);
  await setPaneWidth(page, width);
  return { page, demo, pane: demo.pane };
}

/** The first finding's cell address is on screen, below the pinned header, with the pane not scrolled. */
async function assertFirstFindingVisible(page) {
  const seen = await page.locator(PANE).evaluate((pane) => {
    const root = pane.firstElementChild;
    const item = pane.querySelector('[role="tree"] [role="treeitem"][aria-level="2"]');
    if (!item) return { error: 'no finding is listed' };
    const place = [...item.querySelectorAll('span')].find((s) => /^([^!]+!)?[A-Z]+\d+$/.test(s.textContent.trim()));
    if (!place) return { error: `the first finding shows no cell address: "${item.textContent}"` };
    const rect = place.getBoundingClientRect();
    const pinned = root.firstElementChild.getBoundingClientRect();
    const atPoint = document.elementFromPoint(rect.left + 2, rect.top + rect.height / 2);
    return {
      text: place.textContent.trim(),
      top: rect.top,
      bottom: rect.bottom,
      pinnedBottom: pinned.bottom,
      height: window.innerHeight,
      scrollTop: root.scrollTop,
      covered: !place.contains(atPoint),
    };
  });
  assert.ok(!seen.error, seen.error);
  assert.equal(seen.scrollTop, 0, 'the pane was scrolled');
  assert.ok(seen.bottom <= seen.height, `the first finding's cell ${seen.text} is below the fold (bottom ${seen.bottom} > ${seen.height})`);
  assert.ok(seen.top >= seen.pinnedBottom, `the first finding's cell ${seen.text} is under the pinned header`);
  assert.ok(!seen.covered, `the first finding's cell ${seen.text} is covered`);
}

for (const width of [350, 320]) {
  scenario(
    `at ${width} px every pane state has no horizontal scroll and no serious axe violation (screenshots saved)`,
    async ({ browser, origin, outputDir }) => {
      const { page, demo, pane } = await openAt(browser, origin, width);
      await demo.waitForFinding('group-id-unknown', 'A14');
      await checkPaneState(page, outputDir, width, '1-initial-issues');
      if (width === 350) await assertFirstFindingVisible(page);

      await pane.getByRole('tab', { name: 'Fixes' }).click();
      await pane.getByRole('heading', { name: 'One-click fixes' }).waitFor();
      await checkPaneState(page, outputDir, width, '2-fixes');

      await pane.getByRole('button', { name: /^Fix all fixable/ }).click();
      await pane.getByRole('heading', { name: /^Preview: \d+ changes?$/ }).waitFor();
      await checkPaneState(page, outputDir, width, '3-fix-all-preview');
      await page.keyboard.press('Escape');
      await pane.getByText('Fix cancelled; nothing was changed.').waitFor();

      await pane.getByRole('tab', { name: 'Rules' }).click();
      await checkPaneState(page, outputDir, width, '4-rules');

      await pane.getByRole('tab', { name: 'Training' }).click();
      await pane.getByRole('button', { name: 'Insert training sheet' }).click();
      await pane.getByText(/Your data sheet was not changed/).waitFor();
      await checkPaneState(page, outputDir, width, '5-training-inserted');
      await pane.getByRole('button', { name: 'Check my data sheet' }).click();
      await pane.getByText(/Back on your data sheet/).waitFor();

      await pane.getByRole('tab', { name: 'Settings' }).click();
      await checkPaneState(page, outputDir, width, '6-settings');

      await pane.getByRole('tab', { name: 'Export' }).click();
      await pane.getByRole('button', { name: 'Check before export' }).click();
      await pane.getByText(/^Not ready: \d+ errors? remains?/).waitFor();
      await checkPaneState(page, outputDir, width, '7-export-check');
    },
  );
}

scenario(
  'fix all, the export check says ready, then a wrong MPAN typed afterwards is highlighted and the pane says not ready within a second',
  async ({ browser, origin, outputDir }) => {
    const { page, demo, pane } = await openAt(browser, origin, 350);
    await pane.getByRole('tab', { name: 'Fixes' }).click();
    await pane.getByRole('button', { name: /^Fix all fixable/ }).click();
    await pane.getByRole('button', { name: /^Apply \d+ changes?$/ }).click();
    await pane.getByText(/^Applied \d+ fix/).waitFor();

    await pane.getByRole('tab', { name: 'Export' }).click();
    await pane.getByRole('button', { name: 'Check before export' }).click();
    await pane.getByText('Ready to export', { exact: true }).last().waitFor();
    // What happened to the highlights is said exactly, and the grid agrees: none are left.
    await pane.getByText(/MAM Prep highlight formats? so they are not sent to DCC; none remain|holds no MAM Prep highlights/).waitFor();
    assert.equal(await page.locator('td[class*="hl-"]').count(), 0, 'highlights are still in the grid after the export check');
    await checkPaneState(page, outputDir, 350, '8-export-ready');

    const valid = await demo.cellText(MPAN_CELL);
    const wrong = valid.slice(0, 12) + String((Number(valid[12]) + 1) % 10);
    await demo.typeInto(MPAN_CELL, wrong);
    // The acceptance asks for "within a second" from the edit: a deadline, not a speed measurement.
    await demo.waitFor(
      async () => (await demo.cell(MPAN_CELL).getAttribute('class'))?.includes('hl-error'),
      async () => `${MPAN_CELL} is not highlighted a second after the edit`,
      1000,
    );
    await demo.waitFor(
      async () => (await pane.getByText(/^Not ready: 1 error remains \(new since the check\)$/).count()) === 1,
      async () => 'the export check still does not say not ready',
      1000,
    );
    await demo.waitFor(
      async () => (await pane.getByRole('button', { name: 'Not ready' }).count()) === 1,
      async () => 'the header still says ready',
      1000,
    );
    await checkPaneState(page, outputDir, 350, '9-export-not-ready-after-edit');
  },
);

scenario('a finding is fixed from the issue list with its own Fix button (Escape cancels the preview first), then reverted', async ({ browser, origin }) => {
  const { demo, pane, page } = await openAt(browser, origin, 350);
  await demo.waitForFinding('group-id-unknown', 'A14');
  const before = await demo.cellText('A14');
  const row = pane.locator('[role="treeitem"][aria-level="2"]', { hasText: 'A14' });
  await row.getByRole('button', { name: 'Fix', exact: true }).click();
  const preview = pane.getByRole('region', { name: /^Preview: 1 change$/ });
  await preview.waitFor();
  const text = await preview.innerText();
  assert.ok(
    text.includes('A14') && text.includes(`“${before}”`) && text.includes(`“${before.toUpperCase()}”`),
    `the preview does not show A14 before and after: ${text}`,
  );
  await page.keyboard.press('Escape');
  await pane.getByText('Fix cancelled; nothing was changed.').waitFor();
  assert.equal(await demo.cellText('A14'), before);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Fix', 'focus did not return to the Fix button');

  await row.getByRole('button', { name: 'Fix', exact: true }).click();
  await pane.getByRole('button', { name: 'Apply 1 change' }).click();
  await demo.waitFor(
    async () => (await demo.cellText('A14')) === before.toUpperCase(),
    async () => `A14 holds "${await demo.cellText('A14')}" after the fix`,
  );
  await demo.waitForNoFinding('group-id-unknown', 'A14');
  await pane.getByRole('button', { name: /^Revert Fix .*A14/ }).click();
  await demo.waitFor(
    async () => (await demo.cellText('A14')) === before,
    async () => `A14 holds "${await demo.cellText('A14')}" after the revert, not "${before}"`,
  );
  await demo.waitForFinding('group-id-unknown', 'A14');
});

scenario(
  'training ends well: a closing summary, then back to the data sheet without the training sheet in the "also shaped like a template" note',
  async ({ browser, origin }) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const demo = new DemoPage(page, origin);
    await demo.open();
    const pane = demo.pane;
    await pane.getByRole('tab', { name: 'Training' }).click();
    await pane.getByRole('button', { name: 'Insert training sheet' }).click();
    await pane.getByText(/Your data sheet was not changed/).waitFor();
    while ((await pane.getByRole('button', { name: 'Finish' }).count()) === 0) await pane.getByRole('button', { name: 'Next rule' }).click();
    await pane.getByRole('button', { name: 'Finish' }).click();
    const summary = pane.getByRole('region', { name: 'Training complete' });
    await summary.waitFor();
    const text = await summary.innerText();
    assert.match(text, /You have stepped through all \d+ rules\. \d+ have a row on the training sheet/);
    assert.match(text, /Template version not current: about the template version in the header block|about the template version in the header block/);
    await summary.getByRole('button', { name: 'Check my data sheet' }).click();
    await pane.getByText(/Back on your data sheet "Migration Authorisation"/).waitFor();
    await demo.waitFor(
      async () => (await page.locator('.sheet-tabs [role="tab"][aria-selected="true"]').innerText()) === 'Migration Authorisation',
      async () => 'the grid stayed on the training sheet',
    );
    await pane.getByRole('tab', { name: 'Issues' }).click();
    assert.equal(await pane.getByText(/Also shaped like a template/).count(), 0, 'the training sheet is named as another template');
  },
);

scenario('the demo keeps "Saved for you in this browser" true across a reload, and asks before a sample switch discards edits', async ({ browser, origin }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const demo = new DemoPage(page, origin);
  await demo.open();
  const pane = demo.pane;
  try {
    await pane.getByRole('tab', { name: 'Settings' }).click();
    await pane
      .getByText(/Saved for you in this browser/)
      .first()
      .waitFor();
    await pane.getByLabel(/^User ID used when the workbook states none/).fill('70-B3-D5-1F-30-00-A0-09');
    await pane.getByRole('button', { name: 'Save User ID' }).click();
    await pane.getByText('User ID saved.', { exact: true }).waitFor();
    await page.reload();
    await demo.waitForRowsChecked(SAMPLE_ROWS);
    await pane.getByRole('tab', { name: 'Settings' }).click();
    assert.equal(await pane.getByLabel(/^User ID used when the workbook states none/).inputValue(), '70-B3-D5-1F-30-00-A0-09');
  } finally {
    // The suite shares one browser profile: leave no setting behind for the next scenario.
    await page.evaluate(() => window.localStorage.clear());
  }
  await page.reload();
  await demo.waitForRowsChecked(SAMPLE_ROWS);

  // No edits yet: the sample switches without a question.
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void (dialogs.length === 1 ? dialog.dismiss() : dialog.accept());
  });
  await demo.typeInto('L7', 'EDITED');
  await page.getByTestId('sample-select').selectOption('dormant-schedule');
  await demo.waitFor(
    async () => dialogs.length === 1,
    async () => 'no question before discarding the edit',
  );
  assert.match(dialogs[0], /Your changes to this workbook are discarded/);
  assert.equal(await demo.cellText('L7'), 'EDITED', 'the edit was discarded although the analyst said no');
  assert.equal(await page.getByTestId('sample-select').inputValue(), 'migration-authorisation');
  await page.getByTestId('sample-select').selectOption('dormant-schedule');
  await demo.pane
    .getByText(/Dormant Meter Migration Schedule/)
    .first()
    .waitFor();
  assert.equal(dialogs.length, 2);
});

module.exports = { scenarios };
