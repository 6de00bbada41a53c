/**
 * A string → places table for the duplicate rules. An open-addressing table over typed arrays: on
 * the 600,000 identifiers of a 100,000-row sheet it is about three times faster than `Map` here, and
 * that index is the largest single cost of a full validation.
 *
 * A place is one number (see cross-rows.ts); a key that stands once costs no array. Keys are never
 * removed from the table (an edit only empties their places), which keeps probing simple.
 */
export type Places = number | number[];

function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // FNV's low bits depend only on low bits; identifiers differ in a few digits, so without this
  // final mix (MurmurHash3's) they cluster in the table and probing gets long.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class KeyIndex {
  private slots: Int32Array;
  private mask: number;
  private readonly keys: string[] = [];
  private readonly places: (Places | undefined)[] = [];

  constructor(expectedKeys = 1024) {
    let capacity = 1024;
    while (capacity < expectedKeys * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get(key: string): Places | undefined {
    const id = this.find(key);
    return id < 0 ? undefined : this.places[id];
  }

  /** Adds a place; true when the key already stood somewhere. */
  add(key: string, place: number): boolean {
    const id = this.intern(key);
    const existing = this.places[id];
    if (existing === undefined) {
      this.places[id] = place;
      return false;
    }
    if (typeof existing === 'number') {
      this.places[id] = existing < place ? [existing, place] : [place, existing];
      return true;
    }
    let i = existing.length;
    while (i > 0 && existing[i - 1]! > place) i--;
    existing.splice(i, 0, place);
    return true;
  }

  remove(key: string, place: number): void {
    const id = this.find(key);
    if (id < 0) return;
    const existing = this.places[id];
    if (existing === undefined) return;
    if (typeof existing === 'number') {
      if (existing === place) this.places[id] = undefined;
      return;
    }
    const i = existing.indexOf(place);
    if (i >= 0) existing.splice(i, 1);
    this.places[id] = existing.length === 0 ? undefined : existing.length === 1 ? existing[0] : existing;
  }

  private find(key: string): number {
    let s = hashOf(key) & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id === -1) return -1;
      if (this.keys[id] === key) return id;
      s = (s + 1) & this.mask;
    }
  }

  private intern(key: string): number {
    let s = hashOf(key) & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id === -1) break;
      if (this.keys[id] === key) return id;
      s = (s + 1) & this.mask;
    }
    const id = this.keys.length;
    this.keys.push(key);
    this.places.push(undefined);
    this.slots[s] = id;
    if (this.keys.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let id = 0; id < this.keys.length; id++) {
      let s = hashOf(this.keys[id]!) & this.mask;
      while (this.slots[s] !== -1) s = (s + 1) & this.mask;
      this.slots[s] = id;
    }
  }
}
