/* global document, DataTransfer, ClipboardEvent */
/**
 * Drives the demo page the way a person would: the grid by mouse, keyboard and paste, the pane by
 * its roles and names. Reads the pane's findings from the issue tree ([rule id, place] pairs).
 */

const WAIT_MS = 10_000;

class DemoPage {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }

  async open(query = '') {
    await this.page.goto(`${this.origin}/demo.html${query}`);
    await this.waitForRowsChecked();
  }

  get pane() {
    return this.page.getByTestId('pane');
  }

  cell(a1) {
    return this.page.locator(`td[data-cell="${a1}"]`);
  }

  async cellText(a1) {
    return (await this.cell(a1).innerText()).replace(/ [✖▲○]$/, '');
  }

  async select(a1) {
    await this.cell(a1).click();
  }

  /** Selects a cell and types a new value into it, as in Excel (typing replaces), then Enter. */
  async typeInto(a1, value) {
    await this.select(a1);
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(value);
    await this.page.keyboard.press('Enter');
  }

  /** Pastes tab-separated rows at the selected cell, through a real paste event with clipboard data. */
  async paste(a1, rows) {
    await this.select(a1);
    const text = rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
    await this.page.locator('[role="grid"]').evaluate((grid, clip) => {
      const data = new DataTransfer();
      data.setData('text/plain', clip);
      grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** [rule id, place, message] of every finding the issue tree shows, in order. */
  async findings() {
    return this.page.evaluate(() => {
      const out = [];
      let rule = null;
      for (const item of document.querySelectorAll('[data-testid="pane"] [role="tree"] [role="treeitem"]')) {
        if (item.getAttribute('aria-level') === '1') rule = item.getAttribute('data-rule-id');
        else {
          const text = item.innerText.trim();
          const place = text.split(/\s/)[0];
          out.push([rule, place, text]);
        }
      }
      return out;
    });
  }

  /** Waits until the pane lists a finding of `rule` at `place` (e.g. "B8"); fails with what it shows. */
  async waitForFinding(rule, place, timeout = WAIT_MS) {
    return this.waitFor(
      async () => (await this.findings()).some(([r, p]) => r === rule && p === place),
      async () => `no ${rule} finding at ${place}; the pane shows ${JSON.stringify((await this.findings()).map(([r, p]) => `${r}@${p}`))}`,
      timeout,
    );
  }

  async waitForNoFinding(rule, place, timeout = WAIT_MS) {
    return this.waitFor(
      async () => !(await this.findings()).some(([r, p]) => r === rule && p === place),
      async () => `${rule} at ${place} is still listed`,
      timeout,
    );
  }

  /** Waits for the status line "N rows checked" (any N when `count` is undefined). */
  async waitForRowsChecked(count) {
    const pattern = count === undefined ? /\d+ rows? checked/ : new RegExp(`^${count} rows? checked$`);
    await this.pane.getByText(pattern).first().waitFor({ timeout: WAIT_MS });
  }

  async waitFor(condition, describe, timeout = WAIT_MS) {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await condition()) return;
      if (Date.now() > deadline) throw new Error(await describe());
      await this.page.waitForTimeout(100);
    }
  }
}

module.exports = { DemoPage };
