import { text } from '../../src/engine/cell';
import { planFixes } from '../../src/engine/fix-planner';
import type { LiveUpdate } from '../../src/excel/live-validation';
import { LiveValidation } from '../../src/excel/live-validation';
import { stageOf } from '../../src/rules';
import { TODAY } from '../support/sheet-builder';
import { MA_SHEET, maFake } from './support/ma-fixture';
import { ManualScheduler } from './support/manual-scheduler';
import type { FakeGateway } from '../../src/excel/fake-gateway';
import { RULES, type RuleId } from '../../src/rules';

function live(fake: FakeGateway, highlights = true) {
  const scheduler = new ManualScheduler();
  const updates: LiveUpdate[] = [];
  const controller = new LiveValidation({ gateway: fake, engineOptions: () => ({ rules: RULES, today: TODAY }), scheduler, highlights });
  controller.onUpdate((u) => updates.push(u));
  return { controller, scheduler, updates };
}

const findingsAt = (c: LiveValidation<RuleId>, cell: string) => c.result!.findings.filter((f) => f.cell === cell).map((f) => f.ruleId);

describe('LiveValidation', () => {
  it('scans once, then re-validates only an edited row in at most 3 syncs (read; protection check; highlights)', async () => {
    const fake = maFake(2_000);
    const { controller, scheduler, updates } = live(fake);
    await controller.start();
    expect(controller.result!.template?.id).toBe('migration-authorisation');
    expect(controller.result!.ready).toBe(true);

    fake.resetSyncCount();
    fake.setCell(MA_SHEET, 'B500', text('1300000000000'));
    scheduler.fire();
    await controller.idle();

    expect(fake.syncCount).toBeLessThanOrEqual(3);
    const last = updates[updates.length - 1]!;
    expect(last).toMatchObject({ trigger: 'local', full: false, affectedRows: [500] });
    expect(findingsAt(controller, 'B500')).toContain('mpan-check-digit');
    expect(fake.highlightedCells(MA_SHEET).get('B500')).toBe('error');
  });

  it('debounces a burst of edits into one re-read', async () => {
    const fake = maFake(100);
    const { controller, scheduler, updates } = live(fake);
    await controller.start();
    fake.setCell(MA_SHEET, 'A10', text('zz'));
    fake.setCell(MA_SHEET, 'A11', text('zz'));
    fake.setCells(MA_SHEET, 'A20', [[text('zz')], [text('zz')]]);
    expect(scheduler.pending).toBe(1);
    scheduler.fire();
    await controller.idle();
    expect(updates).toHaveLength(2);
    expect(updates[1]!.affectedRows).toEqual(expect.arrayContaining([10, 11, 20, 21]));
  });

  it("does not re-validate after the add-in's own writes; the pane refreshes the written rows", async () => {
    const fake = maFake(50, (r, i) => (i === 3 ? { ...r, groupId: ' AA ' } : r));
    const { controller, scheduler, updates } = live(fake);
    await controller.start();
    const edits = planFixes(controller.result!.findings, { kind: 'all' }, stageOf);
    expect(edits.map((e) => e.cell)).toEqual(['A10']);
    const outcome = await fake.writeEdits(edits);
    fake.resetSyncCount();
    expect(scheduler.pending).toBe(0);
    expect(updates).toHaveLength(1);

    await controller.refreshAfterWrite(outcome);
    expect(updates[1]!.trigger).toBe('write');
    expect(findingsAt(controller, 'A10')).toEqual([]);
    // The re-read, then the highlight refresh (the sheet's protection is read before formats change).
    expect(fake.syncCount).toBeLessThanOrEqual(3);
  });

  it('re-validates remote edits without writing anything, highlights included', async () => {
    const fake = maFake(50);
    const { controller, scheduler, updates } = live(fake);
    await controller.start();
    const writesBefore = fake.highlightWrites;
    const undoBefore = fake.undoSteps;
    fake.setCell(MA_SHEET, 'B20', text('1300000000000'), { source: 'remote' });
    scheduler.fire();
    await controller.idle();
    expect(updates[updates.length - 1]!.trigger).toBe('remote');
    expect(findingsAt(controller, 'B20')).toContain('mpan-check-digit');
    expect(fake.highlightWrites).toBe(writesBefore);
    expect(fake.undoSteps).toBe(undoBefore);

    // The next local edit brings the highlights up to date.
    fake.setCell(MA_SHEET, 'L21', text('note'));
    scheduler.fire();
    await controller.idle();
    expect(fake.highlightedCells(MA_SHEET).get('B20')).toBe('error');
  });

  it('re-scans when a change gives no rows (insert, delete, a new sheet)', async () => {
    const fake = maFake(20);
    const { controller, scheduler, updates } = live(fake);
    await controller.start();
    fake.emit({ sheet: MA_SHEET, source: 'local' });
    scheduler.fire();
    await controller.idle();
    expect(updates[1]).toMatchObject({ trigger: 'local', full: true });
  });

  it('writes highlights only when the set changed, and removes them when switched off', async () => {
    const fake = maFake(30, (r, i) => (i === 0 ? { ...r, mpan: '1300000000000' } : r));
    const { controller, scheduler } = live(fake);
    await controller.start();
    expect(fake.highlightWrites).toBe(1);
    fake.setCell(MA_SHEET, 'L12', text('a note that changes no finding'));
    scheduler.fire();
    await controller.idle();
    expect(fake.highlightWrites).toBe(1);

    await controller.recheckAll();
    expect(fake.highlightWrites).toBe(1);
    await controller.setHighlightsEnabled(false);
    expect(fake.highlightedCells(MA_SHEET).size).toBe(0);
    fake.setCell(MA_SHEET, 'B8', text('1300000000000'));
    scheduler.fire();
    await controller.idle();
    expect(fake.highlightedCells(MA_SHEET).size).toBe(0);
    await controller.setHighlightsEnabled(true);
    expect(fake.highlightedCells(MA_SHEET).get('B8')).toBe('error');
  });

  it('stops listening when stopped', async () => {
    const fake = maFake(5);
    const { controller, scheduler } = live(fake);
    await controller.start();
    controller.stop();
    fake.setCell(MA_SHEET, 'A7', text('zz'));
    expect(scheduler.pending).toBe(0);
  });
});
