import { GatewayError, type ScanOptions, type ScanReport, type WriteOutcome } from '../excel/gateway';
import { LiveValidation, type LiveValidationOptions } from '../excel/live-validation';
import { describeCap } from '../excel/scan-plan';
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

  private scanAbort: AbortController | null = null;

  constructor(options: Omit<LiveValidationOptions, 'onError' | 'scanOptions'>) {
    this.live = new LiveValidation({
      ...options,
      scanOptions: () => this.scanOptions(),
      onError: (error) => {
        this.scanAbort = null;
        if (error instanceof GatewayError && error.code === 'cancelled') {
          this.update({ phase: 'done', scan: null, scanNotes: [this.state.result ? 'Check cancelled: the list shows the last complete check.' : 'Check cancelled: nothing has been checked yet. Press Re-check all to start again.'] });
          return;
        }
        this.update({ phase: 'failed', scan: null, error: readableError(error) });
      },
    });
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

  readonly cancelScan = (): void => {
    this.scanAbort?.abort();
  };

  stop(): void {
    this.scanAbort?.abort();
    this.live.stop();
  }

  /**
   * A fresh cancel signal per scan; progress shows once a scan needs more than one request (about a
   * second or more on Excel on the web), so short scans do not flash a progress line.
   */
  private scanOptions(): ScanOptions {
    const abort = new AbortController();
    this.scanAbort = abort;
    return {
      signal: abort.signal,
      onProgress: (p) => {
        if (this.scanAbort !== abort) return;
        this.update({ scan: p.rowsRead < p.rowsTotal ? { rowsRead: p.rowsRead, rowsTotal: p.rowsTotal } : null });
      },
      onReport: (report) => {
        if (this.scanAbort === abort) this.scanAbort = null;
        this.update({ scan: null, scanNotes: scanNotes(report) });
      },
    };
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

/** What the user should know about how the workbook was read. */
function scanNotes(report: ScanReport): string[] {
  const notes = report.caps.map(describeCap);
  if (!report.dateSystemDetected) notes.push('Excel did not say which date system this workbook uses; MAM Prep assumed the 1900 system (the Windows default).');
  return notes;
}

/** One sentence: the gateway's messages name the sheet or cell; never a stack trace. */
function readableError(error: Error): string {
  const first = error.message.split('\n')[0]?.trim();
  return first ? `MAM Prep could not read the workbook: ${first}` : 'MAM Prep could not read the workbook.';
}
