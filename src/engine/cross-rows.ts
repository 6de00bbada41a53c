import { cellFinding, headerOf, RowContext } from './context';
import type { Finding } from './finding';
import { decodeDigits, decodeEui64, encodeDigits, encodeEui64, KeyIndex } from './key-index';
import { duplicateMeterPoint, duplicateMeterPointMessage } from '../rules/duplicate-meter-point';
import { duplicateDeviceId, duplicateDeviceIdMessage } from '../rules/duplicate-device-id';
import { deviceIdRepeatedInRow, deviceIdRepeatedInRowMessage } from '../rules/device-id-repeated-in-row';

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
 * are kept as ids (slot 0 MPAN, 1 MPRN, then one per device column; -1 for none) by the session.
 */
export class CrossRowIndex {
  // MPAN cores and MPRNs share a table (their encoding includes the length, so they cannot
  // collide); device IDs repeat across device columns, so they get their own.
  private readonly meterPoints: KeyIndex;
  private readonly devices: KeyIndex;
  private readonly cols: readonly number[];
  private readonly pair = new Int32Array(2);

  constructor(private readonly ctx: RowContext, expectedRows = 0) {
    this.meterPoints = new KeyIndex(expectedRows * 2);
    this.devices = new KeyIndex(expectedRows * Math.min(ctx.deviceSlots.length, 4));
    this.cols = [
      ctx.detection.columns.get('mpan') ?? 0,
      ctx.detection.columns.get('mprn') ?? 0,
      ...ctx.deviceSlots.map((slot) => ctx.detection.boundFields[slot]!.col),
    ];
  }

  private tableOf(slot: number): KeyIndex {
    return slot < 2 ? this.meterPoints : this.devices;
  }

  /**
   * Adds a row's identifiers (strings from the row check) and writes their ids into `ids` from `at`;
   * true when any of them already stood somewhere (a duplicate may follow).
   */
  add(row: number, keys: readonly (string | undefined)[], ids: Int32Array, at: number): boolean {
    let collided = false;
    const n = this.cols.length;
    for (let j = 0; j < n; j++) {
      const key = keys[j];
      if (key === undefined) {
        ids[at + j] = -1;
        continue;
      }
      if (j < 2) encodeDigits(key, this.pair);
      else encodeEui64(key, this.pair);
      const table = this.tableOf(j);
      const id = table.intern(this.pair[0]!, this.pair[1]!);
      ids[at + j] = id;
      if (table.add(id, placeOf(row, j))) collided = true;
    }
    return collided;
  }

  remove(row: number, ids: Int32Array, at: number): void {
    for (let j = 0; j < this.cols.length; j++) {
      const id = ids[at + j]!;
      if (id >= 0) this.tableOf(j).remove(id, placeOf(row, j));
    }
  }

  /** Rows whose duplicate findings depend on any of these identifiers. */
  rowsSharing(ids: Int32Array, at: number, into: Set<number>): void {
    for (let j = 0; j < this.cols.length; j++) {
      const id = ids[at + j]!;
      if (id < 0) continue;
      for (const p of this.tableOf(j).placesOf(id)) into.add(rowOf(p));
    }
  }

  findingsFor(row: number, ids: Int32Array, at: number): Finding[] {
    const out: Finding[] = [];
    const ctx = this.ctx;
    for (let j = 0; j < this.cols.length; j++) {
      const id = ids[at + j]!;
      if (id < 0) continue;
      const table = this.tableOf(j);
      const first = table.first(id);
      if (first < 0) continue;
      const col = this.cols[j]!;
      const firstRow = rowOf(first);
      if (j < 2) {
        if (firstRow >= row) continue;
        const value = decodeDigits(table.hiOf(id), table.loOf(id));
        const fieldId = j === 0 ? 'mpan' : 'mprn';
        out.push(cellFinding(duplicateMeterPoint, ctx, row, col, fieldId, duplicateMeterPointMessage(j === 0 ? 'MPAN core' : 'MPRN', value, firstRow), undefined, { firstRow }));
        continue;
      }
      const value = decodeEui64(table.hiOf(id), table.loOf(id));
      const fieldId = this.fieldAt(col);
      if (firstRow < row) {
        out.push(cellFinding(duplicateDeviceId, ctx, row, col, fieldId, duplicateDeviceIdMessage(value, firstRow), undefined, { firstRow }));
        continue;
      }
      const earlier = table.placesOf(id).find((p) => rowOf(p) === row && slotOf(p) < j);
      if (earlier !== undefined) {
        const other = ctx.detection.boundFields.find((b) => b.col === this.cols[slotOf(earlier)]);
        out.push(cellFinding(deviceIdRepeatedInRow, ctx, row, col, fieldId, deviceIdRepeatedInRowMessage(value, other ? headerOf(ctx, other.field) : 'another device')));
      }
    }
    return out;
  }

  private fieldAt(col: number): string {
    return this.ctx.detection.boundFields.find((b) => b.col === col)?.field.id ?? 'device';
  }
}
