import type { RowContext } from './context';
import { cellFinding, headerOf } from './context';
import type { Finding, FindingDetails } from './finding';
import { encodeDigits, encodeEui64, KeyBatch, KeyIndex } from './key-index';
import type { CompiledRules } from './registry';
import type { IdentifierKind, RepeatedIdentifier } from './rule';

/**
 * A place is `row * 32 + slot` in one small integer (slot 0 MPAN, 1 MPRN, then device columns in
 * column order): sorting places sorts by row, then column, and even row 1,048,576 stays a small
 * integer, which V8 never boxes.
 */
const placeOf = (row: number, slot: number): number => row * 32 + slot;
const rowOf = (place: number): number => place >> 5;
const slotOf = (place: number): number => place & 31;

/**
 * Indexes of identifiers → where they stand, so the duplicate rules of one row are answered without
 * scanning the sheet, and an edit re-checks only the rows that share its values. A row's identifiers
 * come as an array: slot 0 MPAN, 1 MPRN, then one per device column; undefined for none.
 */
export class CrossRowIndex {
  // MPAN cores and MPRNs share a table (their encoding includes the length, so they cannot
  // collide); device IDs repeat across device columns, so they get their own.
  private readonly meterPoints: KeyIndex;
  private readonly devices: KeyIndex;
  private readonly cols: readonly number[];
  private readonly pair = new Int32Array(2);
  /** How many meter points and device IDs a full validation expects, to size tables and batches. */
  private readonly expectedMeterPoints: number;
  private readonly expectedDevices: number;
  private staged: { readonly meterPoints: KeyBatch; readonly devices: KeyBatch } | undefined;

  constructor(
    private readonly ctx: RowContext,
    private readonly rules: CompiledRules,
    expectedRows = 0,
  ) {
    this.expectedMeterPoints = expectedRows * 2;
    this.expectedDevices = expectedRows * Math.min(ctx.deviceSlots.length, 4);
    this.meterPoints = new KeyIndex(this.expectedMeterPoints);
    this.devices = new KeyIndex(this.expectedDevices);
    this.cols = [
      ctx.detection.columns.get('mpan') ?? 0,
      ctx.detection.columns.get('mprn') ?? 0,
      ...ctx.deviceSlots.map((slot) => ctx.detection.boundFields[slot]!.col),
    ];
  }

  private tableOf(slot: number): KeyIndex {
    return slot < 2 ? this.meterPoints : this.devices;
  }

  /** Encodes slot j's key into `pair`: digits for meter points, 64 bits for device IDs. */
  private encode(j: number, key: string): void {
    if (j < 2) encodeDigits(key, this.pair);
    else encodeEui64(key, this.pair);
  }

  /** The id of slot j's key in its table (adding it when `create`), or -1. */
  private idOf(j: number, key: string, create: boolean): number {
    this.encode(j, key);
    const table = this.tableOf(j);
    return create ? table.intern(this.pair[0]!, this.pair[1]!) : table.find(this.pair[0]!, this.pair[1]!);
  }

  /** Adds one row's identifiers (an edit; a full validation stages them instead). */
  add(row: number, keys: readonly (string | undefined)[]): void {
    for (let j = 0; j < this.cols.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      this.tableOf(j).add(this.idOf(j, key, true), placeOf(row, j));
    }
  }

  /**
   * Queues a row's identifiers, to be indexed in batches: a full validation adds every row this way,
   * several times faster than one by one. Call `addStaged` once the rows are staged.
   */
  stage(row: number, keys: readonly (string | undefined)[]): void {
    const staged = (this.staged ??= {
      meterPoints: new KeyBatch(this.expectedMeterPoints),
      devices: new KeyBatch(this.expectedDevices),
    });
    const pair = this.pair;
    for (let j = 0; j < this.cols.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      const batch = j < 2 ? staged.meterPoints : staged.devices;
      if (batch.full) this.flush(batch);
      this.encode(j, key);
      batch.push(pair[0]!, pair[1]!, placeOf(row, j));
    }
  }

  private flush(batch: KeyBatch): void {
    (batch === this.staged?.meterPoints ? this.meterPoints : this.devices).addAll(batch);
    batch.clear();
  }

  /**
   * Indexes what is still staged. Returns, in order, the rows that hold an identifier which also
   * stands earlier (in an earlier row or column): only they can have a duplicate finding.
   */
  addStaged(): number[] {
    const staged = this.staged;
    if (!staged) return [];
    this.flush(staged.meterPoints);
    this.flush(staged.devices);
    this.staged = undefined;
    const rows = new Set<number>();
    for (const table of [this.meterPoints, this.devices]) {
      for (const places of table.repeated()) for (let i = 1; i < places.length; i++) rows.add(rowOf(places[i]!));
    }
    return [...rows].sort((a, b) => a - b);
  }

  remove(row: number, keys: readonly (string | undefined)[]): void {
    for (let j = 0; j < this.cols.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      const id = this.idOf(j, key, false);
      if (id >= 0) this.tableOf(j).remove(id, placeOf(row, j));
    }
  }

  /** Rows whose duplicate findings depend on any of these identifiers. */
  rowsSharing(keys: readonly (string | undefined)[], into: Set<number>): void {
    for (let j = 0; j < this.cols.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      const id = this.idOf(j, key, false);
      if (id >= 0) for (const p of this.tableOf(j).placesOf(id)) into.add(rowOf(p));
    }
  }

  /** The across-rows findings of a row: its identifiers that also stand earlier, handed to the across-rows checks. */
  findingsFor(row: number, keys: readonly (string | undefined)[]): Finding[] {
    const out: Finding[] = [];
    const ctx = this.ctx;
    for (let j = 0; j < this.cols.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      const id = this.idOf(j, key, false);
      if (id < 0) continue;
      const table = this.tableOf(j);
      const first = table.first(id);
      if (first < 0) continue;
      const col = this.cols[j]!;
      const firstRow = rowOf(first);
      let earlierColumnHeader: string | undefined;
      if (firstRow === row && j >= 2) {
        const earlier = table.placesOf(id).find((p) => rowOf(p) === row && slotOf(p) < j);
        if (earlier !== undefined) {
          const other = ctx.detection.boundFields.find((b) => b.col === this.cols[slotOf(earlier)]);
          earlierColumnHeader = other ? headerOf(ctx, other.field) : 'another device';
        }
      }
      if (firstRow > row || (firstRow === row && earlierColumnHeader === undefined)) continue;
      const fieldId = j === 0 ? 'mpan' : j === 1 ? 'mprn' : this.fieldAt(col);
      const repeat: RepeatedIdentifier = { ctx, row, fieldId, key, firstRow, earlierColumnHeader };
      const kind: IdentifierKind = j < 2 ? 'meter-point' : 'device';
      for (const { rule, check } of this.rules.acrossRowsChecks(kind)) {
        check(repeat, (message: string, details?: FindingDetails) => out.push(cellFinding(rule, ctx, row, col, fieldId, message, undefined, details)));
      }
    }
    return out;
  }

  /**
   * Each identifier's first place in the sheet, for comparing files: four numbers per identifier (slot,
   * the key's two encoded halves, row), and each slot's column and field. Numbers, not strings, so a
   * worker posts a 100,000-row file's identifiers as a few megabytes of one typed array.
   */
  firstPlaces(): { readonly records: Int32Array; readonly slots: readonly { readonly col: number; readonly field: string }[] } {
    const records = new Int32Array((this.meterPoints.standing() + this.devices.standing()) * 4);
    this.devices.writeFirsts(records, this.meterPoints.writeFirsts(records, 0));
    for (let at = 0; at < records.length; at += 4) {
      records[at] = slotOf(records[at]!);
      records[at + 3] = rowOf(records[at + 3]!);
    }
    const slots = this.cols.map((col, j) => ({ col, field: j === 0 ? 'mpan' : j === 1 ? 'mprn' : this.fieldAt(col) }));
    return { records, slots };
  }

  private fieldAt(col: number): string {
    return this.ctx.detection.boundFields.find((b) => b.col === col)?.field.id ?? 'device';
  }
}
