import type { Cell } from '../engine/cell';
import type { ClearOutcome, HighlightOutcome, Highlights, SettingsStore, WriteOutcome } from '../excel/gateway';
import { browserLocalStorage, LocalStorageSettingsStore } from '../excel/settings-stores';
import { FakeGateway } from '../excel/fake-gateway';
import { type SimulatedWorkbook } from '../excel/simulated-workbook';

/**
 * The fake workbook behind the demo page. Like Excel, the fake reports the user's edits as change
 * events but not the pane's own writes (fixes, reverts, highlights, the training sheet); the grid
 * still has to repaint after those, so this tells it about every change to what it shows.
 */
export class DemoGateway extends FakeGateway {
  private readonly repaintListeners = new Set<() => void>();
  /**
   * The analyst's own settings persist in this browser through the pane's guarded store (blocked
   * storage falls back to memory and says so), as the Settings tab says.
   */
  override readonly userSettings: SettingsStore;
  /** Whether the analyst changed the workbook (typed, pasted, fixed, inserted a sheet) since it was opened. */
  edited = false;

  constructor(data: SimulatedWorkbook, userSettings: SettingsStore = new LocalStorageSettingsStore(browserLocalStorage(), { prefix: 'mam-prep-demo:' })) {
    // The page has no Excel undo: the pane says so instead of promising Ctrl+Z.
    super(data, { capabilities: { undo: 'none', undoGroups: false } });
    this.userSettings = userSettings;
  }

  onRepaint(listener: () => void): () => void {
    this.repaintListeners.add(listener);
    return () => {
      this.repaintListeners.delete(listener);
    };
  }

  override setCells(
    sheet: string,
    a1: string,
    grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>,
    options?: { source?: 'local' | 'remote'; withRows?: boolean },
  ): void {
    super.setCells(sheet, a1, grid, options);
    this.edited = true;
    this.repaint();
  }

  // Rest parameters pass on whatever options the fake takes (e.g. highlights written in the same batch).
  override async writeEdits(...args: Parameters<FakeGateway['writeEdits']>): Promise<WriteOutcome> {
    this.edited = true;
    return this.thenRepaint(super.writeEdits(...args));
  }

  override async restoreCells(...args: Parameters<FakeGateway['restoreCells']>): Promise<WriteOutcome> {
    this.edited = true;
    return this.thenRepaint(super.restoreCells(...args));
  }

  override async setHighlights(highlights: Highlights): Promise<HighlightOutcome> {
    return this.thenRepaint(super.setHighlights(highlights));
  }

  override async clearHighlights(): Promise<ClearOutcome> {
    return this.thenRepaint(super.clearHighlights());
  }

  override async insertWorksheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void> {
    this.edited = true;
    return this.thenRepaint(super.insertWorksheet(name, grid));
  }

  /** Shows another sheet in the grid, as clicking a sheet tab does in Excel. */
  activate(sheet: string): void {
    this.activeSheet = sheet;
    this.repaint();
  }

  private async thenRepaint<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      this.repaint();
    }
  }

  private repaint(): void {
    for (const listener of [...this.repaintListeners]) listener();
  }
}
