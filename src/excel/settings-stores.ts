import { GatewayError, type SettingsStore } from './gateway';

/** Settings kept in a Map: the fake's stores, and the fallback where no storage is available. */
export class MapSettingsStore implements SettingsStore {
  constructor(private readonly map: Map<string, string> = new Map()) {}

  get(key: string): string | undefined {
    return this.map.get(key);
  }

  set(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, value);
    return Promise.resolve();
  }
}

/** The part of `Office.context.document.settings` we use. */
export interface OfficeDocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
  /** Reloads the bag from the document (co-authors' saves); absent on hosts without it. */
  refreshAsync?(callback?: (result: { status: string }) => void): void;
}

/**
 * Document-scoped settings: stored in the workbook, so they travel with it. Office saves the whole
 * settings bag (the last save wins), so with co-authors each save first refreshes the bag from the
 * document and re-applies this session's own unsaved values: one user's save keeps the other's keys.
 */
export class OfficeDocumentSettingsStore implements SettingsStore {
  /** Values set in this session and not saved yet (undefined = removed). */
  private readonly unsaved = new Map<string, string | undefined>();

  constructor(private readonly settings: OfficeDocumentSettings) {}

  get(key: string): string | undefined {
    const v = this.unsaved.has(key) ? this.unsaved.get(key) : this.settings.get(key);
    return typeof v === 'string' ? v : undefined;
  }

  async set(key: string, value: string | undefined): Promise<void> {
    this.unsaved.set(key, value);
    await this.refresh();
    for (const [k, v] of this.unsaved) {
      if (v === undefined) this.settings.remove(k);
      else this.settings.set(k, v);
    }
    const saving = new Map(this.unsaved);
    await new Promise<void>((resolve, reject) => {
      this.settings.saveAsync((result) => {
        if (result.status === 'failed')
          reject(new GatewayError('settings-save', `Could not save the workbook's MAM Prep settings: ${result.error?.message ?? 'unknown reason'}.`));
        else resolve();
      });
    });
    for (const [k, v] of saving) if (this.unsaved.get(k) === v) this.unsaved.delete(k);
  }

  private refresh(): Promise<void> {
    const settings = this.settings;
    if (!settings.refreshAsync) return Promise.resolve();
    // A failed refresh still saves this session's values; only co-authors' newest keys may be missed.
    return new Promise((resolve) => settings.refreshAsync!(() => resolve()));
  }
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Shown wherever the pane says where user settings are kept, while they live in memory only. */
export const SESSION_ONLY_NOTICE =
  'This browser does not let MAM Prep use its storage (it is blocked or full), so your own settings last only while the pane is open. Settings saved in the workbook are not affected.';

/**
 * `window.localStorage`, or undefined where reading it throws. Merely naming `localStorage` (even in
 * `typeof localStorage`) runs the getter, which throws SecurityError where third-party storage is
 * blocked (Excel on the web in some browsers), so every access goes through a guard.
 */
export function browserLocalStorage(read: () => StorageLike | null | undefined = () => globalThis.localStorage): StorageLike | undefined {
  try {
    return read() ?? undefined;
  } catch {
    return undefined;
  }
}

/** A notice a settings store gives about itself (e.g. that it keeps nothing past this session). */
export function storageNoticeOf(store: object): string | null {
  const notice: unknown = (store as { notice?: unknown }).notice;
  return typeof notice === 'string' ? notice : null;
}

export interface LocalStorageSettingsOptions {
  /**
   * `Office.context.partitionKey`: where the host does not partition storage per add-in, it gives a
   * key to prefix ours with, so other add-ins on the same origin cannot read or collide with them.
   */
  readonly partitionKey?: string;
  readonly prefix?: string;
}

/**
 * User-scoped settings in the add-in's local storage. Storage that is missing, blocked or throws on
 * any call (SecurityError, QuotaExceededError) never breaks the pane: the store carries on in memory
 * from the values it has seen and says so through `notice`. Keys are prefixed so other code sharing
 * the origin (the demo page) cannot collide with them.
 */
export class LocalStorageSettingsStore implements SettingsStore {
  private storage: StorageLike | undefined;
  /** Every value read or written, so a storage failure mid-session loses nothing already shown. */
  private readonly memory = new Map<string, string | undefined>();
  private readonly prefix: string;

  constructor(storage: StorageLike | undefined, options: LocalStorageSettingsOptions = {}) {
    this.prefix = `${options.partitionKey ?? ''}${options.prefix ?? 'mam-prep:'}`;
    this.storage = storage;
    // Some hosts hand out a Storage object whose every call throws: find out before the first read.
    this.get('probe');
  }

  /** Null while settings are saved in storage; SESSION_ONLY_NOTICE once they live in memory only. */
  get notice(): string | null {
    return this.storage ? null : SESSION_ONLY_NOTICE;
  }

  get(key: string): string | undefined {
    if (this.storage) {
      try {
        const value = this.storage.getItem(this.prefix + key) ?? undefined;
        this.memory.set(key, value);
        return value;
      } catch {
        this.storage = undefined;
      }
    }
    return this.memory.get(key);
  }

  set(key: string, value: string | undefined): Promise<void> {
    this.memory.set(key, value);
    if (this.storage) {
      try {
        if (value === undefined) this.storage.removeItem(this.prefix + key);
        else this.storage.setItem(this.prefix + key, value);
      } catch {
        // Storage refused (quota, private mode): keep the value in memory for this session.
        this.storage = undefined;
      }
    }
    return Promise.resolve();
  }
}
