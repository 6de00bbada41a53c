import { cellsEqual, date, EMPTY_CELL, text } from '../../../src/engine/cell';
import { FakeGateway } from '../../../src/excel/fake-gateway';
import { createSimulatedWorkbook, simulatedSheet, typedCellAt } from '../../../src/excel/simulated-workbook';
import { OfficeGateway } from '../../../src/excel/office-gateway';
import { buildTrainingSheet } from '../../../src/taskpane/training/training-sheet';
import { RULES } from '../../../src/rules';
import { MockHost } from '../../excel/support/mock-excel';

const GRID = [[text('Title')], [text('0123'), date('2027-06-07'), EMPTY_CELL]];

describe('FakeGateway.insertWorksheet', () => {
  it('appends the sheet after the others, activates it, leaves existing sheets and emits no change', async () => {
    const data = createSimulatedWorkbook();
    data.sheets.push(simulatedSheet('Migration Authorisation', [[text('SMETS1 Migration Authorisation')]]));
    const before = JSON.stringify(data.sheets[0]);
    const gateway = new FakeGateway(data);
    const changes: unknown[] = [];
    gateway.onChange((c) => changes.push(c));
    await gateway.insertWorksheet('MAM Prep training', GRID);
    expect(gateway.listSheets()).toEqual(['Migration Authorisation', 'MAM Prep training']);
    expect(gateway.activeSheet).toBe('MAM Prep training');
    expect(gateway.getCell('MAM Prep training', 'B2')).toEqual(date('2027-06-07'));
    expect(JSON.stringify(data.sheets[0])).toBe(before);
    expect(changes).toEqual([]);
    expect(gateway.syncCount).toBe(1);
  });

  it('adds nothing when its one batch fails, as Excel drops the whole batch', async () => {
    const data = createSimulatedWorkbook();
    data.sheets.push(simulatedSheet('Migration Authorisation', [[text('SMETS1 Migration Authorisation')]]));
    const gateway = new FakeGateway(data);
    gateway.failAtSync = { index: 1, code: 'GeneralException' };
    await expect(gateway.insertWorksheet('MAM Prep training', GRID)).rejects.toMatchObject({ code: 'GeneralException' });
    expect(gateway.listSheets()).toEqual(['Migration Authorisation']);
    expect(gateway.undoStack).toEqual([]);
  });

  it('refuses a name already taken (case-insensitively)', async () => {
    const data = createSimulatedWorkbook();
    data.sheets.push(simulatedSheet('MAM Prep training', []));
    await expect(new FakeGateway(data).insertWorksheet('mam prep TRAINING', GRID)).rejects.toThrow(/already exists/);
  });
});

describe('OfficeGateway.insertWorksheet', () => {
  const workbook = () => {
    const book = createSimulatedWorkbook();
    book.sheets.push(simulatedSheet('Migration Authorisation', [[text('SMETS1 Migration Authorisation')]]));
    return book;
  };

  it('adds the sheet, keeps text as text (0123 stays 0123) and dates as dates, activates it, in one sync', async () => {
    const book = workbook();
    const host = new MockHost(book);
    await new OfficeGateway(host).insertWorksheet('MAM Prep training', GRID);
    expect(book.sheets.map((s) => s.name)).toEqual(['Migration Authorisation', 'MAM Prep training']);
    const sheet = book.sheets[1]!;
    expect([typedCellAt(book, sheet, 1, 1), typedCellAt(book, sheet, 2, 1), typedCellAt(book, sheet, 2, 2), typedCellAt(book, sheet, 2, 3)]).toEqual([
      text('Title'),
      text('0123'),
      date('2027-06-07'),
      EMPTY_CELL,
    ]);
    expect(host.active).toBe('MAM Prep training');
    expect(host.syncCount).toBe(1);
  });

  it('writes a whole training sheet in the same single batch, every cell as the grid has it', async () => {
    const book = workbook();
    const host = new MockHost(book);
    const training = buildTrainingSheet('migration-authorisation', '2026-11-29', RULES);
    await new OfficeGateway(host).insertWorksheet('MAM Prep training', training.grid);
    expect(host.syncCount).toBe(1);
    const sheet = book.sheets[1]!;
    const differing = training.grid.flatMap((row, r) =>
      row.flatMap((cell, c) => (cellsEqual(typedCellAt(book, sheet, r + 1, c + 1), cell ?? EMPTY_CELL) ? [] : [`R${r + 1}C${c + 1}`])),
    );
    expect(differing).toEqual([]);
  });
});
