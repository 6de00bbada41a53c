import type { Profile } from '../../engine/profile';
import type { ClearOutcome } from '../../excel/gateway';
import type { PaneController } from '../pane-controller';
import { runExportCheck, type ExportCheck } from './export-gate';

export interface ExportGateState {
  readonly checking: boolean;
  readonly check: ExportCheck | null;
  /** The highlights removed for export were written again (after an edit or on request). */
  readonly restored: boolean;
}

export interface ExportGateStoreDeps {
  readonly controller: Pick<PaneController, 'recheck' | 'getState' | 'subscribe' | 'setHighlights'>;
  readonly clearHighlights: () => Promise<ClearOutcome>;
  /** The profiles in force (settings may override them), for the file name's prefix. */
  readonly profiles: () => readonly Profile[];
  /**
   * Whether highlights may be written again without the analyst asking. False on hosts where every
   * Office.js write empties Excel's undo stack: there they come back only on request.
   */
  readonly restoreOnEdit: () => boolean;
  readonly now?: () => Date;
}

/**
 * The export check's state, kept outside the Export tab so it survives switching tabs, and the pane's
 * watch after it: when the workbook changes after a check that removed the highlights (and highlights
 * are on), they are written again, so a mistake typed after "Ready to export" is highlighted.
 */
export class ExportGateStore {
  private state: ExportGateState = { checking: false, check: null, restored: false };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: ExportGateStoreDeps) {
    deps.controller.subscribe(() => this.watch());
  }

  readonly getState = (): ExportGateState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Whether the last check removed highlights that are not back yet. */
  get highlightsAwaySinceCheck(): boolean {
    const check = this.state.check;
    return check?.kind === 'checked' && check.clear?.kind === 'cleared' && check.clear.outcome.removed > 0 && !this.state.restored;
  }

  readonly run = async (): Promise<void> => {
    if (this.state.checking) return;
    this.update({ checking: true });
    const check = await runExportCheck(this.deps, this.deps.profiles(), (this.deps.now ?? (() => new Date()))());
    this.update({ checking: false, check, restored: false });
  };

  /** Writes the current highlights again (the analyst asked, or the workbook changed). */
  readonly restoreHighlights = async (): Promise<void> => {
    this.update({ restored: true });
    await this.deps.controller.setHighlights(true);
  };

  private watch(): void {
    const check = this.state.check;
    if (this.state.checking || check?.kind !== 'checked' || !this.highlightsAwaySinceCheck) return;
    const pane = this.deps.controller.getState();
    if (!pane.highlights || !pane.result || pane.result === check.assessment.result) return;
    if (!this.deps.restoreOnEdit()) return;
    // A failed write is the live controller's to report; the store only asks for the highlights.
    this.restoreHighlights().catch(() => undefined);
  }

  private update(partial: Partial<ExportGateState>): void {
    this.state = { ...this.state, ...partial };
    for (const listener of [...this.listeners]) listener();
  }
}
