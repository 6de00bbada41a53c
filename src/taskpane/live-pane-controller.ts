import type { WriteOutcome } from '../excel/gateway';
import { LiveValidation, type LiveValidationOptions } from '../excel/live-validation';
import type { PaneController, PaneState } from './pane-controller';

/**
 * Presents LiveValidation (one scan, then debounced re-validation of edited rows) as the pane's
 * PaneController: one immutable state object per change, for React's useSyncExternalStore.
 * LiveValidation reaches the workbook only through its gateway, so this needs no Office either.
 */
export class LivePaneController implements PaneController {
  /** The underlying controller, for features that need more than the pane's view of it. */
  readonly live: LiveValidation;
  private state: PaneState;
  private readonly listeners = new Set<() => void>();

  constructor(options: Omit<LiveValidationOptions, 'onError'>) {
    this.live = new LiveValidation({ ...options, onError: (error) => this.update({ phase: 'failed', error: readableError(error) }) });
    this.state = { phase: 'checking', result: null, error: null, highlights: this.live.highlightsEnabled };
    this.live.onUpdate((update) => this.update({ phase: 'done', result: update.result, error: null }));
  }

  readonly getState = (): PaneState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Subscribes to edits and runs the first scan. */
  readonly start = (): Promise<void> => this.checking(() => this.live.start());

  readonly recheck = (): Promise<void> => this.checking(() => this.live.recheckAll());

  readonly setHighlights = async (on: boolean): Promise<void> => {
    this.update({ highlights: on });
    await this.live.setHighlightsEnabled(on);
  };

  readonly flush = (): Promise<void> => this.live.flush();

  readonly refreshAfterWrite = (outcome: WriteOutcome): Promise<void> => this.live.refreshAfterWrite(outcome);

  stop(): void {
    this.live.stop();
  }

  private async checking(run: () => Promise<unknown>): Promise<void> {
    this.update({ phase: 'checking', error: null });
    await run();
    // A scan that published nothing (or failed) has already left `checking` through onUpdate/onError.
    if (this.state.phase === 'checking') this.update({ phase: 'done' });
  }

  private update(partial: Partial<PaneState>): void {
    this.state = { ...this.state, ...partial };
    for (const listener of [...this.listeners]) listener();
  }
}

/** One sentence: the gateway's messages name the sheet or cell; never a stack trace. */
function readableError(error: Error): string {
  const first = error.message.split('\n')[0]?.trim();
  return first ? `MAM Prep could not read the workbook: ${first}` : 'MAM Prep could not read the workbook.';
}
