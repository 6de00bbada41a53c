import '../fixes/resize-observer';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ValidationResult } from '../../../src/engine/result';
import { MapSettingsStore } from '../../../src/excel/settings-stores';
import { SETTING_KEYS, SettingsModel } from '../../../src/taskpane/settings/settings-model';
import { SettingsPanel } from '../../../src/taskpane/settings/settings-panel';
import { resultOf } from '../pane-fixtures';
import type { RuleId } from '../../../src/rules';

function renderSettings(options: { document?: Map<string, string>; user?: Map<string, string>; result?: ValidationResult<RuleId> | null } = {}) {
  const document = options.document ?? new Map<string, string>();
  const user = options.user ?? new Map<string, string>();
  const settings = new SettingsModel({ documentSettings: new MapSettingsStore(document), userSettings: new MapSettingsStore(user) });
  const rechecks: number[] = [];
  const highlights: boolean[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <SettingsPanel
        settings={settings}
        result={options.result ?? null}
        onValidationSettingsChanged={() => {
          rechecks.push(1);
        }}
        onHighlightsChanged={(on) => {
          highlights.push(on);
        }}
      />
    </FluentProvider>,
  );
  return { document, user, settings, rechecks, highlights };
}

describe('settings panel', () => {
  it('refuses a malformed User ID with a message under the field, then saves a valid one and re-checks', async () => {
    const { user, rechecks } = renderSettings();
    const input = screen.getByRole('textbox', { name: /User ID used when the workbook states none/ });
    await userEvent.type(input, '70-B3-D5');
    await userEvent.click(screen.getByRole('button', { name: 'Save User ID' }));
    expect(screen.getByText(/"70-B3-D5" is not a User ID/)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(user.has(SETTING_KEYS.userId)).toBe(false);
    expect(rechecks).toEqual([]);

    await userEvent.clear(input);
    await userEvent.type(input, '70b3d51f3000a008');
    await userEvent.click(screen.getByRole('button', { name: 'Save User ID' }));
    expect(user.get(SETTING_KEYS.userId)).toBe('70-B3-D5-1F-30-00-A0-08');
    expect(screen.queryByText(/is not a User ID/)).toBeNull();
    expect(rechecks).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toMatch(/User ID saved\. Re-checking/);
  });

  it('states where each setting is stored', () => {
    renderSettings();
    expect(screen.getAllByText(/not stored in the workbook/).length).toBeGreaterThanOrEqual(3);
    expect(screen.getByText(/Saved in this workbook: everyone who opens it gets this setting/)).toBeTruthy();
  });

  it("says when the workbook's own User ID is used instead of the setting", () => {
    renderSettings({ result: resultOf([]) });
    expect(screen.getByText(/This workbook states its own User ID \(70-B3-D5-1F-30-00-A0-08\)/)).toBeTruthy();
  });

  it('lists every problem in exempt GroupIDs', async () => {
    const { document } = renderSettings();
    await userEvent.type(screen.getByRole('textbox', { name: /GroupIDs exempt/ }), 'ea, E-B');
    await userEvent.click(screen.getByRole('button', { name: 'Save GroupIDs' }));
    expect(screen.getByText(/"ea" is not a GroupID\. GroupIDs are matched exactly; did you mean "EA"\?/)).toBeTruthy();
    expect(screen.getByText(/"E-B" is not a GroupID/)).toBeTruthy();
    expect(document.has(SETTING_KEYS.exemptGroupIds)).toBe(false);
  });

  it('shows a JSON syntax error and unknown keys in a profile override, and loads a valid file', async () => {
    const { user, rechecks } = renderSettings();
    const area = screen.getByRole('textbox', { name: /Profile override JSON/ });
    await userEvent.click(area);
    await userEvent.paste('{"migration-authorisation": ');
    await userEvent.click(screen.getByRole('button', { name: 'Save override' }));
    expect(screen.getByText(/not valid JSON/)).toBeTruthy();

    await userEvent.clear(area);
    await userEvent.click(area);
    await userEvent.paste('{"migration-authorisation": {"exportPrefx": "X"}}');
    await userEvent.click(screen.getByRole('button', { name: 'Save override' }));
    expect(screen.getByRole('alert').textContent).toMatch(/unknown key "migration-authorisation.exportPrefx"/);
    expect(user.has(SETTING_KEYS.profileOverride)).toBe(false);

    const json = JSON.stringify({ 'dormant-schedule': { exportPrefix: 'DMX' } });
    const file = new File([json], 'org-profile.json', { type: 'application/json' });
    await userEvent.upload(document.querySelector('input[type="file"]') as HTMLInputElement, file);
    expect(await screen.findByText('Profile override loaded from org-profile.json.')).toBeTruthy();
    expect(user.get(SETTING_KEYS.profileOverride)).toBe(json);
    expect((area as HTMLTextAreaElement).value).toBe(json);
    expect(rechecks).toHaveLength(1);
  });

  it('reports a stored setting that no longer validates', () => {
    renderSettings({ document: new Map([[SETTING_KEYS.exemptGroupIds, 'ea']]) });
    expect(screen.getByText(/"ea" is not a GroupID/)).toBeTruthy();
  });

  it('turns highlights off, remembers it for the user, and tells the workbook', async () => {
    const { user, highlights } = renderSettings();
    const toggle = screen.getByRole('switch', { name: 'Highlight problem cells in the workbook' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await userEvent.click(toggle);
    expect(user.get(SETTING_KEYS.highlights)).toBe('off');
    expect(highlights).toEqual([false]);
    expect((toggle as HTMLInputElement).checked).toBe(false);
  });

  it('every control is reachable with the keyboard', async () => {
    renderSettings();
    const reached: string[] = [];
    for (let i = 0; i < 10; i++) {
      await userEvent.tab();
      const el = document.activeElement as HTMLElement;
      reached.push(el.getAttribute('aria-label') ?? el.textContent ?? el.tagName);
    }
    for (const name of ['Save User ID', 'Save GroupIDs', 'Save override', 'Load JSON file…']) expect(reached).toContain(name);
    expect(reached.filter((r) => r === 'INPUT' || r === 'TEXTAREA' || r === '').length).toBeGreaterThanOrEqual(4);
  });
});
