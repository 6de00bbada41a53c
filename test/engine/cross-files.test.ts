import { toA1 } from '../../src/engine/address';
import { AcrossFilesJoin, findAcrossFiles, withFindings } from '../../src/engine/cross-files';
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
    const [inA, inB] = findAcrossFiles(
      [
        { name: 'a.xlsm', identity: '/a', identifiers: a },
        { name: 'b.xlsm', identity: '/b', identifiers: b },
      ],
      RULES,
    );
    expect(inA!.map((f) => [f.cell, f.field, f.message.split(' is also in ')[0]])).toEqual([['C7', 'mprn', 'MPRN 0123409']]);
    expect(inA![0]!.message).toContain('b.xlsm (Migration Authorisation!C8)');
    // In b, on the first place only; its later repeat is duplicate-meter-point's.
    expect(inB!.map((f) => [f.cell, f.ruleId])).toEqual([['C8', 'duplicate-across-files']]);
  });

  it('does not compare a file given twice with itself, and skips files without identifiers', () => {
    const a = identifiersOf([validMaRow(1)]);
    const found = findAcrossFiles(
      [
        { name: 'a.xlsm', identity: '/a', identifiers: a },
        { name: './a.xlsm', identity: '/a', identifiers: a },
        { name: 'broken.xlsm', identity: '/broken', identifiers: undefined },
      ],
      RULES,
    );
    expect(found).toEqual([[], [], []]);
  });

  it('finds nothing when the rule set has no across-files rule (--no-cross-file)', () => {
    const a = identifiersOf([validMaRow(1)]);
    const noCrossFile = RULES.filter((r) => r.id !== 'duplicate-across-files');
    expect(
      findAcrossFiles(
        [
          { name: 'a', identity: 'a', identifiers: a },
          { name: 'b', identity: 'b', identifiers: a },
        ],
        noCrossFile,
      ),
    ).toEqual([[], []]);
  });

  it('merges findings into the result in order and recounts the summary', () => {
    const session = new ValidationSession(buildWorkbook([validMaRow(1), { ...validMaRow(2), chfId: validMaRow(1).chfId }]), OPTIONS);
    const other = identifiersOf([validMaRow(1)]);
    const [more] = findAcrossFiles(
      [
        { name: 'a', identity: 'a', identifiers: session.identifiers() },
        { name: 'b', identity: 'b', identifiers: other },
      ],
      RULES,
    );
    const merged = withFindings(session.result(), more!);
    expect(merged.findings.map((f) => [f.cell, f.ruleId])).toEqual([
      ['B7', 'duplicate-across-files'],
      ['C7', 'duplicate-across-files'],
      ['D7', 'duplicate-across-files'],
      ['E7', 'duplicate-across-files'],
      ['F7', 'duplicate-across-files'],
      ['G7', 'duplicate-across-files'],
      ['F8', 'duplicate-device-id'],
    ]);
    expect(merged.summary).toEqual({ error: 1, warning: 6, info: 0 });
    expect(merged.ready).toBe(false);
  });
});

/** Files whose identifiers overlap: file f holds rows base..base+size-1 of a shared numbering. */
const OVERLAPPING = [
  { base: 0, size: 3 },
  { base: 2, size: 40 },
  { base: 30, size: 5 },
  { base: 100, size: 2 },
  { base: 1, size: 2 },
];

describe('joining files as they arrive', () => {
  const files = OVERLAPPING.map(({ base, size }, f) => ({
    name: `f${f}.xlsm`,
    identity: `/f${f}`,
    identifiers: identifiersOf(Array.from({ length: size }, (_, i) => validMaRow(base + i))),
  }));

  it('finds what an independent join by key text finds', () => {
    // Oracle: each identifier as text, with the cells of every file holding it.
    const holders = new Map<string, { f: number; cell: string }[]>();
    files.forEach((file, f) => {
      const { records, slots } = file.identifiers!;
      for (let at = 0; at < records.length; at += 4) {
        const key = `${records[at]! < 2 ? 'point' : 'device'}:${records[at + 1]}:${records[at + 2]}`;
        const cell = toA1(records[at + 3]!, slots[records[at]!]!.col);
        holders.set(key, [...(holders.get(key) ?? []), { f, cell }]);
      }
    });
    const expected = files.map(() => [] as string[]);
    for (const list of holders.values()) {
      if (list.length < 2) continue;
      for (const own of list)
        expected[own.f]!.push(
          `${own.cell} → ${list
            .filter((o) => o !== own)
            .map((o) => `f${o.f}.xlsm!${o.cell}`)
            .join(', ')}`,
        );
    }
    const found = findAcrossFiles(files, RULES).map((inFile) =>
      inFile.map((x) => {
        const others = [...x.message.matchAll(/(f\d\.xlsm) \(Migration Authorisation!([A-Z]+\d+)\)/g)].map((m) => `${m[1]}!${m[2]}`);
        return `${x.cell} → ${others.join(', ')}`;
      }),
    );
    expect(found.map((inFile) => [...inFile].sort())).toEqual(expected.map((inFile) => inFile.sort()));
    // Rows 2 and 30-34 and 1 overlap: every file but f3 has some.
    expect(found.map((inFile) => inFile.length > 0)).toEqual([true, true, true, false, true]);
  });

  it.each([[[0, 1, 2, 3, 4]], [[4, 3, 2, 1, 0]], [[3, 1, 4, 0, 2]], [[1, 0, 2, 4, 3]]])(
    'gives the same findings whatever the order files arrive in (%j)',
    (order) => {
      const join = new AcrossFilesJoin(files.length, RULES);
      for (const f of order) join.add(f, files[f]!);
      expect(join.findings()).toEqual(findAcrossFiles(files, RULES));
    },
  );
});
