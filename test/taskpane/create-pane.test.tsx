import { act, render, screen } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { createPane } from '../../src/taskpane/create-pane';
import { buildWorkbook, TODAY, validMaRow } from '../support/sheet-builder';

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

describe('createPane (the wiring the Office entry and the demo share)', () => {
  it('shows findings and offers the Fixes and Settings tabs and the export gate', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([{ ...validMaRow(1), chfId: '00124b0000030001' }])));
    const pane = createPane(fake, () => TODAY);
    render(pane.render(webLightTheme));
    await act(() => pane.controller.start());
    expect(screen.getByRole('tab', { name: /Fixes/ })).toBeTruthy();
    expect(screen.getByRole('tab', { name: /Settings/ })).toBeTruthy();
    expect(pane.controller.live.result?.findings.map((f) => [f.cell, f.ruleId])).toEqual([['F7', 'eui64-canonical']]);
  });

  it('feeds a saved User ID from settings into the engine', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([validMaRow(1)], { userId: null })));
    const pane = createPane(fake, () => TODAY);
    await pane.controller.start();
    expect(pane.controller.live.result?.findings.map((f) => f.ruleId)).toEqual(['submitter-user-id']);
    const outcome = await pane.settings.setUserId('70b3d51f3000a008');
    expect(outcome.ok).toBe(true);
    await pane.controller.recheck();
    expect(pane.controller.live.result?.findings).toEqual([]);
  });
});
