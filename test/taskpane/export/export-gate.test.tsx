/** @jest-environment jsdom */
import '../fixes/resize-observer';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ValidationResult } from '../../../src/engine/result';
import { DEFAULT_PROFILES } from '../../../src/engine/profile';
import { RULES } from '../../../src/rules';
import { copyText } from '../../../src/taskpane/export/clipboard';
import { assessExport } from '../../../src/taskpane/export/export-gate';
import { ExportGatePanel, GATE_WARNINGS_SHOWN } from '../../../src/taskpane/export/export-gate-panel';
import { finding, resultOf, StubController } from '../pane-fixtures';

const NOW = new Date(2026, 10, 29, 10, 30, 5);
const ERROR = finding('mpan-check-digit', 'error', 'B7');
const WARNING = finding('template-version', 'warning', 'B2', { message: 'Template version v06 is not the current v06a.' });

function renderGate(result: ValidationResult, options: { failRecheck?: boolean } = {}) {
  const controller = new StubController({ result });
  if (options.failRecheck) {
    Object.defineProperty(controller, 'recheck', {
      value: async () => controller.update({ phase: 'failed', error: 'MAM Prep could not read the workbook: Sheet "Lists" no longer exists.' }),
    });
  }
  const copies: string[] = [];
  const copy = async (text: string) => {
    copies.push(text);
    return true;
  };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <ExportGatePanel controller={controller} currentResult={result} profiles={() => DEFAULT_PROFILES} rules={RULES} version="0.1.0" now={() => NOW} copy={copy} />
    </FluentProvider>,
  );
  return { controller, copies, view };
}

describe('export gate', () => {
  it('does nothing until asked, then re-checks and says Not ready while errors remain, keeping highlights', async () => {
    const { controller } = renderGate(resultOf([ERROR, WARNING]));
    expect(controller.recheckCount).toBe(0);
    expect(screen.queryByText(/Ready to export|Not ready/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(controller.recheckCount).toBe(1);
    expect(screen.getByText('Not ready: 1 error remains')).toBeTruthy();
    expect(screen.queryByText('Ready to export')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy name' })).toBeNull();
    expect(controller.highlightCalls).toEqual([]);
    expect(within(screen.getByRole('list', { name: 'Remaining warnings' })).getByText(/Template version v06/)).toBeTruthy();
  });

  it('says Ready to export with no error, clears highlights, and offers the submission file name to copy', async () => {
    const { controller, copies } = renderGate(resultOf([WARNING]));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText('Ready to export')).toBeTruthy();
    expect(controller.highlightCalls).toEqual([false]);
    expect(screen.getByText(/highlights were removed so they are not sent to DCC/)).toBeTruthy();
    expect(screen.getByText('MA_CGI_70-B3-D5-1F-30-00-A0-08_20261129_103005.xlsm')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Copy name' }));
    expect(copies).toEqual(['MA_CGI_70-B3-D5-1F-30-00-A0-08_20261129_103005.xlsm']);
    expect(screen.getByText('File name copied.')).toBeTruthy();
    expect(screen.getByText(/an add-in cannot run macros/)).toBeTruthy();
  });

  it('copies the validation report as CSV and as text', async () => {
    const { copies } = renderGate(resultOf([ERROR, WARNING]));
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    await userEvent.click(screen.getByRole('button', { name: 'Copy report (CSV)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Copy report (text)' }));
    expect(copies[0]!.split('\r\n')[0]).toBe('file,ruleId,severity,sheet,cell,row,field,message,fixFrom,fixTo,fixType');
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
    renderGate(resultOf([]), { failRecheck: true });
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.getByText(/Sheet "Lists" no longer exists/)).toBeTruthy();
    expect(screen.queryByText('Ready to export')).toBeNull();
  });

  it('says when the workbook changed after the check', async () => {
    const result = resultOf([]);
    const { controller, copies, view } = renderGate(result);
    await userEvent.click(screen.getByRole('button', { name: 'Check before export' }));
    expect(screen.queryByText(/changed since this check/)).toBeNull();
    view.rerender(
      <FluentProvider theme={webLightTheme}>
        <ExportGatePanel controller={controller} currentResult={resultOf([ERROR])} profiles={() => DEFAULT_PROFILES} rules={RULES} version="0.1.0" now={() => NOW} copy={async (t) => copies.push(t) > 0} />
      </FluentProvider>,
    );
    expect(screen.getByText(/changed since this check/)).toBeTruthy();
  });

  it('lists at most a bounded number of warnings', () => {
    const warnings = Array.from({ length: GATE_WARNINGS_SHOWN + 5 }, (_, i) => finding('eui64-canonical', 'warning', `F${i + 7}`));
    const assessment = assessExport(resultOf(warnings), NOW);
    expect(assessment.warnings).toHaveLength(GATE_WARNINGS_SHOWN + 5);
  });
});

describe('copyText', () => {
  it('uses the Clipboard API when it works', async () => {
    const writeText = jest.fn(async () => undefined);
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
