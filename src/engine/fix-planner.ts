import { parseA1 } from './address';
import type { Cell } from './cell';
import { isoToSerial } from './cell';
import type { Finding, Fix, FixType } from './finding';

/** One cell edit the CLI patcher and the pane's gateway both apply. */
export interface Edit<Id extends string = string> {
  readonly sheet: string;
  readonly cell: string;
  readonly row: number;
  readonly col: number;
  /** The value the cell must still hold for the edit to apply (as in the fix). */
  readonly from: string | number | boolean;
  readonly to: string;
  readonly type: FixType;
  readonly ruleId: Id;
}

/** Which fixes to plan. `Id` narrows rule ids to a catalogue's (`FixSelection<RuleId>`). */
export type FixSelection<Id extends string = string> =
  | { readonly kind: 'finding'; readonly finding: Finding<Id> }
  | { readonly kind: 'rule'; readonly ruleId: Id }
  | { readonly kind: 'rules'; readonly ruleIds: readonly Id[] }
  | { readonly kind: 'all' }
  /** Internal to multi-pass planning: keys `sheet\u0000cell`. */
  | { readonly kind: 'cells'; readonly cells: ReadonlySet<string> };

function selected<Id extends string>(f: Finding<Id>, selection: FixSelection<Id>): boolean {
  switch (selection.kind) {
    case 'finding':
      return f === selection.finding || (f.ruleId === selection.finding.ruleId && f.sheet === selection.finding.sheet && f.cell === selection.finding.cell);
    case 'rule':
      return f.ruleId === selection.ruleId;
    case 'rules':
      return selection.ruleIds.includes(f.ruleId);
    case 'all':
      return true;
    case 'cells':
      return f.fix !== null && selection.cells.has(`${f.sheet}\u0000${f.fix.cell}`);
  }
}

/**
 * Turns findings into non-overlapping edits: at most one per cell. Fixes of one cell all start from
 * the same raw value and a later stage's fix already contains the earlier ones (hygiene, then format,
 * then canonical form), so the latest stage wins. `stageOf` gives each rule's stage.
 */
export function planFixes<Id extends string>(findings: readonly Finding<Id>[], selection: FixSelection<Id>, stageOf: (ruleId: string) => number): Edit<Id>[] {
  const byCell = new Map<string, { finding: Finding<Id>; fix: Fix; stage: number }>();
  for (const f of findings) {
    if (!f.fix || !f.sheet || !selected(f, selection)) continue;
    const key = `${f.sheet}\u0000${f.fix.cell}`;
    const stage = stageOf(f.ruleId);
    const current = byCell.get(key);
    if (!current || stage > current.stage) byCell.set(key, { finding: f, fix: f.fix, stage });
  }
  const edits: Edit<Id>[] = [];
  for (const { finding, fix } of byCell.values()) {
    const ref = parseA1(fix.cell);
    if (!ref || finding.sheet === null) continue;
    edits.push({ sheet: finding.sheet, cell: fix.cell, row: ref.row, col: ref.col, from: fix.from, to: fix.to, type: fix.type, ruleId: finding.ruleId });
  }
  edits.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row || a.col - b.col : a.sheet < b.sheet ? -1 : 1));
  return edits;
}

/** The typed cell an edit writes. */
export function cellForEdit(edit: Pick<Edit, 'to' | 'type'>): Cell {
  switch (edit.type) {
    case 'empty':
      return { value: { kind: 'empty' } };
    case 'date':
      return { value: { kind: 'date', serial: isoToSerial(edit.to), iso: edit.to } };
    case 'text':
      return { value: { kind: 'text', text: edit.to } };
  }
}

/**
 * Plans fixes until no selected fixable finding is left (a fix can reveal another, e.g. an upper-cased
 * GroupID that turns out exempt), at most `maxPasses` rounds, like ESLint's fixer. Returns one edit per
 * cell, from the value the cell holds now to its final value.
 */
export function planFixesToFixpoint<Id extends string>(
  findings: readonly Finding<Id>[],
  selection: FixSelection<Id>,
  stageOf: (ruleId: string) => number,
  revalidate: (edits: readonly Edit<Id>[]) => readonly Finding<Id>[],
  maxPasses = 10,
): Edit<Id>[] {
  const composed = new Map<string, Edit<Id>>();
  let current = findings;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = planFixes(current, pass === 0 ? selection : narrowTo(selection, composed), stageOf);
    const fresh = edits.filter((e) => {
      const prior = composed.get(`${e.sheet}\u0000${e.cell}`);
      return !prior || prior.to !== e.to || prior.type !== e.type;
    });
    if (fresh.length === 0) break;
    for (const e of fresh) {
      const key = `${e.sheet}\u0000${e.cell}`;
      const prior = composed.get(key);
      composed.set(key, prior ? { ...e, from: prior.from } : e);
    }
    current = revalidate([...composed.values()]);
  }
  return [...composed.values()].sort((a, b) => (a.sheet === b.sheet ? a.row - b.row || a.col - b.col : a.sheet < b.sheet ? -1 : 1));
}

/** After the first pass, "fix this finding" continues only on the cells it already touched; rule and all selections stay as they are. */
function narrowTo<Id extends string>(selection: FixSelection<Id>, composed: ReadonlyMap<string, Edit<Id>>): FixSelection<Id> {
  if (selection.kind !== 'finding') return selection;
  return { kind: 'cells', cells: new Set(composed.keys()) };
}
