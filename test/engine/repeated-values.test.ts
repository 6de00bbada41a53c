import fc from 'fast-check';
import type { Finding } from '../../src/engine/finding';
import { validateWorkbook } from '../../src/engine/validate';
import type { TestValue } from '../support/sheet-builder';
import { buildWorkbook, HEADER_ROW, TODAY, validMaRow } from '../support/sheet-builder';
import type { Template } from '../support/random-workbook';
import { rowArbitrary } from '../support/random-workbook';
import { RULES } from '../../src/rules';

const OPTIONS = { rules: RULES, today: TODAY };
const CROSS_ROW = new Set(['duplicate-meter-point', 'duplicate-device-id', 'device-id-repeated-in-row', 'blank-row']);

/** What a row's own findings say, without where the row stands. */
const verdicts = (findings: readonly Finding[], row: number): string[] =>
  findings.filter((f) => f.row === row && !CROSS_ROW.has(f.ruleId)).map((f) => `${f.ruleId}|${f.field}|${f.col}|${f.fix?.to ?? ''}|${f.severity}`);

// The cell checker keeps the verdict of a clean value and reuses it when the next row repeats it:
// these tests show a row's findings never depend on what the rows above it held.
describe('a row is judged on its own, whatever the rows above held', () => {
  it('gives each row of a sheet the findings it gets alone (seeded)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom<Template>('ma', 'dormant')
          .chain((template) => fc.array(rowArbitrary(template, 0), { minLength: 2, maxLength: 10 }).map((rows) => ({ template, rows }))),
        ({ template, rows }) => {
          const options = template === 'dormant' ? ({ template } as const) : {};
          const together = validateWorkbook(buildWorkbook(rows, options), OPTIONS).findings;
          rows.forEach((row, i) => {
            if (row === null) return;
            const alone = validateWorkbook(buildWorkbook([row], options), OPTIONS).findings;
            expect(verdicts(together, HEADER_ROW + 1 + i)).toEqual(verdicts(alone, HEADER_ROW + 1));
          });
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('re-checks a repeated value after an empty cell, an exemption or another field', () => {
    const rows: Record<string, TestValue>[] = [
      validMaRow(0),
      { ...validMaRow(1), groupId: null },
      validMaRow(2),
      { ...validMaRow(3), groupId: 'EA', eis: 'E' },
      { ...validMaRow(4), eis: 'E' },
      { ...validMaRow(5), mprn: null, gsmeId: null, gasSupplierEuid: null, eis: 'E' },
    ];
    const findings = validateWorkbook(buildWorkbook(rows), OPTIONS).findings;
    const at = (i: number): string[] => findings.filter((f) => f.row === HEADER_ROW + 1 + i).map((f) => `${f.ruleId}:${f.field}`);
    expect(at(0)).toEqual([]);
    expect(at(1)).toEqual(['required-field:groupId']);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['group-id-exempt:groupId', 'eis-not-applicable:eis']);
    expect(at(4)).toEqual([]);
    expect(at(5)).toEqual([]);
  });
});
