import '../../../src/taskpane/csp-safe-zod';
import { createRoot } from 'react-dom/client';
import { OfficeGateway, officeHostFromGlobals } from '../../../src/excel/office-gateway';
import { markPaneStarted } from '../../../src/taskpane/host-gate';
import { fluentThemeFor } from '../../../src/taskpane/theme';
import { runExcelScenario, type ScenarioStepResult } from './excel-scenario';
import { officeUser } from './office-user';

/**
 * The test build's pane (`npm run test:excel`): the real pane over OfficeGateway, driven by the scripted
 * scenario, with the steps listed above it as they finish; the results go to the local results server
 * (scripts/excel-results-server.js) the way office-addin-test-helpers posts them.
 */
const RESULTS_URL = 'https://localhost:4201/results';

function listStep(list: HTMLElement, step: ScenarioStepResult): void {
  const item = document.createElement('li');
  item.textContent = `${step.passed ? 'passed' : 'FAILED'}: ${step.name}${step.detail ? ` (${step.detail})` : ''}`;
  list.append(item);
}

async function post(payload: object): Promise<void> {
  await fetch(`${RESULTS_URL}?data=${encodeURIComponent(JSON.stringify(payload))}`, { method: 'POST' });
}

markPaneStarted(document);
void Office.onReady(async () => {
  const root = document.getElementById('root')!;
  const list = document.createElement('ol');
  list.setAttribute('aria-label', 'test:excel steps');
  const paneRoot = document.createElement('div');
  root.replaceChildren(list, paneRoot);
  try {
    const gateway = new OfficeGateway(officeHostFromGlobals());
    const steps = await runExcelScenario({
      gateway,
      user: officeUser(),
      onStep: (step) => listStep(list, step),
      onPane: (pane) => createRoot(paneRoot).render(pane.render(fluentThemeFor(Office.context.officeTheme))),
    });
    await post({ host: String(Office.context.platform), steps });
  } catch (error) {
    await post({
      host: String(Office.context.platform),
      steps: [{ name: 'the scenario ran', passed: false, detail: error instanceof Error ? error.message : String(error) }],
    });
  }
});
