import fc from 'fast-check';
import { planWorkbookFixes } from '../../src/engine/plan-workbook-fixes';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { OfficeGateway } from '../../src/excel/office-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { RULES } from '../../src/rules';
import { hostileWorkbookArbitrary } from '../support/hostile-workbook';
import { workbookArbitrary } from '../support/random-workbook';
import { TODAY } from '../support/sheet-builder';
import { MockHost } from './support/mock-excel';

/**
 * The pane's two gateways over the one simulated Excel: the fake (tests, demo) and the real Office
 * gateway on the Office.js object model. On any workbook, random or hostile (errors, formulas, odd
 * sheets), they scan the same snapshot, re-read the same rows and write the same fixes, in the same
 * number of syncs, leaving the same cells.
 */
describe('the fake and the Office gateway agree on any workbook (seeded)', () => {
  it('scan, re-read rows and write every fix alike', async () => {
    const cases = fc.tuple(fc.oneof(workbookArbitrary(12), hostileWorkbookArbitrary(10)), fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(cases, async ([{ workbook }, rows]) => {
        const [fakeBook, officeBook] = [simulatedWorkbookFromSnapshot(workbook), simulatedWorkbookFromSnapshot(workbook)];
        const fake = new FakeGateway(fakeBook);
        const host = new MockHost(officeBook);
        const office = new OfficeGateway(host, { wait: () => Promise.resolve() });
        const scanned = await fake.scan();
        expect(await office.scan()).toEqual(scanned);
        const sheet = scanned.sheets[0]!.name;
        expect(await office.readRows(sheet, rows)).toEqual(await fake.readRows(sheet, rows));
        const edits = planWorkbookFixes(scanned, { rules: RULES, today: TODAY }, { kind: 'all' });
        expect(await office.writeEdits(edits)).toEqual(await fake.writeEdits(edits));
        expect(host.syncCount).toBe(fake.syncCount);
        expect(officeBook.sheets.map((s) => s.cells)).toEqual(fakeBook.sheets.map((s) => s.cells));
      }),
      { numRuns: 120, seed: 20261202 },
    );
  });
});
