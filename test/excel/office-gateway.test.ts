import { cellsEqual, date, err, text } from '../../src/engine/cell';
import type { Edit } from '../../src/engine/fix-planner';
import { cellAt } from '../../src/engine/snapshot';
import type { SheetChange } from '../../src/excel/gateway';
import { OfficeGateway } from '../../src/excel/office-gateway';
import { MA_SHEET, maWorkbook } from './support/ma-fixture';
import { sheetOfOfficeCells, type SimulatedWorkbook, simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { MockHost, officeBook, officeGrid } from './support/mock-excel';

const COLS = 13;

function bookWithRows(count: number): SimulatedWorkbook {
  const rows: Array<Array<string | number>> = [['SMETS1 Migration Authorisation']];
  for (let i = 1; i <= count; i++) rows.push(Array.from({ length: COLS }, (_, c) => (c === 1 ? 1000 + i : `r${i}c${c}`)));
  return officeBook([sheetOfOfficeCells('Data', officeGrid(rows))], { Groups: 'Lists!$A$2:$A$9' });
}

const edit = (cell: string, from: Edit['from'], to: string, sheet = 'Data'): Edit => ({
  sheet,
  cell,
  row: Number(cell.slice(1)),
  col: cell.charCodeAt(0) - 64,
  from,
  to,
  type: 'text',
  ruleId: 'text-whitespace',
});

describe('OfficeGateway scan', () => {
  it('reads head rows with the used ranges, probes list validations on the template only (one range per bound column), then the rest in one request', async () => {
    const wb = maWorkbook(3_000, (r, i) => (i === 0 ? { ...r, mpan: { formula: { error: '#N/A' } }, mprn: '#N/A' } : r), {
      validations: [{ sqref: 'A7:A3006', source: '"AA,EA"' }],
      definedNames: { Groups: 'Lists!$A$2:$A$9' },
    });
    const host = new MockHost(simulatedWorkbookFromSnapshot(wb));
    const snapshot = await new OfficeGateway(host).scan();
    // Sheets, names and date system; used ranges and rows 1-40; validation probe; rows 41-3,006.
    expect(host.syncCount).toBe(4);
    expect(host.rangeLoads.filter((l) => l.cols === COLS).map((l) => [l.row, l.rows])).toEqual([[41, 2_966]]);
    expect(host.validationLoads).toHaveLength(COLS);
    expect(host.validationLoads[0]).toBe(`${MA_SHEET}!6,0:40x1`);
    expect(host.runOptions).toEqual([{ delayForCellEdit: true }]);
    const sheet = snapshot.sheets[0]!;
    expect(sheet.rows).toHaveLength(3_006);
    expect(cellAt(sheet, 3_006, 12)).toEqual(text('REF-2999'));
    expect(cellAt(sheet, 7, 2)).toEqual(err('#N/A', true));
    expect(cellAt(sheet, 7, 3)).toEqual(text('#N/A'));
    expect(cellAt(sheet, 7, 13)).toEqual(date('2027-06-07'));
    expect(sheet.validations).toEqual([{ sqref: 'A7:A3006', source: '"AA,EA"' }]);
    expect(snapshot.definedNames).toEqual({ Groups: 'Lists!$A$2:$A$9' });
  });

  it('on a 5 MB host, retries a refused request smaller and still reads every cell', async () => {
    const host = new MockHost(simulatedWorkbookFromSnapshot(maWorkbook(3_000)));
    host.payloadLimitBytes = 400_000;
    const snapshot = await new OfficeGateway(host).scan();
    // Two refusals of guessed sizes halve the rows; a third of a measured size lowers the ceiling for good.
    expect(host.responseBytes.filter((b) => b > 400_000)).toHaveLength(3);
    expect(host.syncCount).toBe(3 + 3 + 4);
    expect(cellAt(snapshot.sheets[0]!, 3_006, 12)).toEqual(text('REF-2999'));
  });

  it('reports progress after each request of rows and stops at a cancel, rejecting with GatewayError cancelled', async () => {
    const host = new MockHost(simulatedWorkbookFromSnapshot(maWorkbook(12_000)));
    const gateway = new OfficeGateway(host);
    const controller = new AbortController();
    const seen: Array<[number, number]> = [];
    const failure = await gateway
      .scan({
        signal: controller.signal,
        onProgress: (p) => {
          seen.push([p.rowsRead, p.rowsTotal]);
          controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'GatewayError', code: 'cancelled' });
    expect(seen).toEqual([[8_413, 11_966]]);
    expect(host.syncCount).toBe(4);
  });

  it('re-reads a changed row in one sync once the sheet width is known', async () => {
    const host = new MockHost(bookWithRows(100));
    const gateway = new OfficeGateway(host);
    await gateway.scan();
    const before = host.syncCount;
    const updates = await gateway.readRows('Data', [50]);
    expect(host.syncCount - before).toBe(1);
    expect(updates[0]!.cells).toHaveLength(COLS);
    expect(cellsEqual(updates[0]!.cells[0], text('r49c0'))).toBe(true);
  });
});

describe('OfficeGateway writes', () => {
  it('checks every target in one sync and writes in a second, as one undo group', async () => {
    const book = bookWithRows(10);
    book.sheets[0]!.cells[4]![2] = { value: 'x', numberFormat: 'General', valueType: 'String', formula: '=A1' };
    const host = new MockHost(book);
    const gateway = new OfficeGateway(host);
    const outcome = await gateway.writeEdits([
      edit('A2', 'r1c0', 'fixed'),
      edit('A3', 'not what is there', 'fixed'),
      edit('C5', 'x', 'y'),
      edit('A4', 'r3c0', '0123'),
    ]);
    expect(host.syncCount).toBe(2);
    expect(host.runOptions).toEqual([{ mergeUndoGroup: true, delayForCellEdit: true }]);
    expect(outcome.applied.map((a) => a.cell)).toEqual(['A2', 'A4']);
    expect(outcome.skipped.map((s) => [s.cell, s.reason])).toEqual([
      ['A3', 'changed'],
      ['C5', 'formula'],
    ]);
    expect(book.sheets[0]!.cells[3]![0]!.value).toBe('0123');
    expect(host.writes).toEqual(['Data!1,0', 'Data!3,0']);
  });

  it('reports locked cells of a protected sheet, cell edit mode and a missing sheet', async () => {
    const book = bookWithRows(5);
    book.sheets[0]!.protected = true;
    book.sheets[0]!.unlocked = new Set(['A3']);
    const host = new MockHost(book);
    // A host below ExcelApi 1.11 ignores delayForCellEdit: the gateway retries, then reports edit mode.
    host.honoursDelayForCellEdit = false;
    const gateway = new OfficeGateway(host, { wait: () => Promise.resolve() });
    const outcome = await gateway.writeEdits([edit('A2', 'r1c0', 'x'), edit('A3', 'r2c0', 'y')]);
    expect(outcome.skipped.map((s) => [s.cell, s.reason])).toEqual([['A2', 'protected']]);
    expect(outcome.applied.map((a) => a.cell)).toEqual(['A3']);

    host.editMode = true;
    const busy = await gateway.writeEdits([edit('A4', 'r3c0', 'z')]);
    expect(busy.skipped.map((s) => s.reason)).toEqual(['edit-mode']);
    host.editMode = false;
    book.sheets[0]!.protected = false;

    const gone = await gateway.writeEdits([edit('A4', 'r3c0', 'z', 'Renamed'), edit('A5', 'r4c0', 'w')]);
    expect(gone.skipped.map((s) => [s.sheet, s.reason])).toEqual([['Renamed', 'missing-sheet']]);
    expect(gone.applied.map((a) => a.cell)).toEqual(['A5']);
  });
});

describe('OfficeGateway change events', () => {
  it('drops its own writes (by triggerSource, or by the cells it wrote on older hosts) and maps remote edits', async () => {
    const modern = new OfficeGateway(new MockHost(bookWithRows(5)));
    const older = new OfficeGateway(new MockHost(bookWithRows(5), { ExcelApi: '1.9' }));
    const seen: SheetChange[] = [];
    for (const g of [modern, older]) {
      g.onChange((c) => seen.push(c));
      await Promise.resolve();
    }
    await modern.handleChanged({ worksheetId: '{sheet-Data}', address: 'A2', changeType: 'RangeEdited', source: 'Local', triggerSource: 'ThisLocalAddin' });
    await older.writeEdits([edit('A2', 'r1c0', 'x')]);
    await older.handleChanged({ worksheetId: '{sheet-Data}', address: 'A2', changeType: 'RangeEdited', source: 'Local' });
    await older.handleChanged({ worksheetId: '{sheet-Data}', address: 'A2', changeType: 'RangeEdited', source: 'Local' });
    await modern.handleChanged({ worksheetId: '{sheet-Data}', address: 'B3:C4', changeType: 'RangeEdited', source: 'Remote', triggerSource: 'Unknown' });
    await modern.handleChanged({ worksheetId: '{sheet-Data}', address: '5:5', changeType: 'RowInserted', source: 'Local', triggerSource: 'Unknown' });
    expect(seen).toEqual([
      { sheet: 'Data', source: 'local', rows: [2], cause: 'edit' },
      { sheet: 'Data', source: 'remote', rows: [3, 4], cause: 'edit' },
      { sheet: 'Data', source: 'local', cause: 'edit' },
    ]);
  });
});

describe('OfficeGateway highlights', () => {
  const highlights = { sheet: 'Data', errors: ['B2', 'B3'], warnings: ['C2'], exemptRows: [4], firstCol: 1, lastCol: 13 };

  it("searches once for its own formats, then replaces them by id, never touching the template's", async () => {
    const book = bookWithRows(5);
    book.sheets[0]!.conditionalFormats = [
      { id: 'template', type: 'Custom', formula: '=LEN(A1)>3', addresses: 'A1:A9' },
      { id: 'old', type: 'Custom', formula: '=N("mam-prep:error")=0', addresses: 'B9' },
    ];
    const host = new MockHost(book);
    const gateway = new OfficeGateway(host);
    await gateway.setHighlights(highlights);
    expect(host.syncCount).toBe(4);
    expect(book.sheets[0]!.conditionalFormats.map((f) => f.addresses)).toEqual(['A1:A9', 'A4:M4', 'C2', 'B2:B3']);

    await gateway.setHighlights({ ...highlights, errors: ['B3', 'B2'] });
    expect(host.syncCount).toBe(4);
    await gateway.setHighlights({ ...highlights, errors: ['B2'] });
    // Known by id: one sync reads the sheet's protection, one replaces the formats.
    expect(host.syncCount).toBe(6);
    expect(book.sheets[0]!.conditionalFormats.map((f) => f.addresses)).toEqual(['A1:A9', 'A4:M4', 'C2', 'B2']);

    await gateway.clearHighlights();
    expect(book.sheets[0]!.conditionalFormats.map((f) => f.id)).toEqual(['template']);
  });

  it('keeps settings in the document and saves them', async () => {
    const host = new MockHost(bookWithRows(1));
    const gateway = new OfficeGateway(host);
    await gateway.documentSettings.set('mam-prep.profile', '{}');
    expect(new OfficeGateway(host).documentSettings.get('mam-prep.profile')).toBe('{}');
    expect(gateway.capabilities).toEqual({ undoGroups: true, undo: 'merged', changeSource: true, triggerSource: true, host: 'excel-web' });
  });
});
