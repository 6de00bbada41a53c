import './csp-safe-zod';
import { createRoot } from 'react-dom/client';
import { validateWorkbook } from '../engine/validate';
import { OfficeGateway, officeHostFromGlobals } from '../excel/office-gateway';
import { RULES } from '../rules';
import { App } from './app';
import { ScanController } from './scan-controller';
import { fluentThemeFor } from './theme';

/** "Today" in the analyst's local time, for the date rules. */
function localToday(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The add-in's entry: the one place that touches Office globals for the pane. It builds the Office
 * gateway and the controller and hands them to the React app, which never sees Office itself.
 */
Office.onReady(() => {
  const container = document.getElementById('root');
  if (!container) return;
  const gateway = new OfficeGateway(officeHostFromGlobals());
  const controller = new ScanController(gateway, (snapshot) => validateWorkbook(snapshot, { today: localToday() }));
  const theme = fluentThemeFor(Office.context.officeTheme);
  createRoot(container).render(<App gateway={gateway} controller={controller} rules={RULES} theme={theme} />);
  void controller.recheck();
});
