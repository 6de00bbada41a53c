import fc from 'fast-check';
import { validateWorkbook } from '../../src/engine/validate';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { RULES } from '../../src/rules';
import { rowArbitrary } from '../support/random-workbook';
import { buildWorkbook, TODAY } from '../support/sheet-builder';
import { templateWorkbookBytes } from '../support/template-files';

const OPTIONS = { rules: RULES, today: TODAY };

/**
 * The same rows reach the engine by two roads that share no reading code: the CLI's byte reader over
 * the saved .xlsx (shared strings, styles, serial dates) and the pane's gateway over the workbook as
 * Office.js reports it (values, number formats, value types) through the simulated Excel. Both must
 * find the same, so an analyst and a batch run never disagree about one file.
 */
describe('the command line and the pane find the same in the same workbook (seeded)', () => {
  it('gives equal findings and row counts for random workbooks of both templates', async () => {
    const workbooks = fc.constantFrom<'ma' | 'dormant'>('ma', 'dormant').chain((template) =>
      fc.tuple(
        fc.constant(template),
        fc.array(
          fc.integer({ min: 0, max: 4 }).chain((i) => rowArbitrary(template, i)),
          { maxLength: 10 },
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(workbooks, async ([template, rows]) => {
        const fromFile = validateWorkbook(readWorkbookBytes(templateWorkbookBytes(rows, { template }), 'batch.xlsx'), OPTIONS);
        const pane = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook(rows, template === 'dormant' ? { template: 'dormant' } : {})));
        const fromPane = validateWorkbook(await pane.scan(), OPTIONS);
        expect(fromPane.findings).toEqual(fromFile.findings);
        expect(fromPane.rowsChecked).toBe(fromFile.rowsChecked);
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });
});
