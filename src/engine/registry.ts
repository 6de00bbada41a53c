import type { CellValue } from './cell';
import type { FieldType } from './profile';
import type { AcrossRowsCheck, BlankRunCheck, CellCheck, IdentifierKind, Rule, RowCheck, RuleSet, WorkbookCheck } from './rule';

/** A check with the rule it belongs to, so a report names its rule without a lookup. */
export interface Bound<C> {
  readonly rule: Rule;
  readonly check: C;
}

export type BoundCellCheck = Bound<CellCheck<boolean>['check']>;

/**
 * A rule set arranged for the engine: per field type, the cell checks in evaluation order (stage,
 * then rule id); the row, across-rows and workbook checks; each rule's stage for the fix planner.
 * Built once per rule set and kept (the catalogue is one frozen array).
 */
export interface CompiledRules {
  readonly rules: RuleSet;
  /** The cell checks that run on a value of this kind in a field of this type, in evaluation order. */
  readonly cellChecks: (type: FieldType, kind: CellValue['kind']) => readonly BoundCellCheck[];
  readonly rowChecks: readonly Bound<RowCheck<boolean>>[];
  readonly blankRunChecks: readonly Bound<BlankRunCheck>[];
  readonly acrossRowsChecks: (kind: IdentifierKind) => readonly Bound<AcrossRowsCheck['check']>[];
  readonly workbookChecks: readonly Bound<WorkbookCheck>[];
  /** A rule's stage; unknown ids sort last. */
  readonly stageOf: (ruleId: string) => number;
}

const compiled = new WeakMap<RuleSet, CompiledRules>();

const byStageThenId = (a: Rule, b: Rule): number => a.stage - b.stage || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function compileRules(rules: RuleSet): CompiledRules {
  const known = compiled.get(rules);
  if (known) return known;
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`Two rules share the id "${r.id}"`);
    ids.add(r.id);
  }
  const ordered = [...rules].sort(byStageThenId);
  const cellTable = new Map<FieldType, Map<CellValue['kind'], BoundCellCheck[]>>();
  const cellChecks = (type: FieldType, kind: CellValue['kind']): readonly BoundCellCheck[] => {
    let byKind = cellTable.get(type);
    if (!byKind) cellTable.set(type, (byKind = new Map<CellValue['kind'], BoundCellCheck[]>()));
    let list = byKind.get(kind);
    if (!list) {
      list = ordered.flatMap((rule) => {
        const c = rule.cellCheck;
        const applies = c && (c.types === 'every' || c.types.includes(type)) && (!c.values || c.values.includes(kind));
        return applies ? [{ rule, check: c.check }] : [];
      });
      byKind.set(kind, list);
    }
    return list;
  };
  const acrossByKind = new Map<IdentifierKind, Bound<AcrossRowsCheck['check']>[]>();
  for (const rule of ordered) {
    const c = rule.acrossRowsCheck;
    if (!c) continue;
    const list = acrossByKind.get(c.identifiers) ?? [];
    list.push({ rule, check: c.check });
    acrossByKind.set(c.identifiers, list);
  }
  const stages = new Map(rules.map((r) => [r.id, r.stage]));
  const result: CompiledRules = {
    rules,
    cellChecks,
    rowChecks: ordered.flatMap((rule) => (rule.rowCheck ? [{ rule, check: rule.rowCheck }] : [])),
    blankRunChecks: ordered.flatMap((rule) => (rule.blankRunCheck ? [{ rule, check: rule.blankRunCheck }] : [])),
    acrossRowsChecks: (kind) => acrossByKind.get(kind) ?? [],
    workbookChecks: ordered.flatMap((rule) => (rule.workbookCheck ? [{ rule, check: rule.workbookCheck }] : [])),
    stageOf: (id) => stages.get(id) ?? Number.MAX_SAFE_INTEGER,
  };
  compiled.set(rules, result);
  return result;
}
