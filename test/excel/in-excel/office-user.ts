import type { ScenarioUser } from './excel-scenario';

/**
 * The analyst's hands inside Excel: writes through its own Excel.run, not through the gateway, so Excel
 * raises onChanged as it does for typing or a paste, and the pane must pick the change up by itself.
 * Cells are formatted as Text first, as the template's identifier columns are.
 */
export function officeUser(): ScenarioUser {
  const write = (sheet: string, a1: string, rows: ReadonlyArray<readonly string[]>): Promise<void> =>
    Excel.run(async (context) => {
      const width = Math.max(...rows.map((r) => r.length));
      const range = context.workbook.worksheets
        .getItem(sheet)
        .getRange(a1)
        .getResizedRange(rows.length - 1, width - 1);
      range.numberFormat = rows.map((r) => r.map(() => '@'));
      range.values = rows.map((r) => [...r]);
      await context.sync();
    });
  return {
    type: (sheet, a1, value) => write(sheet, a1, [[value]]),
    paste: (sheet, a1, rows) => write(sheet, a1, rows),
  };
}
