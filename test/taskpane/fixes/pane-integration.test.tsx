import './resize-observer';
import { act, render, screen, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { webLightTheme } from '@fluentui/react-components';
import { text } from '../../../src/engine/cell';
import { FakeGateway } from '../../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../../src/excel/simulated-workbook';
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
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([{ ...validMaRow(0), groupId: 'ea' }, validMaRow(1)])));
    await openPane(fake);
    expect(fake.highlightedCells(SHEET).size).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole('tab', { name: 'Export' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(await screen.findByText('Not ready: 1 error remains')).toBeTruthy();

    await userEvent.click(screen.getByRole('tab', { name: 'Fixes' }));
    await userEvent.click(screen.getByRole('button', { name: /^Fix all fixable/ }));
    await userEvent.click(await screen.findByRole('button', { name: /^Apply/ }));
    await screen.findByText(/^Applied 1 fix/);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('EA')));

    await userEvent.click(screen.getByRole('tab', { name: 'Export' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    const gate = screen.getByRole('region', { name: 'Export check' });
    expect(await within(gate).findByText('Ready to export')).toBeTruthy();
    expect(within(gate).getByText(/^MA_CGI_70-B3-D5-1F-30-00-A0-08_\d{8}_\d{6}\.xlsm$/)).toBeTruthy();
    expect(fake.highlightedCells(SHEET).size).toBe(0);
    // The fixed row's GroupID EA is exempt, so its exempt-row format was still in the grid: the gate removed it and says so.
    expect(
      await within(gate).findByText(/^Removed 1 MAM Prep highlight format so they are not sent to DCC; none remain\. They come back when you edit/),
    ).toBeTruthy();
  });

  it('keeps watching after Ready to export: a new error is highlighted again and the gate says not ready', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([validMaRow(0), { ...validMaRow(1), groupId: 'ea' }])));
    const { controller } = await openPane(fake);
    await userEvent.click(screen.getByRole('tab', { name: 'Export' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    // The GroupID "ea" is an error: not ready, highlights stay.
    expect(await screen.findByText('Not ready: 1 error remains')).toBeTruthy();
    fake.setCell(SHEET, `${GROUP}8`, text('EA'));
    await act(() => controller.flush());
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    const gate = screen.getByRole('region', { name: 'Export check' });
    expect(await within(gate).findByText('Ready to export')).toBeTruthy();
    expect(fake.highlightedCells(SHEET).size).toBe(0);
    expect(controller.getState().highlights).toBe(true);

    fake.setCell(SHEET, `${GROUP}8`, text('zz'));
    await act(async () => {
      await controller.flush();
      await controller.live.idle();
    });
    expect(within(gate).getByText('Not ready: 1 error remains (new since the check)')).toBeTruthy();
    expect(fake.highlightedCells(SHEET).get(`${GROUP}8`)).toBe('error');
  });

  it('fixes one finding from the issue list with its own Fix button, then reverts it from the outcome', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([{ ...validMaRow(0), groupId: 'ea' }, validMaRow(1)])));
    await openPane(fake);
    const row = screen.getByRole('treeitem', { name: new RegExp(`^${GROUP}7 `) });
    await userEvent.click(within(row).getByRole('button', { name: 'Fix' }));
    const preview = await screen.findByRole('region', { name: 'Preview: 1 change' });
    expect(within(preview).getByText(`${GROUP}7`)).toBeTruthy();
    expect(preview.textContent).toContain('Before “ea”');
    expect(preview.textContent).toContain('After “EA”');
    await userEvent.click(within(preview).getByRole('button', { name: 'Apply 1 change' }));
    await screen.findByText(/^Applied 1 fix/);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('EA')));
    await userEvent.click(screen.getByRole('button', { name: new RegExp(`^Revert Fix .*!${GROUP}7 `) }));
    await screen.findByText(/^Reverted 1 cell/);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('ea')));
  });

  it('Escape cancels the preview opened from the issue list and gives the focus back to its Fix button', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([{ ...validMaRow(0), groupId: 'ea' }])));
    await openPane(fake);
    const fix = within(screen.getByRole('treeitem', { name: new RegExp(`^${GROUP}7 `) })).getByRole('button', { name: 'Fix' });
    await userEvent.click(fix);
    await screen.findByRole('region', { name: 'Preview: 1 change' });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: /^Preview/ })).toBeNull();
    expect(screen.getByText('Fix cancelled; nothing was changed.')).toBeTruthy();
    expect(document.activeElement).toBe(fix);
    expect(plain(fake.getCell(SHEET, `${GROUP}7`))).toEqual(plain(text('ea')));
  });

  it('a User ID saved in Settings reaches validation after the re-check', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([validMaRow(0)], { userId: null })));
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
