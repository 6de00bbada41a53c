import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MA_TEMPLATE, finding, resultOf } from './pane-fixtures';
import { renderPane } from './render-pane';

describe('pane status', () => {
  it('explains what MAM Prep expects when the workbook is not a template, and re-checks on request', async () => {
    const notTemplate = resultOf([finding('template-unrecognised', 'error', null, { sheet: null, row: null })], { template: null, rowsChecked: 0 });
    const { controller } = renderPane({ result: notTemplate });

    const panel = screen.getByRole('region', { name: 'This workbook is not a MAM template' });
    expect(within(panel).getByText(/first 30 rows/)).toBeTruthy();
    expect(within(panel).getByText(/at least 4 recognised column headers/)).toBeTruthy();
    expect(within(panel).getByText(/SMETS1 Migration Authorisation/)).toBeTruthy();
    expect(within(panel).getByText(/Dormant Meter Migration Schedule/)).toBeTruthy();
    expect(screen.queryByRole('tree')).toBeNull();
    expect(screen.queryByText('Ready to export')).toBeNull();

    await userEvent.click(within(panel).getByRole('button', { name: 'Re-check' }));
    expect(controller.recheckCount).toBe(1);
  });

  it('marks an older template version in the header, and nothing for the current one', () => {
    const { view } = renderPane({ result: resultOf([], { template: { ...MA_TEMPLATE, version: 'v05', outdated: true } }) });
    const status = screen.getByRole('region', { name: 'Workbook status' });
    expect(within(status).getByRole('heading').textContent).toBe('SMETS1 Migration Authorisation v05 older version · 10 rows checked');
    view.unmount();

    renderPane({ result: resultOf([]) });
    expect(screen.queryByText(/older version/)).toBeNull();
  });

  it('says ready to export in one compact header: template, version, each count once, rows checked', () => {
    const findings = [
      finding('mpan-distributor', 'warning', 'C8'),
      finding('eui64-canonical', 'warning', 'F9'),
      finding('blank-row', 'info', null, { row: 12 }),
    ];
    renderPane({ result: resultOf(findings, { rowsChecked: 1234 }) });

    const status = screen.getByRole('region', { name: 'Workbook status' });
    expect(within(status).getByRole('heading').textContent).toBe('SMETS1 Migration Authorisation v06a · 1,234 rows checked');
    expect(within(status).getByRole('button', { name: 'Ready to export' })).toBeTruthy();
    const counts = within(status).getByRole('group', { name: /^Counts/ });
    expect(
      within(counts)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['0 errors', '2 warnings', '1 info']);
    // Each count carries its severity's icon, so colour is not the only signal; the words are its name.
    expect(within(counts).getByRole('button', { name: '2 warnings' }).querySelector('svg')).not.toBeNull();
    // Counts appear once in the pane: not again above the list.
    expect(screen.getAllByText('2')).toHaveLength(1);
  });

  it('says not ready when any error remains, and the readiness opens the Export tab', async () => {
    const findings = [
      finding('mpan-check-digit', 'error', 'C8'),
      finding('mpan-check-digit', 'error', 'C9'),
      finding('required-field', 'error', 'E9'),
      finding('date-in-past', 'warning', 'M9'),
    ];
    renderPane({ result: resultOf(findings) }, { exportGate: () => <p>Export check here</p> });

    const status = screen.getByRole('region', { name: 'Workbook status' });
    expect(within(status).queryByText('Ready to export')).toBeNull();
    expect(within(status).getByRole('button', { name: '3 errors' })).toBeTruthy();
    expect(within(status).getByRole('button', { name: '1 warning' })).toBeTruthy();
    expect(within(status).getByRole('status').textContent).toBe('Not ready: 3 errors.');
    await userEvent.click(within(status).getByRole('button', { name: 'Not ready' }));
    expect(screen.getByRole('tab', { name: 'Export' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Export check here')).toBeTruthy();
  });

  it('filters the issue list with the counts, and shows the list again when a count is chosen from another tab', async () => {
    const findings = [finding('mpan-check-digit', 'error', 'C8'), finding('date-in-past', 'warning', 'M9')];
    renderPane({ result: resultOf(findings) });
    const status = screen.getByRole('region', { name: 'Workbook status' });
    await userEvent.click(within(status).getByRole('button', { name: '1 warning' }));
    expect(within(status).getByRole('button', { name: '1 warning' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByText(/date-in-past at M9/)).toBeNull();
    expect(screen.getByText(/mpan-check-digit at C8/)).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    await userEvent.click(within(status).getByRole('button', { name: '1 warning' }));
    expect(screen.getByRole('tab', { name: 'Issues' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText(/date-in-past at M9/)).toBeTruthy();
  });

  it('shows progress before the first result and a readable error when the workbook cannot be read', async () => {
    const { view } = renderPane({ phase: 'checking', result: null });
    expect(screen.getByText('Checking the workbook…')).toBeTruthy();
    view.unmount();

    const { controller } = renderPane({ phase: 'failed', result: null, error: 'Sheet “Migration Authorisation” could not be read.' });
    expect(screen.getByText('Could not read the workbook')).toBeTruthy();
    expect(screen.getByText('Sheet “Migration Authorisation” could not be read.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(controller.recheckCount).toBe(1);
  });

  it('re-checks the whole workbook and switches highlights through the controller', async () => {
    const { controller } = renderPane({ result: resultOf([finding('mpan-check-digit', 'error', 'C8')]), highlights: true });

    await userEvent.click(screen.getByRole('button', { name: 'Re-check all' }));
    expect(controller.recheckCount).toBe(1);

    const toggle = screen.getByRole('button', { name: 'Highlight cells' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(toggle);
    expect(controller.highlightCalls).toEqual([false]);
    expect(screen.getByRole('button', { name: 'Highlight cells' }).getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(toggle);
    expect(controller.highlightCalls).toEqual([false, true]);
  });
});
