/** @jest-environment jsdom */
import './resize-observer';
import { act, render, screen, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { webLightTheme } from '@fluentui/react-components';
import { text } from '../../../src/engine/cell';
import { FakeGateway, fakeWorkbookFromSnapshot } from '../../../src/excel/fake-gateway';
import { RULES } from '../../../src/rules';
import { App } from '../../../src/taskpane/app';
import { createPaneFeatures } from '../../../src/taskpane/fixes/pane-features';
import { LivePaneController } from '../../../src/taskpane/live-pane-controller';
import { SettingsModel } from '../../../src/taskpane/settings/settings-model';
import { ManualScheduler } from '../../excel/support/manual-scheduler';
import { buildWorkbook, columnOf, TODAY, validMaRow } from '../../support/sheet-builder';
import { plain } from './fix-harness';

const SHEET = 'Migration Authorisation';
const userEvent = userEventLib.setup({ delay: null });
// The whole pane (Fluent in jsdom, the real engine) takes a few seconds per scenario on a loaded machine.
jest.setTimeout(30_000);
const GROUP = String.fromCharCode(64 + columnOf('groupId'));

/** The pane as index.tsx should wire it: settings feed the live controller; the features fill the slots. */
async function openPane(fake: FakeGateway) {
  const settings = new SettingsModel(fake);
  const engineOptions = () => ({ ...settings.engineOptions(TODAY), rules: RULES });
  const controller = new LivePaneController({ gateway: fake, engineOptions, scheduler: new ManualScheduler(), highlights: settings.getState().highlights });
  const features = createPaneFeatures({ gateway: fake, controller, settings, engineOptions, rules: RULES, version: '0.1.0' });
  render(<App gateway={fake} controller={controller} rules={RULES} theme={webLightTheme} slots={features.slots} />);
  await act(() => controller.start());
  return { controller, settings, features };
}

describe('pane with fixes, settings and the export gate', () => {
  it('fixes through the Fixes tab, then the export gate says Ready and removes the highlights', async () => {
    const fake = new FakeGateway(fakeWorkbookFromSnapshot(buildWorkbook([{ ...validMaRow(0), groupId: 'ea' }, validMaRow(1)])));
    await openPane(fake);
    expect(fake.highlightedCells(SHEET).size).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(await screen.findByText('Not ready: 1 error remains')).toBeTruthy();

    await userEvent.click(screen.getByRole('tab', { name: 'Fixes' }));
    await userEvent.click(screen.getByRole('button', { name: /^Fix all fixable/ }));
    await userEvent.click(await screen.findByRole('button', { name: /^Apply/ }));
    await screen.findByText(/^Applied 1 fix/);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('EA')));

    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    const gate = screen.getByRole('region', { name: 'Export check' });
    expect(await within(gate).findByText('Ready to export')).toBeTruthy();
    expect(within(gate).getByText(/^MA_CGI_70-B3-D5-1F-30-00-A0-08_\d{8}_\d{6}\.xlsm$/)).toBeTruthy();
    expect(fake.highlightedCells(SHEET).size).toBe(0);
  });

  it('a User ID saved in Settings reaches validation after the re-check', async () => {
    const fake = new FakeGateway(fakeWorkbookFromSnapshot(buildWorkbook([validMaRow(0)], { userId: null })));
    const { controller } = await openPane(fake);
    expect(controller.getState().result!.findings.map((f) => f.ruleId)).toContain('submitter-user-id');
    await userEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    await userEvent.type(screen.getByRole('textbox', { name: /User ID used when the workbook states none/ }), '70-B3-D5-1F-30-00-A0-08');
    await userEvent.click(screen.getByRole('button', { name: 'Save User ID' }));
    await act(() => controller.live.idle());
    expect(controller.getState().result!.findings.map((f) => f.ruleId)).not.toContain('submitter-user-id');
    expect(controller.getState().result!.userIdSource).toBe('option');
  });
});
