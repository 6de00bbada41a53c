import type { EngineOptions } from '../../engine/result';
import { trainingEngineOptions } from './training-sheet';
import type { RuleId } from '../../rules';

/**
 * Which sheet trainer mode asks the engine to check: the training sheet while a trainer walks
 * through it, otherwise none (the user's data sheet, as detected). The pane's entry passes
 * `engineOptions` to the live controller, so a change applies on the next re-check.
 */
export class TrainingFocus {
  private sheet: string | null = null;
  private readonly listeners = new Set<() => void>();

  readonly current = (): string | null => this.sheet;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  set(sheet: string | null): void {
    if (sheet === this.sheet) return;
    this.sheet = sheet;
    for (const listener of [...this.listeners]) listener();
  }

  /** The options the engine should use now: `base` pointed at the training sheet while training. */
  readonly engineOptions = (base: EngineOptions<RuleId>): EngineOptions<RuleId> => trainingEngineOptions(base, this.sheet);
}
