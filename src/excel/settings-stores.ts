import { GatewayError, type SettingsStore } from './gateway';

/** Settings kept in a Map: the fake's stores, and the fallback where no storage is available. */
export class MapSettingsStore implements SettingsStore {
  constructor(private readonly map: Map<string, string> = new Map()) {}

  get(key: string): string | undefined {
    return this.map.get(key);
  }

  async set(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, value);
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
        if (result.status === 'failed') reject(new GatewayError('settings-save', `Could not save the workbook's MAM Prep settings: ${result.error?.message ?? 'unknown reason'}.`));
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

/**
 * User-scoped settings in the add-in's local storage (partitioned per add-in by the host). Keys are
 * prefixed so other code sharing the origin (the demo page) cannot collide with them.
 */
export class LocalStorageSettingsStore implements SettingsStore {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly prefix = 'mam-prep:',
  ) {}

  get(key: string): string | undefined {
    return this.storage.getItem(this.prefix + key) ?? undefined;
  }

  async set(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.storage.removeItem(this.prefix + key);
    else this.storage.setItem(this.prefix + key, value);
  }
}
