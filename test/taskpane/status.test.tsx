/** @jest-environment jsdom */
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

  it('shows a warning banner for an older template version, and none for the current one', () => {
    const { view } = renderPane({ result: resultOf([], { template: { ...MA_TEMPLATE, version: 'v05', outdated: true } }) });
    expect(screen.getByText('Older template version')).toBeTruthy();
    expect(screen.getByText(/states version v05/)).toBeTruthy();
    view.unmount();

    renderPane({ result: resultOf([]) });
    expect(screen.queryByText('Older template version')).toBeNull();
  });

  it('says ready to export, with template, version, counts and rows checked, when there is no error', () => {
    const findings = [finding('mpan-distributor', 'warning', 'C8'), finding('eui64-canonical', 'warning', 'F9'), finding('blank-row', 'info', null, { row: 12 })];
    renderPane({ result: resultOf(findings, { rowsChecked: 1234 }) });

    const status = screen.getByRole('region', { name: 'Workbook status' });
    expect(within(status).getByRole('heading').textContent).toBe('SMETS1 Migration Authorisation version v06a');
    expect(within(status).getByText('Ready to export')).toBeTruthy();
    expect(within(status).getByText('0 errors')).toBeTruthy();
    expect(within(status).getByText('2 warnings')).toBeTruthy();
    expect(within(status).getByText('1 info')).toBeTruthy();
    expect(within(status).getByText('1,234 rows checked')).toBeTruthy();
    // The badge carries an icon beside its words, so colour is not the only signal.
    expect(within(status).getByText('2 warnings').closest('.fui-Badge')?.querySelector('svg')).not.toBeNull();
  });

  it('says not ready with the number of errors when any error remains', () => {
    const findings = [finding('mpan-check-digit', 'error', 'C8'), finding('mpan-check-digit', 'error', 'C9'), finding('required-field', 'error', 'E9'), finding('date-in-past', 'warning', 'M9')];
    renderPane({ result: resultOf(findings) });

    const status = screen.getByRole('region', { name: 'Workbook status' });
    expect(within(status).getByText('Not ready: 3 errors')).toBeTruthy();
    expect(within(status).queryByText('Ready to export')).toBeNull();
    expect(within(status).getByText('3 errors')).toBeTruthy();
    expect(within(status).getByText('1 warning')).toBeTruthy();
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

    const toggle = screen.getByRole('switch', { name: 'Highlight cells' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await userEvent.click(toggle);
    expect(controller.highlightCalls).toEqual([false]);
    expect((screen.getByRole('switch', { name: 'Highlight cells' }) as HTMLInputElement).checked).toBe(false);
    await userEvent.click(toggle);
    expect(controller.highlightCalls).toEqual([false, true]);
  });
});
