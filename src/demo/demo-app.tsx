import { useEffect, useMemo, useState, type JSX } from 'react';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { RULES } from '../rules';
import { App, type PaneSlots } from '../taskpane/app';
import { createPane, localToday } from '../taskpane/create-pane';
import type { LivePaneController } from '../taskpane/live-pane-controller';
import { DemoGateway } from './demo-gateway';
import { SAMPLES, sampleWorkbook, type SampleId } from './samples';
import { SpreadsheetGrid } from './spreadsheet-grid';

export type DemoTheme = 'light' | 'dark';

interface Session {
  readonly gateway: DemoGateway;
  readonly controller: LivePaneController;
  readonly slots: PaneSlots;
}

/** One sample in a fresh fake workbook with the whole pane over it, wired exactly as in Excel. */
function openSession(sample: SampleId): Session {
  const gateway = new DemoGateway(sampleWorkbook(sample, localToday()));
  const pane = createPane(gateway);
  return { gateway, controller: pane.controller, slots: pane.slots };
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

  /** A new sample replaces the in-memory workbook: ask first when the analyst has changed this one. */
  const chooseSample = (next: SampleId): void => {
    if (next === sample) return;
    const label = SAMPLES.find((s) => s.id === next)?.label ?? next;
    if (session.gateway.edited && !window.confirm(`Open the ${label} sample? Your changes to this workbook are discarded (it lives only in this page).`))
      return;
    setSample(next);
  };

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
            <select value={sample} onChange={(event) => chooseSample(event.target.value as SampleId)} data-testid="sample-select">
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
