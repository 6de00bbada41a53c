import { cellsEqual, date, err, num, text } from '../../src/engine/cell';
import type { Edit } from '../../src/engine/fix-planner';
import { cellAt } from '../../src/engine/snapshot';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { createSimulatedWorkbook, officeCellAt, simulatedSheet, simulatedWorkbookFromSnapshot, writeNumberFormat } from '../../src/excel/simulated-workbook';
import type { SheetChange } from '../../src/excel/gateway';
import { highlightFormula } from '../../src/excel/highlight-plan';
import { buildWorkbook } from '../support/sheet-builder';
import { FIRST_DATA_ROW, MA_COLUMNS, MA_SHEET, maFake, maWorkbook } from './support/ma-fixture';

/** A workbook of one simulated sheet. */
const bookOf = (sheet: ReturnType<typeof simulatedSheet>) => ({ ...createSimulatedWorkbook(), sheets: [sheet] });

const edit = (cell: string, from: Edit['from'], to: string, type: Edit['type'] = 'text', sheet = MA_SHEET): Edit => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return { sheet, cell, row: Number(m[2]), col: m[1]!.charCodeAt(0) - 64, from, to, type, ruleId: 'text-whitespace' };
};

describe('FakeGateway scan', () => {
  it('reads a 50,000-row sheet in requests sized by payload: 3 metadata syncs + 6 of rows, each response under 4 MB', async () => {
    const fake = maFake(50_000);
    const snapshot = await fake.scan();
    const lastRow = FIRST_DATA_ROW - 1 + 50_000;
    expect(fake.syncCount).toBe(9);
    expect(fake.responseBytes).toHaveLength(9);
    expect(fake.largestResponseBytes).toBeLessThanOrEqual(4_000_000);
    expect(snapshot.sheets[0]!.rows).toHaveLength(lastRow);
    const source = maWorkbook(50_000).sheets[0]!;
    for (const row of [1, 2, 6, 7, 641, 642, 25_000, lastRow]) {
      for (let col = 1; col <= MA_COLUMNS; col++) expect(cellsEqual(cellAt(snapshot.sheets[0]!, row, col), cellAt(source, row, col))).toBe(true);
    }
  });

  it('spends the same syncs whether the rows are valid or full of problems', async () => {
    const clean = maFake(5_000);
    const broken = maFake(5_000, (r) => ({ ...r, mpan: ' 12 ', esmeId: 'not an id', groupId: 'zz' }));
    await clean.scan();
    await broken.scan();
    expect(broken.syncCount).toBe(clean.syncCount);
  });

  it('types cells as Office reports them: errors apart from typed "#N/A" text, dates, formulas', async () => {
    const wb = buildWorkbook([
      { groupId: 'AA', mpan: { error: '#N/A' }, mprn: '#N/A', smsoReference: { formula: 'X' }, earliestMigrationDate: { date: '2027-01-04' } },
    ]);
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(wb));
    const sheet = (await fake.scan()).sheets[0]!;
    expect(cellAt(sheet, 7, 2)).toEqual(err('#N/A'));
    expect(cellAt(sheet, 7, 3).value).toEqual({ kind: 'text', text: '#N/A' });
    expect(cellAt(sheet, 7, 12)).toEqual(text('X', true));
    expect(cellAt(sheet, 7, 13).value).toEqual(date('2027-01-04').value);
  });

  it('reports list validations found in the top rows, continued to the last row, and the defined names', async () => {
    const wb = maWorkbook(100, undefined, {
      validations: [
        { sqref: 'A7:A1048576', source: '"AA,EA,EB"' },
        { sqref: 'K7:K50', source: 'EisValues' },
      ],
      definedNames: { EisValues: 'Lists!$A$2:$A$3' },
    });
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(wb));
    const snapshot = await fake.scan();
    expect(snapshot.sheets[0]!.validations).toEqual([
      { sqref: 'A7:A106', source: '"AA,EA,EB"' },
      { sqref: 'K7:K106', source: 'EisValues' },
    ]);
    expect(snapshot.definedNames).toEqual({ EisValues: 'Lists!$A$2:$A$3' });
  });

  it('on Excel on the web, retries a request the host refuses for size smaller and still reads every cell', async () => {
    // Rows below the head rows are far longer than the head suggested: the first request is refused.
    const long = 'x'.repeat(3_000);
    const data = simulatedWorkbookFromSnapshot(maWorkbook(2_000, (r, i) => (i < 100 ? r : { ...r, smsoReference: long })));
    const fake = new FakeGateway(data, { host: { platform: 'web' } });
    const snapshot = await fake.scan();
    const refused = fake.responseBytes.filter((b) => b > 5_000_000);
    expect(refused).toHaveLength(1);
    expect(fake.syncCount).toBe(3 + 1 + 2);
    expect(cellAt(snapshot.sheets[0]!, 2_006, 12)).toEqual(text(long));

    const desktop = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(2_000, (r, i) => (i < 100 ? r : { ...r, smsoReference: long }))));
    await desktop.scan();
    expect(desktop.syncCount).toBe(4);
  });
});

describe('FakeGateway reads and events', () => {
  it('re-reads one changed row from column 1 to the last used column: 1 sync after a scan, 2 when the width grew', async () => {
    const fake = maFake(50);
    await fake.scan();
    fake.setCell(MA_SHEET, 'B10', text('X'));
    fake.resetSyncCount();
    const updates = await fake.readRows(MA_SHEET, [10]);
    expect(fake.syncCount).toBe(1);
    fake.setCell(MA_SHEET, 'O10', text('beyond the table'));
    fake.resetSyncCount();
    const wider = await fake.readRows(MA_SHEET, [10]);
    expect(fake.syncCount).toBe(2);
    expect(wider[0]!.cells).toHaveLength(15);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.row).toBe(10);
    expect(updates[0]!.cells).toHaveLength(MA_COLUMNS);
    expect(updates[0]!.cells[1]).toEqual(text('X'));
  });

  it('emits one change per edit or paste, with rows, source, or none for a new sheet', () => {
    const fake = maFake(10);
    const seen: SheetChange[] = [];
    const stop = fake.onChange((c) => seen.push(c));
    fake.setCell(MA_SHEET, 'B8', text('1'));
    fake.setCells(MA_SHEET, 'A9', [[text('AA')], [text('AB')], [text('AC')]], { source: 'remote' });
    fake.insertSheet('Training', [[text('hello')]]);
    stop();
    fake.setCell(MA_SHEET, 'B8', text('2'));
    expect(seen).toEqual([
      { sheet: MA_SHEET, source: 'local', rows: [8], cause: 'edit' },
      { sheet: MA_SHEET, source: 'remote', rows: [9, 10, 11], cause: 'edit' },
      { sheet: 'Training', source: 'local', rescan: 'sheet-added', cause: 'edit' },
    ]);
    expect(fake.listSheets()[0]).toBe('Training');
  });

  it('sends a Ctrl+Enter into several areas, whole rows and whole columns cleared, as Excel sends them', () => {
    const fake = maFake(10);
    const seen: SheetChange[] = [];
    fake.onChange((c) => seen.push(c));
    fake.fillSelection(MA_SHEET, ['A8', 'A10:A11'], text('EB'));
    fake.clearRows(MA_SHEET, 12, 13);
    fake.clearColumns(MA_SHEET, 4, 4);
    expect(seen).toEqual([
      { sheet: MA_SHEET, source: 'local', rows: [8, 10, 11], cause: 'edit' },
      { sheet: MA_SHEET, source: 'local', rows: [12, 13], cause: 'edit' },
      // Whole columns carry no rows: the pane re-scans.
      { sheet: MA_SHEET, source: 'local', cause: 'edit' },
    ]);
    expect(['A8', 'A9', 'A10', 'A11'].map((a1) => fake.getCell(MA_SHEET, a1).value)).toEqual([
      { kind: 'text', text: 'EB' },
      { kind: 'text', text: 'AA' },
      { kind: 'text', text: 'EB' },
      { kind: 'text', text: 'EB' },
    ]);
    expect(fake.undoStack.map((u) => u.what)).toEqual([`edit ${MA_SHEET}!A8,A10:A11`, `clear ${MA_SHEET}!12:13`, `clear ${MA_SHEET}!D:D`]);
  });

  it('keeps the number format of cells whose contents are deleted, as Excel does', () => {
    const fake = new FakeGateway(bookOf(simulatedSheet('S', [[text('0123')], [num(5)]])));
    writeNumberFormat(fake.data.sheets[0]!, 1, 1, '@');
    fake.clearRows('S', 1, 2);
    expect(officeCellAt(fake.data.sheets[0]!, 1, 1)).toMatchObject({ valueType: 'Empty', numberFormat: '@' });
    // Typed again, 0123 stays text: the column is still formatted as Text.
    fake.setCell('S', 'A1', text('0123'));
    expect(fake.getCell('S', 'A1').value).toEqual({ kind: 'text', text: '0123' });
  });

  it("refuses a user's edit of a locked cell on a protected sheet whole: nothing changes, no event, no undo step", () => {
    const fake = new FakeGateway(bookOf(simulatedSheet('S', [[text('a'), text('b')]], { protected: true, unlocked: ['B1'] })));
    const seen: SheetChange[] = [];
    fake.onChange((c) => seen.push(c));
    for (const userEdit of [
      () => fake.setCells('S', 'A1', [[text('x'), text('y')]]),
      () => fake.fillSelection('S', ['B1', 'A1'], text('x')),
      () => fake.clearRows('S', 1, 1),
      () => fake.clearColumns('S', 1, 2),
    ]) {
      let code: unknown;
      try {
        userEdit();
      } catch (e) {
        code = (e as { code?: unknown }).code;
      }
      expect(code).toBe('AccessDenied');
    }
    expect([fake.getCell('S', 'A1').value, fake.getCell('S', 'B1').value, seen, fake.undoStack]).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'text', text: 'b' },
      [],
      [],
    ]);
    fake.setCell('S', 'B1', text('y'));
    expect(fake.getCell('S', 'B1').value).toEqual({ kind: 'text', text: 'y' });
  });

  it('refuses Delete over whole rows or columns of a protected sheet when empty cells past the data are locked', () => {
    const fake = new FakeGateway(bookOf(simulatedSheet('S', [[text('a')]], { protected: true, unlocked: ['A1', 'A5'] })));
    const seen: SheetChange[] = [];
    fake.onChange((c) => seen.push(c));
    for (const userEdit of [() => fake.clearRows('S', 5, 5), () => fake.clearColumns('S', 3, 3)]) {
      let code: unknown;
      try {
        userEdit();
      } catch (e) {
        code = (e as { code?: unknown }).code;
      }
      expect(code).toBe('AccessDenied');
    }
    expect([seen, fake.undoStack]).toEqual([[], []]);
  });

  it('records the selection and activates its sheet', async () => {
    const fake = maFake(3);
    fake.addSheet('Lists', []);
    await fake.select('Lists', 'A2');
    expect(fake.selection).toEqual({ sheet: 'Lists', cell: 'A2' });
    expect(fake.activeSheet).toBe('Lists');
  });
});

describe('FakeGateway writes', () => {
  it('applies edits in 2 syncs and one undo step, without reporting them as changes', async () => {
    const fake = maFake(5, (r, i) => (i === 0 ? { ...r, groupId: ' aa ', earliestMigrationDate: '07/06/2027' } : r));
    const seen: SheetChange[] = [];
    fake.onChange((c) => seen.push(c));
    fake.resetSyncCount();
    const outcome = await fake.writeEdits([edit('A7', ' aa ', 'AA'), edit('M7', '07/06/2027', '2027-06-07', 'date')]);
    expect(fake.syncCount).toBe(2);
    expect(fake.undoSteps).toBe(1);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.applied.map((a) => a.cell)).toEqual(['A7', 'M7']);
    expect(cellsEqual(fake.getCell(MA_SHEET, 'A7'), text('AA'))).toBe(true);
    expect(fake.getCell(MA_SHEET, 'M7').value).toEqual(date('2027-06-07').value);
    expect(seen).toEqual([]);
  });

  it('skips a cell changed since the scan and never writes over a formula', async () => {
    const fake = maFake(5, (r, i) => (i === 1 ? { ...r, groupId: { formula: ' aa ' } } : r));
    fake.setCell(MA_SHEET, 'A7', text(' ab '));
    const outcome = await fake.writeEdits([edit('A7', ' aa ', 'AA'), edit('A8', ' aa ', 'AA')]);
    expect(outcome.applied).toEqual([]);
    expect(outcome.skipped.map((s) => [s.cell, s.reason])).toEqual([
      ['A7', 'changed'],
      ['A8', 'formula'],
    ]);
    expect(fake.getCell(MA_SHEET, 'A7')).toEqual(text(' ab '));
    expect(fake.getCell(MA_SHEET, 'A8')).toEqual(text(' aa ', true));
  });

  it('reports a protected sheet, but writes its unlocked cells', async () => {
    const wb = maWorkbook(3, (r) => ({ ...r, groupId: ' aa ' }));
    const data = simulatedWorkbookFromSnapshot(wb);
    data.sheets[0]!.protected = true;
    data.sheets[0]!.unlocked.add('A8');
    const fake = new FakeGateway(data);
    const outcome = await fake.writeEdits([edit('A7', ' aa ', 'AA'), edit('A8', ' aa ', 'AA')]);
    expect(outcome.skipped.map((s) => [s.cell, s.reason])).toEqual([['A7', 'protected']]);
    expect(outcome.skipped[0]!.message).toMatch(/protected/);
    expect(outcome.applied.map((a) => a.cell)).toEqual(['A8']);
  });

  it('reports cell edit mode (on a host that cannot hold the batch, after retrying) and a missing sheet instead of failing', async () => {
    const waits: number[] = [];
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(3, (r) => ({ ...r, groupId: ' aa ' }))), {
      host: { delayForCellEdit: 'ignored' },
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    fake.editMode = true;
    const busy = await fake.writeEdits([edit('A7', ' aa ', 'AA')]);
    expect(busy.skipped.map((s) => s.reason)).toEqual(['edit-mode']);
    expect(waits).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000]);
    expect(fake.getCell(MA_SHEET, 'A7')).toEqual(text(' aa '));
    fake.editMode = false;
    const gone = await fake.writeEdits([edit('A7', ' aa ', 'AA', 'text', 'Old name')]);
    expect(gone.skipped.map((s) => [s.sheet, s.reason])).toEqual([['Old name', 'missing-sheet']]);
  });

  it('restores the previous cell only while the cell still holds the fixed value', async () => {
    const fake = maFake(3, (r) => ({ ...r, mpan: 1300000000001 }));
    const outcome = await fake.writeEdits([edit('B7', 1300000000001, '1300000000001'), edit('B8', 1300000000001, '1300000000001')]);
    const [b7, b8] = outcome.applied;
    fake.setCell(MA_SHEET, 'B8', text('typed since'));
    const restore = await fake.restoreCells([
      { sheet: MA_SHEET, cell: 'B7', expected: b7!.after, previous: b7!.before },
      { sheet: MA_SHEET, cell: 'B8', expected: b8!.after, previous: b8!.before },
    ]);
    expect(restore.applied.map((a) => a.cell)).toEqual(['B7']);
    expect(restore.skipped.map((s) => [s.cell, s.reason])).toEqual([['B8', 'changed']]);
    expect(fake.getCell(MA_SHEET, 'B7')).toEqual(num(1300000000001));
    expect(fake.getCell(MA_SHEET, 'B8')).toEqual(text('typed since'));
  });
});

describe('FakeGateway highlights and settings', () => {
  const highlights = { sheet: MA_SHEET, errors: ['B7', 'B8', 'C9'], warnings: ['B8', 'D7'], exemptRows: [10, 11], firstCol: 1, lastCol: 13 };

  it('rewrites highlights only when the set changed, and shows errors over warnings', async () => {
    const fake = maFake(10);
    await fake.setHighlights(highlights);
    await fake.setHighlights({ ...highlights, errors: ['C9', 'B8', 'B7'] });
    expect(fake.highlightCalls).toBe(2);
    expect(fake.highlightWrites).toBe(1);
    const cells = fake.highlightedCells(MA_SHEET);
    expect([cells.get('B7'), cells.get('B8'), cells.get('D7'), cells.get('A10'), cells.get('M11'), cells.get('A12')]).toEqual([
      'error',
      'error',
      'warning',
      'exempt',
      'exempt',
      undefined,
    ]);
    fake.resetSyncCount();
    await fake.setHighlights({ ...highlights, errors: ['B7'] });
    // Our formats are known by id now: read the sheet's protection, then delete ours and add the new.
    expect(fake.syncCount).toBe(2);
    expect(fake.highlightedCells(MA_SHEET).get('C9')).toBeUndefined();
  });

  it("clears only its own formats, never the template's", async () => {
    const fake = maFake(10);
    fake.data.sheets[0]!.conditionalFormats.push({ id: '{template}', type: 'Custom', formula: '=LEN(A7)>2', addresses: 'A7:A100' });
    await fake.setHighlights(highlights);
    await fake.clearHighlights();
    expect(fake.data.sheets[0]!.conditionalFormats).toEqual([{ id: '{template}', type: 'Custom', formula: '=LEN(A7)>2', addresses: 'A7:A100' }]);
    expect(highlightFormula('error')).not.toBe('=LEN(A7)>2');
  });

  it('keeps document settings in the workbook: a reloaded fake over the same data reads them', async () => {
    const fake = maFake(1);
    await fake.documentSettings.set('mam-prep.suppressed', '["text-whitespace"]');
    await fake.userSettings.set('userId', 'x');
    const reloaded = new FakeGateway(fake.data);
    expect(reloaded.documentSettings.get('mam-prep.suppressed')).toBe('["text-whitespace"]');
    expect(reloaded.userSettings.get('userId')).toBeUndefined();
  });
});
