import fc from 'fast-check';
import { encodeDigits, encodeEui64, KeyBatch, KeyIndex, pageTouchedTable } from '../../src/engine/key-index';

/** A plain model of the index: key → sorted places. */
function modelOf(entries: ReadonlyArray<readonly [number, number, number]>): Map<string, number[]> {
  const model = new Map<string, number[]>();
  for (const [hi, lo, place] of entries) {
    const key = `${hi}:${lo}`;
    const places = model.get(key) ?? [];
    places.push(place);
    places.sort((a, b) => a - b);
    model.set(key, places);
  }
  return model;
}

const entryArb = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 1 << 25 }));

describe('pageTouchedTable', () => {
  it.each([0, 1, 1023, 1024, 1025, 5000])('is a zeroed table of %i numbers', (length) => {
    const table = pageTouchedTable(length);
    expect(table).toBeInstanceOf(Int32Array);
    expect(table.length).toBe(length);
    expect(table.every((v) => v === 0)).toBe(true);
  });
});

describe('KeyIndex', () => {
  it('answers like a map of places, whether keys come one by one or in a batch (seeded)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e[2], maxLength: 300 }), fc.nat({ max: 300 }), (entries, split) => {
        // Some keys one by one, the rest as a batch; a small expected size forces the table to grow.
        const index = new KeyIndex(1);
        const cut = Math.min(split, entries.length);
        for (const [hi, lo, place] of entries.slice(0, cut)) index.add(index.intern(hi, lo), place);
        // A small batch is added whenever it fills, as a full validation does.
        const batch = new KeyBatch(1);
        for (const [hi, lo, place] of entries.slice(cut)) {
          if (batch.full) {
            index.addAll(batch);
            batch.clear();
          }
          batch.push(hi, lo, place);
        }
        index.addAll(batch);
        const model = modelOf(entries);
        for (const [key, places] of model) {
          const [hi, lo] = key.split(':').map(Number) as [number, number];
          const id = index.find(hi, lo);
          expect(id).toBeGreaterThanOrEqual(0);
          expect(index.placesOf(id)).toEqual(places);
          expect(index.first(id)).toBe(places[0]);
        }
        expect(index.find(99, 99)).toBe(-1);
        const repeated = [...index.repeated()].map((p) => [...p]).sort((a, b) => a[0]! - b[0]!);
        expect(repeated).toEqual([...model.values()].filter((p) => p.length > 1).sort((a, b) => a[0]! - b[0]!));
      }),
      { seed: 20261129, numRuns: 150 },
    );
  });

  it('forgets a removed place and keeps the rest sorted', () => {
    const index = new KeyIndex();
    const id = index.intern(7, 11);
    for (const place of [96, 32, 64]) index.add(id, place);
    index.remove(id, 32);
    expect(index.placesOf(id)).toEqual([64, 96]);
    expect(index.first(id)).toBe(64);
    index.remove(id, 64);
    index.remove(id, 96);
    expect(index.placesOf(id)).toEqual([]);
    expect(index.first(id)).toBe(-1);
    expect(index.find(7, 11)).toBe(id);
  });

  it('encodes identifiers so that different ones never share a code', () => {
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    encodeDigits('0123456789', a);
    encodeDigits('123456789', b);
    expect([...a]).not.toEqual([...b]);
    encodeEui64('00-12-4B-00-01-02-03-04', a);
    encodeEui64('00-12-4B-00-01-02-03-05', b);
    expect(a[0]).toBe(b[0]);
    expect(a[1]! + 1).toBe(b[1]);
    encodeEui64('FF-FF-FF-FF-FF-FF-FF-FF', a);
    expect([...a]).toEqual([-1, -1]);
  });
});
