/**
 * Writes the sample workbooks in examples/ (`npm run examples`). They are committed, and
 * test/cli/examples.test.ts checks that they are what this script makes and that the README's
 * commands give, on them, the output the README shows.
 *
 *   node -r ts-node/register/transpile-only scripts/make-examples.ts [folder]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { validDormantRow, validMaRow } from '../test/support/sheet-builder';
import { fakeVbaProject, templateWorkbookBytes } from '../test/support/template-files';

/** File name → bytes of each example workbook. */
export function exampleWorkbooks(): Record<string, Uint8Array> {
  // Compressed about as Excel compresses a saved workbook.
  const asSaved = { level: 6 } as const;
  return {
    // A clean Migration Authorisation saved as the template's macro-enabled .xlsm (with a VBA part).
    'MA_batch_06.xlsm': templateWorkbookBytes([validMaRow(60), validMaRow(61), validMaRow(62)], { ...asSaved, vbaProject: fakeVbaProject() }),
    // The mistakes suppliers make most: a mistyped MPAN, a device ID pasted in lower case with a
    // trailing space, a blank row, an exempt group with an EIS value.
    'MA_batch_07.xlsm': templateWorkbookBytes(
      [validMaRow(70), { ...validMaRow(71), mpan: '1200080636089', chfId: '00124b0000030002 ' }, null, { ...validMaRow(73), groupId: 'EA', eis: 'E' }],
      { ...asSaved, vbaProject: fakeVbaProject() },
    ),
    // The next batch, which authorises again one installation of MA_batch_06 (the same MPAN core):
    // checked together, each file gets duplicate-across-files naming the other.
    'MA_batch_08.xlsm': templateWorkbookBytes([validMaRow(90), { ...validMaRow(91), mpan: validMaRow(61).mpan }, validMaRow(92)], {
      ...asSaved,
      vbaProject: fakeVbaProject(),
    }),
    'Dormant_schedule_03.xlsx': templateWorkbookBytes(
      [validDormantRow(80), validDormantRow(81), { ...validDormantRow(82), weekCommencing: { date: '2027-06-09' } }],
      { ...asSaved, template: 'dormant' },
    ),
  };
}

if (require.main === module) {
  const folder = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'examples'));
  mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(exampleWorkbooks())) {
    writeFileSync(path.join(folder, name), bytes);
    console.log(`wrote ${path.relative(process.cwd(), path.join(folder, name))}`);
  }
}
