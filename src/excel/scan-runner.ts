import { columnLetters } from '../engine/address';
import type { Cell } from '../engine/cell';
import type { DateSystem } from '../engine/date-system';
import { detectTemplate } from '../engine/detect';
import { DEFAULT_PROFILES } from '../engine/profile';
import type { RowUpdate } from '../engine/result';
import type { ListValidation, WorkbookSnapshot } from '../engine/snapshot';
import type { ScanCap, ScanOptions, ScanReport } from './gateway';
import type { LoadedBlock } from './office-cells';
import { rowHasValue, rowsFromBlock } from './office-cells';
import type { LoadedChunk, ReadSegment, RowChunk } from './scan-plan';
import {
  BLANK_ROWS_STOP,
  HEAD_ROWS,
  INITIAL_BYTES_PER_CELL,
  loadAdaptively,
  MAX_SCAN_COLS,
  payloadBytes,
  rereadWidth,
  rowRunSegments,
  throwIfCancelled,
} from './scan-plan';
import { normaliseListSource, SnapshotBuilder } from './snapshot-builder';

/**
 * The scan, written once over four kinds of request so the Office gateway and the fake make exactly
 * the same syncs (each method of ScanSteps is one `context.sync()`):
 *
 * 1. sheets, defined names and the date system (`DATE(2000,1,1)` evaluated by the workbook);
 * 2. each sheet's used range (values only) and its head rows 1..HEAD_ROWS (template detection needs them);
 * 3. only when needed: the used range of the template's bound columns (so a value far below the table
 *    in another column does not stretch the read), the used range of the first MAX_SCAN_COLS columns
 *    of a sheet used further right, and the template's list validations, one range per bound column;
 * 4. the remaining rows, in requests sized by measured payload (scan-plan.ts).
 */

export interface UsedExtent {
  readonly lastRow: number;
  readonly lastCol: number;
}

export type BoundRequest =
  | { readonly kind: 'used'; readonly purpose: 'columns' | 'bound-columns'; readonly sheet: string; readonly lastRow: number; readonly lastCol: number }
  | { readonly kind: 'validation'; readonly sheet: string; readonly col: number; readonly firstRow: number; readonly lastRow: number };

/** A range's data validation as Office reports it for a multi-cell range. */
export type RangeValidation = { readonly type: 'List'; readonly source: string } | { readonly type: 'None' | 'Inconsistent' | 'Other' };

export type BoundResult = { readonly used: UsedExtent | null } | { readonly validation: RangeValidation };

export interface ScanSteps {
  listSheets(): Promise<{
    readonly sheets: ReadonlyArray<{ readonly name: string; readonly hidden: boolean }>;
    readonly definedNames: Record<string, string>;
    /** What `DATE(2000,1,1)` gives in this workbook, or null when the host could not evaluate it. */
    readonly date2000: number | null;
  }>;
  /** For every sheet: its used range (values only) and rows 1..rows × columns 1..cols. */
  loadHeads(sheets: readonly string[], rows: number, cols: number): Promise<ReadonlyArray<{ readonly used: UsedExtent | null; readonly head: LoadedBlock }>>;
  loadBounds(requests: readonly BoundRequest[]): Promise<readonly BoundResult[]>;
  loadBlocks(chunks: readonly RowChunk[]): Promise<ReadonlyArray<LoadedChunk<LoadedBlock>>>;
}

/** DATE(2000,1,1) in the 1900 and the 1904 date system. */
export const DATE_2000 = { '1900': 36526, '1904': 35064 } as const;

function dateSystemFrom(date2000: number | null): { dateSystem: DateSystem; detected: boolean } {
  if (date2000 === DATE_2000['1904']) return { dateSystem: '1904', detected: true };
  return { dateSystem: '1900', detected: date2000 === DATE_2000['1900'] };
}

export interface ScanResult {
  readonly snapshot: WorkbookSnapshot;
  readonly report: ScanReport;
  /** Columns read per sheet (readRows re-reads at this width, capped the same way). */
  readonly widths: ReadonlyMap<string, number>;
}

export async function runScan(steps: ScanSteps, options: ScanOptions = {}): Promise<ScanResult> {
  throwIfCancelled(options.signal);
  const listing = await steps.listSheets();
  const { dateSystem, detected } = dateSystemFrom(listing.date2000);
  throwIfCancelled(options.signal);
  const names = listing.sheets.map((s) => s.name);
  const heads = names.length > 0 ? await steps.loadHeads(names, HEAD_ROWS, MAX_SCAN_COLS) : [];
  throwIfCancelled(options.signal);

  const headRows = heads.map((h) => rowsFromBlock(h.head, dateSystem));
  const detection = detectTemplate(
    { sheets: names.map((name, i) => ({ name, rows: headRows[i]! })), definedNames: listing.definedNames },
    options.profiles ?? DEFAULT_PROFILES,
  );
  const template = detection
    ? { sheet: detection.sheet.name, headerRow: detection.headerRow, lastBoundCol: Math.max(...detection.columns.values()) }
    : undefined;

  // Where each sheet's read ends, before the third request narrows it.
  const plans = names.map((name, i) => {
    const used = heads[i]!.used;
    return { name, used, lastRow: used?.lastRow ?? 0, lastCol: Math.min(used?.lastCol ?? 0, MAX_SCAN_COLS) };
  });
  const requests: BoundRequest[] = [];
  for (const p of plans) {
    if (!p.used) continue;
    if (p.used.lastCol > MAX_SCAN_COLS) requests.push({ kind: 'used', purpose: 'columns', sheet: p.name, lastRow: p.used.lastRow, lastCol: MAX_SCAN_COLS });
    if (template?.sheet === p.name && p.used.lastRow > HEAD_ROWS && template.lastBoundCol < p.lastCol) {
      requests.push({ kind: 'used', purpose: 'bound-columns', sheet: p.name, lastRow: p.used.lastRow, lastCol: template.lastBoundCol });
    }
  }
  const templatePlan = template ? plans.find((p) => p.name === template.sheet) : undefined;
  if (template && templatePlan && templatePlan.lastRow > template.headerRow) {
    const lastProbeRow = Math.min(templatePlan.lastRow, template.headerRow + VALIDATION_PROBE_ROWS);
    for (let col = 1; col <= template.lastBoundCol; col++) {
      requests.push({ kind: 'validation', sheet: template.sheet, col, firstRow: template.headerRow + 1, lastRow: lastProbeRow });
    }
  }
  const results = requests.length > 0 ? await steps.loadBounds(requests) : [];
  throwIfCancelled(options.signal);

  const caps: ScanCap[] = [];
  const lists: Array<{ col: number; firstRow: number; source: string }> = [];
  requests.forEach((req, i) => {
    const result = results[i]!;
    const plan = plans.find((p) => p.name === req.sheet)!;
    if (req.kind === 'used' && 'used' in result) {
      const reason = req.purpose;
      const narrowed = result.used ?? { lastRow: 0, lastCol: 0 };
      if (reason === 'columns') {
        plan.lastRow = Math.min(plan.lastRow, narrowed.lastRow);
        plan.lastCol = Math.min(MAX_SCAN_COLS, narrowed.lastCol);
      } else {
        // Rows below the table's last value in its own columns hold only stray values elsewhere.
        plan.lastRow = Math.min(plan.lastRow, Math.max(narrowed.lastRow, HEAD_ROWS));
      }
      caps.push({
        sheet: plan.name,
        usedLastRow: plan.used!.lastRow,
        usedLastCol: plan.used!.lastCol,
        readLastRow: plan.lastRow,
        readLastCol: plan.lastCol,
        reason,
      });
    } else if (req.kind === 'validation' && 'validation' in result && result.validation.type === 'List') {
      lists.push({ col: req.col, firstRow: req.firstRow, source: result.validation.source });
    }
  });
  const dropped = caps.filter((c) => c.readLastRow >= c.usedLastRow && c.readLastCol >= c.usedLastCol);
  for (const d of dropped) caps.splice(caps.indexOf(d), 1);

  const builder = new SnapshotBuilder();
  const widths = new Map<string, number>();
  const bytesPerRow = new Map<string, number>();
  plans.forEach((p, i) => {
    builder.addSheet(p.name, listing.sheets[i]!.hidden, p.lastRow);
    widths.set(p.name, p.lastCol);
    const head = heads[i]!.head;
    const headCount = Math.min(p.lastRow, head.values.length);
    builder.addChunk(
      { sheet: p.name, startRow: 1, rowCount: headCount, colCount: p.lastCol },
      headRows[i]!.slice(0, headCount).map((r) => r?.slice(0, p.lastCol)),
    );
    if (headCount > 0 && p.lastCol > 0) {
      const sample = {
        values: head.values.slice(0, headCount).map((r) => r.slice(0, p.lastCol)),
        numberFormat: head.numberFormat.slice(0, headCount).map((r) => r.slice(0, p.lastCol)),
      };
      // The head rows (titles, headers) can be shorter than data rows: never guess below the per-cell default.
      bytesPerRow.set(p.name, Math.max(p.lastCol * INITIAL_BYTES_PER_CELL, Math.ceil(payloadBytes(sample) / headCount)));
    }
  });

  // Data rows below the head. A sheet whose used range runs on with formulas showing nothing stops
  // after BLANK_ROWS_STOP such rows below its last value; empty rows (no formula) are read on, since
  // data may follow them.
  const segments: ReadSegment[] = plans
    .filter((p) => p.lastRow > HEAD_ROWS && p.lastCol > 0)
    .map((p) => ({ sheet: p.name, firstRow: HEAD_ROWS + 1, lastRow: p.lastRow, lastCol: p.lastCol }));
  const tail = new Map(plans.map((p, i) => [p.name, { lastValueRow: lastRowWithValue(headRows[i]!, 0), formulaOnlyRows: 0 }]));
  await loadAdaptively(
    segments,
    (batch) => steps.loadBlocks(batch),
    (chunk, block) => {
      const rows = rowsFromBlock(block, dateSystem);
      builder.addChunk(chunk, rows);
      const t = tail.get(chunk.sheet)!;
      rows.forEach((row, i) => {
        if (rowHasValue(row)) {
          t.lastValueRow = chunk.startRow + i;
          t.formulaOnlyRows = 0;
        } else if (row !== undefined) t.formulaOnlyRows++;
      });
      const end = chunk.startRow + chunk.rowCount - 1;
      const plan = plans.find((p) => p.name === chunk.sheet)!;
      if (end < plan.lastRow && t.formulaOnlyRows >= BLANK_ROWS_STOP) {
        const readTo = Math.max(t.lastValueRow, HEAD_ROWS);
        caps.push({
          sheet: plan.name,
          usedLastRow: plan.used!.lastRow,
          usedLastCol: plan.used!.lastCol,
          readLastRow: readTo,
          readLastCol: plan.lastCol,
          reason: 'blank-rows',
        });
        builder.setLastRow(plan.name, readTo);
        return readTo;
      }
      return undefined;
    },
    { onProgress: options.onProgress, signal: options.signal, bytesPerRow },
  );

  if (templatePlan) {
    builder.setValidations(templatePlan.name, validationsFor(lists, builder.lastRow(templatePlan.name)));
  }
  const report: ScanReport = { caps, dateSystem, dateSystemDetected: detected };
  options.onReport?.(report);
  return { snapshot: builder.build(listing.definedNames), report, widths };
}

/** Rows of the template below its header whose list validation is probed (one range per bound column). */
const VALIDATION_PROBE_ROWS = 40;

function validationsFor(found: ReadonlyArray<{ col: number; firstRow: number; source: string }>, lastRow: number): ListValidation[] {
  return found.map((v) => {
    const letters = columnLetters(v.col);
    const end = Math.max(lastRow, v.firstRow);
    return { sqref: end === v.firstRow ? `${letters}${v.firstRow}` : `${letters}${v.firstRow}:${letters}${end}`, source: normaliseListSource(v.source) };
  });
}

function lastRowWithValue(rows: ReadonlyArray<readonly Cell[] | undefined>, offset: number): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rowHasValue(rows[i])) return offset + i + 1;
  return 0;
}

/**
 * Re-reading rows after an edit, over two kinds of request (each one `context.sync()`): blocks of
 * rows, with the sheet's used width riding on the first sync, and a sync of the used width alone.
 */
export interface RowReadSteps {
  loadBlocks(chunks: readonly RowChunk[]): Promise<ReadonlyArray<LoadedChunk<LoadedBlock>>>;
  /** One sync loading only the used width (nothing else is known yet). */
  loadUsedWidth(): Promise<void>;
  /** The sheet's last used column after the first sync (0: empty); rejects with a GatewayError when the sheet is gone. */
  usedLastCol(): number;
}

/**
 * The re-read, written once for both gateways: one sync when the sheet's width is known from an
 * earlier read (the rows at that width, with the used range); the rows are read again, at the new
 * width, only when the sheet grew wider or its width was unknown. Width is capped as in the scan.
 */
export async function runRowRead(
  steps: RowReadSteps,
  sheet: string,
  rows: readonly number[],
  knownWidth: number | undefined,
  dateSystem: DateSystem,
): Promise<{ readonly updates: RowUpdate[]; readonly width: number }> {
  let updates: RowUpdate[] = [];
  let usedLoaded = false;
  const read = async (width: number) => {
    updates = [];
    await loadAdaptively(
      rowRunSegments(sheet, rows, width),
      async (batch) => {
        const loaded = await steps.loadBlocks(batch);
        usedLoaded = true;
        return loaded;
      },
      (chunk, block) => {
        rowsFromBlock(block, dateSystem).forEach((cells, i) => updates.push({ row: chunk.startRow + i, cells: cells ?? [] }));
        return undefined;
      },
    );
  };
  if (knownWidth !== undefined && knownWidth > 0 && rows.length > 0) await read(knownWidth);
  if (!usedLoaded) await steps.loadUsedWidth();
  const width = rereadWidth(steps.usedLastCol(), knownWidth);
  if (width === 0) return { updates: rows.map((row) => ({ row, cells: [] })), width };
  if (knownWidth !== width || !usedLoaded) await read(width);
  return { updates, width };
}
