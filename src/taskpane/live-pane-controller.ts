import { GatewayError, type ClearOutcome, type ScanOptions, type ScanReport, type WriteOptions, type WriteOutcome } from '../excel/gateway';
import { isEditMode, LiveValidation, type LiveStatus, type LiveValidationOptions } from '../excel/live-validation';
import { describeCap } from '../excel/scan-plan';
import type { PaneController, PaneState } from './pane-controller';
import type { RuleId } from '../rules';

/**
 * Presents LiveValidation (one scan, then debounced re-validation of edited rows) as the pane's
 * PaneController: one immutable state object per change, for React's useSyncExternalStore.
 * LiveValidation reaches the workbook only through its gateway, so this needs no Office either.
 *
 * Only a failed READ puts the pane in `failed` ("could not read the workbook"). Cell edit mode is
 * waited out, and a refused highlight write is a notice: the findings in the pane are still true.
 */
export class LivePaneController implements PaneController {
  /** The underlying controller, for features that need more than the pane's view of it. */
  readonly live: LiveValidation<RuleId>;
  /** What the last switch-off removed and left (the export check reports it). */
  lastClear: ClearOutcome | null = null;
  private state: PaneState;
  private readonly listeners = new Set<() => void>();

  private scanAbort: AbortController | null = null;

  constructor(options: Omit<LiveValidationOptions<RuleId>, 'onError' | 'scanOptions'>) {
    this.live = new LiveValidation({
      ...options,
      scanOptions: () => this.scanOptions(),
      onError: (error, during) => {
        if (isCancelled(error)) this.cancelled();
        else if (during === 'read') this.update({ phase: 'failed', scan: null, error: readableError(error) });
      },
    });
    this.state = { phase: 'checking', result: null, error: null, highlights: this.live.highlightsEnabled, notices: noticesOf(this.live.status) };
    this.live.onUpdate((update) => this.update({ phase: 'done', result: update.result, error: null }));
    this.live.onStatus((status) => this.update({ notices: noticesOf(status) }));
  }

  readonly getState = (): PaneState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Subscribes to edits and runs the first scan. */
  readonly start = (): Promise<void> => this.checking(() => this.live.start(), false);

  /** Rejects when the re-check could not run (the state says why), so callers never assess a stale result. */
  readonly recheck = (): Promise<void> => this.checking(() => this.live.recheckAll(), true);

  /**
   * On: colours the grid now (the user asked). Off: removes every MAM Prep format and verifies; rejects
   * when some remain (e.g. on a protected sheet), so no caller can say they were removed.
   */
  readonly setHighlights = async (on: boolean): Promise<void> => {
    this.update({ highlights: on });
    const outcome = await this.live.setHighlightsEnabled(on);
    if (!on && outcome && 'remaining' in outcome) {
      this.lastClear = outcome;
      if (outcome.remaining > 0) {
        const where = outcome.protectedSheets.length > 0 ? ` on protected sheet ${outcome.protectedSheets.map((s) => `"${s}"`).join(', ')}` : '';
        throw new GatewayError(
          'protected',
          `${outcome.remaining} MAM Prep highlight format${outcome.remaining === 1 ? ' is' : 's are'} still in the workbook${where}.`,
        );
      }
    }
  };

  readonly flush = (): Promise<void> => this.live.flush();

  readonly refreshAfterWrite = (outcome: WriteOutcome): Promise<void> => this.live.refreshAfterWrite(outcome);

  readonly cancelScan = (): void => {
    this.scanAbort?.abort();
  };

  readonly writeOptions = (): WriteOptions => this.live.writeOptions();

  readonly afterFailedWrite = (): Promise<void> =>
    this.live.afterFailedWrite().catch((e: unknown) => {
      this.update({ phase: 'failed', error: readableError(e instanceof Error ? e : new Error(String(e))) });
    });

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

  /** A cancelled scan is not a failure: the pane keeps the last complete result and says so. */
  private cancelled(): void {
    this.scanAbort = null;
    this.update({
      phase: 'done',
      scan: null,
      scanNotes: [
        this.state.result
          ? 'Check cancelled: the list shows the last complete check.'
          : 'Check cancelled: nothing has been checked yet. Press Re-check all to start again.',
      ],
    });
  }

  private async checking(run: () => Promise<unknown>, rethrow: boolean): Promise<void> {
    this.update({ phase: 'checking', error: null });
    try {
      await run();
    } catch (e) {
      if (isCancelled(e)) {
        this.cancelled();
        // A cancelled re-check did not run: a caller (the export check) must not assess the old result.
        if (rethrow) throw e;
        return;
      }
      if (isEditMode(e)) {
        // Not a failure: LiveValidation retries when the edit ends and says it is waiting.
        this.update({ phase: this.state.result ? 'done' : 'checking' });
      } else {
        this.update({ phase: 'failed', scan: null, error: readableError(e instanceof Error ? e : new Error(String(e))) });
      }
      if (rethrow) throw e;
      return;
    }
    // A scan that published nothing has already left `checking` through onUpdate.
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

function noticesOf(status: LiveStatus): readonly string[] {
  return [status.waiting, status.events, status.highlights].filter((n): n is string => n !== null);
}

function isCancelled(e: unknown): boolean {
  return e instanceof GatewayError && e.code === 'cancelled';
}

/** One sentence: the gateway's messages name the sheet or cell; never a stack trace. */
function readableError(error: Error): string {
  const first = error.message.split('\n')[0]?.trim();
  return first ? `MAM Prep could not read the workbook: ${first}` : 'MAM Prep could not read the workbook.';
}
