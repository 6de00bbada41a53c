import { date, EMPTY_CELL, isoToSerial, text } from '../../../src/engine/cell';
import { FakeGateway } from '../../../src/excel/fake-gateway';
import { createSimulatedWorkbook, simulatedSheet } from '../../../src/excel/simulated-workbook';
import { OfficeGateway, type OfficeHost } from '../../../src/excel/office-gateway';
import { buildTrainingSheet } from '../../../src/taskpane/training/training-sheet';
import { RULES } from '../../../src/rules';

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

  it('refuses a name already taken (case-insensitively)', async () => {
    const data = createSimulatedWorkbook();
    data.sheets.push(simulatedSheet('MAM Prep training', []));
    await expect(new FakeGateway(data).insertWorksheet('mam prep TRAINING', GRID)).rejects.toThrow(/already exists/);
  });
});

/** Records what one Excel.run batch asks of the object model. */
function recordingHost() {
  const log: string[] = [];
  let syncs = 0;
  const range = {
    set numberFormat(v: unknown) {
      log.push(`numberFormat ${JSON.stringify(v)}`);
    },
    set values(v: unknown) {
      log.push(`values ${JSON.stringify(v)}`);
    },
  };
  const context = {
    workbook: {
      worksheets: {
        add: (name: string) => {
          log.push(`add ${name}`);
          return {
            getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => (log.push(`range ${r},${c},${rows}x${cols}`), range),
            activate: () => log.push('activate'),
          };
        },
      },
    },
    sync: () => {
      syncs++;
      return Promise.resolve();
    },
  };
  const host: OfficeHost = {
    run: (batch) => batch(context as unknown as Excel.RequestContext),
    removeHandler: () => Promise.resolve(),
    isSetSupported: () => true,
    documentSettings: { get: () => undefined, set: () => undefined, remove: () => undefined, saveAsync: () => undefined },
    platform: 'desktop',
  };
  return { host, log, syncs: () => syncs };
}

describe('OfficeGateway.insertWorksheet', () => {
  it('adds, writes formats then values in one block (text quoted, dates as serials), activates, one sync', async () => {
    const { host, log, syncs } = recordingHost();
    await new OfficeGateway(host).insertWorksheet('MAM Prep training', GRID);
    expect(log).toEqual([
      'add MAM Prep training',
      'range 0,0,2x3',
      'numberFormat [["General","General","General"],["General","yyyy-mm-dd","General"]]',
      `values [["'Title","",""],["'0123",${isoToSerial('2027-06-07')},""]]`,
      'activate',
    ]);
    expect(syncs()).toBe(1);
  });

  it('writes a whole training sheet in the same single batch', async () => {
    const { host, syncs, log } = recordingHost();
    const sheet = buildTrainingSheet('migration-authorisation', '2026-11-29', RULES);
    await new OfficeGateway(host).insertWorksheet('MAM Prep training', sheet.grid);
    expect(syncs()).toBe(1);
    expect(log[1]).toBe(`range 0,0,${sheet.grid.length}x${Math.max(...sheet.grid.map((r) => r.length))}`);
  });
});
