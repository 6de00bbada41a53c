import { useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent, type MouseEvent } from 'react';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding } from '../../engine/finding';
import { ChevronDownIcon, ChevronRightIcon } from '../shared/icons';
import { formatCount, placeOf, spokenPlaceOf, targetOf, type CellTarget } from '../shared/labels';
import { SeverityBadge, SeverityIcon } from '../shared/severity-badge';
import { FindingDetails } from './finding-details';
import { PAGE_SIZE, visibleRows, type FindingGroup, type IssueRow } from './issue-rows';
import type { RuleId } from '../../rules';
import type { PaneRule } from '../shared/pane-rule';

/** Up to this many findings in total, every group starts open; beyond it, groups start closed. */
const OPEN_ALL_UP_TO = 100;

const useStyles = makeStyles({
  tree: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  row: {
    display: 'flex',
    columnGap: '6px',
    alignItems: 'flex-start',
    paddingTop: '6px',
    paddingBottom: '6px',
    paddingRight: '8px',
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    outlineStyle: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
    '@media (forced-colors: active)': {
      ':focus-visible': { outline: '2px solid Highlight' },
      ':hover': { outline: '1px solid Highlight' },
    },
  },
  groupRow: { paddingLeft: '4px', backgroundColor: tokens.colorNeutralBackground2 },
  childRow: { paddingLeft: '26px' },
  disabled: { cursor: 'default' },
  icon: { flexShrink: 0, marginTop: '2px' },
  body: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0, flexGrow: 1 },
  titleLine: { display: 'flex', columnGap: '6px', alignItems: 'baseline', justifyContent: 'space-between' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  count: {
    flexShrink: 0,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: '6px', rowGap: '2px', alignItems: 'center' },
  ruleId: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  why: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  place: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
  message: { overflowWrap: 'anywhere' },
  action: { flexShrink: 0, alignSelf: 'center', '@media (forced-colors: active)': { color: 'ButtonText !important' } },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  more: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, '@media (forced-colors: active)': { color: 'LinkText' } },
});

export interface IssueTreeProps {
  readonly groups: readonly FindingGroup[];
  readonly rules: ReadonlyMap<RuleId, PaneRule>;
  /** The template's data sheet: places on it are shown without the sheet name. */
  readonly dataSheet: string | null;
  readonly onGoTo: (target: CellTarget, finding: Finding<RuleId>) => void;
  /** Given when fixes can be written here: each fixable finding gets a Fix button, each group a "Fix all N". */
  readonly fixes?: IssueTreeFixes;
}

export interface IssueTreeFixes {
  readonly disabled: boolean;
  readonly onFix: (finding: Finding<RuleId>, from: HTMLElement) => void;
  readonly onFixAll: (group: FindingGroup, from: HTMLElement) => void;
}

/** Findings of a group a "Fix all" would change (the engine offers a fix and the place is a cell). */
function fixableCount(group: FindingGroup): number {
  return group.findings.filter((f) => f.fix !== null && f.sheet !== null && f.cell !== null).length;
}

/**
 * Findings grouped by rule as a flat ARIA tree (like Fluent's FlatTree): one tab stop (roving
 * tabindex), arrows move, Right/Left open and close a group, Home/End jump, Enter/Space go to the cell.
 * Each open group renders at most its page of findings and a "show more" row, so the DOM stays small.
 */
export function IssueTree({ groups, rules, dataSheet, onGoTo, fixes }: IssueTreeProps): JSX.Element {
  const styles = useStyles();
  const total = useMemo(() => groups.reduce((n, g) => n + g.findings.length, 0), [groups]);
  // `null` until the user opens or closes a group: until then, open everything when the list is short.
  const [chosenOpen, setChosenOpen] = useState<ReadonlySet<RuleId> | null>(null);
  const [limits, setLimits] = useState<ReadonlyMap<RuleId, number>>(new Map());
  const [activeIndex, setActiveIndex] = useState(0);
  const focusPending = useRef(false);
  const rowElements = useRef(new Map<string, HTMLDivElement>());

  const open = useMemo<ReadonlySet<RuleId>>(
    () => chosenOpen ?? (total <= OPEN_ALL_UP_TO ? new Set(groups.map((g) => g.ruleId)) : new Set()),
    [chosenOpen, total, groups],
  );
  const rows = useMemo(() => visibleRows(groups, open, limits), [groups, open, limits]);
  const active = Math.max(0, Math.min(activeIndex, rows.length - 1));

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const row = rows[active];
    if (row) rowElements.current.get(row.key)?.focus();
  }, [active, rows]);

  const moveTo = (index: number): void => {
    focusPending.current = true;
    setActiveIndex(Math.max(0, Math.min(index, rows.length - 1)));
  };

  const setOpen = (ruleId: RuleId, isOpen: boolean): void => {
    const next = new Set(open);
    if (isOpen) next.add(ruleId);
    else next.delete(ruleId);
    setChosenOpen(next);
  };

  const showMore = (row: Extract<IssueRow, { kind: 'more' }>): void => {
    const next = new Map(limits);
    next.set(row.group.ruleId, (limits.get(row.group.ruleId) ?? PAGE_SIZE) + PAGE_SIZE);
    setLimits(next);
  };

  const activate = (row: IssueRow, index: number): void => {
    if (row.kind === 'group') setOpen(row.group.ruleId, !row.expanded);
    else if (row.kind === 'more') {
      showMore(row);
      // The first newly shown finding takes the place (and the focus) of the "show more" row.
      moveTo(index);
    } else {
      const target = targetOf(row.finding);
      if (target) onGoTo(target, row.finding);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys pressed on a row's Fix button are the button's own.
    if ((event.target as HTMLElement).getAttribute('role') !== 'treeitem') return;
    const row = rows[active];
    if (!row) return;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        moveTo(active - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.kind === 'group' && !row.expanded) setOpen(row.group.ruleId, true);
        else if (row.kind === 'group') moveTo(active + 1);
        break;
      case 'ArrowLeft':
        if (row.kind === 'group' && row.expanded) setOpen(row.group.ruleId, false);
        else if (row.kind !== 'group') moveTo(rows.findIndex((r) => r.kind === 'group' && r.group === row.group));
        break;
      case 'Enter':
      case ' ':
        activate(row, active);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const rowProps = (row: IssueRow, index: number) => ({
    ref: (el: HTMLDivElement | null) => {
      if (el) rowElements.current.set(row.key, el);
      else rowElements.current.delete(row.key);
    },
    role: 'treeitem',
    tabIndex: index === active ? 0 : -1,
    onFocus: () => setActiveIndex(index),
    onClick: () => {
      setActiveIndex(index);
      activate(row, index);
    },
  });

  return (
    <div role="tree" aria-label="Issues by rule" className={styles.tree} onKeyDown={onKeyDown}>
      {rows.map((row, index) => {
        if (row.kind === 'group') {
          const meta = rules.get(row.group.ruleId);
          const title = meta?.title ?? row.group.ruleId;
          const count = row.group.findings.length;
          const whyId = `why-${row.group.ruleId}`;
          const fixCount = fixes ? fixableCount(row.group) : 0;
          return (
            <div
              key={row.key}
              {...rowProps(row, index)}
              aria-level={1}
              aria-posinset={row.position}
              aria-setsize={row.groupCount}
              aria-expanded={row.expanded}
              aria-describedby={row.expanded && meta ? whyId : undefined}
              data-rule-id={row.group.ruleId}
              className={mergeClasses(styles.row, styles.groupRow)}
            >
              {row.expanded ? <ChevronDownIcon className={styles.icon} /> : <ChevronRightIcon className={styles.icon} />}
              {/* The row is named by its visible text (no aria-label), so what is read matches what is seen. */}
              <div className={styles.body}>
                <div className={styles.titleLine}>
                  <span className={styles.title}>{title}</span>
                  <span className={styles.count}>
                    {formatCount(count)}
                    <span className={styles.srOnly}> {count === 1 ? 'issue' : 'issues'}</span>
                  </span>
                </div>
                <div className={styles.meta}>
                  <SeverityBadge severity={row.group.severity} />
                  <span className={styles.ruleId}>{row.group.ruleId}</span>
                  {fixes && fixCount > 1 ? (
                    <Button
                      size="small"
                      className={styles.action}
                      tabIndex={index === active ? 0 : -1}
                      disabled={fixes.disabled}
                      onClick={(event: MouseEvent<HTMLButtonElement>) => {
                        event.stopPropagation();
                        fixes.onFixAll(row.group, event.currentTarget);
                      }}
                    >
                      Fix all {formatCount(fixCount)}
                    </Button>
                  ) : null}
                </div>
                {row.expanded && meta ? (
                  // Read as the row's description (aria-describedby), not again as part of its name.
                  <span id={whyId} className={styles.why} aria-hidden="true">
                    {meta.why}
                  </span>
                ) : null}
              </div>
            </div>
          );
        }
        if (row.kind === 'more') {
          const step = Math.min(PAGE_SIZE, row.remaining);
          return (
            <div
              key={row.key}
              {...rowProps(row, index)}
              aria-level={2}
              aria-posinset={row.position}
              aria-setsize={row.shownCount}
              className={mergeClasses(styles.row, styles.childRow, styles.more)}
            >
              Show {formatCount(step)} more ({formatCount(row.remaining)} not shown)
            </div>
          );
        }
        const f = row.finding;
        const navigable = targetOf(f) !== null;
        return (
          <div
            key={row.key}
            {...rowProps(row, index)}
            aria-level={2}
            aria-posinset={row.position}
            aria-setsize={row.shownCount}
            aria-disabled={navigable ? undefined : true}
            title={navigable ? `Go to ${spokenPlaceOf(f)}` : undefined}
            className={mergeClasses(styles.row, styles.childRow, !navigable && styles.disabled)}
          >
            <SeverityIcon severity={f.severity} className={styles.icon} />
            <div className={styles.body}>
              <div className={styles.meta}>
                <span className={styles.place}>{placeOf(f, dataSheet)}</span> <span className={styles.message}>{f.message}</span>
              </div>
              <FindingDetails finding={f} />
            </div>
            {fixes && f.fix && f.cell !== null ? (
              <Button
                size="small"
                className={styles.action}
                tabIndex={index === active ? 0 : -1}
                disabled={fixes.disabled}
                onClick={(event: MouseEvent<HTMLButtonElement>) => {
                  event.stopPropagation();
                  fixes.onFix(f, event.currentTarget);
                }}
              >
                Fix
              </Button>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
