/* global document, window */
/**
 * Checks every pane state must pass: nothing wider than the pane (no horizontal scroll, nothing cut
 * off at the right edge), no serious or critical axe violation, and a screenshot for review.
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { AxeBuilder } = require('@axe-core/playwright');

const PANE = '[data-testid="pane"]';

/** Sets the demo's pane to 320 px (the narrowest Office allows) or back to 350 px. */
async function setPaneWidth(page, width) {
  await page.evaluate((w) => {
    if (w === 320) document.documentElement.dataset.paneWidth = '320';
    else delete document.documentElement.dataset.paneWidth;
  }, width);
  const actual = await page.locator(PANE).evaluate((el) => el.getBoundingClientRect().width);
  assert.equal(Math.round(actual), width, `the pane is ${actual} px wide, not ${width}`);
}

/**
 * The pane scrolls only vertically: its scroll container is no wider than the pane, and no visible
 * element reaches past the pane's right edge (where the aside would cut it off).
 */
async function assertNoHorizontalScroll(page, state) {
  const report = await page.locator(PANE).evaluate((pane) => {
    const root = pane.firstElementChild;
    const edge = pane.getBoundingClientRect().right;
    const offenders = [];
    for (const el of pane.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (el.closest('[data-tabster-dummy]')) continue;
      const style = window.getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      if (rect.right > edge + 1) {
        const name = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}`;
        offenders.push(`${name} "${(el.textContent || '').trim().slice(0, 40)}" right=${Math.round(rect.right)} > ${Math.round(edge)}`);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, offenders: offenders.slice(0, 5) };
  });
  assert.ok(report.scrollWidth <= report.clientWidth, `${state}: the pane scrolls sideways (${report.scrollWidth} > ${report.clientWidth} px)`);
  assert.deepEqual(report.offenders, [], `${state}: elements reach past the pane's right edge`);
}

/**
 * axe over the pane only (the demo's grid is not the product), with the experimental
 * label-content-name-mismatch rule switched on because the issue list was once caught by it.
 * Fluent's `data-tabster-dummy` spans are excluded: they are empty, focusable-by-script sentinels
 * that Fluent's focus manager (tabster) places around focus traps and tab lists; they carry no
 * content and are hidden from assistive technology by design, but axe flags them as focusable.
 */
async function assertNoSeriousAxeViolations(page, state) {
  const results = await new AxeBuilder({ page })
    .include(PANE)
    .exclude('[data-tabster-dummy]')
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  assert.deepEqual(described, [], `${state}: axe found serious or critical violations`);
}

/** All three checks, and a screenshot of the pane named after the state and width. */
async function checkPaneState(page, outputDir, width, state) {
  await assertNoHorizontalScroll(page, state);
  await assertNoSeriousAxeViolations(page, state);
  await page.locator(PANE).screenshot({ path: path.join(outputDir, `pane-${width}-${state}.png`) });
}

module.exports = { PANE, setPaneWidth, assertNoHorizontalScroll, assertNoSeriousAxeViolations, checkPaneState };
