import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { webLightTheme } from '@fluentui/react-components';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import type { ScanOptions } from '../../src/excel/gateway';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import { RULES } from '../../src/rules';
import { App } from '../../src/taskpane/app';
import { LivePaneController } from '../../src/taskpane/live-pane-controller';
import { ManualScheduler } from '../excel/support/manual-scheduler';
import { maWorkbook } from '../excel/support/ma-fixture';
import { TODAY } from '../support/sheet-builder';

/** The fake, with the user starting to type in a cell right after the scan's first request of rows: the scan is held there. */
class TypingDuringScan extends FakeGateway {
  pauseAfterFirstProgress = true;
  override scan(options: ScanOptions = {}): Promise<WorkbookSnapshot> {
    return super.scan({
      ...options,
      onProgress: (p) => {
        options.onProgress?.(p);
        if (this.pauseAfterFirstProgress) {
          this.pauseAfterFirstProgress = false;
          this.editMode = true;
        }
      },
    });
  }
}

describe('long scan: progress line and Cancel', () => {
  it('shows rows read while a scan needs several requests, cancels from the keyboard, keeps nothing half-read, and can check again', async () => {
    const fake = new TypingDuringScan(simulatedWorkbookFromSnapshot(maWorkbook(12_000)));
    const controller = new LivePaneController({ gateway: fake, engineOptions: () => ({ today: TODAY, rules: RULES }), scheduler: new ManualScheduler() });
    render(<App gateway={fake} controller={controller} rules={RULES} theme={webLightTheme} />);
    let started!: Promise<void>;
    await act(async () => {
      started = controller.start();
      for (let i = 0; i < 50; i++) await Promise.resolve();
    });
    // Rows 41..12,006: 8,413 read in the first request (the head rows came with the metadata).
    expect(screen.getByRole('status').textContent).toBe('Reading the workbook: 8,413 of 11,966 rows');
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const user = userEvent.setup();
    while (document.activeElement !== cancel) await user.tab();
    await user.keyboard('{Enter}');
    await act(async () => {
      fake.editMode = false;
      await started;
    });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByText('Check cancelled: nothing has been checked yet. Press Re-check all to start again.')).toBeTruthy();
    expect(screen.queryByText(/rows checked/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Check again' }));
    await act(() => controller.live.idle());
    expect(screen.getByText('12,000 rows checked')).toBeTruthy();
    expect(screen.queryByText(/Check cancelled/)).toBeNull();

    // Cancelling a Re-check all keeps the last result and is not reported as a failed re-check.
    fake.pauseAfterFirstProgress = true;
    await user.click(screen.getByRole('button', { name: 'Re-check all' }));
    await act(async () => {
      for (let i = 0; i < 50; i++) await Promise.resolve();
    });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await act(async () => {
      fake.editMode = false;
      await controller.live.idle();
    });
    expect(screen.getByText('Check cancelled: the list shows the last complete check.')).toBeTruthy();
    expect(screen.getByText('12,000 rows checked')).toBeTruthy();
    expect(screen.queryByText(/could not be checked again/)).toBeNull();
  }, 60_000);
});
