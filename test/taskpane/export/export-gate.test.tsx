import '../fixes/resize-observer';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ValidationResult } from '../../../src/engine/result';
import { DEFAULT_PROFILES } from '../../../src/engine/profile';
import { RULES, type RuleId } from '../../../src/rules';
import { copyText } from '../../../src/taskpane/export/clipboard';
import { assessExport } from '../../../src/taskpane/export/export-gate';
import { ExportGatePanel, GATE_WARNINGS_SHOWN } from '../../../src/taskpane/export/export-gate-panel';
import { ExportGateStore } from '../../../src/taskpane/export/export-gate-store';
import { GatewayError, type ClearOutcome } from '../../../src/excel/gateway';
import { finding, resultOf, StubController } from '../pane-fixtures';

const NOW = new Date(2026, 10, 29, 10, 30, 5);
const ERROR = finding('mpan-check-digit', 'error', 'B7');
const WARNING = finding('template-version', 'warning', 'B2', { message: 'Template version v06 is not the current v06a.' });

interface GateOptions {
  failRecheck?: boolean;
  clear?: () => Promise<ClearOutcome>;
  restoreOnEdit?: boolean;
}

function renderGate(result: ValidationResult<RuleId>, options: GateOptions = {}) {
  const controller = new StubController({ result });
  if (options.failRecheck) {
    Object.defineProperty(controller, 'recheck', {
      value: () => {
        controller.update({ phase: 'failed', error: 'MAM Prep could not read the workbook: Sheet "Lists" no longer exists.' });
        return Promise.resolve();
      },
    });
  }
  const clears: number[] = [];
  const store = new ExportGateStore({
    controller,
    clearHighlights: async () => {
      clears.push(clears.length + 1);
      return options.clear ? options.clear() : { removed: 3, remaining: 0, protectedSheets: [] };
    },
    profiles: () => DEFAULT_PROFILES,
    restoreOnEdit: () => options.restoreOnEdit ?? true,
    now: () => NOW,
  });
  const copies: string[] = [];
  const copy = (text: string) => {
    copies.push(text);
    return Promise.resolve(true);
  };
  const ui = (current: ValidationResult<RuleId> | null) => (
    <FluentProvider theme={webLightTheme}>
      <ExportGatePanel store={store} currentResult={current} rules={RULES} version="0.1.0" copy={copy} />
    </FluentProvider>
  );
  const view = render(ui(result));
  /** The analyst edits the workbook: the pane's result changes. */
  const edit = (next: ValidationResult<RuleId>) => {
    act(() => controller.update({ result: next }));
    view.rerender(ui(next));
  };
  return { controller, copies, view, clears, edit };
}

describe('export gate', () => {
  it('does nothing until asked, then re-checks and says Not ready while errors remain, keeping highlights', async () => {
    const { controller, clears } = renderGate(resultOf([ERROR, WARNING]));
    expect(controller.recheckCount).toBe(0);
    expect(screen.queryByText(/Ready to export|Not ready/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(controller.recheckCount).toBe(1);
    expect(screen.getByText('Not ready: 1 error remains')).toBeTruthy();
    expect(screen.queryByText('Ready to export')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy name' })).toBeNull();
    expect(clears).toEqual([]);
    expect(controller.highlightCalls).toEqual([]);
  });

  it('says Ready to export with no error, removes every highlight format and says how many, and offers the file name', async () => {
    const { controller, copies, clears } = renderGate(resultOf([WARNING]));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText('Ready to export')).toBeTruthy();
    expect(clears).toEqual([1]);
    // The highlights switch stays on: the pane keeps watching.
    expect(controller.highlightCalls).toEqual([]);
    expect(controller.getState().highlights).toBe(true);
    expect(screen.getByText(/Removed 3 MAM Prep highlight formats so they are not sent to DCC; none remain\./)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Remaining warnings' })).getByText(/Template version v06/)).toBeTruthy();
    expect(screen.getByText('MA_CGI_70-B3-D5-1F-30-00-A0-08_20261129_103005.xlsm')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Copy name' }));
    expect(copies).toEqual(['MA_CGI_70-B3-D5-1F-30-00-A0-08_20261129_103005.xlsm']);
    expect(screen.getByText('File name copied.')).toBeTruthy();
    expect(screen.getByText(/an add-in cannot run macros/)).toBeTruthy();
  });

  it('never says highlights were removed when some remain, and names the protected sheet', async () => {
    renderGate(resultOf([]), { clear: () => Promise.resolve({ removed: 2, remaining: 1, protectedSheets: ['Migration Authorisation'] }) });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(
      screen.getByText(/Removed 2 highlight formats, but 1 MAM Prep highlight format is still in the workbook on protected sheet "Migration Authorisation"/),
    ).toBeTruthy();
    expect(screen.queryByText(/none remain/)).toBeNull();
  });

  it('says the highlights could not be removed when the clear fails, with advice for the reason', async () => {
    renderGate(resultOf([]), { clear: async () => Promise.reject(new GatewayError('edit-mode', 'Excel is editing a cell.')) });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText(/highlights could not be removed, so they may still be in the workbook\. Excel is editing a cell/)).toBeTruthy();
    expect(screen.queryByText(/Removed/)).toBeNull();
  });

  it('says so when the workbook held no highlights', async () => {
    renderGate(resultOf([]), { clear: () => Promise.resolve({ removed: 0, remaining: 0, protectedSheets: [] }) });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText('The workbook holds no MAM Prep highlights, so none are sent to DCC.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show highlights' })).toBeNull();
  });

  it('stops saying the workbook holds no highlights once it changed after the check (the pane may have highlighted the new mistake)', async () => {
    const { edit } = renderGate(resultOf([]), { clear: () => Promise.resolve({ removed: 0, remaining: 0, protectedSheets: [] }) });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText('The workbook holds no MAM Prep highlights, so none are sent to DCC.')).toBeTruthy();
    edit(resultOf([ERROR]));
    expect(screen.getByText(/Not ready: 1 error remains \(new since the check\)/)).toBeTruthy();
    expect(screen.queryByText(/holds no MAM Prep highlights/)).toBeNull();
  });

  it('turns not ready at once when an error appears after the check, and writes the highlights again', async () => {
    const { controller, edit } = renderGate(resultOf([]));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText('Ready to export')).toBeTruthy();
    edit(resultOf([ERROR]));
    expect(screen.getByText(/Not ready: 1 error remains \(new since the check\)/)).toBeTruthy();
    expect(screen.queryByText('Ready to export')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy name' })).toBeNull();
    expect(controller.highlightCalls).toEqual([true]);
  });

  it('says the workbook changed when an edit leaves it without errors', async () => {
    const { edit } = renderGate(resultOf([]));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    edit(resultOf([WARNING]));
    expect(screen.getByText(/changed since this check/)).toBeTruthy();
    expect(screen.queryByText('Ready to export')).toBeNull();
  });

  it('on a host where writes clear the undo stack, brings highlights back only when asked', async () => {
    const { controller, edit } = renderGate(resultOf([]), { restoreOnEdit: false });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    edit(resultOf([ERROR]));
    expect(controller.highlightCalls).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Show highlights' }));
    expect(controller.highlightCalls).toEqual([true]);
    expect(screen.getByText(/Highlights are shown again/)).toBeTruthy();
  });

  it('copies the validation report as CSV and as text', async () => {
    const { copies } = renderGate(resultOf([ERROR, WARNING]));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    await userEvent.click(screen.getByRole('button', { name: 'Copy report (CSV)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Copy report (text)' }));
    expect(copies[0]!.split('\r\n')[0]).toBe('file,ruleId,severity,sheet,cell,row,lastRow,field,message,fixFrom,fixTo,fixType');
    expect(copies[0]).toContain('mpan-check-digit,error');
    expect(copies[1]).toContain('B7     error   mpan-check-digit');
    expect(screen.getByText('Text report copied.')).toBeTruthy();
  });

  it('explains a missing file name instead of inventing one', async () => {
    renderGate(resultOf([], { userId: null, userIdSource: null }));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText('Ready to export')).toBeTruthy();
    expect(screen.getByText(/needs the submitting User ID/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy name' })).toBeNull();
  });

  it('reports a re-check that could not read the workbook', async () => {
    const { clears } = renderGate(resultOf([]), { failRecheck: true });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText(/Sheet "Lists" no longer exists/)).toBeTruthy();
    expect(screen.queryByText('Ready to export')).toBeNull();
    expect(clears).toEqual([]);
  });

  it('lists at most a bounded number of warnings', () => {
    const warnings = Array.from({ length: GATE_WARNINGS_SHOWN + 5 }, (_, i) => finding('eui64-canonical', 'warning', `F${i + 7}`));
    const assessment = assessExport(resultOf(warnings), NOW);
    expect(assessment.warnings).toHaveLength(GATE_WARNINGS_SHOWN + 5);
  });
});

describe('copyText', () => {
  it('uses the Clipboard API when it works', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    expect(await copyText('abc')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('abc');
  });

  it('falls back to a selected textarea when the Clipboard API is refused, and restores focus', async () => {
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText: async () => Promise.reject(new Error('denied')) }, configurable: true });
    const button = document.createElement('button');
    document.body.appendChild(button);
    button.focus();
    let copiedValue = '';
    document.execCommand = jest.fn(() => {
      copiedValue = (document.activeElement as HTMLTextAreaElement).value;
      return true;
    });
    await act(async () => {
      expect(await copyText('xyz')).toBe(true);
    });
    expect(copiedValue).toBe('xyz');
    expect(document.querySelector('textarea')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
