import './csp-safe-zod';
import { createRoot } from 'react-dom/client';
import { OfficeGateway, officeHostFromGlobals } from '../excel/office-gateway';
import { RULES } from '../rules';
import { App } from './app';
import { LivePaneController } from './live-pane-controller';
import { fluentThemeFor } from './theme';

/** "Today" in the analyst's local time, for the date rules. */
function localToday(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The add-in's entry and the one pane module that touches Office globals: it builds the Office gateway
 * and the live controller and hands them to the React app, which never sees Office itself.
 */
Office.onReady(() => {
  const container = document.getElementById('root');
  if (!container) return;
  const gateway = new OfficeGateway(officeHostFromGlobals());
  // Read on every validation, so a new day applies without reopening the pane.
  const controller = new LivePaneController({ gateway, engineOptions: () => ({ today: localToday() }) });
  const theme = fluentThemeFor(Office.context.officeTheme);
  createRoot(container).render(<App gateway={gateway} controller={controller} rules={RULES} theme={theme} />);
  void controller.start();
});
