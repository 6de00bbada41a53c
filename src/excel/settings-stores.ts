import type { SettingsStore } from './gateway';

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
}

/** Document-scoped settings: stored in the workbook, so they travel with it. */
export class OfficeDocumentSettingsStore implements SettingsStore {
  constructor(private readonly settings: OfficeDocumentSettings) {}

  get(key: string): string | undefined {
    const v = this.settings.get(key);
    return typeof v === 'string' ? v : undefined;
  }

  set(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.settings.remove(key);
    else this.settings.set(key, value);
    return new Promise((resolve, reject) => {
      this.settings.saveAsync((result) => {
        if (result.status === 'failed') reject(new Error(`Could not save the workbook's MAM Prep settings: ${result.error?.message ?? 'unknown reason'}.`));
        else resolve();
      });
    });
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
