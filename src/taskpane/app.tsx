import { useCallback, useMemo, useState, useSyncExternalStore, type JSX, type ReactNode } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Tab,
  TabList,
  makeStyles,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import type { Finding } from '../engine/finding';
import type { RuleMeta } from '../engine/rule';
import { GatewayError, type WorkbookGateway } from '../excel/gateway';
import { RuleCatalogue } from './catalogue/rule-catalogue';
import { IssuesPanel } from './issues/issues-panel';
import type { PaneController, PaneState } from './pane-controller';
import { RefreshIcon } from './shared/icons';
import { spokenPlaceOf, type CellTarget } from './shared/labels';
import { NotATemplate } from './status/not-a-template';
import { ScanProgressLine } from './status/scan-progress';
import { StatusSummary } from './status/status-summary';

/** What a slotted feature (fixes, settings, export gate) receives from the shell. */
export interface PaneSlotContext {
  readonly state: PaneState;
  readonly gateway: WorkbookGateway;
  readonly controller: PaneController;
}

/**
 * Places for the features built beside this shell (src/taskpane/fixes, settings, export). The shell
 * shows a Fixes or Settings tab only when that slot is given, and the export gate under the status.
 */
export interface PaneSlots {
  readonly fixes?: (context: PaneSlotContext) => ReactNode;
  readonly settings?: (context: PaneSlotContext) => ReactNode;
  readonly exportGate?: (context: PaneSlotContext) => ReactNode;
  /** Trainer mode (src/taskpane/training): a Training tab after Rules. */
  readonly training?: (context: PaneSlotContext) => ReactNode;
}

export interface AppProps {
  readonly gateway: WorkbookGateway;
  readonly controller: PaneController;
  /** The rule catalogue (RULES from src/rules): titles and explanations for the list and the Rules tab. */
  readonly rules: readonly RuleMeta[];
  /** webLightTheme or webDarkTheme, chosen by index.tsx from Office's theme. */
  readonly theme: Theme;
  readonly slots?: PaneSlots;
}

type TabId = 'issues' | 'fixes' | 'rules' | 'training' | 'settings';

const useStyles = makeStyles({
  root: {
    // One scroll container for the whole pane: at 378 px high, a fixed status block would leave the
    // list too little room, so the status scrolls away and the tabs stay pinned.
    height: '100vh',
    minWidth: '320px',
    overflowY: 'auto',
    // Keeps a focused row from scrolling under the pinned tabs.
    scrollPaddingTop: '40px',
    boxSizing: 'border-box',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (forced-colors: active)': { color: 'CanvasText', backgroundColor: 'Canvas' },
  },
  top: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '8px',
    padding: '8px 12px',
    ':empty': { display: 'none' },
  },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  tabs: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (forced-colors: active)': { backgroundColor: 'Canvas', borderBottom: '1px solid CanvasText' },
  },
  body: { padding: '8px 12px 16px 12px' },
});

/**
 * The task pane: status on top, then tabs (Issues, Fixes, Rules, Settings). It reads the workbook only
 * through `controller` (validation state) and `gateway` (going to a cell); it never calls Office.
 */
export function App({ gateway, controller, rules, theme, slots = {} }: AppProps): JSX.Element {
  const styles = useStyles();
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const [tab, setTab] = useState<TabId>('issues');
  const [notice, setNotice] = useState<string | null>(null);
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
    (target: CellTarget, finding: Finding) => {
      setNotice(null);
      gateway.select(target.sheet, target.cell).catch(() => setNotice(`Could not go to ${spokenPlaceOf(finding)}. The sheet may have been renamed or deleted.`));
    },
    [gateway],
  );

  const toggleHighlights = (on: boolean): void => {
    setNotice(null);
    controller.setHighlights(on).catch(() => setNotice(on ? 'Highlights could not be shown.' : 'Highlights could not be removed.'));
  };

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <div className={styles.top}>
        {state.phase === 'failed' ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
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
        {result?.template ? <StatusSummary result={result} /> : null}
        {!result && checking ? <Spinner size="tiny" label="Checking the workbook…" /> : null}
        {state.scan && controller.cancelScan ? <ScanProgressLine progress={state.scan} onCancel={controller.cancelScan} /> : null}
        {state.scanNotes && state.scanNotes.length > 0 ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
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
        {result?.template ? (
          <div className={styles.toolbar}>
            <Button size="small" icon={<RefreshIcon />} onClick={recheck} disabled={checking}>
              Re-check all
            </Button>
            <Switch
              checked={state.highlights}
              label="Highlight cells"
              onChange={(_event, data) => toggleHighlights(data.checked)}
            />
            {checking ? <Spinner size="extra-tiny" label="Checking…" /> : null}
          </div>
        ) : null}
        {result?.template && slots.exportGate ? slots.exportGate(context) : null}
        {notice ? (
          <MessageBar intent="warning" role="alert">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        ) : null}
        {/* What the controller says besides findings: waiting for a cell edit, colours kept in the pane only, events not received. */}
        {(state.notices ?? []).map((text) => (
          <MessageBar key={text} intent="info" layout="multiline">
            <MessageBarBody>{text}</MessageBarBody>
          </MessageBar>
        ))}
      </div>
      <TabList className={styles.tabs} size="small" selectedValue={tab} onTabSelect={(_event, data) => setTab(data.value as TabId)}>
        <Tab value="issues">Issues</Tab>
        {slots.fixes ? <Tab value="fixes">Fixes</Tab> : null}
        <Tab value="rules">Rules</Tab>
        {slots.training ? <Tab value="training">Training</Tab> : null}
        {slots.settings ? <Tab value="settings">Settings</Tab> : null}
      </TabList>
      <div className={styles.body} role="tabpanel" aria-label={tabLabel(tab)}>
        {tab === 'issues' ? (
          result === null ? null : result.template === null ? (
            <NotATemplate onRecheck={recheck} checking={checking} />
          ) : (
            <IssuesPanel result={result} rules={rulesById} onGoTo={goTo} />
          )
        ) : null}
        {tab === 'fixes' && slots.fixes ? slots.fixes(context) : null}
        {tab === 'rules' ? <RuleCatalogue rules={rules} /> : null}
        {tab === 'training' && slots.training ? slots.training(context) : null}
        {tab === 'settings' && slots.settings ? slots.settings(context) : null}
      </div>
    </FluentProvider>
  );
}

function tabLabel(tab: TabId): string {
  return { issues: 'Issues', fixes: 'Fixes', rules: 'Rules', training: 'Training', settings: 'Settings' }[tab];
}
