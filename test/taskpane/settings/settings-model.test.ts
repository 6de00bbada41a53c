import { DEFAULT_PROFILES } from '../../../src/engine/profile';
import { validateWorkbook } from '../../../src/engine/validate';
import { MapSettingsStore } from '../../../src/excel/settings-stores';
import { SETTING_KEYS, SettingsModel, validateExemptGroupIds, validateProfileOverride, validateUserId } from '../../../src/taskpane/settings/settings-model';
import { buildWorkbook, TODAY, validMaRow } from '../../support/sheet-builder';
import { RULES } from '../../../src/rules';

function model(document = new Map<string, string>(), user = new Map<string, string>()) {
  return { document, user, settings: new SettingsModel({ documentSettings: new MapSettingsStore(document), userSettings: new MapSettingsStore(user) }) };
}

describe('settings validation', () => {
  it('accepts a User ID in any EUI-64 spelling and stores the canonical form', () => {
    expect(validateUserId(' 70b3d51f3000a008 ')).toEqual({ userId: '70-B3-D5-1F-30-00-A0-08' });
    expect(validateUserId('')).toEqual({ userId: null });
    expect(validateUserId('70-B3-D5')).toEqual({ problems: [expect.stringContaining('"70-B3-D5" is not a User ID')] });
  });

  it('names each wrong GroupID and suggests the exact spelling', () => {
    expect(validateExemptGroupIds('EA, EB EC')).toEqual({ groupIds: ['EA', 'EB', 'EC'] });
    expect(validateExemptGroupIds('  ')).toEqual({ groupIds: null });
    expect(validateExemptGroupIds('ea, E-B, EA, EA')).toEqual({
      problems: [
        '"ea" is not a GroupID. GroupIDs are matched exactly; did you mean "EA"?',
        '"E-B" is not a GroupID. GroupIDs are two capital letters, such as EA.',
        '"EA" is listed twice.',
      ],
    });
  });

  it('suggests only spellings that are valid GroupIDs themselves', () => {
    // "ZZ9" upper-cased is still not two capital letters, so no "did you mean" points at it.
    expect(validateExemptGroupIds('zz9')).toEqual({ problems: ['"zz9" is not a GroupID. GroupIDs are two capital letters, such as EA.'] });
    expect(validateExemptGroupIds('EAB')).toEqual({ problems: ['"EAB" is not a GroupID. GroupIDs are two capital letters, such as EA.'] });
    expect(validateExemptGroupIds('ez')).toEqual({ problems: ['"ez" is not a GroupID. GroupIDs are matched exactly; did you mean "EZ"?'] });
    expect(validateExemptGroupIds('E1', ['^[A-Z][0-9]$'])).toEqual({ groupIds: ['E1'] });
  });

  it('reports JSON syntax errors and unknown keys in a profile override', () => {
    const syntax = validateProfileOverride('{"migration-authorisation": ');
    expect('problems' in syntax && syntax.problems[0]).toMatch(/^not valid JSON/);
    const unknown = validateProfileOverride(JSON.stringify({ 'migration-authorisation': { exportPrefx: 'X' }, nope: {} }));
    expect('problems' in unknown && unknown.problems.join(' ')).toMatch(/exportPrefx/);
    const ok = validateProfileOverride(JSON.stringify({ 'migration-authorisation': { exportPrefix: 'MAX' } }));
    expect('profiles' in ok && ok.profiles?.[0]?.exportPrefix).toBe('MAX');
  });
});

describe('settings model', () => {
  it('keeps each setting in its stated store and feeds the engine options', async () => {
    const { settings, document, user } = model();
    expect((await settings.setUserId('70b3d51f3000a008')).ok).toBe(true);
    expect((await settings.setExemptGroupIds('EA EZ')).ok).toBe(true);
    expect((await settings.setProfileOverride(JSON.stringify({ 'migration-authorisation': { exportPrefix: 'MAX' } }))).ok).toBe(true);
    await settings.setHighlights(false);
    expect(user.get(SETTING_KEYS.userId)).toBe('70-B3-D5-1F-30-00-A0-08');
    expect(user.has(SETTING_KEYS.profileOverride)).toBe(true);
    expect(user.get(SETTING_KEYS.highlights)).toBe('off');
    expect(document.get(SETTING_KEYS.exemptGroupIds)).toBe('EA,EZ');

    const options = settings.engineOptions(TODAY);
    expect(options.userId).toBe('70-B3-D5-1F-30-00-A0-08');
    expect(options.profiles?.find((p) => p.id === 'migration-authorisation')).toMatchObject({ exportPrefix: 'MAX', exemptGroupIds: ['EA', 'EZ'] });
    expect(settings.getState().highlights).toBe(false);
  });

  it('changes what the engine finds: the User ID and exempt GroupIDs reach validation', async () => {
    const { settings } = model();
    const workbook = buildWorkbook([{ ...validMaRow(0), groupId: 'EZ' }], { userId: null });
    const before = validateWorkbook(workbook, { ...settings.engineOptions(TODAY), rules: RULES }).findings.map((f) => f.ruleId);
    expect(before).toContain('submitter-user-id');
    expect(before).not.toContain('group-id-exempt');
    await settings.setUserId('70-B3-D5-1F-30-00-A0-08');
    await settings.setExemptGroupIds('EA EB EC EZ');
    const after = validateWorkbook(workbook, { ...settings.engineOptions(TODAY), rules: RULES }).findings.map((f) => f.ruleId);
    expect(after).not.toContain('submitter-user-id');
    expect(after).toContain('group-id-exempt');
  });

  it('refuses invalid input without changing the stored setting', async () => {
    const { settings, user } = model();
    await settings.setUserId('70-B3-D5-1F-30-00-A0-08');
    const outcome = await settings.setUserId('not an id');
    expect(outcome.ok).toBe(false);
    expect(user.get(SETTING_KEYS.userId)).toBe('70-B3-D5-1F-30-00-A0-08');
    expect((await settings.setUserId('')).ok).toBe(true);
    expect(user.has(SETTING_KEYS.userId)).toBe(false);
  });

  it('ignores a stored setting that no longer validates and reports it', () => {
    const { settings } = model(new Map([[SETTING_KEYS.exemptGroupIds, 'ea']]), new Map([[SETTING_KEYS.profileOverride, '{"x": {}}']]));
    const state = settings.getState();
    expect(state.exemptGroupIds).toBeNull();
    expect(state.profiles).toBe(DEFAULT_PROFILES);
    expect(Object.keys(state.storedProblems).sort()).toEqual(['exemptGroupIds', 'profileOverride']);
  });

  it('notifies subscribers with a new state object', async () => {
    const { settings } = model();
    const first = settings.getState();
    let calls = 0;
    settings.subscribe(() => calls++);
    await settings.setHighlights(false);
    expect(calls).toBe(1);
    expect(settings.getState()).not.toBe(first);
  });
});
