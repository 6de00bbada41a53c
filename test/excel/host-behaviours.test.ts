import type { Cell } from '../../src/engine/cell';
import { date, text } from '../../src/engine/cell';
import type { Edit } from '../../src/engine/fix-planner';
import type { RuleId } from '../../src/rules';
import { cellAt } from '../../src/engine/snapshot';
import { FakeGateway, FakeOfficeError } from '../../src/excel/fake-gateway';
import { enteredCell, simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import type { ScanReport } from '../../src/excel/gateway';
import { GatewayError } from '../../src/excel/gateway';
import { EDIT_MODE_RETRY_MS } from '../../src/excel/host-run';
import { OfficeGateway } from '../../src/excel/office-gateway';
import { BLANK_ROWS_STOP, payloadBytes } from '../../src/excel/scan-plan';
import { DEFAULT_PROFILES } from '../../src/engine/profile';
import { MA_HEADERS } from '../support/sheet-builder';
import { FIRST_DATA_ROW, MA_COLUMNS, MA_SHEET, maWorkbook } from './support/ma-fixture';
import { MockHost } from './support/mock-excel';

/**
 * How the pane copes with real Excel: each test drives the pane's gateways against a host
 * behaviour modelled from the Office.js documentation, on the fake (src/excel/fake-gateway.ts) and on
 * the Office gateway over the Office.js object model of the same simulated workbook (test/excel/support/mock-excel.ts). Sync counts are
 * literal: each one is a network round trip on Excel on the web.
 */

/** Lets pending promise callbacks run (a held batch stays held however often this is called). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function tracked<T>(promise: Promise<T>): { readonly done: () => boolean; readonly promise: Promise<T> } {
  let finished = false;
  void promise.then(
    () => (finished = true),
    () => (finished = true),
  );
  return { done: () => finished, promise };
}

const dateEdit = (cell: string, from: string, to: string): Edit<RuleId> => ({
  sheet: MA_SHEET,
  cell,
  row: Number(cell.slice(1)),
  col: 13,
  from,
  to,
  type: 'date',
  ruleId: 'date-invalid',
});

describe('1. cell edit mode', () => {
  it('the host fails a batch without delayForCellEdit while the user edits a cell, and holds one with it until the edit ends', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(3)));
    fake.editMode = true;
    await expect(fake.hostBatch({}, () => 'ran')).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    const held = tracked(fake.hostBatch({ delayForCellEdit: true }, () => 'ran'));
    await settle();
    expect(held.done()).toBe(false);
    fake.editMode = false;
    await expect(held.promise).resolves.toBe('ran');
  });

  it('fake: clearing highlights and inserting the training sheet in edit mode wait for it to end, changing nothing before', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(3)));
    await fake.setHighlights({ sheet: MA_SHEET, errors: ['B7'], warnings: [], exemptRows: [], firstCol: 1, lastCol: 13 });
    fake.editMode = true;
    const clear = tracked(fake.clearHighlights());
    const insert = tracked(fake.insertWorksheet('MAM Prep training', [[text('x')]]));
    await settle();
    expect([clear.done(), insert.done(), fake.highlightOwners().size, fake.listSheets()]).toEqual([false, false, 1, [MA_SHEET]]);
    fake.editMode = false;
    expect(await clear.promise).toEqual({ removed: 1, remaining: 0, protectedSheets: [] });
    await insert.promise;
    expect(fake.listSheets()).toEqual([MA_SHEET, 'MAM Prep training']);
  });

  it('fake: a scan, a re-read and select() started in edit mode wait for it to end, then cost what they always cost', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(50)));
    fake.editMode = true;
    const scan = tracked(fake.scan());
    await settle();
    expect(scan.done()).toBe(false);
    expect(fake.syncCount).toBe(0);
    fake.editMode = false;
    const snapshot = await scan.promise;
    // Sheets, names and date system; used ranges and rows 1-40; validation probe; rows 41-56.
    expect(fake.syncCount).toBe(4);
    expect(cellAt(snapshot.sheets[0]!, 56, 12)).toEqual(text('REF-49'));

    fake.setCell(MA_SHEET, 'L20', text('typed'));
    fake.resetSyncCount();
    fake.editMode = true;
    const reread = tracked(fake.readRows(MA_SHEET, [20]));
    const select = tracked(fake.select(MA_SHEET, 'L20'));
    await settle();
    expect([reread.done(), select.done(), fake.selection]).toEqual([false, false, null]);
    fake.editMode = false;
    expect((await reread.promise)[0]!.cells[11]).toEqual(text('typed'));
    await select.promise;
    expect(fake.selection).toEqual({ sheet: MA_SHEET, cell: 'L20' });
    expect(fake.syncCount).toBe(2);
  });

  it('Office gateway: every batch asks for delayForCellEdit; a held re-read completes when the edit ends', async () => {
    const host = new MockHost(simulatedWorkbookFromSnapshot(maWorkbook(20)));
    const gateway = new OfficeGateway(host);
    await gateway.scan();
    host.editMode = true;
    const reread = tracked(gateway.readRows(MA_SHEET, [8]));
    const select = tracked(gateway.select(MA_SHEET, 'B8'));
    await settle();
    expect([reread.done(), select.done()]).toEqual([false, false]);
    host.editMode = false;
    expect((await reread.promise)[0]!.cells).toHaveLength(MA_COLUMNS);
    await select.promise;
    expect(host.selected).toBe(`${MA_SHEET}!7,1`);
    expect(host.runOptions).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true }, { delayForCellEdit: true }]);
  });

  it('Office gateway on a host below ExcelApi 1.11 (delayForCellEdit ignored): retries the refused batch, and says edit-mode when the edit never ends', async () => {
    const host = new MockHost(simulatedWorkbookFromSnapshot(maWorkbook(20)));
    host.honoursDelayForCellEdit = false;
    const waits: number[] = [];
    const gateway = new OfficeGateway(host, {
      wait: (ms) => {
        waits.push(ms);
        if (waits.length === 2) host.editMode = false;
        return Promise.resolve();
      },
    });
    host.editMode = true;
    const snapshot = await gateway.scan();
    expect(waits).toEqual([250, 500]);
    // Two refused syncs, then the scan's own 3 (26 rows: all of them come with the head rows).
    expect(host.syncCount).toBe(5);
    expect(cellAt(snapshot.sheets[0]!, 26, 12)).toEqual(text('REF-19'));

    waits.length = 0;
    host.editMode = true;
    const stuck = new OfficeGateway(host, {
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const failure = await stuck.readRows(MA_SHEET, [8]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure).toMatchObject({ code: 'edit-mode', hostCode: 'InvalidOperationInCellEditMode' });
    expect(waits).toEqual([...EDIT_MODE_RETRY_MS]);
  });
});

describe('4. request size', () => {
  it('measures payloads as Office serialises them (JSON of the loaded arrays, UTF-8)', () => {
    const loaded = {
      values: [['00-12-4B-00-00-01-00-00', 1300000000001, '', true, 'Zoë – “quoted”']],
      numberFormat: [['General', '0', 'General', 'General', '@']],
    };
    expect(payloadBytes(loaded)).toBe(Buffer.byteLength(JSON.stringify(loaded), 'utf8'));
  });

  it('Excel on the web refuses a request or a response over 5 MB with its error code; desktop does not', async () => {
    const web = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(1)), { host: { platform: 'web' } });
    await expect(web.hostBatch({ requestBytes: 5_000_001 }, () => 'ran')).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    await expect(web.hostBatch({ responseBytes: 5_000_001 }, () => 'ran')).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    await expect(web.hostBatch({ requestBytes: 5_000_000, responseBytes: 5_000_000 }, () => 'ran')).resolves.toBe('ran');
    const desktop = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(1)));
    await expect(desktop.hostBatch({ requestBytes: 9_000_000 }, () => 'ran')).resolves.toBe('ran');
    expect(new FakeOfficeError('X').code).toBe('X');
  });

  it('probes list validations on the template sheet only, one range per bound column in the third request, never re-queued when a request is refused', async () => {
    const wb = maWorkbook(3_000, undefined, {
      validations: [
        { sqref: 'A7:A3006', source: '"AA,EA"' },
        { sqref: 'K7:K3006', source: 'EisValues' },
      ],
      definedNames: { EisValues: 'Lists!$A$2:$A$3' },
    });
    const lists = { name: 'Lists', rows: [[text('EIS')], [text('Y')], [text('N')]], validations: [{ sqref: 'A1:C40', source: '"x,y"' }] };
    const book = simulatedWorkbookFromSnapshot({ ...wb, sheets: [...wb.sheets, lists] });
    const host = new MockHost(book);
    host.payloadLimitBytes = 400_000;
    const snapshot = await new OfficeGateway(host).scan();
    expect(host.responseBytes.filter((b) => b > 400_000).length).toBeGreaterThan(0);
    expect(host.validationLoads).toHaveLength(MA_COLUMNS);
    expect(host.validationLoads.every((l) => l.startsWith(`${MA_SHEET}!6,`))).toBe(true);
    expect(new Set(host.validationLoadSyncs)).toEqual(new Set([3]));
    expect(snapshot.sheets[0]!.validations).toEqual([
      { sqref: 'A7:A3006', source: '"AA,EA"' },
      { sqref: 'K7:K3006', source: 'EisValues' },
    ]);
    expect(snapshot.sheets[1]!.validations).toBeUndefined();
  });
});

describe("4. request size: the template is found with the engine's own profiles", () => {
  it('probes the validations of a template whose headers only a custom profile knows', async () => {
    const custom = DEFAULT_PROFILES.map((p) => ({ ...p, fields: p.fields.map((f) => ({ ...f, headers: f.headers.map((h) => `Our ${h}`) })) }));
    const headerText = Object.fromEntries(Object.entries(MA_HEADERS).map(([field, header]) => [field, `Our ${header}`]));
    const wb = maWorkbook(50, undefined, { headerText, validations: [{ sqref: 'A7:A56', source: '"AA,EA"' }] });
    const builtIn = await new FakeGateway(simulatedWorkbookFromSnapshot(wb)).scan();
    expect(builtIn.sheets[0]!.validations).toBeUndefined();
    const withProfiles = await new FakeGateway(simulatedWorkbookFromSnapshot(wb)).scan({ profiles: custom });
    expect(withProfiles.sheets[0]!.validations).toEqual([{ sqref: 'A7:A56', source: '"AA,EA"' }]);
  });
});

describe('5. scan cost', () => {
  it('a full scan of 100,000 rows x 13 columns on Excel on the web takes 14 syncs, no response over 4 MB', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(100_000)), { host: { platform: 'web' } });
    const snapshot = await fake.scan();
    expect(fake.syncCount).toBe(14);
    expect(fake.largestResponseBytes).toBeLessThanOrEqual(4_000_000);
    expect(snapshot.sheets[0]!.rows).toHaveLength(100_006);
    expect(cellAt(snapshot.sheets[0]!, 100_006, 12)).toEqual(text('REF-99999'));
  }, 60_000);

  it('reports progress after every request and can be cancelled: the scan rejects, nothing arrives after the cancel', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(30_000)));
    const progress: Array<[number, number]> = [];
    await fake.scan({ onProgress: (p) => progress.push([p.rowsRead, p.rowsTotal]) });
    // Rows 41..30,006 in requests sized by payload: 8,413 rows first (13 columns x 32 bytes guessed), then
    // about 10,000 a request once ~350 bytes a row are measured.
    expect(progress).toEqual([
      [8_413, 29_966],
      [18_413, 29_966],
      [28_384, 29_966],
      [29_966, 29_966],
    ]);

    const controller = new AbortController();
    fake.resetSyncCount();
    const seen: number[] = [];
    const cancelled = await fake
      .scan({
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.rowsRead);
          controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(GatewayError);
    expect(cancelled).toMatchObject({ code: 'cancelled' });
    expect(seen).toEqual([8_413]);
    expect(fake.syncCount).toBe(4);
    // The gateway still works: a new scan reads everything.
    expect((await fake.scan()).sheets[0]!.rows).toHaveLength(30_006);
  });

  it('a stray value in XFD does not widen the read; a stray value far below the table does not lengthen it', async () => {
    const wb = maWorkbook(100);
    const data = simulatedWorkbookFromSnapshot(wb);
    const fake = new FakeGateway(data);
    fake.setCell(MA_SHEET, 'XFD1', text('stray'));
    fake.setCell(MA_SHEET, 'P500000', text('note'));
    const reports: ScanReport[] = [];
    const snapshot = await fake.scan({ onReport: (r) => reports.push(r) });
    // Metadata 3 (the third narrows both), then rows 41-106.
    expect(fake.syncCount).toBe(4);
    expect(snapshot.sheets[0]!.rows).toHaveLength(106);
    // Columns A..P (the used range of the first 64 columns), not 16,384.
    expect(Math.max(...snapshot.sheets[0]!.rows.map((r) => r?.length ?? 0))).toBe(16);
    expect(reports).toEqual([
      {
        caps: [
          { sheet: MA_SHEET, usedLastRow: 500_000, usedLastCol: 16_384, readLastRow: 500_000, readLastCol: 16, reason: 'columns' },
          { sheet: MA_SHEET, usedLastRow: 500_000, usedLastCol: 16_384, readLastRow: 106, readLastCol: 16, reason: 'bound-columns' },
        ],
        dateSystem: '1900',
        dateSystemDetected: true,
      },
    ]);
    // A later edit is re-read at the width the scan found, in one sync.
    fake.setCell(MA_SHEET, 'B50', text('typed'));
    fake.resetSyncCount();
    const [update] = await fake.readRows(MA_SHEET, [50]);
    expect(fake.syncCount).toBe(1);
    expect(update!.cells).toHaveLength(16);
    expect(update!.cells[1]).toEqual(text('typed'));
  });

  it('formulas filled down to row 1,048,576 stop the read after the last row with a value', async () => {
    const data = simulatedWorkbookFromSnapshot(maWorkbook(2_000));
    // Column M holds a formula showing nothing from below the data to the last row (one shared row object).
    const formulaOnly: Array<Cell | undefined> = [];
    formulaOnly[12] = { value: { kind: 'empty' }, formula: true };
    const rows = data.sheets[0]!.cells;
    const formulaRow = formulaOnly.map((c) => (c ? enteredCell(c, '1900') : undefined));
    for (let r = FIRST_DATA_ROW + 2_000; r <= 1_048_576; r++) rows[r - 1] = formulaRow;
    const fake = new FakeGateway(data);
    const reports: ScanReport[] = [];
    const snapshot = await fake.scan({ onReport: (r) => reports.push(r) });
    expect(snapshot.sheets[0]!.rows).toHaveLength(2_006);
    expect(reports[0]!.caps).toEqual([{ sheet: MA_SHEET, usedLastRow: 1_048_576, usedLastCol: 13, readLastRow: 2_006, readLastCol: 13, reason: 'blank-rows' }]);
    // Metadata 3, rows 41..(41 + first request) which already runs BLANK_ROWS_STOP rows past the data.
    expect(fake.syncCount).toBe(4);
    expect(BLANK_ROWS_STOP).toBe(5_000);
  });

  it("empty rows are not formulas: data pasted far below a gap in the table's columns is still read", async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(100)));
    fake.setCell(MA_SHEET, 'A20000', text('AA'));
    const reports: ScanReport[] = [];
    const snapshot = await fake.scan({ onReport: (r) => reports.push(r) });
    expect(snapshot.sheets[0]!.rows).toHaveLength(20_000);
    expect(cellAt(snapshot.sheets[0]!, 20_000, 1)).toEqual(text('AA'));
    expect(reports[0]!.caps).toEqual([]);
  });
});

describe('1904 date system (pane side)', () => {
  it('fake: a 1904 workbook stores 1904 serials; the scan gives 1900-system dates and a date fix is written back as a 1904 serial', async () => {
    const wb = maWorkbook(2, (r, i) => (i === 1 ? { ...r, earliestMigrationDate: '07/06/2027' } : r));
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(wb, { dateSystem: '1904' }));
    // The workbook holds 2027-06-07 as 46545 - 1462.
    expect(fake.data.sheets[0]!.cells[6]![12]!.value).toBe(45_083);
    const reports: ScanReport[] = [];
    const snapshot = await fake.scan({ onReport: (r) => reports.push(r) });
    expect(cellAt(snapshot.sheets[0]!, 7, 13)).toEqual(date('2027-06-07'));
    expect(reports[0]).toMatchObject({ dateSystem: '1904', dateSystemDetected: true });

    const outcome = await fake.writeEdits([dateEdit('M8', '07/06/2027', '2027-06-07')]);
    expect(outcome.applied.map((a) => a.cell)).toEqual(['M8']);
    expect(fake.data.sheets[0]!.cells[7]![12]!.value).toBe(45_083);
    expect(fake.getCell(MA_SHEET, 'M8')).toEqual(date('2027-06-07'));
    const again = await fake.scan();
    expect(cellAt(again.sheets[0]!, 8, 13)).toEqual(date('2027-06-07'));
  });

  it('Office gateway: reads DATE(2000,1,1) to learn the system, converts reads and writes; assumes 1900 and says so when it cannot tell', async () => {
    const wb = maWorkbook(2, (r, i) => (i === 1 ? { ...r, earliestMigrationDate: '07/06/2027' } : r));
    const book = simulatedWorkbookFromSnapshot(wb, { dateSystem: '1904' });
    book.sheets[0]!.cells[6]![12] = { value: 45_083, numberFormat: 'dd/mm/yyyy', valueType: 'Double', formula: 45_083 };
    const host = new MockHost(book);
    const gateway = new OfficeGateway(host);
    const reports: ScanReport[] = [];
    const snapshot = await gateway.scan({ onReport: (r) => reports.push(r) });
    expect(cellAt(snapshot.sheets[0]!, 7, 13)).toEqual(date('2027-06-07'));
    expect(reports[0]).toMatchObject({ dateSystem: '1904', dateSystemDetected: true });
    await gateway.writeEdits([dateEdit('M8', '07/06/2027', '2027-06-07')]);
    expect(book.sheets[0]!.cells[7]![12]!.value).toBe(45_083);

    const blind = new MockHost(simulatedWorkbookFromSnapshot(wb));
    blind.evaluatesFunctions = false;
    const blindReports: ScanReport[] = [];
    await new OfficeGateway(blind).scan({ onReport: (r) => blindReports.push(r) });
    expect(blindReports[0]).toMatchObject({ dateSystem: '1900', dateSystemDetected: false });
  });

  it('both gateways skip a date before 1904-01-01 in a 1904 workbook (the write guard the CLI patcher uses) and write the rest', async () => {
    const wb = maWorkbook(2, (r) => ({ ...r, earliestMigrationDate: '31/12/1903' }));
    const edits = [dateEdit('M7', '31/12/1903', '1903-12-31'), dateEdit('M8', '31/12/1903', '1904-01-01')];
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(wb, { dateSystem: '1904' }));
    await fake.scan();
    const fakeOutcome = await fake.writeEdits(edits);
    const host = new MockHost(simulatedWorkbookFromSnapshot(wb, { dateSystem: '1904' }));
    const gateway = new OfficeGateway(host);
    await gateway.scan();
    const officeOutcome = await gateway.writeEdits(edits);
    for (const outcome of [fakeOutcome, officeOutcome]) {
      expect(outcome.applied.map((a) => a.cell)).toEqual(['M8']);
      expect(outcome.skipped.map((s) => [s.cell, s.reason])).toEqual([['M7', 'date-out-of-range']]);
    }
    expect(fake.getCell(MA_SHEET, 'M7')).toEqual(text('31/12/1903'));
    for (const book of [fake.data, host.book]) {
      expect(book.sheets[0]!.cells[6]![12]!.value).toBe('31/12/1903');
      // 1904-01-01 is serial 0 of the 1904 system.
      expect(book.sheets[0]!.cells[7]![12]!.value).toBe(0);
    }
  });
});

// The write side's cases (points 1 controller, 2, 3, 4 write side, 7, 8, 9, 11): they register their
// own describe blocks. Further case modules (storage, old hosts, manifest) are imported here too.
import './host-behaviours.live.cases';
import './host-behaviours.deploy.cases';
