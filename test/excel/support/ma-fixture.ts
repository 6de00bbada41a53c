import type { WorkbookSnapshot } from '../../../src/engine/snapshot';
import { FakeGateway } from '../../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../../src/excel/simulated-workbook';
import type { BuildOptions, TestValue } from '../../support/sheet-builder';
import { buildWorkbook, validMaRow } from '../../support/sheet-builder';

/** A Migration Authorisation workbook with `count` valid rows (data from row 7); `edit` may change some. */
export function maWorkbook(
  count: number,
  edit: (row: Record<string, TestValue>, i: number) => Record<string, TestValue> = (r) => r,
  options: BuildOptions = {},
): WorkbookSnapshot {
  const rows: Array<Record<string, TestValue>> = [];
  for (let i = 0; i < count; i++) rows.push(edit(validMaRow(i), i));
  return buildWorkbook(rows, options);
}

export function maFake(count: number, edit?: (row: Record<string, TestValue>, i: number) => Record<string, TestValue>, options?: BuildOptions): FakeGateway {
  return new FakeGateway(simulatedWorkbookFromSnapshot(maWorkbook(count, edit, options)));
}

export const MA_SHEET = 'Migration Authorisation';
export const FIRST_DATA_ROW = 7;
export const MA_COLUMNS = 13;
