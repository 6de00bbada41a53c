import type { RowKeys } from './check-row';
import { cellFinding, headerOf, RowContext } from './context';
import type { Finding } from './finding';
import { KeyIndex, Places } from './key-index';
import { duplicateMeterPoint, duplicateMeterPointMessage } from '../rules/duplicate-meter-point';
import { duplicateDeviceId, duplicateDeviceIdMessage } from '../rules/duplicate-device-id';
import { deviceIdRepeatedInRow, deviceIdRepeatedInRowMessage } from '../rules/device-id-repeated-in-row';

/**
 * A place is `row * COLS + col` in one number: sorting places sorts by row, then column, and a
 * value that stands once costs no array.
 */
const COLS = 20_000;
const placeOf = (row: number, col: number): number => row * COLS + col;
const rowOf = (place: number): number => Math.floor(place / COLS);
const colOf = (place: number): number => place % COLS;

const firstOf = (places: Places | undefined): number | undefined => (places === undefined ? undefined : typeof places === 'number' ? places : places[0]);

/**
 * Indexes of canonical identifiers → where they stand, so the duplicate rules of one row are answered
 * without scanning the sheet, and an edit re-checks only the rows that share its values.
 */
export class CrossRowIndex {
  // MPAN cores (13 digits) and MPRNs (6-10 digits) cannot collide, nor can either collide with a
  // hyphenated EUI-64, but device IDs repeat across device columns, so they get their own map.
  private readonly meterPoints: KeyIndex;
  private readonly devices: KeyIndex;
  private readonly mpanCol: number;
  private readonly mprnCol: number;
  private readonly deviceCols: readonly number[];

  constructor(private readonly ctx: RowContext, expectedRows = 0) {
    this.meterPoints = new KeyIndex(expectedRows * 2);
    this.devices = new KeyIndex(expectedRows * ctx.deviceSlots.length);
    this.mpanCol = ctx.detection.columns.get('mpan') ?? 0;
    this.mprnCol = ctx.detection.columns.get('mprn') ?? 0;
    this.deviceCols = ctx.deviceSlots.map((slot) => ctx.detection.boundFields[slot]!.col);
  }

  /** Adds a row's identifiers; true when any of them already stood somewhere (a duplicate may follow). */
  add(row: number, keys: RowKeys): boolean {
    let collided = false;
    if (keys[0] !== undefined) collided = this.meterPoints.add(keys[0], placeOf(row, this.mpanCol)) || collided;
    if (keys[1] !== undefined) collided = this.meterPoints.add(keys[1], placeOf(row, this.mprnCol)) || collided;
    for (let j = 2; j < keys.length; j++) {
      const key = keys[j];
      if (key !== undefined) collided = this.devices.add(key, placeOf(row, this.deviceCols[j - 2]!)) || collided;
    }
    return collided;
  }

  remove(row: number, keys: RowKeys): void {
    if (keys[0] !== undefined) this.meterPoints.remove(keys[0], placeOf(row, this.mpanCol));
    if (keys[1] !== undefined) this.meterPoints.remove(keys[1], placeOf(row, this.mprnCol));
    for (let j = 2; j < keys.length; j++) {
      const key = keys[j];
      if (key !== undefined) this.devices.remove(key, placeOf(row, this.deviceCols[j - 2]!));
    }
  }

  /** Rows whose duplicate findings depend on any of these keys. */
  rowsSharing(keys: RowKeys, into: Set<number>): void {
    const collect = (map: KeyIndex, key: string | undefined): void => {
      if (key === undefined) return;
      const places = map.get(key);
      if (places === undefined) return;
      if (typeof places === 'number') into.add(rowOf(places));
      else for (const p of places) into.add(rowOf(p));
    };
    collect(this.meterPoints, keys[0]);
    collect(this.meterPoints, keys[1]);
    for (let j = 2; j < keys.length; j++) collect(this.devices, keys[j]);
  }

  findingsFor(row: number, keys: RowKeys): Finding[] {
    const out: Finding[] = [];
    const ctx = this.ctx;
    const meter = (map: KeyIndex, key: string | undefined, fieldId: 'mpan' | 'mprn', col: number, label: string): void => {
      if (key === undefined) return;
      const first = firstOf(map.get(key));
      if (first === undefined || rowOf(first) >= row) return;
      const firstRow = rowOf(first);
      out.push(cellFinding(duplicateMeterPoint, ctx, row, col, fieldId, duplicateMeterPointMessage(label, key, firstRow), undefined, { firstRow }));
    };
    meter(this.meterPoints, keys[0], 'mpan', this.mpanCol, 'MPAN core');
    meter(this.meterPoints, keys[1], 'mprn', this.mprnCol, 'MPRN');
    for (let j = 2; j < keys.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      const col = this.deviceCols[j - 2]!;
      const places = this.devices.get(key);
      const first = firstOf(places);
      if (first === undefined) continue;
      const fieldId = this.fieldAt(col);
      if (rowOf(first) < row) {
        const firstRow = rowOf(first);
        out.push(cellFinding(duplicateDeviceId, ctx, row, col, fieldId, duplicateDeviceIdMessage(key, firstRow), undefined, { firstRow }));
        continue;
      }
      const earlier = typeof places === 'number' ? undefined : places!.find((p) => rowOf(p) === row && colOf(p) < col);
      if (earlier !== undefined) {
        const other = ctx.detection.boundFields.find((b) => b.col === colOf(earlier));
        out.push(cellFinding(deviceIdRepeatedInRow, ctx, row, col, fieldId, deviceIdRepeatedInRowMessage(key, other ? headerOf(ctx, other.field) : 'another device')));
      }
    }
    return out;
  }

  private fieldAt(col: number): string {
    return this.ctx.detection.boundFields.find((b) => b.col === col)?.field.id ?? 'device';
  }
}
