import ExcelJS from 'exceljs';
import type { Cell, CellValue } from '../../src/engine/cell';
import { isoToSerial } from '../../src/engine/cell';
import type { ListValidation, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/snapshot';

/**
 * An independent reader built on exceljs (the test oracle): the CLI's own reader must produce the
 * same snapshot. exceljs turns date-formatted numbers into JS Dates (UTC midnight for whole days).
 */
function typed(v: unknown): CellValue {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'number') return { kind: 'number', number: v };
  if (typeof v === 'boolean') return { kind: 'boolean', boolean: v };
  if (v instanceof Date) {
    const iso = v.toISOString().slice(0, 10);
    return { kind: 'date', serial: isoToSerial(iso), iso };
  }
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return { kind: 'error', error: o.error };
  if (Array.isArray(o.richText)) {
    const s = (o.richText as Array<{ text: string }>).map((r) => r.text).join('');
    return s === '' ? { kind: 'empty' } : { kind: 'text', text: s };
  }
  if (typeof o.text === 'string') return { kind: 'text', text: o.text };
  throw new Error(`unexpected exceljs value ${JSON.stringify(v)}`);
}

function toCell(cell: ExcelJS.Cell): Cell | undefined {
  const v = cell.value as unknown;
  if (v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    return { value: typed((v as { result?: unknown }).result), formula: true };
  }
  const value = typed(v);
  return value.kind === 'empty' ? undefined : { value };
}

export async function exceljsSnapshot(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    const rows: Array<Array<Cell | undefined> | undefined> = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Array<Cell | undefined> = [];
      let any = false;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const c = toCell(cell);
        if (c) {
          cells[col - 1] = c;
          any = true;
        }
      });
      if (any) rows[rowNumber - 1] = cells;
    });
    const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] } | undefined> } }).dataValidations.model;
    const validations: ListValidation[] = Object.entries(model)
      .filter(([, dv]) => dv?.type === 'list')
      .map(([sqref, dv]) => ({ sqref, source: dv!.formulae[0] ?? '' }));
    sheets.push({ name: ws.name, ...(ws.state !== 'visible' ? { hidden: true } : {}), rows, ...(validations.length ? { validations } : {}) });
  });
  return { sheets };
}

/** Cells as `[sheet, A1-ish key, value, formula]` rows, for readable comparisons. */
export function cellList(wb: WorkbookSnapshot): Array<[string, number, number, CellValue, boolean]> {
  const out: Array<[string, number, number, CellValue, boolean]> = [];
  for (const s of wb.sheets) {
    s.rows.forEach((row, r) => row?.forEach((cell, c) => cell && out.push([s.name, r + 1, c + 1, cell.value, cell.formula === true])));
  }
  return out;
}
