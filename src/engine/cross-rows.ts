import type { RowKeys } from './check-row';
import { cellFinding, headerOf, RowContext } from './context';
import type { Finding } from './finding';
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

type Places = number | number[];

function addPlace(map: Map<string, Places>, key: string, place: number): boolean {
  const existing = map.get(key);
  if (existing === undefined) {
    map.set(key, place);
    return false;
  }
  if (typeof existing === 'number') {
    map.set(key, existing < place ? [existing, place] : [place, existing]);
    return true;
  }
  let i = existing.length;
  while (i > 0 && existing[i - 1]! > place) i--;
  existing.splice(i, 0, place);
  return true;
}

function removePlace(map: Map<string, Places>, key: string, place: number): void {
  const existing = map.get(key);
  if (existing === undefined) return;
  if (typeof existing === 'number') {
    if (existing === place) map.delete(key);
    return;
  }
  const i = existing.indexOf(place);
  if (i >= 0) existing.splice(i, 1);
  if (existing.length === 1) map.set(key, existing[0]!);
  else if (existing.length === 0) map.delete(key);
}

const firstOf = (places: Places | undefined): number | undefined => (places === undefined ? undefined : typeof places === 'number' ? places : places[0]);

/**
 * Indexes of canonical identifiers → where they stand, so the duplicate rules of one row are answered
 * without scanning the sheet, and an edit re-checks only the rows that share its values.
 */
export class CrossRowIndex {
  private readonly mpan = new Map<string, Places>();
  private readonly mprn = new Map<string, Places>();
  private readonly devices = new Map<string, Places>();
  private readonly mpanCol: number;
  private readonly mprnCol: number;

  constructor(private readonly ctx: RowContext) {
    this.mpanCol = ctx.detection.columns.get('mpan') ?? 0;
    this.mprnCol = ctx.detection.columns.get('mprn') ?? 0;
  }

  /** Adds a row's identifiers; true when any of them already stood somewhere (a duplicate may follow). */
  add(row: number, keys: RowKeys): boolean {
    let collided = false;
    if (keys.mpan !== undefined) collided = addPlace(this.mpan, keys.mpan, placeOf(row, this.mpanCol)) || collided;
    if (keys.mprn !== undefined) collided = addPlace(this.mprn, keys.mprn, placeOf(row, this.mprnCol)) || collided;
    for (const d of keys.devices) collided = addPlace(this.devices, d.key, placeOf(row, d.col)) || collided;
    return collided;
  }

  remove(row: number, keys: RowKeys): void {
    if (keys.mpan !== undefined) removePlace(this.mpan, keys.mpan, placeOf(row, this.mpanCol));
    if (keys.mprn !== undefined) removePlace(this.mprn, keys.mprn, placeOf(row, this.mprnCol));
    for (const d of keys.devices) removePlace(this.devices, d.key, placeOf(row, d.col));
  }

  /** Rows whose duplicate findings depend on any of these keys. */
  rowsSharing(keys: RowKeys, into: Set<number>): void {
    const collect = (map: Map<string, Places>, key: string | undefined): void => {
      if (key === undefined) return;
      const places = map.get(key);
      if (places === undefined) return;
      if (typeof places === 'number') into.add(rowOf(places));
      else for (const p of places) into.add(rowOf(p));
    };
    collect(this.mpan, keys.mpan);
    collect(this.mprn, keys.mprn);
    for (const d of keys.devices) collect(this.devices, d.key);
  }

  findingsFor(row: number, keys: RowKeys): Finding[] {
    const out: Finding[] = [];
    const ctx = this.ctx;
    const meter = (map: Map<string, Places>, key: string | undefined, fieldId: 'mpan' | 'mprn', col: number, label: string): void => {
      if (key === undefined) return;
      const first = firstOf(map.get(key));
      if (first === undefined || rowOf(first) >= row) return;
      const firstRow = rowOf(first);
      out.push(cellFinding(duplicateMeterPoint, ctx, row, col, fieldId, duplicateMeterPointMessage(label, key, firstRow), undefined, { firstRow }));
    };
    meter(this.mpan, keys.mpan, 'mpan', this.mpanCol, 'MPAN core');
    meter(this.mprn, keys.mprn, 'mprn', this.mprnCol, 'MPRN');
    for (const { col, key } of keys.devices) {
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
