import fc from 'fast-check';
import { RULES } from '../../../src/rules';
import { workbookArbitrary } from '../../support/random-workbook';
import { changedCells, gridOf, openFixes } from './fix-harness';

const FIXABLE_RULES = RULES.filter((r) => r.fixable).map((r) => r.id);

describe('fixes and reverts over random workbooks', () => {
  it('applying all fixes then reverting the batch restores every cell', async () => {
    let runsWithFixes = 0;
    await fc.assert(
      fc.asyncProperty(workbookArbitrary(10), async ({ workbook }) => {
        const { fake, service, journal } = await openFixes(workbook);
        const before = gridOf(fake);
        const plan = await service.preview({ kind: 'all' });
        const report = await service.apply(plan);
        if (report.applied > 0) runsWithFixes++;
        expect(report.applied).toBe(plan.edits.length);
        expect(changedCells(before, gridOf(fake)).length).toBeLessThanOrEqual(plan.edits.length);
        for (const batch of journal.batches()) {
          const reverted = await service.revert({ batchId: batch.id });
          expect(reverted.refused).toEqual([]);
        }
        expect(changedCells(before, gridOf(fake))).toEqual([]);
      }),
      { seed: 20261129, numRuns: 40 },
    );
    // The generator must actually produce fixable workbooks for the property to mean anything.
    expect(runsWithFixes).toBeGreaterThan(20);
  });

  it('fixing rule by rule, then reverting the batches newest first, restores every cell', async () => {
    await fc.assert(
      fc.asyncProperty(workbookArbitrary(8), fc.shuffledSubarray(FIXABLE_RULES, { minLength: 1 }), async ({ workbook }, ruleIds) => {
        const { fake, service, journal } = await openFixes(workbook);
        const before = gridOf(fake);
        for (const ruleId of ruleIds) await service.apply(await service.preview({ kind: 'rule', ruleId }));
        for (const batch of journal.batches()) expect((await service.revert({ batchId: batch.id })).refused).toEqual([]);
        expect(changedCells(before, gridOf(fake))).toEqual([]);
      }),
      { seed: 7, numRuns: 30 },
    );
  });
});
