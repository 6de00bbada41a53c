import { useCallback, useMemo, useState, useSyncExternalStore, type JSX, type ReactNode } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import type { Finding, Severity } from '../engine/finding';
import { GatewayError, type WorkbookGateway } from '../excel/gateway';
import { RuleCatalogue } from './catalogue/rule-catalogue';
import type { IssueFixDeps } from './fixes/issue-fixes';
import { IssuesPanel } from './issues/issues-panel';
import type { PaneController, PaneState } from './pane-controller';
import { SettingsIcon } from './shared/icons';
import { SEVERITIES, spokenPlaceOf, type CellTarget } from './shared/labels';
import { NotATemplate } from './status/not-a-template';
import { ScanProgressLine } from './status/scan-progress';
import { StatusHeader } from './status/status-summary';
import { TRAINING_SHEET_NAME } from './training/training-sheet';
import type { RuleId } from '../rules';
import type { PaneRule } from './shared/pane-rule';

/** What a slotted feature (fixes, settings, export gate) receives from the shell. */
export interface PaneSlotContext {
  readonly state: PaneState;
  readonly gateway: WorkbookGateway;
  readonly controller: PaneController;
}

/**
 * Places for the features built beside this shell (src/taskpane/fixes, settings, export). The shell
 * shows a Fixes, Export or Settings tab only when that slot is given.
 */
export interface PaneSlots {
  readonly fixes?: (context: PaneSlotContext) => ReactNode;
  readonly settings?: (context: PaneSlotContext) => ReactNode;
  /** The Export tab (the header's ready / not ready opens it). */
  readonly exportGate?: (context: PaneSlotContext) => ReactNode;
  /** Fix buttons in the issue list (each finding, each rule group). */
  readonly issueFixes?: IssueFixDeps;
  /** Trainer mode (src/taskpane/training): a Training tab after Rules. */
  readonly training?: (context: PaneSlotContext) => ReactNode;
}

export interface AppProps {
  readonly gateway: WorkbookGateway;
  readonly controller: PaneController;
  /** The rule catalogue (RULES from src/rules): titles and explanations for the list and the Rules tab. */
  readonly rules: readonly PaneRule[];
  /** webLightTheme or webDarkTheme, chosen by index.tsx from Office's theme. */
  readonly theme: Theme;
  readonly slots?: PaneSlots;
}

type TabId = 'issues' | 'fixes' | 'export' | 'rules' | 'training' | 'settings';

const TAB_NAMES: Readonly<Record<TabId, string>> = {
  issues: 'Issues',
  fixes: 'Fixes',
  export: 'Export',
  rules: 'Rules',
  training: 'Training',
  settings: 'Settings',
};

const useStyles = makeStyles({
  root: {
    // One scroll container for the whole pane; the header and tabs stay pinned so the state is
    // always in view, and everything below them is the current tab.
    height: '100vh',
    overflowY: 'auto',
    // Keeps a focused row from scrolling under the pinned header.
    scrollPaddingTop: '96px',
    boxSizing: 'border-box',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (forced-colors: active)': { color: 'CanvasText', backgroundColor: 'Canvas' },
  },
  pinned: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (forced-colors: active)': { backgroundColor: 'Canvas', borderBottom: '1px solid CanvasText' },
  },
  top: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
    padding: '6px 8px 0 12px',
    minWidth: 0,
    ':empty': { display: 'none' },
  },
  bar: { minWidth: 0 },
  wrap: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
  tabs: { flexWrap: 'wrap', paddingLeft: '2px' },
  // Six tabs fit one line at 320 px: Fluent's small tabs a little narrower, their labels a size smaller,
  // Settings as a gear (as in Office's own panes). They wrap rather than scroll if a font is wider.
  tab: { paddingLeft: '4px', paddingRight: '4px' },
  // Fluent's tab labels keep their token colour in forced colours (forced-color-adjust: none), which is
  // unreadable on a high-contrast background: the system's button text colour is used instead.
  tabLabel: { fontSize: tokens.fontSizeBase200, '@media (forced-colors: active)': { color: 'ButtonText !important' } },
  body: { padding: '8px 12px 16px 12px', minWidth: 0 },
});

/**
 * The task pane: a compact header (template, readiness, counts, Re-check, Highlight cells), then tabs
 * (Issues, Fixes, Export, Rules, Training, Settings). The findings are the first thing below the
 * header. It reads the workbook only through `controller` (validation state) and `gateway` (going to
 * a cell); it never calls Office.
 */
export function App({ gateway, controller, rules, theme, slots = {} }: AppProps): JSX.Element {
  const styles = useStyles();
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const [tab, setTab] = useState<TabId>('issues');
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<ReadonlySet<Severity>>(() => new Set(SEVERITIES));
  const rulesById = useMemo(() => new Map(rules.map((r) => [r.id, r])), [rules]);
  const context: PaneSlotContext = { state, gateway, controller };
  const result = state.result;
  const checking = state.phase === 'checking';

  const recheck = useCallback(() => {
    setNotice(null);
    // The user's own Cancel is said by the scan notes; only a real failure gets this notice.
    controller.recheck().catch((e: unknown) => {
      if (!(e instanceof GatewayError && e.code === 'cancelled')) setNotice('The workbook could not be checked again. Try Re-check all once more.');
    });
  }, [controller]);

  const goTo = useCallback(
    (target: CellTarget, finding: Finding<RuleId>) => {
      setNotice(null);
      gateway
        .select(target.sheet, target.cell)
        .catch(() => setNotice(`Could not go to ${spokenPlaceOf(finding)}. The sheet may have been renamed or deleted.`));
    },
    [gateway],
  );

  const toggleHighlights = (on: boolean): void => {
    setNotice(null);
    controller.setHighlights(on).catch(() => setNotice(on ? 'Highlights could not be shown.' : 'Highlights could not be removed.'));
  };

  const toggleSeverity = (severity: Severity): void => {
    const next = new Set(shown);
    if (next.has(severity)) next.delete(severity);
    else next.add(severity);
    setShown(next);
    setTab('issues');
  };

  const tabs: TabId[] = ['issues'];
  if (slots.fixes) tabs.push('fixes');
  if (slots.exportGate && result?.template) tabs.push('export');
  tabs.push('rules');
  if (slots.training) tabs.push('training');
  if (slots.settings) tabs.push('settings');
  const current: TabId = tabs.includes(tab) ? tab : 'issues';
  // The pane's own training sheet is not "another template" the analyst should worry about.
  const otherSheets = (result?.otherTemplateSheets ?? []).filter((name) => !name.startsWith(TRAINING_SHEET_NAME));

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <div className={styles.pinned}>
        <div className={styles.top}>
          {state.phase === 'failed' ? (
            <MessageBar intent="error" layout="multiline" className={styles.bar}>
              <MessageBarBody className={styles.wrap}>
                <MessageBarTitle>Could not read the workbook</MessageBarTitle>
                {state.error ?? 'Something stopped MAM Prep reading this workbook.'}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={recheck}>
                  Try again
                </Button>
              </MessageBarActions>
            </MessageBar>
          ) : null}
          {result?.template ? (
            <StatusHeader
              result={result}
              shown={shown}
              onToggleSeverity={toggleSeverity}
              onOpenExport={() => setTab(slots.exportGate ? 'export' : 'issues')}
              onRecheck={recheck}
              checking={checking}
              highlights={state.highlights}
              onToggleHighlights={toggleHighlights}
            >
              {checking ? <Spinner size="extra-tiny" label="Checking…" /> : null}
            </StatusHeader>
          ) : null}
          {!result && checking ? <Spinner size="tiny" label="Checking the workbook…" /> : null}
          {state.scan && controller.cancelScan ? <ScanProgressLine progress={state.scan} onCancel={controller.cancelScan} /> : null}
          {state.scanNotes && state.scanNotes.length > 0 ? (
            <MessageBar intent="info" layout="multiline" className={styles.bar}>
              <MessageBarBody className={styles.wrap}>
                {state.scanNotes.map((note) => (
                  <div key={note}>{note}</div>
                ))}
              </MessageBarBody>
              {!result && !checking ? (
                <MessageBarActions>
                  <Button size="small" onClick={recheck}>
                    Check again
                  </Button>
                </MessageBarActions>
              ) : null}
            </MessageBar>
          ) : null}
          {notice ? (
            <MessageBar intent="warning" role="alert" layout="multiline" className={styles.bar}>
              <MessageBarBody className={styles.wrap}>{notice}</MessageBarBody>
            </MessageBar>
          ) : null}
          {/* What the controller says besides findings: waiting for a cell edit, colours kept in the pane only, events not received. */}
          {(state.notices ?? []).map((text) => (
            <MessageBar key={text} intent="info" layout="multiline" className={styles.bar}>
              <MessageBarBody className={styles.wrap}>{text}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
        <TabList className={styles.tabs} size="small" selectedValue={current} onTabSelect={(_event, data) => setTab(data.value as TabId)}>
          {tabs.map((id) =>
            id === 'settings' ? (
              <Tab
                key={id}
                value={id}
                className={styles.tab}
                icon={{ children: <SettingsIcon />, className: styles.tabLabel }}
                aria-label={TAB_NAMES[id]}
                title={TAB_NAMES[id]}
              />
            ) : (
              <Tab key={id} value={id} className={styles.tab} content={{ className: styles.tabLabel }}>
                {TAB_NAMES[id]}
              </Tab>
            ),
          )}
        </TabList>
      </div>
      <div className={styles.body} role="tabpanel" aria-label={TAB_NAMES[current]}>
        {current === 'issues' ? (
          result === null ? null : result.template === null ? (
            <NotATemplate onRecheck={recheck} checking={checking} />
          ) : (
            <IssuesPanel result={result} rules={rulesById} shown={shown} onGoTo={goTo} fixes={slots.issueFixes} otherSheets={otherSheets} />
          )
        ) : null}
        {current === 'fixes' && slots.fixes ? slots.fixes(context) : null}
        {current === 'export' && slots.exportGate ? slots.exportGate(context) : null}
        {current === 'rules' ? <RuleCatalogue rules={rules} /> : null}
        {current === 'training' && slots.training ? slots.training(context) : null}
        {current === 'settings' && slots.settings ? slots.settings(context) : null}
      </div>
    </FluentProvider>
  );
}
