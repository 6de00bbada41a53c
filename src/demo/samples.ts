import { type Cell, date, text } from '../engine/cell';
import { createSimulatedWorkbook, simulatedSheet, type SimulatedWorkbook } from '../excel/simulated-workbook';
import { EXAMPLE_USER_ID, exampleDeviceId, exampleMpan, exampleMprn, futureMonday, addDays } from '../taskpane/training/sample-identifiers';
import { buildTemplateGrid, type FieldRow, type TemplateId } from '../taskpane/training/template-layout';

/** The demo's sample workbooks: a dozen realistic rows with a few everyday mistakes to find and fix. */

export type SampleId = 'migration-authorisation' | 'dormant-schedule';

export const SAMPLES: ReadonlyArray<{ readonly id: SampleId; readonly label: string; readonly sheet: string }> = [
  { id: 'migration-authorisation', label: 'Migration Authorisation', sheet: 'Migration Authorisation' },
  { id: 'dormant-schedule', label: 'Dormant Meter Schedule', sheet: 'Dormant Meter Schedule' },
];

export const SAMPLE_ROWS = 12;

function devices(i: number): Record<string, Cell> {
  return {
    esmeId: text(exampleDeviceId('esme', i)),
    gsmeId: text(exampleDeviceId('gsme', i)),
    chfId: text(exampleDeviceId('chf', i)),
    gpfId: text(exampleDeviceId('gpf', i)),
  };
}

/** Sample index offset, so sample identifiers differ from the training sheet's. */
const BASE = 100;

function maRows(today: string): FieldRow[] {
  const monday = futureMonday(today);
  return Array.from({ length: SAMPLE_ROWS }, (_, k) => {
    const i = BASE + k;
    const row: Record<string, Cell> = {
      groupId: text(k % 4 === 3 ? 'AC' : 'AB'),
      mpan: text(exampleMpan(i, 10 + (k % 14))),
      mprn: text(exampleMprn(i)),
      ...devices(i),
      elecSupplierEuid: text(EXAMPLE_USER_ID),
      gasSupplierEuid: text(EXAMPLE_USER_ID),
      smsoReference: text(`SMSO-${2400 + k}`),
      earliestMigrationDate: date(monday),
    };
    // A few everyday mistakes, each with a one-click fix.
    if (k === 2) row.mpan = text(textOf(row.mpan).replace(/^(\d{2})(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3 $4'));
    if (k === 4) row.esmeId = text(textOf(row.esmeId).replace(/-/g, '').toLowerCase());
    if (k === 7) row.groupId = text('ab');
    return row;
  });
}

function dormantRows(today: string): FieldRow[] {
  const monday = futureMonday(today);
  return Array.from({ length: SAMPLE_ROWS }, (_, k) => {
    const i = BASE + k;
    const row: Record<string, Cell> = {
      groupId: text('AB'),
      mpan: text(exampleMpan(i, 10 + (k % 14))),
      mprn: text(exampleMprn(i)),
      ...devices(i),
      supplierEuid: text(EXAMPLE_USER_ID),
      weekCommencing: date(addDays(monday, 7 * (k % 3))),
      firmwareUpgradeRequired: text(k % 2 === 0 ? 'N' : 'Y'),
      smsoReference: text(`SMSO-${3100 + k}`),
    };
    if (k === 3) row.weekCommencing = date(addDays(monday, 2));
    if (k === 5) row.firmwareUpgradeRequired = text('Yes');
    if (k === 8) row.mprn = text(textOf(row.mprn).replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3'));
    return row;
  });
}

function textOf(cell: Cell | undefined): string {
  return cell?.value.kind === 'text' ? cell.value.text : '';
}

/** A fresh workbook holding the sample; `today` (YYYY-MM-DD) keeps its dates ahead. */
export function sampleWorkbook(id: SampleId, today: string): SimulatedWorkbook {
  const template: TemplateId = id;
  const sample = SAMPLES.find((s) => s.id === id)!;
  const grid = buildTemplateGrid({
    template,
    userId: EXAMPLE_USER_ID,
    ...(id === 'migration-authorisation' ? { serviceProvider: 'CGI' } : {}),
    rows: id === 'migration-authorisation' ? maRows(today) : dormantRows(today),
  });
  const data = createSimulatedWorkbook();
  data.sheets.push(simulatedSheet(sample.sheet, grid));
  return data;
}

export function isSampleId(value: string | null): value is SampleId {
  return SAMPLES.some((s) => s.id === value);
}
