import fc from 'fast-check';
import { BlankRuns } from '../../src/engine/blank-runs';

/** The runs of a set of rows, the slow obvious way. */
function runsOf(rows: ReadonlySet<number>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of [...rows].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

describe('blank-row runs', () => {
  it('merges touching rows into one run as they are added in order', () => {
    const runs = new BlankRuns();
    for (const r of [8, 9, 10, 12, 13, 20]) runs.addRow(r);
    runs.addRange(21, 1_048_575);
    expect([...runs.runs()]).toEqual([
      [8, 10],
      [12, 13],
      [20, 1_048_575],
    ]);
  });

  it('applies blank and filled rows and a new last row as the set of blank rows would', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 7, max: 60 })),
        fc.array(fc.tuple(fc.integer({ min: 7, max: 70 }), fc.boolean()), { maxLength: 12 }),
        fc.integer({ min: 6, max: 70 }),
        (blank, edits, lastRow) => {
          const runs = new BlankRuns();
          for (const [first, last] of runsOf(new Set(blank))) runs.addRange(first, last);
          const changes = new Map(edits);
          const expected = new Set(blank);
          for (const [row, isBlank] of changes) {
            if (isBlank) expected.add(row);
            else expected.delete(row);
          }
          for (const r of [...expected]) if (r > lastRow) expected.delete(r);
          expect([...runs.withChanges(changes, lastRow).runs()]).toEqual(runsOf(expected));
        },
      ),
      { numRuns: 300, seed: 1515 },
    );
  });
});
