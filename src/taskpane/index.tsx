import './csp-safe-zod';
import { createRoot } from 'react-dom/client';
import { OfficeGateway, officeHostFromGlobals } from '../excel/office-gateway';
import { createPane } from './create-pane';
import { fluentThemeFor } from './theme';

/**
 * The add-in's entry and the one pane module that touches Office globals: it builds the Office gateway
 * and hands it to the pane, which never sees Office itself.
 */
Office.onReady(() => {
  const container = document.getElementById('root');
  if (!container) return;
  const pane = createPane(new OfficeGateway(officeHostFromGlobals()));
  createRoot(container).render(pane.render(fluentThemeFor(Office.context.officeTheme)));
  void pane.controller.start();
});
