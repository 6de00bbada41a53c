import { parseA1 } from '../../../src/engine/address';
import { cellsEqual, num, text } from '../../../src/engine/cell';
import { cellForEdit, type Edit } from '../../../src/engine/fix-planner';
import { planWorkbookFixes } from '../../../src/engine/plan-workbook-fixes';
import { FakeGateway } from '../../../src/excel/fake-gateway';
import { FixJournal } from '../../../src/taskpane/fixes/fix-journal';
import { FixService, summariseSkipped } from '../../../src/taskpane/fixes/fix-service';
import { buildWorkbook, columnOf, mpanFor, validMaRow } from '../../support/sheet-builder';
import { changedCells, gridOf, OPTIONS, openFixes, plain } from './fix-harness';
import type { RuleId } from '../../../src/rules';

const SHEET = 'Migration Authorisation';
const col = (field: string): string => String.fromCharCode(64 + columnOf(field));

/** Rows 7..11 with fixable mistakes of several rules; row 11 is clean. */
function fixableWorkbook() {
  return buildWorkbook([
    { ...validMaRow(0), groupId: 'ea', eis: 'E' }, // group-id-unknown (→ EA), which then reveals eis-not-applicable
    { ...validMaRow(1), mpan: Number(mpanFor(1)) }, // identifier-stored-as-number
    { ...validMaRow(2), chfId: '00-12-4b-00-00-03-00-02' }, // eui64-canonical
    { ...validMaRow(3), groupId: ' AA' }, // text-whitespace
    validMaRow(4),
  ]);
}

const keyOf = (e: Pick<Edit<RuleId>, 'sheet' | 'row' | 'col'>): string => `${e.sheet}\u0000${e.row}\u0000${e.col}`;

function expectExactlyWritten(before: ReturnType<typeof gridOf>, fake: FakeGateway, edits: readonly Edit<RuleId>[]): void {
  expect(changedCells(before, gridOf(fake))).toEqual(edits.map(keyOf).sort());
  for (const e of edits) expect(cellsEqual(fake.getCell(e.sheet, e.cell), cellForEdit(e))).toBe(true);
}

describe('fix service over the fake workbook', () => {
  it('fix all: previews the planned edits (including revealed ones) and writes exactly those as one undo step', async () => {
    const { fake, controller, service } = await openFixes(fixableWorkbook());
    const planned = planWorkbookFixes(controller.live.snapshot!, OPTIONS, { kind: 'all' });
    const plan = await service.preview({ kind: 'all' });
    expect(plan.edits).toEqual(planned);
    expect(plan.edits.map((e) => e.cell)).toEqual(
      expect.arrayContaining([`${col('groupId')}7`, `${col('eis')}7`, `${col('mpan')}8`, `${col('chfId')}9`, `${col('groupId')}10`]),
    );
    expect(plan.withheld).toEqual([]);

    const before = gridOf(fake);
    fake.resetSyncCount();
    const report = await service.apply(plan);
    expect(report.applied).toBe(plan.edits.length);
    expect(report.skipped).toEqual([]);
    expect(report.oneUndoStep).toBe(true);
    expect(fake.undoSteps).toBe(1);
    expectExactlyWritten(before, fake, plan.edits);
    // The write itself: one sync to read and check, one to write (then the re-read of written rows).
    expect(fake.syncCount).toBeLessThanOrEqual(2 + 2);
    const fixableLeft = controller.getState().result!.findings.filter((f) => f.fix);
    expect(fixableLeft).toEqual([]);
  });

  it("fix rule: writes only the cells that rule's plan names", async () => {
    const { fake, controller, service } = await openFixes(fixableWorkbook());
    const selection = { kind: 'rule', ruleId: 'eui64-canonical' } as const;
    const plan = await service.preview(selection);
    expect(plan.edits).toEqual(planWorkbookFixes(controller.live.snapshot!, OPTIONS, selection));
    expect(plan.edits.map((e) => e.cell)).toEqual([`${col('chfId')}9`]);
    const before = gridOf(fake);
    await service.apply(plan);
    expectExactlyWritten(before, fake, plan.edits);
    expect(plain(fake.getCell(SHEET, `${col('chfId')}9`))).toEqual(plain(text('00-12-4B-00-00-03-00-02')));
  });

  it("fix one finding: writes that finding's cell only", async () => {
    const { fake, controller, service } = await openFixes(fixableWorkbook());
    const finding = controller.live.result!.findings.find((f) => f.ruleId === 'text-whitespace')!;
    const plan = await service.preview({ kind: 'finding', finding });
    expect(plan.edits).toEqual(planWorkbookFixes(controller.live.snapshot!, OPTIONS, { kind: 'finding', finding }));
    expect(plan.edits).toHaveLength(1);
    const before = gridOf(fake);
    await service.apply(plan);
    expectExactlyWritten(before, fake, plan.edits);
    expect(plain(fake.getCell(SHEET, `${col('groupId')}10`))).toEqual(plain(text('AA')));
  });

  it('does not overwrite a cell the user changed after the scan, and lists it', async () => {
    const { fake, service } = await openFixes(fixableWorkbook());
    const plan = await service.preview({ kind: 'all' });
    const mpanCell = `${col('mpan')}8`;
    fake.setCell(SHEET, mpanCell, text('typed by the user'));
    const report = await service.apply(plan);
    expect(plain(fake.getCell(SHEET, mpanCell))).toEqual(plain(text('typed by the user')));
    expect(report.skipped).toEqual([expect.objectContaining({ sheet: SHEET, cell: mpanCell, reason: 'changed' })]);
    expect(report.applied).toBe(plan.edits.length - 1);
    expect(summariseSkipped(report.skipped)).toEqual(['1 cell changed since the check was left as it is.']);
  });

  it('revert restores the exact previous value and type, and the journal marks it', async () => {
    const { fake, journal, service } = await openFixes(fixableWorkbook());
    const mpanCell = `${col('mpan')}8`;
    const plan = await service.preview({ kind: 'rule', ruleId: 'identifier-stored-as-number' });
    const { batch } = await service.apply(plan);
    expect(plain(fake.getCell(SHEET, mpanCell))).toEqual(plain(text(mpanFor(1))));
    const report = await service.revert({ batchId: batch!.id });
    expect(report).toEqual({ reverted: 1, refused: [], historyProblem: null });
    expect(plain(fake.getCell(SHEET, mpanCell))).toEqual(plain(num(Number(mpanFor(1)))));
    expect(journal.batches()[0]!.entries.every((e) => e.reverted)).toBe(true);
    // A second revert has nothing left to do and writes nothing.
    const steps = fake.undoSteps;
    expect(await service.revert({ batchId: batch!.id })).toEqual({ reverted: 0, refused: [], historyProblem: null });
    expect(fake.undoSteps).toBe(steps);
  });

  it('reverts one entry of a batch on its own', async () => {
    const { fake, service } = await openFixes(fixableWorkbook());
    const { batch } = await service.apply(await service.preview({ kind: 'all' }));
    const entry = batch!.entries.find((e) => e.cell === `${col('chfId')}9`)!;
    await service.revert({ entryId: entry.id });
    expect(plain(fake.getCell(SHEET, entry.cell))).toEqual(plain(text('00-12-4b-00-00-03-00-02')));
    expect(plain(fake.getCell(SHEET, `${col('groupId')}10`))).toEqual(plain(text('AA')));
  });

  it('refuses to revert a cell the user edited after the fix', async () => {
    const { fake, journal, service } = await openFixes(fixableWorkbook());
    const { batch } = await service.apply(await service.preview({ kind: 'rule', ruleId: 'eui64-canonical' }));
    const cell = `${col('chfId')}9`;
    fake.setCell(SHEET, cell, text('00-12-4B-00-00-03-00-99'));
    const report = await service.revert({ batchId: batch!.id });
    expect(report.reverted).toBe(0);
    expect(report.refused).toEqual([expect.objectContaining({ cell, reason: 'changed' })]);
    expect(report.refused[0]!.message).toContain(`${SHEET}!${cell} was changed after the fix`);
    expect(plain(fake.getCell(SHEET, cell))).toEqual(plain(text('00-12-4B-00-00-03-00-99')));
    expect(journal.batches()[0]!.entries[0]!.reverted).toBe(false);
  });

  it('keeps the journal across a reload from the document settings, and reverts from it', async () => {
    const { fake, journal, service } = await openFixes(fixableWorkbook());
    await service.apply(await service.preview({ kind: 'all' }));
    const original = journal.batches();

    const reopened = await openFixes(fake.data);
    expect(reopened.journal.loadProblem).toBeNull();
    expect(reopened.journal.batches()).toEqual(original);
    const report = await reopened.service.revert({ batchId: original[0]!.id });
    expect(report.refused).toEqual([]);
    expect(plain(reopened.fake.getCell(SHEET, `${col('groupId')}7`))).toEqual(plain(text('ea')));
    expect(plain(reopened.fake.getCell(SHEET, `${col('mpan')}8`))).toEqual(plain(num(Number(mpanFor(1)))));
    // The next batch id does not collide with restored ones.
    const next = await reopened.service.apply(await reopened.service.preview({ kind: 'rule', ruleId: 'text-whitespace' }));
    expect(original.map((b) => b.id)).not.toContain(next.batch!.id);
  });

  it("gives a clear message for a protected sheet and for Excel's edit mode, writing nothing", async () => {
    // A host below ExcelApi 1.11 cannot hold the batch until the edit ends: the gateway retries, then reports it.
    const { fake, journal, service } = await openFixes(fixableWorkbook(), OPTIONS, { host: { delayForCellEdit: 'ignored' }, wait: () => Promise.resolve() });
    const plan = await service.preview({ kind: 'all' });
    const before = gridOf(fake);
    fake.editMode = true;
    const inEditMode = await service.apply(plan);
    expect(inEditMode.applied).toBe(0);
    expect(summariseSkipped(inEditMode.skipped)).toEqual(['Excel is editing a cell, so nothing was changed. Press Enter or Esc in the cell, then try again.']);
    fake.editMode = false;
    fake.setProtected(SHEET, true);
    const onProtected = await service.apply(plan);
    expect(onProtected.applied).toBe(0);
    expect(summariseSkipped(onProtected.skipped)).toEqual([
      `${plan.edits.length} cells on protected sheet "${SHEET}" were not changed. Unprotect the sheet (Review > Unprotect Sheet) and try again.`,
    ]);
    expect(changedCells(before, gridOf(fake))).toEqual([]);
    expect(journal.batches()).toEqual([]);
  });

  it('says in one sentence why dates a 1904 workbook cannot hold were not written', () => {
    const skip = (cell: string) => ({ sheet: SHEET, cell, reason: 'date-out-of-range' as const, message: '' });
    expect(summariseSkipped([skip('M7')])).toEqual(["1 date before 1904-01-01 was not written: this workbook's 1904 date system cannot hold it."]);
    expect(summariseSkipped([skip('M7'), skip('M8')])).toEqual([
      "2 dates before 1904-01-01 were not written: this workbook's 1904 date system cannot hold them.",
    ]);
  });

  it('reports that the write was not one undo step where the host cannot group them', async () => {
    const { fake } = await openFixes(fixableWorkbook());
    const plain = new FakeGateway(fake.data, { capabilities: { undoGroups: false } });
    const journal = FixJournal.load(plain.documentSettings);
    const { controller } = await openFixes(fake.data);
    const service = new FixService({
      gateway: plain,
      controller,
      journal,
      source: { snapshot: () => controller.live.snapshot, result: () => controller.live.result, engineOptions: () => OPTIONS },
    });
    const report = await service.apply(await service.preview({ kind: 'all' }));
    expect(report.applied).toBeGreaterThan(0);
    expect(report.oneUndoStep).toBe(false);
  });

  it('refuses to plan before the first check finished', async () => {
    const fake = new FakeGateway(undefined);
    const service = new FixService({
      gateway: fake,
      controller: { flush: () => Promise.resolve(), refreshAfterWrite: () => Promise.resolve() },
      journal: FixJournal.load(fake.documentSettings),
      source: { snapshot: () => null, result: () => null, engineOptions: () => OPTIONS },
    });
    await expect(service.preview({ kind: 'all' })).rejects.toThrow('not been checked yet');
  });

  it('writes a thousand fixes in one gateway call and one undo step', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ ...validMaRow(i), groupId: ' AA' }));
    const { fake, service } = await openFixes(buildWorkbook(rows));
    const plan = await service.preview({ kind: 'all' });
    expect(plan.edits).toHaveLength(1000);
    const writes = jest.spyOn(fake, 'writeEdits');
    await service.apply(plan);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(fake.undoSteps).toBe(1);
    expect(parseA1(plan.edits[999]!.cell)!.row).toBe(1006);
  });
});
