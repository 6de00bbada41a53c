import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { exceljsSnapshot, cellList } from '../support/exceljs-snapshot';
import { validDormantRow, validMaRow } from '../support/sheet-builder';
import { fakeVbaProject, templateWorkbookBytes } from '../support/template-files';

describe('the CLI reader and an independent exceljs read give the same snapshot', () => {
  const rows = [
    validMaRow(0),
    { ...validMaRow(1), mpan: 1200080636088, chfId: ' 00124b0000030001', eis: 'Gas', earliestMigrationDate: '07/06/2027' },
    null,
    { ...validMaRow(3), gsmeId: { error: '#N/A' }, mprn: { formula: '7000000301' }, ppmidId: true, smsoReference: 'R&D <ref> "quoted"' },
    { ...validMaRow(4), esmeId: { formula: { error: '#REF!' } }, earliestMigrationDate: { date: '2024-02-29' }, eis: { formula: null } },
  ];

  it.each(['shared', 'inline'] as const)('Migration Authorisation with %s strings', async (strings) => {
    const bytes = templateWorkbookBytes(rows, {
      strings,
      vbaProject: fakeVbaProject(),
      lists: { 'Group ID': ['AA', 'EA', 'EB'], 'Energy Installation Supplier': ['E', 'G'] },
      validations: [{ sqref: 'A7:A500', source: 'Lists!$A$2:$A$4' }],
    });
    const ours = readWorkbookBytes(bytes, 'parity.xlsm');
    const theirs = await exceljsSnapshot(bytes);
    expect(cellList(ours)).toEqual(cellList(theirs));
    expect(ours.sheets.map((s) => [s.name, s.hidden === true])).toEqual(theirs.sheets.map((s) => [s.name, s.hidden === true]));
    // exceljs expands each validation range cell by cell; compare the list sources.
    const sources = (wb: typeof ours): string[] => [...new Set((wb.sheets[1]!.validations ?? []).map((v) => v.source))];
    expect(sources(ours)).toEqual(['Lists!$A$2:$A$4']);
    expect(sources(theirs)).toEqual(sources(ours));
  });

  it('Dormant Meter Schedule', async () => {
    const bytes = templateWorkbookBytes(
      [validDormantRow(0), { ...validDormantRow(1), weekCommencing: { date: '2027-06-09' }, firmwareUpgradeRequired: 'yes' }],
      { template: 'dormant' },
    );
    expect(cellList(readWorkbookBytes(bytes, 'dormant.xlsx'))).toEqual(cellList(await exceljsSnapshot(bytes)));
  });
});
