/**
 * Identifier → places tables for the duplicate rules, over typed arrays only. Identifiers are
 * encoded as two 32-bit numbers (an EUI-64 is exactly 64 bits; an MPAN core or MPRN is at most 13
 * digits, stored with its length so leading zeros still count), so the table holds no strings, hashes
 * no text and leaves the garbage collector nothing to trace: on a 100,000-row sheet this index was the
 * largest cost of a full validation while it was a `Map` of strings.
 *
 * A place is one small integer (see cross-rows.ts). Keys are never removed (an edit only empties their
 * places), which keeps probing simple.
 */

const TWO_32 = 4294967296;

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** Encodes a canonical EUI-64 (`XX-XX-…`, upper-case hex) into [hi, lo]. */
export function encodeEui64(canonical: string, out: Int32Array): void {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 11; i += 3) hi = hi * 256 + hexValue(canonical.charCodeAt(i)) * 16 + hexValue(canonical.charCodeAt(i + 1));
  for (let i = 12; i < 23; i += 3) lo = lo * 256 + hexValue(canonical.charCodeAt(i)) * 16 + hexValue(canonical.charCodeAt(i + 1));
  out[0] = hi | 0;
  out[1] = lo | 0;
}

/** Encodes a string of at most 15 digits into [length << 16 | high part, low 32 bits]. */
export function encodeDigits(digits: string, out: Int32Array): void {
  // Digit arithmetic rather than Number(): no string-to-number slow path, no boxed result.
  let v = 0;
  for (let i = 0; i < digits.length; i++) v = v * 10 + (digits.charCodeAt(i) - 48);
  out[0] = (digits.length << 16) | Math.floor(v / TWO_32);
  out[1] = v % TWO_32 | 0;
}

const LOAD = 0.7;

function hashOf(hi: number, lo: number): number {
  // MurmurHash3's finaliser over both halves: identifiers differ in a few digits and must not cluster.
  let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b) ^ lo;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class KeyIndex {
  // The keys live in the slot arrays themselves, so probing reads neighbouring memory instead of
  // jumping to a record per occupied slot: at 100,000 rows that jump was most of the index's cost.
  private slotHi: Int32Array;
  private slotLo: Int32Array;
  /** id + 1 of the key in each slot; 0 for an empty slot (a fresh, zeroed table is empty). */
  private slotId: Int32Array;
  /** The first (smallest) place of each key, or -1 when it stands nowhere. */
  private firsts: Int32Array;
  /** All places, sorted, for the few keys that stand more than once. */
  private readonly many = new Map<number, number[]>();
  private count = 0;

  constructor(expectedKeys = 512) {
    // Load at most 0.7 without rounding up to a power of two: on this kind of machine every fresh
    // megabyte costs milliseconds of page faults, so the table is kept as small as probing allows.
    const n = Math.ceil(Math.max(512, expectedKeys) / LOAD) | 1;
    this.slotHi = new Int32Array(n);
    this.slotLo = new Int32Array(n);
    this.slotId = new Int32Array(n);
    this.firsts = new Int32Array(Math.max(512, expectedKeys));
  }

  /** The key's id, or -1 when it was never added. */
  find(hi: number, lo: number): number {
    const n = this.slotId.length;
    let s = hashOf(hi, lo) % n;
    for (;;) {
      const id1 = this.slotId[s]!;
      if (id1 === 0) return -1;
      if (this.slotLo[s] === lo && this.slotHi[s] === hi) return id1 - 1;
      if (++s === n) s = 0;
    }
  }

  /** The key's id, adding it when new. */
  intern(hi: number, lo: number): number {
    const n = this.slotId.length;
    let s = hashOf(hi, lo) % n;
    for (;;) {
      const id1 = this.slotId[s]!;
      if (id1 === 0) break;
      if (this.slotLo[s] === lo && this.slotHi[s] === hi) return id1 - 1;
      if (++s === n) s = 0;
    }
    const id = this.count++;
    if (id === this.firsts.length) {
      const grown = new Int32Array(this.firsts.length * 2);
      grown.set(this.firsts);
      this.firsts = grown;
    }
    this.firsts[id] = -1;
    this.slotHi[s] = hi;
    this.slotLo[s] = lo;
    this.slotId[s] = id + 1;
    if (this.count > n * LOAD) this.growSlots();
    return id;
  }

  /** The smallest place of a key, or -1. */
  first(id: number): number {
    return this.firsts[id]!;
  }

  /** Every place of a key, sorted. */
  placesOf(id: number): readonly number[] {
    const many = this.many.get(id);
    if (many) return many;
    const first = this.firsts[id]!;
    return first < 0 ? [] : [first];
  }

  /** Adds a place; true when the key already stood somewhere. */
  add(id: number, place: number): boolean {
    const first = this.firsts[id]!;
    if (first < 0) {
      this.firsts[id] = place;
      return false;
    }
    let list = this.many.get(id);
    if (!list) {
      list = [first];
      this.many.set(id, list);
    }
    let i = list.length;
    while (i > 0 && list[i - 1]! > place) i--;
    list.splice(i, 0, place);
    this.firsts[id] = list[0]!;
    return true;
  }

  remove(id: number, place: number): void {
    const list = this.many.get(id);
    if (!list) {
      if (this.firsts[id] === place) this.firsts[id] = -1;
      return;
    }
    const i = list.indexOf(place);
    if (i >= 0) list.splice(i, 1);
    this.firsts[id] = list.length > 0 ? list[0]! : -1;
    if (list.length <= 1) this.many.delete(id);
  }

  private growSlots(): void {
    const { slotHi, slotLo, slotId } = this;
    const n = slotId.length * 2 + 1;
    this.slotHi = new Int32Array(n);
    this.slotLo = new Int32Array(n);
    this.slotId = new Int32Array(n);
    for (let old = 0; old < slotId.length; old++) {
      const id1 = slotId[old]!;
      if (id1 === 0) continue;
      const hi = slotHi[old]!;
      const lo = slotLo[old]!;
      let s = hashOf(hi, lo) % n;
      while (this.slotId[s] !== 0) if (++s === n) s = 0;
      this.slotHi[s] = hi;
      this.slotLo[s] = lo;
      this.slotId[s] = id1;
    }
  }
}
