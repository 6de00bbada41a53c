import { SEVERITY_RANK, type Finding, type Severity } from '../../engine/finding';
import type { RuleId } from '../../rules';

/** Findings of one rule, in the engine's order (sheet, row, column). */
export interface FindingGroup {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly findings: readonly Finding<RuleId>[];
}

/**
 * Groups findings by rule, keeping only the severities the user shows. Errors come first, then
 * warnings, then info; within a severity, by rule id, so the order is stable while the user types.
 */
export function groupByRule(findings: readonly Finding<RuleId>[], shown: ReadonlySet<Severity>): FindingGroup[] {
  const byRule = new Map<RuleId, { severity: Severity; findings: Finding<RuleId>[] }>();
  for (const f of findings) {
    if (!shown.has(f.severity)) continue;
    const group = byRule.get(f.ruleId);
    if (group) group.findings.push(f);
    else byRule.set(f.ruleId, { severity: f.severity, findings: [f] });
  }
  return [...byRule.entries()]
    .map(([ruleId, g]) => ({ ruleId, severity: g.severity, findings: g.findings }))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** One focusable line of the issue tree. */
export type IssueRow =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly group: FindingGroup;
      readonly expanded: boolean;
      readonly position: number;
      readonly groupCount: number;
    }
  | {
      readonly kind: 'finding';
      readonly key: string;
      readonly group: FindingGroup;
      readonly finding: Finding<RuleId>;
      readonly position: number;
      readonly shownCount: number;
    }
  | {
      readonly kind: 'more';
      readonly key: string;
      readonly group: FindingGroup;
      readonly remaining: number;
      readonly position: number;
      readonly shownCount: number;
    };

/** How many findings of a group are rendered before "Show more"; also the step of each "Show more". */
export const PAGE_SIZE = 50;

/**
 * The rows to render: each group header, and for an expanded group at most its page limit of findings
 * plus a "show more" row. The DOM therefore stays bounded (groups x limit), however many findings there are.
 */
export function visibleRows(groups: readonly FindingGroup[], expanded: ReadonlySet<RuleId>, limits: ReadonlyMap<RuleId, number>): IssueRow[] {
  const rows: IssueRow[] = [];
  groups.forEach((group, g) => {
    const isOpen = expanded.has(group.ruleId);
    rows.push({ kind: 'group', key: `group:${group.ruleId}`, group, expanded: isOpen, position: g + 1, groupCount: groups.length });
    if (!isOpen) return;
    const limit = Math.min(group.findings.length, limits.get(group.ruleId) ?? PAGE_SIZE);
    const remaining = group.findings.length - limit;
    const shownCount = limit + (remaining > 0 ? 1 : 0);
    for (let i = 0; i < limit; i++) {
      rows.push({ kind: 'finding', key: `finding:${group.ruleId}:${i}`, group, finding: group.findings[i]!, position: i + 1, shownCount });
    }
    if (remaining > 0) rows.push({ kind: 'more', key: `more:${group.ruleId}`, group, remaining, position: limit + 1, shownCount });
  });
  return rows;
}
