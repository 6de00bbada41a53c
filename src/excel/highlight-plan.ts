import { columnLetters, parseA1 } from '../engine/address';
import type { Highlights } from './gateway';

/**
 * Turns the pane's Highlights into the conditional formats MAM Prep owns. Pure, shared by the
 * Office gateway and the fake.
 *
 * Each format is a custom rule whose formula always evaluates TRUE and carries a marker
 * (`=N("mam-prep:error")=0`), so our formats can be found and removed later, even after the
 * workbook was closed, without touching the template's own fills or formats.
 */

export type HighlightKind = 'exempt' | 'warning' | 'error';

const HIGHLIGHT_MARKER = 'mam-prep:';

/**
 * The marker carries the kind and, when known, which user's MAM Prep wrote the format
 * (`mam-prep:error@u3f9c`): with co-authors, one user's automatic pass leaves another's formats alone.
 */
export const highlightFormula = (kind: HighlightKind, owner?: string): string => `=N("${HIGHLIGHT_MARKER}${kind}${owner ? `@${owner}` : ''}")=0`;

export const isOwnHighlightFormula = (formula: string | null | undefined): boolean => typeof formula === 'string' && formula.includes(`"${HIGHLIGHT_MARKER}`);

const MARKER_PATTERN = /"mam-prep:(exempt|warning|error)(?:@([A-Za-z0-9_-]+))?"/;

/** The kind a MAM Prep formula marks, or null for any other formula. */
export function highlightKindOf(formula: string | null | undefined): HighlightKind | null {
  const m = typeof formula === 'string' ? MARKER_PATTERN.exec(formula) : null;
  return m ? (m[1] as HighlightKind) : null;
}

/** The user a MAM Prep formula was written for; null for formats written before owners were recorded. */
export function highlightOwnerOf(formula: string | null | undefined): string | null {
  const m = typeof formula === 'string' ? MARKER_PATTERN.exec(formula) : null;
  return m?.[2] ?? null;
}

/** A short random id for this user's highlights (kept in user settings, so it survives reloads). */
export function newHighlightOwner(random: () => number = Math.random): string {
  return `u${Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`;
}

/** Distinct fill, font colour and font style per kind: colour is never the only signal. */
export const HIGHLIGHT_STYLES: Readonly<Record<HighlightKind, { fill: string; font: string; bold: boolean; italic: boolean }>> = {
  error: { fill: '#FFC7CE', font: '#9C0006', bold: true, italic: false },
  warning: { fill: '#FFEB9C', font: '#7A4500', bold: false, italic: true },
  exempt: { fill: '#DDEBF7', font: '#1F3864', bold: false, italic: false },
};

/** Excel accepts long RangeAreas addresses, but not unbounded ones; stay far below any host's limit. */
const MAX_ADDRESS_LENGTH = 2000;

export interface HighlightLayer {
  readonly kind: HighlightKind;
  /** Comma-joined range lists, each at most MAX_ADDRESS_LENGTH characters: one conditional format each. */
  readonly addressLists: readonly string[];
}

export interface HighlightPlan {
  readonly sheet: string;
  /** In the order they are added: the last one added wins where they overlap. */
  readonly layers: readonly HighlightLayer[];
}

/** A canonical string for a Highlights value: equal keys mean nothing needs rewriting. */
function highlightsKey(h: Highlights): string {
  const sortCells = (cells: readonly string[]) => [...new Set(cells.map((c) => c.toUpperCase()))].sort();
  return JSON.stringify([h.sheet, sortCells(h.errors), sortCells(h.warnings), [...new Set(h.exemptRows)].sort((a, b) => a - b), h.firstCol, h.lastCol]);
}

/**
 * Whether two highlight sets show the same thing. Sets built the same way come in the same order, so
 * an element-wise pass settles most calls without the sort in highlightsKey.
 */
export function highlightsEqual(a: Highlights | null, b: Highlights | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const same = <T>(x: readonly T[], y: readonly T[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  if (
    a.sheet === b.sheet &&
    a.firstCol === b.firstCol &&
    a.lastCol === b.lastCol &&
    same(a.errors, b.errors) &&
    same(a.warnings, b.warnings) &&
    same(a.exemptRows, b.exemptRows)
  )
    return true;
  return highlightsKey(a) === highlightsKey(b);
}

/** Merges cells of one column in consecutive rows into ranges (`B5:B9`), sorted by column then row. */
export function cellRanges(addresses: readonly string[]): string[] {
  const byCol = new Map<number, number[]>();
  for (const a of addresses) {
    const ref = parseA1(a);
    if (!ref) continue;
    const rows = byCol.get(ref.col) ?? [];
    rows.push(ref.row);
    byCol.set(ref.col, rows);
  }
  const out: string[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const letters = columnLetters(col);
    for (const [start, end] of runs(byCol.get(col)!)) out.push(start === end ? `${letters}${start}` : `${letters}${start}:${letters}${end}`);
  }
  return out;
}

/** Whole-row bands from firstCol to lastCol for runs of consecutive rows (`A5:M9`). */
function rowRanges(rows: readonly number[], firstCol: number, lastCol: number): string[] {
  const a = columnLetters(firstCol);
  const b = columnLetters(Math.max(firstCol, lastCol));
  return runs(rows).map(([start, end]) => `${a}${start}:${b}${end}`);
}

function runs(values: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(values)].filter((v) => Number.isInteger(v) && v > 0).sort((x, y) => x - y);
  const out: Array<[number, number]> = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

/** Joins ranges with commas into lists no longer than `max` characters. */
export function joinAddresses(ranges: readonly string[], max = MAX_ADDRESS_LENGTH): string[] {
  const lists: string[] = [];
  let current = '';
  for (const r of ranges) {
    if (current && current.length + 1 + r.length > max) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${r}` : r;
  }
  if (current) lists.push(current);
  return lists;
}

export function planHighlights(h: Highlights): HighlightPlan {
  const errorSet = new Set(h.errors.map((c) => c.toUpperCase()));
  const warnings = h.warnings.filter((c) => !errorSet.has(c.toUpperCase()));
  const layers: HighlightLayer[] = [
    { kind: 'exempt', addressLists: joinAddresses(rowRanges(h.exemptRows, h.firstCol, h.lastCol)) },
    { kind: 'warning', addressLists: joinAddresses(cellRanges(warnings)) },
    { kind: 'error', addressLists: joinAddresses(cellRanges([...errorSet])) },
  ];
  return { sheet: h.sheet, layers: layers.filter((l) => l.addressLists.length > 0) };
}

/** Every cell a plan covers, with the kind shown there (the last layer wins), for the fake and tests. */
export function expandPlan(plan: HighlightPlan): Map<string, HighlightKind> {
  const cells = new Map<string, HighlightKind>();
  for (const layer of plan.layers) {
    for (const list of layer.addressLists) {
      for (const range of list.split(',')) {
        const [a, b] = range.split(':');
        const start = parseA1(a!);
        const end = b ? parseA1(b) : start;
        if (!start || !end) continue;
        for (let r = start.row; r <= end.row; r++) for (let c = start.col; c <= end.col; c++) cells.set(`${columnLetters(c)}${r}`, layer.kind);
      }
    }
  }
  return cells;
}
