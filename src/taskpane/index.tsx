import './csp-safe-zod';
import { createRoot } from 'react-dom/client';
import { OfficeGateway, officeHostFromGlobals } from '../excel/office-gateway';
import { createPane } from './create-pane';
import { hideNeedsExcel, hostProblem, markPaneStarted, OFFICE_READY_WAIT_MS, showNeedsExcel, showStartFailure } from './host-gate';
import { fluentThemeFor } from './theme';

/**
 * The add-in's entry and the one pane module that touches Office globals: it builds the Office gateway
 * and hands it to the pane, which never sees Office itself. Where the pane cannot run (no office.js,
 * outside Excel, an Excel below the API floor) it shows taskpane.html's plain message instead of
 * "Loading…" forever.
 */
markPaneStarted(document);

function startPane(): void {
  const container = document.getElementById('root');
  if (!container) return;
  const pane = createPane(new OfficeGateway(officeHostFromGlobals()));
  createRoot(container).render(pane.render(fluentThemeFor(Office.context.officeTheme)));
  void pane.controller.start();
}

if (typeof Office === 'undefined') {
  showNeedsExcel(document, 'no-office-script');
} else {
  const noAnswer = setTimeout(() => showNeedsExcel(document, 'no-answer'), OFFICE_READY_WAIT_MS);
  void Office.onReady((info) => {
    clearTimeout(noAnswer);
    const problem = hostProblem({
      officeScriptLoaded: true,
      host: info.host ? String(info.host) : null,
      supportsExcelApi: (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
    });
    if (problem) {
      showNeedsExcel(document, problem);
      return;
    }
    hideNeedsExcel(document);
    try {
      startPane();
    } catch (error) {
      showStartFailure(document, error);
    }
  });
}
