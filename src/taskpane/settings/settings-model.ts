import { canonicalEui64 } from '../../engine/identifiers';
import { DEFAULT_PROFILES, type Profile } from '../../engine/profile';
import { parseProfileOverride, ProfileOverrideError } from '../../engine/profile-schema';
import type { EngineSettings } from '../../engine/result';
import type { SettingsStore } from '../../excel/gateway';
import { storageNoticeOf } from '../../excel/settings-stores';

/**
 * The pane's settings: what each one means, where it is kept, how typed text is checked, and how
 * the settings become the engine options live validation uses. Plain TS; the Settings panel is a
 * thin view over it.
 *
 * Where each setting lives, and why:
 * - User ID, profile override, highlights: the user's partitioned local storage. They describe the
 *   analyst and their organisation and apply to every workbook they open; the workbook's own User ID
 *   always wins over the setting.
 * - Exempt GroupIDs: the document's settings, so everyone who opens this workbook validates it the
 *   same way (and the fix journal travels the same way).
 */

export type SettingName = 'userId' | 'profileOverride' | 'exemptGroupIds' | 'highlights';
export type SettingScope = 'document' | 'user';

export const SETTING_SCOPES: Readonly<Record<SettingName, SettingScope>> = {
  userId: 'user',
  profileOverride: 'user',
  exemptGroupIds: 'document',
  highlights: 'user',
};

export const SETTING_KEYS: Readonly<Record<SettingName, string>> = {
  userId: 'mamPrep.userId',
  profileOverride: 'mamPrep.profileOverride',
  exemptGroupIds: 'mamPrep.exemptGroupIds',
  highlights: 'mamPrep.highlights',
};

/** How the UI states where a setting is kept. */
export const SCOPE_NOTES: Readonly<Record<SettingScope, string>> = {
  document: 'Saved in this workbook: everyone who opens it gets this setting.',
  user: 'Saved for you in this browser or Excel on this computer; not stored in the workbook.',
};

export interface SettingsState {
  /** Canonical EUI-64, or null when not set. */
  readonly userId: string | null;
  /** The override JSON as the user gave it, or null. */
  readonly profileOverrideText: string | null;
  /** The exempt GroupIDs that replace the profile's, or null for the profile's own. */
  readonly exemptGroupIds: readonly string[] | null;
  readonly highlights: boolean;
  /** The profiles in force (defaults, with the override and exempt GroupIDs applied). */
  readonly profiles: readonly Profile[];
  /** A stored setting that no longer validates (it is then ignored), by setting. */
  readonly storedProblems: Readonly<Partial<Record<SettingName, readonly string[]>>>;
  /** Set when the user's settings cannot be stored and last only while the pane is open. */
  readonly storageNotice: string | null;
}

export type SettingOutcome = { readonly ok: true } | { readonly ok: false; readonly problems: readonly string[] };

// ---- Validation of typed text: pure, one list of readable problems each ----------------------------

export function validateUserId(textValue: string): { userId: string | null } | { problems: string[] } {
  const trimmed = textValue.trim();
  if (trimmed === '') return { userId: null };
  const canonical = canonicalEui64(trimmed);
  if (!canonical) {
    return { problems: [`"${trimmed}" is not a User ID. Enter an EUI-64 of 16 hexadecimal digits, e.g. 70-B3-D5-1F-30-00-A0-08.`] };
  }
  return { userId: canonical };
}

/** GroupIDs are matched exactly (case-sensitive), so each must be written as the template holds it. */
const GROUP_ID = /^[A-Z0-9]{1,10}$/;

/**
 * Checks exempt GroupIDs against the shape the templates allow (each profile's `groupIdPattern`), and
 * suggests a spelling only when that spelling is itself a valid GroupID.
 */
export function validateExemptGroupIds(
  textValue: string,
  patterns: readonly string[] = groupIdPatterns(DEFAULT_PROFILES),
): { groupIds: string[] | null } | { problems: string[] } {
  const tokens = textValue.split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length === 0) return { groupIds: null };
  const shapes = patterns.map((p) => new RegExp(p));
  const valid = (t: string): boolean => GROUP_ID.test(t) && (shapes.length === 0 || shapes.some((re) => re.test(t)));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    if (!valid(t)) {
      const hint = valid(t.toUpperCase()) ? ` GroupIDs are matched exactly; did you mean "${t.toUpperCase()}"?` : ` ${describeShape(patterns)}`;
      problems.push(`"${t}" is not a GroupID.${hint}`);
    } else if (seen.has(t)) problems.push(`"${t}" is listed twice.`);
    seen.add(t);
  }
  return problems.length > 0 ? { problems } : { groupIds: [...seen] };
}

function groupIdPatterns(profiles: readonly Profile[]): string[] {
  return [...new Set(profiles.map((p) => p.groupIdPattern).filter((p): p is string => typeof p === 'string' && p !== ''))];
}

function describeShape(patterns: readonly string[]): string {
  if (patterns.length === 0 || patterns.every((p) => p === '^[A-Z]{2}$')) return 'GroupIDs are two capital letters, such as EA.';
  return `GroupIDs match ${patterns.join(' or ')}.`;
}

export function validateProfileOverride(textValue: string): { profiles: Profile[] | null } | { problems: string[] } {
  if (textValue.trim() === '') return { profiles: null };
  try {
    return { profiles: parseProfileOverride(textValue) };
  } catch (e) {
    if (e instanceof ProfileOverrideError) return { problems: [...e.problems] };
    return { problems: ['The profile override could not be read.'] };
  }
}

// ---- The model ------------------------------------------------------------------------------------

export interface SettingsStores {
  readonly documentSettings: SettingsStore;
  readonly userSettings: SettingsStore;
}

export class SettingsModel {
  private state: SettingsState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly stores: SettingsStores) {
    this.state = this.read();
  }

  readonly getState = (): SettingsState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The engine options for live validation: read on every full check, so changes apply at the next one. */
  engineOptions(today: string): EngineSettings {
    const { userId, profiles } = this.state;
    return { today, profiles, ...(userId ? { userId } : {}) };
  }

  async setUserId(textValue: string): Promise<SettingOutcome> {
    const checked = validateUserId(textValue);
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    await this.write('userId', checked.userId ?? undefined);
    return { ok: true };
  }

  async setProfileOverride(textValue: string): Promise<SettingOutcome> {
    const checked = validateProfileOverride(textValue);
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    await this.write('profileOverride', checked.profiles ? textValue : undefined);
    return { ok: true };
  }

  async setExemptGroupIds(textValue: string): Promise<SettingOutcome> {
    const checked = validateExemptGroupIds(textValue);
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    await this.write('exemptGroupIds', checked.groupIds ? checked.groupIds.join(',') : undefined);
    return { ok: true };
  }

  async setHighlights(on: boolean): Promise<void> {
    await this.write('highlights', on ? undefined : 'off');
  }

  private storeOf(name: SettingName): SettingsStore {
    return SETTING_SCOPES[name] === 'document' ? this.stores.documentSettings : this.stores.userSettings;
  }

  private async write(name: SettingName, value: string | undefined): Promise<void> {
    await this.storeOf(name).set(SETTING_KEYS[name], value);
    this.state = this.read();
    for (const l of [...this.listeners]) l();
  }

  /** Reads every setting; a stored value that no longer validates is ignored and reported. */
  private read(): SettingsState {
    const get = (name: SettingName): string | undefined => this.storeOf(name).get(SETTING_KEYS[name]);
    const storedProblems: Partial<Record<SettingName, readonly string[]>> = {};

    let userId: string | null = null;
    const storedUserId = get('userId');
    if (storedUserId !== undefined) {
      const checked = validateUserId(storedUserId);
      if ('problems' in checked) storedProblems.userId = checked.problems;
      else userId = checked.userId;
    }

    let base: readonly Profile[] = DEFAULT_PROFILES;
    const profileOverrideText = get('profileOverride') ?? null;
    if (profileOverrideText !== null) {
      const checked = validateProfileOverride(profileOverrideText);
      if ('problems' in checked) storedProblems.profileOverride = checked.problems;
      else if (checked.profiles) base = checked.profiles;
    }

    let exemptGroupIds: string[] | null = null;
    const storedExempt = get('exemptGroupIds');
    if (storedExempt !== undefined) {
      const checked = validateExemptGroupIds(storedExempt);
      if ('problems' in checked) storedProblems.exemptGroupIds = checked.problems;
      else exemptGroupIds = checked.groupIds;
    }

    const profiles = exemptGroupIds ? base.map((p) => ({ ...p, exemptGroupIds: [...exemptGroupIds] })) : base;
    const storageNotice = storageNoticeOf(this.stores.userSettings);
    return { userId, profileOverrideText, exemptGroupIds, highlights: get('highlights') !== 'off', profiles, storedProblems, storageNotice };
  }
}
