import { findAcrossFiles, withFindings } from '../../src/engine/cross-files';
import { ValidationSession } from '../../src/engine/validate';
import { RULES } from '../../src/rules';
import { buildWorkbook, TODAY, validMaRow } from '../support/sheet-builder';

const OPTIONS = { rules: RULES, today: TODAY };
const identifiersOf = (rows: Parameters<typeof buildWorkbook>[0]) => new ValidationSession(buildWorkbook(rows), OPTIONS).identifiers();

describe('identifiers across the files of a run', () => {
  it('keeps leading zeros of an MPRN and names the other file by its first place', () => {
    const mprn = '0123409';
    const a = identifiersOf([{ ...validMaRow(1), mprn }]);
    const b = identifiersOf([validMaRow(2), { ...validMaRow(3), mprn }, { ...validMaRow(4), mprn }]);
    const [inA, inB] = findAcrossFiles([{ name: 'a.xlsm', identity: '/a', identifiers: a }, { name: 'b.xlsm', identity: '/b', identifiers: b }], RULES);
    expect(inA!.map((f) => [f.cell, f.field, f.message.split(' is also in ')[0]])).toEqual([['C7', 'mprn', 'MPRN 0123409']]);
    expect(inA![0]!.message).toContain('b.xlsm (Migration Authorisation!C8)');
    // In b, on the first place only; its later repeat is duplicate-meter-point's.
    expect(inB!.map((f) => [f.cell, f.ruleId])).toEqual([['C8', 'duplicate-across-files']]);
  });

  it('does not compare a file given twice with itself, and skips files without identifiers', () => {
    const a = identifiersOf([validMaRow(1)]);
    const found = findAcrossFiles([
      { name: 'a.xlsm', identity: '/a', identifiers: a },
      { name: './a.xlsm', identity: '/a', identifiers: a },
      { name: 'broken.xlsm', identity: '/broken', identifiers: undefined },
    ], RULES);
    expect(found).toEqual([[], [], []]);
  });

  it('finds nothing when the rule set has no across-files rule (--no-cross-file)', () => {
    const a = identifiersOf([validMaRow(1)]);
    const noCrossFile = RULES.filter((r) => r.id !== 'duplicate-across-files');
    expect(findAcrossFiles([{ name: 'a', identity: 'a', identifiers: a }, { name: 'b', identity: 'b', identifiers: a }], noCrossFile)).toEqual([[], []]);
  });

  it('merges findings into the result in order and recounts the summary', () => {
    const session = new ValidationSession(buildWorkbook([validMaRow(1), { ...validMaRow(2), chfId: validMaRow(1).chfId }]), OPTIONS);
    const other = identifiersOf([validMaRow(1)]);
    const [more] = findAcrossFiles([{ name: 'a', identity: 'a', identifiers: session.identifiers() }, { name: 'b', identity: 'b', identifiers: other }], RULES);
    const merged = withFindings(session.result(), more!);
    expect(merged.findings.map((f) => [f.cell, f.ruleId])).toEqual([
      ['B7', 'duplicate-across-files'], ['C7', 'duplicate-across-files'], ['D7', 'duplicate-across-files'],
      ['E7', 'duplicate-across-files'], ['F7', 'duplicate-across-files'], ['G7', 'duplicate-across-files'], ['F8', 'duplicate-device-id'],
    ]);
    expect(merged.summary).toEqual({ error: 1, warning: 6, info: 0 });
    expect(merged.ready).toBe(false);
  });
});
