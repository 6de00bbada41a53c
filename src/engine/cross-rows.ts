import type { RowKeys } from './check-row';
import { cellFinding, headerOf, RowContext } from './context';
import type { Finding } from './finding';
import { duplicateMeterPoint, duplicateMeterPointMessage } from '../rules/duplicate-meter-point';
import { duplicateDeviceId, duplicateDeviceIdMessage } from '../rules/duplicate-device-id';
import { deviceIdRepeatedInRow, deviceIdRepeatedInRowMessage } from '../rules/device-id-repeated-in-row';

interface Place {
  readonly row: number;
  readonly col: number;
}

function comparePlaces(a: Place, b: Place): number {
  return a.row - b.row || a.col - b.col;
}

/** Inserts keeping the list sorted; rows usually arrive in order, so the common case is a push. */
function insertSorted(list: Place[], place: Place): void {
  let i = list.length;
  while (i > 0 && comparePlaces(list[i - 1]!, place) > 0) i--;
  list.splice(i, 0, place);
}

function removePlace(map: Map<string, Place[]>, key: string, place: Place): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.findIndex((p) => p.row === place.row && p.col === place.col);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

/**
 * Indexes of canonical identifiers → where they stand, so the duplicate rules of one row can be
 * answered without scanning the sheet, and an edit re-checks only the rows that share its values.
 */
export class CrossRowIndex {
  private readonly mpan = new Map<string, Place[]>();
  private readonly mprn = new Map<string, Place[]>();
  private readonly devices = new Map<string, Place[]>();

  constructor(private readonly ctx: RowContext) {}

  add(row: number, keys: RowKeys): void {
    this.each(row, keys, (map, key, place) => {
      const list = map.get(key);
      if (list) insertSorted(list, place);
      else map.set(key, [place]);
    });
  }

  remove(row: number, keys: RowKeys): void {
    this.each(row, keys, (map, key, place) => removePlace(map, key, place));
  }

  /** Rows whose duplicate findings depend on any of these keys. */
  rowsSharing(keys: RowKeys, into: Set<number>): void {
    const collect = (map: Map<string, Place[]>, key: string | undefined): void => {
      if (key === undefined) return;
      for (const p of map.get(key) ?? []) into.add(p.row);
    };
    collect(this.mpan, keys.mpan);
    collect(this.mprn, keys.mprn);
    for (const d of keys.devices) collect(this.devices, d.key);
  }

  findingsFor(row: number, keys: RowKeys): Finding[] {
    const out: Finding[] = [];
    const ctx = this.ctx;
    const meter = (map: Map<string, Place[]>, key: string | undefined, fieldId: 'mpan' | 'mprn', label: string): void => {
      if (key === undefined) return;
      const first = map.get(key)?.[0];
      const col = ctx.detection.columns.get(fieldId);
      if (!first || first.row >= row || col === undefined) return;
      out.push(cellFinding(duplicateMeterPoint, ctx, row, col, fieldId, duplicateMeterPointMessage(label, key, first.row), undefined, { firstRow: first.row }));
    };
    meter(this.mpan, keys.mpan, 'mpan', 'MPAN core');
    meter(this.mprn, keys.mprn, 'mprn', 'MPRN');
    for (const { col, key } of keys.devices) {
      const places = this.devices.get(key) ?? [];
      const first = places[0];
      const fieldId = this.fieldAt(col);
      if (first && first.row < row) {
        out.push(cellFinding(duplicateDeviceId, ctx, row, col, fieldId, duplicateDeviceIdMessage(key, first.row), undefined, { firstRow: first.row }));
        continue;
      }
      const earlierInRow = places.find((p) => p.row === row && p.col < col);
      if (earlierInRow) {
        const other = ctx.detection.boundFields.find((b) => b.col === earlierInRow.col);
        out.push(cellFinding(deviceIdRepeatedInRow, ctx, row, col, fieldId, deviceIdRepeatedInRowMessage(key, other ? headerOf(ctx, other.field) : 'another device')));
      }
    }
    return out;
  }

  private fieldAt(col: number): string {
    return this.ctx.detection.boundFields.find((b) => b.col === col)?.field.id ?? 'device';
  }

  private each(row: number, keys: RowKeys, fn: (map: Map<string, Place[]>, key: string, place: Place) => void): void {
    const mpanCol = this.ctx.detection.columns.get('mpan') ?? 0;
    const mprnCol = this.ctx.detection.columns.get('mprn') ?? 0;
    if (keys.mpan !== undefined) fn(this.mpan, keys.mpan, { row, col: mpanCol });
    if (keys.mprn !== undefined) fn(this.mprn, keys.mprn, { row, col: mprnCol });
    for (const d of keys.devices) fn(this.devices, d.key, { row, col: d.col });
  }
}
