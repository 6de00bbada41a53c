import { toA1 } from './address';
import type { Cell } from './cell';
import { displayValue } from './cell';
import type { FieldSpec, Profile } from './profile';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';
import { cellAt } from './snapshot';
import { normaliseLabel } from './text-hygiene';

/** Where a header-block value lives (column B of its label's row). */
export interface HeaderBlockCell {
  readonly row: number;
  readonly col: number;
  readonly address: string;
  readonly cell: Cell;
}

export interface Detection {
  readonly profile: Profile;
  readonly sheet: SheetSnapshot;
  readonly headerRow: number;
  /** Field id → 1-based column. */
  readonly columns: ReadonlyMap<string, number>;
  /** Bound fields in column order. */
  readonly boundFields: readonly { readonly field: FieldSpec; readonly col: number }[];
  readonly missingFields: readonly FieldSpec[];
  readonly version?: HeaderBlockCell;
  readonly userId?: HeaderBlockCell;
  readonly serviceProvider?: HeaderBlockCell;
  readonly otherTemplateSheets: readonly string[];
}

interface Candidate {
  readonly profile: Profile;
  readonly sheet: SheetSnapshot;
  readonly sheetIndex: number;
  readonly headerRow: number;
  readonly columns: Map<string, number>;
  readonly titleMatch: boolean;
  readonly sheetNameMatch: boolean;
}

/** header text (normalised) → field id, for one profile. */
function headerIndex(profile: Profile): Map<string, string> {
  const index = new Map<string, string>();
  for (const field of profile.fields) {
    for (const header of field.headers) {
      const key = normaliseLabel(header);
      if (!index.has(key)) index.set(key, field.id);
    }
  }
  return index;
}

function cellText(cell: Cell): string {
  const v = displayValue(cell.value);
  return typeof v === 'string' ? v : String(v);
}

/** Binds columns of one row to fields; the first column with a field's header wins. */
function bindRow(sheet: SheetSnapshot, row: number, index: Map<string, string>): Map<string, number> {
  const bound = new Map<string, number>();
  const cells = sheet.rows[row - 1];
  if (!cells) return bound;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell || cell.value.kind !== 'text') continue;
    const fieldId = index.get(normaliseLabel(cell.value.text));
    if (fieldId !== undefined && !bound.has(fieldId)) bound.set(fieldId, c + 1);
  }
  return bound;
}

function findHeaderRow(sheet: SheetSnapshot, profile: Profile, index: Map<string, string>): { row: number; columns: Map<string, number> } | undefined {
  const limit = Math.min(profile.headerSearchRows, sheet.rows.length);
  for (let r = 1; r <= limit; r++) {
    const columns = bindRow(sheet, r, index);
    if (columns.size >= profile.minHeaderMatches) return { row: r, columns };
  }
  return undefined;
}

function titleOf(sheet: SheetSnapshot): string {
  return normaliseLabel(cellText(cellAt(sheet, 1, 1)));
}

function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.titleMatch !== b.titleMatch) return a.titleMatch ? -1 : 1;
  if (a.sheetNameMatch !== b.sheetNameMatch) return a.sheetNameMatch ? -1 : 1;
  if (a.columns.size !== b.columns.size) return b.columns.size - a.columns.size;
  return a.sheetIndex - b.sheetIndex;
}

function readHeaderBlock(sheet: SheetSnapshot, headerRow: number, labels: readonly string[]): HeaderBlockCell | undefined {
  const wanted = new Set(labels.map(normaliseLabel));
  for (let r = 1; r < headerRow; r++) {
    const label = cellAt(sheet, r, 1);
    if (label.value.kind !== 'text') continue;
    const key = normaliseLabel(label.value.text).replace(/\s*:$/, '');
    if (wanted.has(key)) return { row: r, col: 2, address: toA1(r, 2), cell: cellAt(sheet, r, 2) };
  }
  return undefined;
}

/**
 * Decides which template a workbook is, on which sheet, and where its table starts (docs/templates.md,
 * Shared structure). Returns undefined when no sheet has a header row of any profile.
 */
export function detectTemplate(workbook: WorkbookSnapshot, profiles: readonly Profile[]): Detection | undefined {
  const candidates: Candidate[] = [];
  for (const profile of profiles) {
    const index = headerIndex(profile);
    const title = normaliseLabel(profile.titleContains);
    const dataSheet = normaliseLabel(profile.dataSheet);
    workbook.sheets.forEach((sheet, sheetIndex) => {
      const found = findHeaderRow(sheet, profile, index);
      if (!found) return;
      candidates.push({
        profile,
        sheet,
        sheetIndex,
        headerRow: found.row,
        columns: found.columns,
        titleMatch: titleOf(sheet).includes(title),
        sheetNameMatch: normaliseLabel(sheet.name) === dataSheet,
      });
    });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort(compareCandidates);
  const best = candidates[0]!;
  const { profile, sheet, headerRow, columns } = best;
  const boundFields = profile.fields
    .filter((f) => columns.has(f.id))
    .map((field) => ({ field, col: columns.get(field.id)! }))
    .sort((a, b) => a.col - b.col);
  const missingFields = profile.fields.filter((f) => !columns.has(f.id));
  const otherTemplateSheets = [...new Set(candidates.filter((c) => c.sheet !== sheet).map((c) => c.sheet.name))];
  return {
    profile,
    sheet,
    headerRow,
    columns,
    boundFields,
    missingFields,
    otherTemplateSheets,
    version: readHeaderBlock(sheet, headerRow, profile.headerBlock.version),
    userId: readHeaderBlock(sheet, headerRow, profile.headerBlock.userId),
    serviceProvider: readHeaderBlock(sheet, headerRow, profile.headerBlock.serviceProvider),
  };
}
