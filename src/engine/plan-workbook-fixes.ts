import { applyEditsToSnapshot } from './apply-edits';
import type { Edit, FixSelection } from './fix-planner';
import { planFixesToFixpoint } from './fix-planner';
import type { EngineOptions } from './result';
import type { WorkbookSnapshot } from './snapshot';
import { compileRules } from './registry';
import { validateWorkbook } from './validate';

/**
 * The edits that carry out a fix selection on a workbook, including fixes that only appear once
 * earlier ones are applied. One edit per cell, from its current value to its final one. The rule set
 * alone decides the rule ids a selection may name.
 */
export function planWorkbookFixes<Id extends string>(workbook: WorkbookSnapshot, options: EngineOptions<Id>, selection: FixSelection<NoInfer<Id>>): Edit<Id>[] {
  const findings = validateWorkbook(workbook, options).findings;
  return planFixesToFixpoint(
    findings,
    selection,
    compileRules(options.rules).stageOf,
    (edits) => validateWorkbook(applyEditsToSnapshot(workbook, edits).workbook, options).findings,
  );
}
