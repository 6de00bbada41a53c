import { act, render, screen } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { RULES } from '../../src/rules';
import { App } from '../../src/taskpane/app';
import { LivePaneController } from '../../src/taskpane/live-pane-controller';
import { CaseCounter } from '../support/reliability-counts';
import { buildWorkbook, TODAY, validMaRow } from '../support/sheet-builder';
import { finding, resultOf } from '../taskpane/pane-fixtures';
import { renderPane } from '../taskpane/render-pane';

/**
 * The pane: whatever a cell or sheet name holds is shown as text, never parsed as HTML.
 * Each payload would run script or add an element if it were.
 */
const counter = new CaseCounter('pane-renders-text');
afterAll(() => counter.report());

declare global {
  var __mamPrepPwned: number | undefined;
}

const PAYLOADS = [
  '<img src=x onerror="globalThis.__mamPrepPwned=1">',
  '<script>globalThis.__mamPrepPwned=2</script>',
  '"><svg onload="globalThis.__mamPrepPwned=3">',
  '<a href="javascript:globalThis.__mamPrepPwned=4">x</a>',
  '<iframe srcdoc="<b>x</b>"></iframe>',
];

/** Elements a payload would have created if it had been parsed as markup. */
const injected = (): Element[] => [...document.body.querySelectorAll('img[src="x"], script, svg[onload], a[href^="javascript"], iframe, [onerror], [onload]')];

beforeEach(() => {
  globalThis.__mamPrepPwned = undefined;
});

describe('the pane shows cell text as text', () => {
  it.each(PAYLOADS)("in a finding's message, cell and sheet name: %s", (payload) => {
    const f = finding('group-id-unknown', 'error', 'A7', { message: `GroupID "${payload}" is not allowed.`, sheet: payload });
    const { view } = renderPane({ result: resultOf([f], { template: { ...resultOf([]).template!, sheet: payload } }) });
    expect(view.container.textContent).toContain(payload);
    expect(injected()).toEqual([]);
    expect(globalThis.__mamPrepPwned).toBeUndefined();
    view.unmount();
    counter.add('pane-hostile-text-rendered');
  });

  it('from a real workbook through the engine, the live controller and the fake gateway', async () => {
    const rows = PAYLOADS.map((p, i) => ({ ...validMaRow(i), groupId: p, smsoReference: p }));
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook(rows, { sheetName: PAYLOADS[0]! })));
    const controller = new LivePaneController({ gateway: fake, engineOptions: () => ({ rules: RULES, today: TODAY }) });
    const view = render(<App gateway={fake} controller={controller} rules={RULES} theme={webLightTheme} />);
    await act(() => controller.start());
    controller.stop();
    expect(screen.getByText(`${PAYLOADS.length} rows checked`)).toBeTruthy();
    for (const p of PAYLOADS) expect(view.container.textContent).toContain(p);
    expect(injected()).toEqual([]);
    expect(globalThis.__mamPrepPwned).toBeUndefined();
    counter.add('pane-hostile-text-rendered', PAYLOADS.length);
  });
});
