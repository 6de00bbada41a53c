import { text } from '../../src/engine/cell';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { runExcelScenario, SCENARIO_SHEET, type ScenarioUser } from './in-excel/excel-scenario';

/**
 * The in-Excel scenario of `npm run test:excel`, run against the fake: the same steps, the same checks,
 * with the analyst's typing and pasting as the fake's user edits (change events with the rows).
 */
function fakeUser(fake: FakeGateway): ScenarioUser {
  return {
    type(sheet, a1, value) {
      fake.setCell(sheet, a1, text(value));
      return Promise.resolve();
    },
    paste(sheet, a1, rows) {
      fake.setCells(
        sheet,
        a1,
        rows.map((row) => row.map((v) => text(v))),
      );
      return Promise.resolve();
    },
  };
}

describe('the in-Excel scenario (npm run test:excel) against FakeGateway', () => {
  it('passes every step: check, wrong MPAN, paste, fix all, revert, export check', async () => {
    const fake = new FakeGateway();
    const steps = await runExcelScenario({ gateway: fake, user: fakeUser(fake), waitMs: 2_000, sleep: () => Promise.resolve() });
    expect(steps.filter((s) => !s.passed)).toEqual([]);
    expect(steps).toHaveLength(7);
    // The workbook itself, read without the pane: the fixes are in and no MAM Prep format is left.
    expect(fake.getCell(SCENARIO_SHEET, 'B8').value).toEqual({ kind: 'text', text: '1300000000016' });
    expect(fake.getCell(SCENARIO_SHEET, 'A10').value).toEqual({ kind: 'text', text: 'AA' });
    expect(fake.getCell(SCENARIO_SHEET, 'B11').value).toEqual({ kind: 'text', text: '1300000000043' });
    expect(fake.highlightedCells(SCENARIO_SHEET).size).toBe(0);
  });

  it('reports a failing step with what the pane showed, and marks later steps as not run when setup fails', async () => {
    const fake = new FakeGateway();
    fake.addSheet(SCENARIO_SHEET, [[text('taken')]]);
    const steps = await runExcelScenario({ gateway: fake, user: fakeUser(fake), waitMs: 0, sleep: () => Promise.resolve() });
    expect(steps[0]).toMatchObject({ passed: false, detail: `A sheet named "${SCENARIO_SHEET}" already exists.` });
    expect(steps.slice(1).every((s) => !s.passed && s.detail?.startsWith('not run'))).toBe(true);
  });
});
