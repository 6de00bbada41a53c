import { useEffect, useMemo, useState, type JSX } from 'react';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { TOOL_VERSION } from '../cli/version';
import { RULES } from '../rules';
import { App, type PaneSlots } from '../taskpane/app';
import { createPaneFeatures } from '../taskpane/fixes/pane-features';
import { LivePaneController } from '../taskpane/live-pane-controller';
import { SettingsModel } from '../taskpane/settings/settings-model';
import { TrainingFocus } from '../taskpane/training/training-focus';
import { trainingSlot } from '../taskpane/training/training-slot';
import { DemoGateway } from './demo-gateway';
import { SAMPLES, sampleWorkbook, type SampleId } from './samples';
import { SpreadsheetGrid } from './spreadsheet-grid';

export type DemoTheme = 'light' | 'dark';

/** "Today" in local time, for the date rules and the samples' dates. */
export function localToday(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface Session {
  readonly gateway: DemoGateway;
  readonly controller: LivePaneController;
  readonly slots: PaneSlots;
}

/**
 * One sample in a fresh fake workbook with the whole pane over it, wired as in Excel: settings feed
 * the engine options, trainer mode can point them at its training sheet, and the fixes, settings,
 * export-gate and training slots fill the shell.
 */
function openSession(sample: SampleId): Session {
  const gateway = new DemoGateway(sampleWorkbook(sample, localToday()));
  const settings = new SettingsModel(gateway);
  const focus = new TrainingFocus();
  const engineOptions = () => focus.engineOptions(settings.engineOptions(localToday()));
  const controller = new LivePaneController({ gateway, engineOptions, highlights: settings.getState().highlights });
  const features = createPaneFeatures({ gateway, controller, settings, engineOptions, rules: RULES, version: TOOL_VERSION });
  const slots: PaneSlots = { ...features.slots, training: trainingSlot({ rules: RULES, focus, today: localToday }) };
  return { gateway, controller, slots };
}

/**
 * The browser demo: a spreadsheet grid over the in-memory workbook on the left, the real task pane
 * (350 px wide, the height of the window) on the right, both on the same gateway. No Office, no
 * network: everything runs in the page.
 */
export function DemoApp({ initialSample, initialTheme }: { readonly initialSample: SampleId; readonly initialTheme: DemoTheme }): JSX.Element {
  const [sample, setSample] = useState(initialSample);
  const [theme, setTheme] = useState(initialTheme);
  const session = useMemo(() => openSession(sample), [sample]);

  useEffect(() => {
    void session.controller.start();
    return () => session.controller.stop();
  }, [session]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    const url = new URL(window.location.href);
    url.searchParams.set('sample', sample);
    url.searchParams.set('theme', theme);
    window.history.replaceState(null, '', url);
  }, [sample, theme]);

  return (
    <div className="demo">
      <main className="workbook" aria-label="Workbook">
        <header className="toolbar">
          <h1>MAM Prep demo</h1>
          <label>
            Sample{' '}
            <select value={sample} onChange={(event) => setSample(event.target.value as SampleId)} data-testid="sample-select">
              {SAMPLES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
            Dark theme
          </button>
          <span className="hint">In-memory workbook: nothing leaves this page.</span>
        </header>
        <SpreadsheetGrid key={sample} gateway={session.gateway} />
      </main>
      <aside className="pane" aria-label="MAM Prep task pane" data-testid="pane">
        <App
          key={sample}
          gateway={session.gateway}
          controller={session.controller}
          rules={RULES}
          theme={theme === 'dark' ? webDarkTheme : webLightTheme}
          slots={session.slots}
        />
      </aside>
    </div>
  );
}
