import { text } from '../../src/engine/cell';
import type { Edit } from '../../src/engine/fix-planner';
import type { RuleId } from '../../src/rules';
import type { RowUpdate } from '../../src/engine/result';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import { changedRows } from '../../src/excel/change-rows';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { enteredCell, putOfficeCell, sheetOfOfficeCells, simulatedSheet, simulatedWorkbookFromSnapshot, typedCellAt } from '../../src/excel/simulated-workbook';
import type { EventStatus, SheetChange } from '../../src/excel/gateway';
import { GatewayError, type UndoSupport } from '../../src/excel/gateway';
import { highlightFormula } from '../../src/excel/highlight-plan';
import { HIGHLIGHT_MESSAGES } from '../../src/excel/live-validation';
import { OfficeGateway } from '../../src/excel/office-gateway';
import { FixJournal, journalKeyFor } from '../../src/taskpane/fixes/fix-journal';
import { FixService } from '../../src/taskpane/fixes/fix-service';
import { LivePaneController } from '../../src/taskpane/live-pane-controller';
import { TODAY } from '../support/sheet-builder';
import { MA_SHEET, maWorkbook } from './support/ma-fixture';
import { ManualScheduler } from './support/manual-scheduler';
import { RULES } from '../../src/rules';
import type { SimulatedWorkbook } from '../../src/excel/simulated-workbook';
import { MockHost, officeBook, officeGrid } from './support/mock-excel';

/**
 * Real-Excel cases, write side (fixes, reverts, highlights, events, settings, co-authors),
 * against the fake's switchable host behaviours and the Office gateway over the strict mock. The lead
 * imports this module from host-behaviours.test.ts.
 */

const OPTIONS = { today: TODAY, rules: RULES };
const noWait = (): Promise<void> => Promise.resolve();

/** Rows 7.. of a Migration Authorisation sheet; every other row's GroupID has stray spaces (a fixable finding in column A). */
function fixableData(count: number) {
  return simulatedWorkbookFromSnapshot(maWorkbook(count, (r, i) => (i % 2 === 0 ? { ...r, groupId: ' AA ' } : r)));
}

function pane(gateway: FakeGateway | OfficeGateway, highlights = true) {
  const scheduler = new ManualScheduler();
  const controller = new LivePaneController({ gateway, engineOptions: () => OPTIONS, scheduler, highlights });
  const journal = FixJournal.load(gateway.documentSettings, { user: gateway.userKey() });
  const service = new FixService({
    gateway,
    controller,
    journal,
    source: { snapshot: () => controller.live.snapshot, result: () => controller.live.result, engineOptions: () => OPTIONS },
  });
  return { controller, scheduler, journal, service };
}

const findingsAt = (controller: LivePaneController, cell: string) =>
  (controller.getState().result?.findings ?? []).filter((f) => f.cell === cell).map((f) => f.ruleId);

const edit = (cell: string, from: Edit['from'], to: string, sheet = 'Data'): Edit<RuleId> => ({
  sheet,
  cell,
  row: Number(cell.replace(/^[A-Z]+/, '')),
  col: cell.charCodeAt(0) - 64,
  from,
  to,
  type: 'text',
  ruleId: 'text-whitespace',
});

function mockBook(rows: number): SimulatedWorkbook {
  const grid: Array<Array<string | number>> = [['Header']];
  for (let i = 1; i <= rows; i++) grid.push([` v${i} `, i]);
  return officeBook([sheetOfOfficeCells('Data', officeGrid(grid))]);
}

describe('cell edit mode (controller): nothing is dropped, edit mode is waited out', () => {
  it('puts the rows of a failed re-read back into the pending set and re-validates them on the next pass', async () => {
    // The re-read fails, and so does the full scan the pane falls back to.
    class FlakyReads extends FakeGateway {
      failNext = 0;
      override async readRows(sheet: string, rows: readonly number[]): Promise<RowUpdate[]> {
        if (this.failNext > 0) throw new GatewayError('host', 'The connection to Excel dropped.', 'GeneralException');
        return super.readRows(sheet, rows);
      }
      override async scan(): Promise<WorkbookSnapshot> {
        if (this.failNext > 0) {
          this.failNext--;
          throw new GatewayError('host', 'The connection to Excel dropped.', 'GeneralException');
        }
        return super.scan();
      }
    }
    const fake = new FlakyReads(simulatedWorkbookFromSnapshot(maWorkbook(20)));
    const { controller, scheduler } = pane(fake);
    await controller.start();
    fake.failNext = 1;
    fake.setCell(MA_SHEET, 'B10', text('1300000000000'));
    scheduler.fire();
    await controller.live.idle();
    expect(controller.getState().phase).toBe('failed');
    expect(controller.getState().error).toBe('MAM Prep could not read the workbook: The connection to Excel dropped.');
    expect(findingsAt(controller, 'B10')).toEqual([]);
    // A later, unrelated edit: the pass re-reads row 10 too, because it was never dropped.
    fake.setCell(MA_SHEET, 'C12', fake.getCell(MA_SHEET, 'C12'));
    scheduler.fire();
    await controller.live.idle();
    expect(findingsAt(controller, 'B10')).toContain('mpan-check-digit');
    expect(controller.getState().phase).toBe('done');
  });

  it('waits while Excel is in cell edit mode (never "could not read the workbook") and checks the edit when it ends', async () => {
    // A host below ExcelApi 1.11 ignores delayForCellEdit, so the read fails until the user leaves the cell.
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(20)), { host: { delayForCellEdit: 'ignored' }, wait: noWait });
    const { controller, scheduler } = pane(fake);
    await controller.start();
    fake.setCell(MA_SHEET, 'B9', text('1300000000000'));
    fake.editMode = true;
    scheduler.fire();
    await controller.live.idle();
    expect(controller.getState().phase).not.toBe('failed');
    expect(controller.getState().notices).toContain('Waiting for you to finish editing the cell (press Enter or Esc) before checking it.');
    expect(scheduler.pending).toBe(1);
    fake.editMode = false;
    scheduler.fire();
    await controller.live.idle();
    expect(findingsAt(controller, 'B9')).toContain('mpan-check-digit');
    expect(controller.getState().notices).toEqual([]);
  });

  it('owes a highlight refresh refused in edit mode and writes it when the edit ends', async () => {
    // The re-read succeeds, then the user starts typing before the colours are written.
    class TypingAgain extends FakeGateway {
      refuse = 0;
      override async setHighlights(...args: Parameters<FakeGateway['setHighlights']>) {
        if (this.refuse > 0) {
          this.refuse--;
          throw new GatewayError('edit-mode', 'Excel is editing a cell.', 'InvalidOperationInCellEditMode');
        }
        return super.setHighlights(...args);
      }
    }
    const fake = new TypingAgain(simulatedWorkbookFromSnapshot(maWorkbook(20)));
    const { controller, scheduler } = pane(fake);
    await controller.start();
    fake.refuse = 1;
    fake.setCell(MA_SHEET, 'B9', text('1300000000000'));
    scheduler.fire();
    await controller.live.idle();
    expect(findingsAt(controller, 'B9')).toContain('mpan-check-digit');
    expect(controller.getState().phase).toBe('done');
    expect(fake.highlightedCells(MA_SHEET).get('B9')).toBeUndefined();
    expect(scheduler.pending).toBe(1);
    scheduler.fire();
    await controller.live.idle();
    expect(fake.highlightedCells(MA_SHEET).get('B9')).toBe('error');
  });
});

describe('undo decides when the grid is written', () => {
  it('below ExcelApi 1.19 (clears) the first scan writes nothing: the undo history and the workbook stay clean; colours come on request', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(10, (r, i) => (i === 2 ? { ...r, mpan: '1300000000000' } : r))), {
      capabilities: { undo: 'clears' },
    });
    fake.setCell(MA_SHEET, 'C8', fake.getCell(MA_SHEET, 'C8'));
    const { controller } = pane(fake);
    await controller.start();
    expect(controller.getState().result!.findings.some((f) => f.ruleId === 'mpan-check-digit')).toBe(true);
    expect(fake.undoStack).toEqual([{ by: 'user', what: `edit ${MA_SHEET}!C8` }]);
    expect(fake.dirtiedByAddIn).toBe(false);
    expect(fake.highlightOwners().size).toBe(0);
    expect(controller.getState().notices).toContain(HIGHLIGHT_MESSAGES.onRequest);
    // "Highlight cells": the user asked, so the grid is coloured (and the host clears the history, as it says).
    await controller.setHighlights(true);
    expect(fake.highlightedCells(MA_SHEET).get('B9')).toBe('error');
    expect(fake.undoStack).toEqual([]);
  });

  it('on ExcelApi 1.20+ (merged) a fix and its highlight refresh are ONE undo step, and the message says so', async () => {
    const fake = new FakeGateway(fixableData(6), { capabilities: { undo: 'merged' } });
    const { controller, service } = pane(fake);
    await controller.start();
    expect(fake.highlightedCells(MA_SHEET).get('A7')).toBe('error');
    fake.undoStack = [{ by: 'user', what: 'typing' }];
    const report = await service.apply(await service.preview({ kind: 'all' }));
    expect(report.applied).toBe(3);
    expect(report.undo).toBe('Undo in Excel (Ctrl+Z) reverses this in one step, cell colours included, or use Revert below.');
    expect(fake.undoStack).toEqual([
      { by: 'user', what: 'typing' },
      { by: 'mam-prep', what: 'MAM Prep fix' },
    ]);
    // The colours were refreshed inside the fix's batch: the fixed cells are no longer marked.
    expect(fake.highlightedCells(MA_SHEET).get('A7')).toBeUndefined();
  });

  it('the Office gateway writes the fix and the post-fix highlights in ONE Excel.run with mergeUndoGroup', async () => {
    const book = mockBook(4);
    const host = new MockHost(book, { ExcelApi: '1.20' });
    const gateway = new OfficeGateway(host, { wait: noWait });
    await gateway.setHighlights({ sheet: 'Data', errors: ['A2', 'A3'], warnings: [], exemptRows: [], firstCol: 1, lastCol: 2 });
    host.runOptions = [];
    const outcome = await gateway.writeEdits([edit('A2', ' v1 ', 'v1')], {
      highlightsAfter: (written) => ({
        sheet: 'Data',
        errors: written.applied.some((a) => a.cell === 'A2') ? ['A3'] : ['A2', 'A3'],
        warnings: [],
        exemptRows: [],
        firstCol: 1,
        lastCol: 2,
      }),
    });
    expect(outcome.applied).toHaveLength(1);
    expect(outcome.highlights).toEqual({ written: true, protectedSheets: [] });
    expect(outcome.undoSteps).toBe(1);
    expect(host.runOptions).toHaveLength(1);
    expect(host.runOptions[0]).toMatchObject({ mergeUndoGroup: true });
    expect(book.sheets[0]!.conditionalFormats.map((f) => f.addresses)).toEqual(['A3']);
  });

  it.each<[UndoSupport, string]>([
    ['none', 'Ctrl+Z does not undo fixes here; use Revert below.'],
    ['clears', 'This version of Excel cannot undo changes made by add-ins, and your Ctrl+Z history was cleared; use Revert below.'],
    ['separate', 'Undo in Excel (Ctrl+Z) reverses this in one step, or use Revert below.'],
  ])('says what Ctrl+Z does after a fix on a host with undo "%s"', async (undo, sentence) => {
    const fake = new FakeGateway(fixableData(4), { capabilities: { undo } });
    const { controller, service } = pane(fake);
    await controller.start();
    const report = await service.apply(await service.preview({ kind: 'all' }));
    expect(report.undo).toBe(sentence);
  });
});

describe('protected sheets', () => {
  it('shows findings in the pane only, with a clear notice, and never says it could not read the workbook', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(10, (r, i) => (i === 1 ? { ...r, mpan: '1300000000000' } : r))));
    fake.setProtected(MA_SHEET, true);
    const { controller } = pane(fake);
    await controller.start();
    expect(controller.getState().phase).toBe('done');
    expect(controller.getState().result!.findings.some((f) => f.cell === 'B8')).toBe(true);
    expect(controller.getState().notices).toContain(`Sheet "${MA_SHEET}" is protected: highlights are shown in the pane only.`);
    expect(fake.highlightOwners().size).toBe(0);
  });

  it('the Office gateway reads protection before writing formats: no AccessDenied, the outcome names the sheet', async () => {
    const book = mockBook(3);
    book.sheets[0]!.protected = true;
    const host = new MockHost(book);
    const gateway = new OfficeGateway(host, { wait: noWait });
    const outcome = await gateway.setHighlights({ sheet: 'Data', errors: ['A2'], warnings: [], exemptRows: [], firstCol: 1, lastCol: 2 });
    expect(outcome).toEqual({ written: false, protectedSheets: ['Data'], skippedReason: 'protected' });
    expect(book.sheets[0]!.conditionalFormats).toEqual([]);
    // "Format cells" allowed: the same sheet takes the formats.
    book.sheets[0]!.allowFormatCells = true;
    expect((await gateway.setHighlights({ sheet: 'Data', errors: ['A3'], warnings: [], exemptRows: [], firstCol: 1, lastCol: 2 })).written).toBe(true);
  });

  it('skips a date fix that needs a number format in an unlocked cell of a protected sheet, naming the cell', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(3)));
    fake.setProtected(MA_SHEET, true);
    fake.data.sheets[0]!.unlocked.add('A7');
    fake.data.sheets[0]!.unlocked.add('M7');
    fake.setCell(MA_SHEET, 'M7', text('07/06/2027'));
    const outcome = await fake.writeEdits([
      { sheet: MA_SHEET, cell: 'M7', row: 7, col: 13, from: '07/06/2027', to: '2027-06-07', type: 'date', ruleId: 'date-invalid' },
    ]);
    expect(outcome.applied).toEqual([]);
    expect(outcome.skipped.map((s) => [s.cell, s.reason])).toEqual([['M7', 'protected']]);
  });
});

describe('big fixes are chunked by request size', () => {
  it('Fix all over 3,000 cells succeeds on Excel on the web (5 MB limit), in several syncs of ONE undo step', async () => {
    const fake = new FakeGateway(fixableData(6_000), { host: { platform: 'web' } });
    const { controller, service } = pane(fake, false);
    await controller.start();
    const plan = await service.preview({ kind: 'all' });
    expect(plan.edits.length).toBe(3_000);
    fake.resetSyncCount();
    const report = await service.apply(plan);
    expect(report.applied).toBe(3_000);
    expect(fake.largestWriteRequestBytes).toBeLessThanOrEqual(5_000_000);
    expect(fake.syncCount).toBeGreaterThan(4);
    expect(fake.undoStack.filter((e) => e.by === 'mam-prep')).toHaveLength(1);
    expect(fake.getCell(MA_SHEET, 'A6005')).toEqual(expect.objectContaining({ value: { kind: 'text', text: 'AA' } }));
  });

  it('the Office gateway splits a write the host would refuse as one request, all inside one Excel.run', async () => {
    const book = mockBook(3_000);
    const host = new MockHost(book);
    // Each checked cell queues 3 operations; 9,000 in one request would be refused.
    host.requestOpLimit = 5_000;
    const gateway = new OfficeGateway(host, { wait: noWait });
    const edits = Array.from({ length: 3_000 }, (_, i) => edit(`A${i + 2}`, ` v${i + 1} `, `v${i + 1}`));
    const outcome = await gateway.writeEdits(edits);
    expect(outcome.applied).toHaveLength(3_000);
    expect(host.runOptions).toHaveLength(1);
    expect(host.writeSyncs).toBeGreaterThan(1);
    expect(book.sheets[0]!.cells[3_000]![0]!.value).toBe('v3000');
  });
});

describe('a write that fails part-way reports exactly what was written', () => {
  // 3,000 fixes of ` vN ` to `vN` are cut into parts by estimated request bytes (write-plan.ts): the
  // first part holds v1..v1121 (9 × 1,508 + 90 × 1,512 + 900 × 1,516 + 122 × 1,520 bytes ≤ 1,700,000).
  // Syncs go check, write, check, write …: sync 3 is the second part's check, sync 4 its write.
  const FIRST_PART = 1_121;
  const edits = Array.from({ length: 3_000 }, (_, i) => edit(`A${i + 2}`, ` v${i + 1} `, `v${i + 1}`));
  /** How many of the fixes the workbook holds (row N + 1 shows `vN`). */
  const written = (book: SimulatedWorkbook): number =>
    edits.filter((e) => {
      const cell = typedCellAt(book, book.sheets[0]!, e.row, 1);
      return cell.value.kind === 'text' && cell.value.text === e.to;
    }).length;
  const onBoth = async (failAtSync: { index: number; code: string }) => {
    const book = mockBook(3_000);
    const host = new MockHost(book);
    host.failAtSync = failAtSync;
    const office = await new OfficeGateway(host, { wait: noWait }).writeEdits(edits);
    const data = mockBook(3_000);
    const fake = new FakeGateway(data, { wait: noWait, host: { platform: 'web' } });
    fake.failAtSync = failAtSync;
    const faked = await fake.writeEdits(edits);
    return {
      outcomes: [office, faked],
      written: [written(book), written(data)],
      fakeUndo: fake.undoStack,
    };
  };

  it('a dropped connection in a later part: both gateways return the parts already written (for the journal) and name every cell that was not', async () => {
    const { outcomes, written, fakeUndo } = await onBoth({ index: 4, code: 'GeneralException' });
    expect(written).toEqual([FIRST_PART, FIRST_PART]);
    for (const outcome of outcomes) {
      expect(outcome.applied).toHaveLength(FIRST_PART);
      expect(outcome.applied.at(-1)).toMatchObject({ cell: `A${FIRST_PART + 1}`, after: { value: { kind: 'text', text: `v${FIRST_PART}` } } });
      expect(outcome.skipped).toHaveLength(3_000 - FIRST_PART);
      expect(new Set(outcome.skipped.map((s) => s.reason))).toEqual(new Set(['interrupted']));
      expect(outcome.skipped[0]!.cell).toBe(`A${FIRST_PART + 2}`);
      expect(outcome.undoSteps).toBe(1);
    }
    expect(fakeUndo).toEqual([{ by: 'mam-prep', what: 'MAM Prep fix' }]);
  });

  it('a later part refused as too large: the first part stays written and is reported, on both gateways (never a bare error)', async () => {
    const { outcomes, written } = await onBoth({ index: 3, code: 'RequestPayloadSizeLimitExceeded' });
    expect(written).toEqual([FIRST_PART, FIRST_PART]);
    for (const outcome of outcomes) {
      expect(outcome.applied).toHaveLength(FIRST_PART);
      expect(outcome.skipped.map((s) => s.reason)).toEqual(Array(3_000 - FIRST_PART).fill('interrupted'));
    }
  });

  it('the first part refused as too large: nothing is written and both gateways say the request was too large', async () => {
    const book = mockBook(3_000);
    const host = new MockHost(book);
    host.failAtSync = { index: 1, code: 'RequestPayloadSizeLimitExceeded' };
    await expect(new OfficeGateway(host, { wait: noWait }).writeEdits(edits)).rejects.toMatchObject({ code: 'request-too-large' });
    const data = mockBook(3_000);
    const fake = new FakeGateway(data, { wait: noWait });
    fake.failAtSync = { index: 1, code: 'RequestPayloadSizeLimitExceeded' };
    await expect(fake.writeEdits(edits)).rejects.toMatchObject({ code: 'request-too-large' });
    expect(typedCellAt(data, data.sheets[0]!, 2, 1)).toEqual(text(' v1 '));
    expect(fake.undoStack).toEqual([]);
  });
});

describe('messages match what happened', () => {
  it('a failed settings save after the cells were written says so, and does not claim nothing was written', async () => {
    const fake = new FakeGateway(fixableData(4));
    const { controller, service, journal } = pane(fake);
    await controller.start();
    fake.failSettingsSaves = 1;
    const report = await service.apply(await service.preview({ kind: 'all' }));
    expect(report.applied).toBe(2);
    expect(fake.getCell(MA_SHEET, 'A7').value).toEqual({ kind: 'text', text: 'AA' });
    expect(report.historyProblem).toBe('The cells were written, but the fix history could not be saved in the workbook: Revert works until you close it.');
    expect(journal.batches()).toHaveLength(1);
  });

  it('a colour refresh lost with the connection keeps the old colours, and the pane says the grid could not be updated', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(20, (r, i) => (i === 0 ? { ...r, mpan: '1300000000000' } : r))));
    const { controller, scheduler } = pane(fake);
    await controller.start();
    const before = fake.highlightedCells(MA_SHEET);
    expect(before.get('B7')).toBe('error');
    // After an edit: the row is re-read (1 sync), the sheet's protection read (1), the colours written (1).
    fake.failAtSync = { index: fake.syncCount + 3, code: 'GeneralException' };
    fake.setCell(MA_SHEET, 'B9', text('1300000000000'));
    scheduler.fire();
    await controller.live.idle();
    expect(findingsAt(controller, 'B9')).toContain('mpan-check-digit');
    expect(fake.highlightedCells(MA_SHEET)).toEqual(before);
    expect(controller.getState().notices).toContain(HIGHLIGHT_MESSAGES.failed);
  });

  it('switching highlights off rejects when a MAM Prep format is left (protected sheet), so nobody can say they were removed', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(6, (r, i) => (i === 0 ? { ...r, mpan: '1300000000000' } : r))));
    const { controller } = pane(fake);
    await controller.start();
    expect(fake.highlightOwners().get('u-fake')).toBeGreaterThan(0);
    fake.setProtected(MA_SHEET, true);
    await expect(controller.setHighlights(false)).rejects.toThrow(`still in the workbook on protected sheet "${MA_SHEET}"`);
    expect(controller.lastClear!.remaining).toBeGreaterThan(0);
  });

  it('clearHighlights finds the copies Excel made on paste, on any sheet, deletes them and verifies none remain', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(6, (r, i) => (i === 0 ? { ...r, mpan: '1300000000000' } : r))));
    fake.addSheet('Copy', [[text('x')]]);
    const { controller } = pane(fake);
    await controller.start();
    const own = fake.highlightOwners().get('u-fake')!;
    const copies = fake.copyFormatsTo('Copy', 'B2:B3');
    const cleared = await fake.clearHighlights();
    expect(cleared).toEqual({ removed: own + copies, remaining: 0, protectedSheets: [] });
    expect(fake.highlightOwners().size).toBe(0);
  });

  it('the Office gateway clears formats of any owner on every sheet and counts what is left by a second search', async () => {
    const book = mockBook(2);
    book.sheets.push(sheetOfOfficeCells('Other', officeGrid([['x']]), { protected: true }));
    book.sheets[0]!.conditionalFormats = [
      { id: 'a', type: 'Custom', formula: highlightFormula('error', 'uAAAAAA'), addresses: 'A2' },
      { id: 't', type: 'Custom', formula: '=LEN(A1)>3', addresses: 'A1' },
    ];
    book.sheets[1]!.conditionalFormats = [{ id: 'b', type: 'Custom', formula: highlightFormula('warning', 'uBBBBBB'), addresses: 'A1' }];
    const gateway = new OfficeGateway(new MockHost(book), { wait: noWait });
    expect(await gateway.clearHighlights()).toEqual({ removed: 1, remaining: 1, protectedSheets: ['Other'] });
    expect(book.sheets[0]!.conditionalFormats.map((f) => f.id)).toEqual(['t']);
  });
});

describe('events as Excel sends them', () => {
  it('parses address strings: multi-area, whole rows; whole columns and detail-less pastes re-scan', () => {
    expect(changedRows('A1:B2,D5')).toEqual([1, 2, 5]);
    expect(changedRows('3:5')).toEqual([3, 4, 5]);
    expect(changedRows('Sheet1!$B$4')).toEqual([4]);
    expect(changedRows('B:B')).toBeUndefined();
    expect(changedRows(undefined, 'RangeEdited')).toBeUndefined();
  });

  it('subscribes what the API level allows (feature-detected) and retries a failed registration, reporting it', async () => {
    const timers = new ManualScheduler();
    const modern = new MockHost(mockBook(2), { ExcelApi: '1.17' });
    modern.failRegistrations = 1;
    const gateway = new OfficeGateway(modern, { wait: noWait, timers });
    const statuses: EventStatus[] = [];
    gateway.onEventStatus((s) => statuses.push(s));
    gateway.onChange(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(statuses).toEqual([expect.objectContaining({ state: 'failed', retrying: true })]);
    expect(modern.events).toEqual([]);
    timers.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(statuses[statuses.length - 1]).toEqual({ state: 'listening' });
    expect(modern.events.map((e) => e.event).sort()).toEqual(['onAdded', 'onCalculated', 'onChanged', 'onDeleted', 'onNameChanged']);

    const older = new MockHost(mockBook(2), { ExcelApi: '1.9' });
    new OfficeGateway(older, { wait: noWait, timers }).onChange(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(older.events.map((e) => e.event).sort()).toEqual(['onAdded', 'onCalculated', 'onChanged', 'onDeleted']);
  });

  it('maps sheet added, deleted, renamed, recalculated and unknown-sheet events to re-scans', async () => {
    const host = new MockHost(mockBook(2), { ExcelApi: '1.17' });
    const gateway = new OfficeGateway(host, { wait: noWait });
    const seen: SheetChange[] = [];
    gateway.onChange((c) => seen.push(c));
    await new Promise((resolve) => setImmediate(resolve));
    await host.fire('onChanged', { worksheetId: 'id-new', address: 'A1', changeType: 'RangeEdited', source: 'Local', triggerSource: 'Unknown' });
    await host.fire('onNameChanged', { worksheetId: '{sheet-Data}', nameBefore: 'Data', nameAfter: 'Data 2', source: 'Local' });
    await host.fire('onCalculated', { worksheetId: '{sheet-Data}', address: 'B2:B3' });
    await host.fire('onDeleted', { worksheetId: '{sheet-Data}', source: 'Local' });
    expect(seen).toEqual([
      { sheet: '', source: 'local', rescan: 'unknown-sheet', cause: 'edit' },
      { sheet: 'Data 2', source: 'local', rescan: 'sheet-renamed', cause: 'edit' },
      { sheet: 'Data 2', source: 'local', cause: 'calculated', rows: [2, 3] },
      { sheet: 'Data 2', source: 'local', rescan: 'sheet-deleted', cause: 'edit' },
    ]);
  });

  it('the pane re-scans for a change on a sheet it does not know, and re-validates recalculated rows (onCalculated only)', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(10)));
    const { controller, scheduler } = pane(fake);
    const updates: boolean[] = [];
    controller.live.onUpdate((u) => updates.push(u.full));
    await controller.start();
    fake.data.sheets.push(simulatedSheet('Added quietly', []));
    fake.emitEvent({ sheet: 'Added quietly', address: 'A1', changeType: 'RangeEdited' });
    scheduler.fire();
    await controller.live.idle();
    expect(updates).toEqual([true, true]);
    expect(controller.live.snapshot!.sheets.map((s) => s.name)).toContain('Added quietly');
    putOfficeCell(fake.data.sheets[0]!, 9, 2, enteredCell(text('1300000000000'), '1900'));
    fake.recalculate(MA_SHEET, 'B9');
    scheduler.fire();
    await controller.live.idle();
    expect(updates).toEqual([true, true, false]);
    expect(findingsAt(controller, 'B9')).toContain('mpan-check-digit');
  });

  it('shows a failed event registration in the pane', async () => {
    class Deaf extends FakeGateway {
      onEventStatus(listener: (status: EventStatus) => void): () => void {
        listener({
          state: 'failed',
          retrying: true,
          message: 'MAM Prep could not start listening for your edits; it is trying again. Until then, use Re-check to see changes.',
        });
        return () => undefined;
      }
    }
    const { controller } = pane(new Deaf(simulatedWorkbookFromSnapshot(maWorkbook(3))));
    await controller.start();
    expect(controller.getState().notices).toContain(
      'MAM Prep could not start listening for your edits; it is trying again. Until then, use Re-check to see changes.',
    );
  });
});

describe('co-authors', () => {
  it("each user keeps their own fix journal; one save never drops the other's", async () => {
    const data = fixableData(8);
    const ana = new FakeGateway(data, { user: 'uana01' });
    const ben = new FakeGateway(data, { user: 'uben02' });
    FakeGateway.coauthor(ana, ben);
    const a = pane(ana, false);
    const b = pane(ben, false);
    await a.controller.start();
    await b.controller.start();
    const fixA = await a.service.preview({ kind: 'all' });
    await a.service.apply({ ...fixA, edits: fixA.edits.slice(0, 1) });
    await b.controller.flush();
    const fixB = await b.service.preview({ kind: 'all' });
    await b.service.apply({ ...fixB, edits: fixB.edits.slice(0, 1) });
    expect(data.documentSettings.has(journalKeyFor('uana01'))).toBe(true);
    expect(data.documentSettings.has(journalKeyFor('uben02'))).toBe(true);
    // Ana reopens the workbook: her fix can still be reverted.
    const reopened = FixJournal.load(new FakeGateway(data, { user: 'uana01' }).documentSettings, { user: 'uana01' });
    expect(reopened.batches().map((batch) => batch.entries.map((e) => e.cell))).toEqual([['A7']]);
  });

  it("one user's automatic pass never deletes another's highlights; asking for them takes over", async () => {
    const data = simulatedWorkbookFromSnapshot(maWorkbook(6, (r, i) => (i === 0 ? { ...r, mpan: '1300000000000' } : r)));
    const ana = new FakeGateway(data, { user: 'uana01' });
    const ben = new FakeGateway(data, { user: 'uben02' });
    FakeGateway.coauthor(ana, ben);
    await pane(ana).controller.start();
    const anaFormats = ana.highlightOwners().get('uana01')!;
    const b = pane(ben);
    await b.controller.start();
    expect(ben.highlightOwners()).toEqual(new Map([['uana01', anaFormats]]));
    expect(b.controller.getState().notices).toContain(HIGHLIGHT_MESSAGES.otherUser);
    await b.controller.setHighlights(true);
    expect(ben.highlightOwners()).toEqual(new Map([['uben02', anaFormats]]));
  });
});

describe('priority and error codes', () => {
  it('gives every MAM Prep format priority 0 explicitly', async () => {
    const book = mockBook(3);
    await new OfficeGateway(new MockHost(book), { wait: noWait }).setHighlights({
      sheet: 'Data',
      errors: ['A2'],
      warnings: ['B3'],
      exemptRows: [],
      firstCol: 1,
      lastCol: 2,
    });
    expect(book.sheets[0]!.conditionalFormats.map((f) => f.priority)).toEqual([0, 0]);
  });

  it('recognises a taken sheet name by ItemAlreadyExists, whatever the language of the message', async () => {
    const book = mockBook(1);
    book.sheets.push(sheetOfOfficeCells('MAM Prep training', []));
    const attempt = new OfficeGateway(new MockHost(book), { wait: noWait }).insertWorksheet('MAM Prep training', [[text('x')]]);
    await expect(attempt).rejects.toMatchObject({ code: 'name-taken', hostCode: 'ItemAlreadyExists' });
    await expect(new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(1))).insertWorksheet(MA_SHEET, [])).rejects.toMatchObject({ code: 'name-taken' });
  });
});
