import { cellsEqual, type Cell } from '../../../src/engine/cell';
import type { EngineOptions } from '../../../src/engine/result';
import type { WorkbookSnapshot } from '../../../src/engine/snapshot';
import { FakeGateway, type FakeGatewayOptions } from '../../../src/excel/fake-gateway';
import { type SimulatedWorkbook, simulatedWorkbookFromSnapshot, typedCellAt } from '../../../src/excel/simulated-workbook';
import { FixJournal } from '../../../src/taskpane/fixes/fix-journal';
import { FixService } from '../../../src/taskpane/fixes/fix-service';
import { LivePaneController } from '../../../src/taskpane/live-pane-controller';
import { ManualScheduler } from '../../excel/support/manual-scheduler';
import { TODAY } from '../../support/sheet-builder';
import { RULES, type RuleId } from '../../../src/rules';

export const OPTIONS: EngineOptions<RuleId> = { rules: RULES, today: TODAY };

/** The fix service over the fake workbook, live validation and the real engine, as index.tsx wires it. */
export async function openFixes(data: SimulatedWorkbook | WorkbookSnapshot, options: EngineOptions<RuleId> = OPTIONS, fakeOptions: FakeGatewayOptions = {}) {
  const fake = new FakeGateway('sheets' in data && 'documentSettings' in data ? data : simulatedWorkbookFromSnapshot(data), fakeOptions);
  const scheduler = new ManualScheduler();
  const controller = new LivePaneController({ gateway: fake, engineOptions: () => options, scheduler, highlights: false });
  await controller.start();
  const journal = FixJournal.load(fake.documentSettings, { now: () => new Date('2026-11-29T10:00:00Z') });
  const service = new FixService({
    gateway: fake,
    controller,
    journal,
    source: { snapshot: () => controller.live.snapshot, result: () => controller.live.result, engineOptions: () => options },
  });
  return { fake, controller, journal, service, scheduler };
}

/** Every cell of every sheet, keyed `sheet!A1`-like (row/col), for before/after comparisons. */
export function gridOf(fake: FakeGateway): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const sheet of fake.data.sheets) {
    sheet.cells.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (cell) cells.set(`${sheet.name}\u0000${r + 1}\u0000${c + 1}`, typedCellAt(fake.data, sheet, r + 1, c + 1));
      }),
    );
  }
  return cells;
}

/** Keys of cells that differ between two grids (an absent cell is empty). */
export function changedCells(a: Map<string, Cell>, b: Map<string, Cell>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => !cellsEqual(a.get(k), b.get(k))).sort();
}

/** A cell with its formula flag spelled out, so `{ formula: false }` and no flag compare equal. */
export const plain = (cell: Cell): { value: Cell['value']; formula: boolean } => ({ value: cell.value, formula: cell.formula === true });
