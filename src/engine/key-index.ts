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
  // Shifts keep the arithmetic in 32-bit integers; the first octet ends in the sign bit, as intended.
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 11; i += 3) hi = (hi << 8) | (hexValue(canonical.charCodeAt(i)) << 4) | hexValue(canonical.charCodeAt(i + 1));
  for (let i = 12; i < 23; i += 3) lo = (lo << 8) | (hexValue(canonical.charCodeAt(i)) << 4) | hexValue(canonical.charCodeAt(i + 1));
  out[0] = hi;
  out[1] = lo;
}

/** Encodes a string of at most 15 digits into [length << 16 | high part, low 32 bits]. */
export function encodeDigits(digits: string, out: Int32Array): void {
  // Digit arithmetic rather than Number(): no string-to-number slow path, no boxed result.
  let v = 0;
  for (let i = 0; i < digits.length; i++) v = v * 10 + (digits.charCodeAt(i) - 48);
  out[0] = (digits.length << 16) | Math.floor(v / TWO_32);
  out[1] = (v % TWO_32) | 0;
}

const LOAD = 0.7;

/** Int32 elements in a 4 KiB memory page. */
const PAGE_ELEMENTS = 1024;

/**
 * A zeroed table whose pages are written once before any probe reads them. A fresh page that is read
 * first is mapped to the system's shared zero page, and the first store into it then faults a second
 * time; with worker threads that second fault also interrupts every other core running the process to
 * flush its TLB (measured with perf on `check --jobs 2`: most of the kernel time the second worker added).
 */
export function pageTouchedTable(length: number): Int32Array {
  const table = new Int32Array(length);
  for (let i = 0; i < length; i += PAGE_ELEMENTS) table[i] = 0;
  return table;
}

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

/**
 * Each slot is [lo, id + 1]: 8 bytes, so a probe reads one cache line and the table stays small
 * (fresh memory is slow here). The high half of each key sits with its id, and is read only when
 * the low halves match.
 */
const STRIDE = 2;

/**
 * A hash's home slot among n: proportional to the hash rather than `hash % n`, so keys inserted in
 * hash order fill the table from one end to the other (see addAll). The product is never rounded up
 * to n: its distance from n (at least n / 2^32) is far above a double's rounding error there.
 */
function homeSlot(hash: number, n: number): number {
  return Math.floor((hash >>> 0) * (n / 4294967296));
}

/** Keys are bulk-inserted in 2^BUCKET_BITS groups of neighbouring hashes. */
const BUCKET_BITS = 10;
const GROUP_SHIFT = 32 - BUCKET_BITS;

/** A batch record: [hi, lo, place, hash]. */
const RECORD = 4;

/**
 * Records a batch holds before it is added: big enough that each hash group of a flush is dense, small
 * enough (1 MiB) to stay in cache and to spare a large sheet megabytes of fresh memory.
 */
const BATCH_RECORDS = 1 << 16;

/**
 * Identifiers waiting for KeyIndex.addAll: encoded and hashed as they are met, in row order, while
 * their strings are still in cache, and counted per hash group as they come.
 */
export class KeyBatch {
  readonly records: Int32Array;
  count = 0;
  /** How many records fall in each hash group. */
  readonly groupSizes = new Int32Array(1 << BUCKET_BITS);

  constructor(expected = BATCH_RECORDS) {
    this.records = new Int32Array(Math.max(16, Math.min(expected, BATCH_RECORDS)) * RECORD);
  }

  get full(): boolean {
    return this.count * RECORD === this.records.length;
  }

  /** Adds a record; the batch must not be full. */
  push(hi: number, lo: number, place: number): void {
    const at = this.count * RECORD;
    const hash = hashOf(hi, lo);
    const records = this.records;
    records[at] = hi;
    records[at + 1] = lo;
    records[at + 2] = place;
    records[at + 3] = hash;
    this.groupSizes[hash >>> GROUP_SHIFT]!++;
    this.count++;
  }

  clear(): void {
    this.count = 0;
    this.groupSizes.fill(0);
  }
}

/** Where addAll puts a batch in hash order; shared, as validation is not re-entrant. */
let sortedScratch = new Int32Array(0);

export class KeyIndex {
  private slots: Int32Array;
  /** Number of slots (the array holds STRIDE numbers per slot); an id of 0 marks an empty slot. */
  private capacity: number;
  /** The high half of each key, by id. */
  private highs: Int32Array;
  /** The first (smallest) place of each key, or -1 when it stands nowhere. */
  private firsts: Int32Array;
  /** All places, sorted, for the few keys that stand more than once. */
  private readonly many = new Map<number, number[]>();
  private count = 0;

  constructor(expectedKeys = 512) {
    // Load at most 0.7 without rounding up to a power of two: on this kind of machine every fresh
    // megabyte costs milliseconds of page faults, so the table is kept as small as probing allows.
    // An eighth more than expected leaves room for the keys edits bring: sized exactly, the first
    // edit after a full validation would rehash the whole table (70 ms at 100,000 rows).
    const room = Math.max(512, expectedKeys + (expectedKeys >> 3));
    this.capacity = Math.ceil(room / LOAD) | 1;
    this.slots = pageTouchedTable(this.capacity * STRIDE);
    this.highs = new Int32Array(Math.max(512, expectedKeys));
    this.firsts = new Int32Array(Math.max(512, expectedKeys));
  }

  /** Makes room for `keys` keys in all, so that adding up to that many never rehashes. */
  reserve(keys: number): void {
    const needed = Math.ceil(keys / LOAD) | 1;
    if (needed > this.capacity) this.growSlots(needed);
    if (keys > this.firsts.length) this.growIds(keys);
  }

  /** The key's id, or -1 when it was never added. */
  find(hi: number, lo: number): number {
    const slots = this.slots;
    const n = this.capacity;
    let s = homeSlot(hashOf(hi, lo), n);
    for (;;) {
      const at = s * STRIDE;
      const id1 = slots[at + 1]!;
      if (id1 === 0) return -1;
      if (slots[at] === lo && this.highs[id1 - 1] === hi) return id1 - 1;
      if (++s === n) s = 0;
    }
  }

  /** The key's id, adding it when new. */
  intern(hi: number, lo: number): number {
    return this.internHashed(hi, lo, hashOf(hi, lo));
  }

  private internHashed(hi: number, lo: number, hash: number): number {
    const slots = this.slots;
    const n = this.capacity;
    let s = homeSlot(hash, n);
    let at = s * STRIDE;
    for (;;) {
      const id1 = slots[at + 1]!;
      if (id1 === 0) break;
      if (slots[at] === lo && this.highs[id1 - 1] === hi) return id1 - 1;
      if (++s === n) s = 0;
      at = s * STRIDE;
    }
    const id = this.count++;
    if (id === this.firsts.length) this.growIds(id * 2);
    this.firsts[id] = -1;
    this.highs[id] = hi;
    slots[at] = lo;
    slots[at + 1] = id + 1;
    if (this.count > n * LOAD) this.growSlots(n * 2 + 1);
    return id;
  }

  /**
   * Adds a batch of places (a full validation adds every row in batches). The keys go in by hash
   * order, so the batch sweeps the table from one end to the other: inserting them in row order
   * instead sends every key to a random slot of a table of megabytes, a cache and TLB miss each.
   */
  addAll(batch: KeyBatch): void {
    const { records, count, groupSizes } = batch;
    const needed = Math.ceil((this.count + count) / LOAD) | 1;
    if (needed > this.capacity) this.growSlots(needed);
    if (this.count + count > this.firsts.length) this.growIds(this.count + count);
    // Records are moved, not indexed, into hash order, so the insertion below reads them in sequence.
    const next = new Int32Array(groupSizes.length);
    for (let g = 1; g < next.length; g++) next[g] = next[g - 1]! + groupSizes[g - 1]! * RECORD;
    if (sortedScratch.length < records.length) sortedScratch = new Int32Array(records.length);
    const sorted = sortedScratch;
    for (let at = 0; at < count * RECORD; at += RECORD) {
      const to = next[records[at + 3]! >>> GROUP_SHIFT]!;
      next[records[at + 3]! >>> GROUP_SHIFT] = to + RECORD;
      sorted[to] = records[at]!;
      sorted[to + 1] = records[at + 1]!;
      sorted[to + 2] = records[at + 2]!;
      sorted[to + 3] = records[at + 3]!;
    }
    for (let at = 0; at < count * RECORD; at += RECORD) {
      this.add(this.internHashed(sorted[at]!, sorted[at + 1]!, sorted[at + 3]! >>> 0), sorted[at + 2]!);
    }
  }

  /** How many keys stand somewhere. */
  standing(): number {
    let n = 0;
    for (let id = 0; id < this.count; id++) if (this.firsts[id]! >= 0) n++;
    return n;
  }

  /**
   * Writes each key that stands somewhere as four numbers from `at`, in slot order: its first place,
   * its two halves, its first place again (for the caller to recode in place); returns where it
   * stopped. No callback per key: a whole sheet's keys are hundreds of thousands.
   */
  writeFirsts(out: Int32Array, at: number): number {
    const slots = this.slots;
    const end = this.capacity * STRIDE;
    for (let s = 0; s < end; s += STRIDE) {
      const id1 = slots[s + 1]!;
      if (id1 === 0) continue;
      const first = this.firsts[id1 - 1]!;
      if (first < 0) continue;
      out[at] = first;
      out[at + 1] = this.highs[id1 - 1]!;
      out[at + 2] = slots[s]!;
      out[at + 3] = first;
      at += 4;
    }
    return at;
  }

  /** Every key that stands in more than one place, as its sorted places. */
  repeated(): IterableIterator<readonly number[]> {
    return this.many.values();
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

  /** Adds a place. */
  add(id: number, place: number): void {
    const first = this.firsts[id]!;
    if (first < 0) {
      this.firsts[id] = place;
      return;
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

  private growIds(size: number): void {
    const n = Math.max(size, this.firsts.length * 2);
    const firsts = new Int32Array(n);
    const highs = new Int32Array(n);
    firsts.set(this.firsts);
    highs.set(this.highs);
    this.firsts = firsts;
    this.highs = highs;
  }

  private growSlots(size: number): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    const n = size | 1;
    const slots = pageTouchedTable(n * STRIDE);
    for (let o = 0; o < oldCapacity; o++) {
      const id1 = old[o * STRIDE + 1]!;
      if (id1 === 0) continue;
      const lo = old[o * STRIDE]!;
      let s = homeSlot(hashOf(this.highs[id1 - 1]!, lo), n);
      while (slots[s * STRIDE + 1] !== 0) if (++s === n) s = 0;
      slots[s * STRIDE] = lo;
      slots[s * STRIDE + 1] = id1;
    }
    this.slots = slots;
    this.capacity = n;
  }
}
