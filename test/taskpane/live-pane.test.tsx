import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { webLightTheme } from '@fluentui/react-components';
import { text } from '../../src/engine/cell';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { RULES } from '../../src/rules';
import { App } from '../../src/taskpane/app';
import { LivePaneController } from '../../src/taskpane/live-pane-controller';
import { ManualScheduler } from '../excel/support/manual-scheduler';
import { TODAY, buildWorkbook, columnOf, mpanFor, validMaRow } from '../support/sheet-builder';
import { stubGateway } from './pane-fixtures';

const SHEET = 'Migration Authorisation';
const MPAN_COLUMN = String.fromCharCode(64 + columnOf('mpan'));

/** The pane over the in-memory workbook and the real engine, with a hand-fired debounce. */
async function openPane(fake: FakeGateway) {
  const scheduler = new ManualScheduler();
  const controller = new LivePaneController({ gateway: fake, engineOptions: () => ({ rules: RULES, today: TODAY }), scheduler });
  render(<App gateway={fake} controller={controller} rules={RULES} theme={webLightTheme} />);
  await act(() => controller.start());
  return { controller, scheduler };
}

describe('pane over live validation and the fake workbook', () => {
  it("shows the engine's findings, goes to a cell, and follows an edit that fixes it", async () => {
    // Row 8 (second data row) gets an MPAN with a wrong check digit.
    const rows = [validMaRow(0), { ...validMaRow(1), mpan: '1300000000001' }, validMaRow(2)];
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook(rows)));
    const { controller, scheduler } = await openPane(fake);

    expect(screen.getByText('Not ready: 1 error.')).toBeTruthy();
    expect(screen.getByText('3 rows checked')).toBeTruthy();
    const item = screen.getByRole('treeitem', { name: new RegExp(`^${MPAN_COLUMN}8 `) });
    await userEvent.click(item);
    expect(fake.selection).toEqual({ sheet: SHEET, cell: `${MPAN_COLUMN}8` });
    expect(fake.highlightedCells(SHEET).get(`${MPAN_COLUMN}8`)).toBe('error');

    fake.setCell(SHEET, `${MPAN_COLUMN}8`, text(mpanFor(1)));
    await act(async () => {
      scheduler.fire();
      await controller.live.idle();
    });
    expect(screen.getByRole('button', { name: 'Ready to export' })).toBeTruthy();
    expect(screen.queryByRole('tree')).toBeNull();
  });

  it('turns the workbook highlights off and on from the toolbar', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook([{ ...validMaRow(0), mpan: '1300000000001' }])));
    await openPane(fake);
    const cell = `${MPAN_COLUMN}7`;
    expect(fake.highlightedCells(SHEET).get(cell)).toBe('error');

    await userEvent.click(screen.getByRole('button', { name: 'Highlight cells' }));
    expect(fake.highlightedCells(SHEET).size).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Highlight cells' }));
    expect(fake.highlightedCells(SHEET).get(cell)).toBe('error');
  });

  it('explains a workbook that is not a template, then recognises it after Re-check', async () => {
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot({ sheets: [{ name: 'Sheet1', rows: [[text('Shopping list')]] }] }));
    await openPane(fake);
    expect(screen.getByRole('region', { name: 'This workbook is not a MAM template' })).toBeTruthy();

    fake.addSheet(
      SHEET,
      buildWorkbook([validMaRow(0)]).sheets[0]!.rows.map((r) => [...(r ?? [])]),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Re-check' }));
    expect(await screen.findByText('Ready to export')).toBeTruthy();
  });

  it('says which sheet could not be read, without a stack trace', async () => {
    const gateway = {
      ...stubGateway(),
      scan: async () => Promise.reject(new Error('Sheet "Migration Authorisation" could not be read.\n    at scan (office-gateway.ts:1)')),
    };
    const controller = new LivePaneController({ gateway, engineOptions: () => ({ rules: RULES, today: TODAY }), scheduler: new ManualScheduler() });
    render(<App gateway={gateway} controller={controller} rules={RULES} theme={webLightTheme} />);
    await act(() => controller.start());

    expect(screen.getByText('Could not read the workbook')).toBeTruthy();
    expect(screen.getByText('MAM Prep could not read the workbook: Sheet "Migration Authorisation" could not be read.')).toBeTruthy();
    expect(screen.queryByText(/office-gateway\.ts/)).toBeNull();
  });
});
