import { validateWorkbook } from '../../src/engine/validate';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { RULES } from '../../src/rules';
import { buildWorkbook } from '../support/ooxml-builder';
import { parseJsonReport, parseSarif } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookSpec, writeTemp } from '../support/template-files';

const TODAY = ['--today', '2026-01-05'];

/** Rows 7–8 filled, rows 9–10 empty, row 11 filled, and a stray MPAN in the last cell of the MPAN column. */
function strayValueWorkbook(): Uint8Array {
  const spec = templateWorkbookSpec([validMaRow(1), validMaRow(2), null, null, validMaRow(3)]);
  return buildWorkbook({
    ...spec,
    sheets: spec.sheets.map((s) => (s.name === 'Migration Authorisation' ? { ...s, cells: { B1048576: '1300000000016' } } : s)),
  });
}

describe('mam-prep check: blank rows as runs', () => {
  const dir = tempDir();
  writeTemp(dir, 'stray.xlsx', strayValueWorkbook());

  it('reports a stray value at B1048576 as one blank-row run, with lastRow in the JSON', async () => {
    const run = await runCliCaptured(['check', 'stray.xlsx', '--format', 'json', ...TODAY], dir);
    const file = parseJsonReport(run.stdout).files[0]!;
    expect(file.rowsChecked).toBe(1_048_570);
    const blank = file.findings.filter((f) => f.ruleId === 'blank-row');
    expect(blank.length).toBeLessThanOrEqual(5);
    expect(blank.map((f) => [f.row, f.lastRow, f.cell, f.fix])).toEqual([
      [9, 10, null, null],
      [12, 1_048_575, null, null],
    ]);
    expect(blank[1]!.message).toBe("Rows 12–1,048,575 are empty between filled rows. Delete them so the template's macro reads every row.");
    // Only blank-row findings carry lastRow.
    expect(file.findings.filter((f) => f.lastRow !== undefined)).toHaveLength(2);
  }, 60_000);

  it('heads the run with its range in text and spans its lines in SARIF', async () => {
    const text = await runCliCaptured(['check', 'stray.xlsx', ...TODAY], dir);
    expect(text.stdout).toContain('   Rows 12–1048575\n    ');
    expect(text.stdout.match(/blank-row/g)).toHaveLength(2);
    const sarif = parseSarif((await runCliCaptured(['check', 'stray.xlsx', '--format', 'sarif', ...TODAY], dir)).stdout);
    const blank = sarif.runs[0]!.results.filter((r) => r.ruleId === 'blank-row');
    expect(blank.map((r) => r.locations[0]!.physicalLocation.region)).toEqual([
      { startLine: 9, endLine: 10 },
      { startLine: 12, endLine: 1_048_575 },
    ]);
    expect(blank[1]!.locations[0]!.logicalLocations?.[0]?.fullyQualifiedName).toBe('Migration Authorisation!12:1048575');
  }, 60_000);

  it('finds the same runs whether the sheet is read whole or its rows lazily', () => {
    const bytes = strayValueWorkbook();
    const options = { rules: RULES, today: '2026-01-05' };
    const eager = validateWorkbook(readWorkbookBytes(bytes, 'stray.xlsx'), options);
    const lazy = validateWorkbook(readWorkbookBytes(bytes, 'stray.xlsx', { lazyRows: { minSheetBytes: 0 } }), options);
    const runs = (r: typeof eager) => r.findings.filter((f) => f.ruleId === 'blank-row').map((f) => [f.row, f.lastRow]);
    expect(runs(lazy)).toEqual([
      [9, 10],
      [12, 1_048_575],
    ]);
    expect(lazy.findings).toEqual(eager.findings);
  });
});
