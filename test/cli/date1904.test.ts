import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseJsonReport } from '../support/report-json';
import type { JsonFinding } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { validDormantRow } from '../support/sheet-builder';
import { toDate1904 } from '../support/date1904-workbook';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

/** Mac-made (1904 date system) Dormant Meter schedules: read, checked and fixed as the calendar days they show. */
const TODAY = ['--today', '2026-01-05'];
const SHEET = 'Dormant Meter Schedule';
const dir = tempDir();

const mondays = [
  validDormantRow(0),
  { ...validDormantRow(1), weekCommencing: { date: '2027-06-14' } },
  { ...validDormantRow(2), weekCommencing: { date: '2027-06-21' } },
];
const needsFixes = [
  validDormantRow(0),
  // Text that names a Monday: date-invalid writes the date.
  { ...validDormantRow(1), weekCommencing: '14/06/2027' },
  // A Wednesday: week-commencing-not-monday writes the Monday before it.
  { ...validDormantRow(2), weekCommencing: { date: '2027-06-09' } },
];
const cleanPlain = templateWorkbookBytes(mondays, { template: 'dormant' });
const fixablePlain = templateWorkbookBytes(needsFixes, { template: 'dormant' });
writeTemp(dir, 'mondays-1900.xlsx', cleanPlain);
writeTemp(dir, 'mondays-1904.xlsx', toDate1904(cleanPlain));
writeTemp(dir, 'fixable-1900.xlsx', fixablePlain);
writeTemp(dir, 'fixable-1904.xlsx', toDate1904(fixablePlain));

async function findingsOf(file: string): Promise<{ code: number; findings: readonly JsonFinding[] }> {
  const run = await runCliCaptured(['check', file, '--format', 'json', ...TODAY], dir);
  expect(run.stderr).toBe('');
  return { code: run.code, findings: parseJsonReport(run.stdout).files[0]!.findings };
}

async function excelJsCells(file: string, cells: readonly string[]): Promise<{ date1904: boolean | undefined; values: unknown[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path.join(dir, file)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SHEET)!;
  return { date1904: wb.properties.date1904, values: cells.map((a1) => ws.getCell(a1).value) };
}

describe('1904 date system through the CLI', () => {
  it('a 1904 schedule whose week-commencing dates are Mondays checks clean', async () => {
    const mac = await findingsOf('mondays-1904.xlsx');
    expect(mac).toEqual({ code: 0, findings: [] });
    // The fixture is what it claims: exceljs reads the Mondays from the 1904 file.
    const { date1904, values } = await excelJsCells('mondays-1904.xlsx', ['I7', 'I8', 'I9']);
    expect(date1904).toBe(true);
    expect(values).toEqual([new Date(Date.UTC(2027, 5, 7)), new Date(Date.UTC(2027, 5, 14)), new Date(Date.UTC(2027, 5, 21))]);
  });

  it('a 1904 schedule gives the same findings as its 1900 copy', async () => {
    const mac = await findingsOf('fixable-1904.xlsx');
    const pc = await findingsOf('fixable-1900.xlsx');
    expect(mac).toEqual(pc);
    expect(mac.findings.map((f) => [f.ruleId, f.cell, f.fix])).toEqual([
      ['date-invalid', 'I8', { cell: 'I8', from: '14/06/2027', to: '2027-06-14', type: 'date' }],
      ['week-commencing-not-monday', 'I9', { cell: 'I9', from: '2027-06-09', to: '2027-06-07', type: 'date' }],
    ]);
  });

  it('fix writes the dates a 1904 reader shows as the intended Mondays', async () => {
    const run = await runCliCaptured(['fix', 'fixable-1904.xlsx', '--out', 'fixed-1904.xlsx', ...TODAY], dir);
    expect(run.stdout.split('\n').filter((l) => l.startsWith(`  ${SHEET}!`))).toEqual([
      `  ${SHEET}!I8  "14/06/2027" → 2027-06-14  (date-invalid)`,
      `  ${SHEET}!I9  2027-06-09 → 2027-06-07  (week-commencing-not-monday)`,
    ]);
    expect(run.stdout).toMatch(/0 errors, 0 warnings, 0 info — ready to export/);
    expect(run.code).toBe(0);
    const { date1904, values } = await excelJsCells('fixed-1904.xlsx', ['I7', 'I8', 'I9']);
    expect(date1904).toBe(true);
    expect(values).toEqual([new Date(Date.UTC(2027, 5, 7)), new Date(Date.UTC(2027, 5, 14)), new Date(Date.UTC(2027, 5, 7))]);
    expect((values as Date[]).map((d) => d.getUTCDay())).toEqual([1, 1, 1]);
  });
});
