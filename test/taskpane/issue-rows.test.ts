import type { Severity } from '../../src/engine/finding';
import { PAGE_SIZE, groupByRule, visibleRows } from '../../src/taskpane/issues/issue-rows';
import { finding } from './pane-fixtures';

const ALL = new Set<Severity>(['error', 'warning', 'info']);

describe('issue rows', () => {
  const findings = [
    finding('eui64-canonical', 'warning', 'F8'),
    finding('required-field', 'error', 'E8'),
    finding('blank-row', 'info', null, { row: 9 }),
    finding('mpan-format', 'error', 'C10'),
    finding('required-field', 'error', 'E10'),
  ];

  it('groups by rule: errors, warnings, info; by rule id within a severity; findings keep their order', () => {
    const groups = groupByRule(findings, ALL);
    expect(groups.map((g) => [g.ruleId, g.findings.map((f) => f.cell ?? f.row)])).toEqual([
      ['mpan-format', ['C10']],
      ['required-field', ['E8', 'E10']],
      ['eui64-canonical', ['F8']],
      ['blank-row', [9]],
    ]);
    expect(groupByRule(findings, new Set<Severity>(['warning'])).map((g) => g.ruleId)).toEqual(['eui64-canonical']);
  });

  it('renders closed groups as one row and open groups up to their limit plus a "show more" row', () => {
    const big = Array.from({ length: PAGE_SIZE * 2 + 7 }, (_, i) => finding('mpan-format', 'error', `C${i + 7}`));
    const groups = groupByRule([...big, finding('blank-row', 'info', null, { row: 3 })], ALL);

    expect(visibleRows(groups, new Set(), new Map()).map((r) => r.kind)).toEqual(['group', 'group']);

    const open = visibleRows(groups, new Set(['mpan-format']), new Map());
    expect(open).toHaveLength(1 + PAGE_SIZE + 1 + 1);
    const more = open[PAGE_SIZE + 1]!;
    expect(more.kind === 'more' && more.remaining).toBe(PAGE_SIZE + 7);

    const all = visibleRows(groups, new Set(['mpan-format']), new Map([['mpan-format', PAGE_SIZE * 3]]));
    expect(all.filter((r) => r.kind === 'finding')).toHaveLength(PAGE_SIZE * 2 + 7);
    expect(all.some((r) => r.kind === 'more')).toBe(false);
  });
});
