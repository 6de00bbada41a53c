import type { Scheduler } from '../../../src/excel/live-validation';

/** A scheduler the test fires by hand: no real time passes in the tests. */
export class ManualScheduler implements Scheduler {
  private next = 1;
  private readonly timers = new Map<number, () => void>();

  set(callback: () => void): unknown {
    const id = this.next++;
    this.timers.set(id, callback);
    return id;
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Runs every pending callback (the debounce elapsing). */
  fire(): void {
    const callbacks = [...this.timers.values()];
    this.timers.clear();
    for (const c of callbacks) c();
  }
}
