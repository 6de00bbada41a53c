import type { SettingsStore } from '../excel/gateway';

/** Where the demo keeps the analyst's own settings; one prefix so nothing else in the origin is touched. */
const PREFIX = 'mam-prep-demo:';

/**
 * The demo's user-scoped settings in this browser's localStorage, so "Saved for you in this browser"
 * is true across a reload. Storage can be blocked (a SecurityError on access): then the values live in
 * memory for this page only, and `persistent` says so.
 */
export class BrowserUserSettings implements SettingsStore {
  private readonly memory = new Map<string, string>();
  private storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;

  constructor(storage: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = defaultStorage) {
    this.storage = safely(storage, null);
  }

  get persistent(): boolean {
    return this.storage !== null;
  }

  get(key: string): string | undefined {
    if (this.memory.has(key)) return this.memory.get(key);
    const stored = this.storage ? safely(() => this.storage!.getItem(PREFIX + key), null) : null;
    return stored ?? undefined;
  }

  async set(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.memory.delete(key);
    else this.memory.set(key, value);
    if (!this.storage) return;
    const storage = this.storage;
    const saved = safely(() => {
      if (value === undefined) storage.removeItem(PREFIX + key);
      else storage.setItem(PREFIX + key, value);
      return true;
    }, false);
    // Storage refused the write (blocked or full): keep going in memory and stop pretending it persists.
    if (!saved) this.storage = null;
  }
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  return typeof window === 'undefined' ? null : window.localStorage;
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
