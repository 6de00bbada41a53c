import type { Cell } from '../engine/cell';
import type { Edit } from '../engine/fix-planner';
import type { CellRestore, ClearOutcome, HighlightOutcome, Highlights, WriteOutcome } from '../excel/gateway';
import { FakeGateway, type FakeWorkbookData } from '../excel/fake-gateway';

/**
 * The fake workbook behind the demo page. Like Excel, the fake reports the user's edits as change
 * events but not the pane's own writes (fixes, reverts, highlights, the training sheet); the grid
 * still has to repaint after those, so this tells it about every change to what it shows.
 */
export class DemoGateway extends FakeGateway {
  private readonly repaintListeners = new Set<() => void>();

  constructor(data: FakeWorkbookData) {
    // The demo has no Excel undo: the fix message says Ctrl+Z does nothing here and Revert is the way.
    super(data, { capabilities: { undo: 'none', undoGroups: false } });
  }

  onRepaint(listener: () => void): () => void {
    this.repaintListeners.add(listener);
    return () => {
      this.repaintListeners.delete(listener);
    };
  }

  override setCells(sheet: string, a1: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>, options?: { source?: 'local' | 'remote'; withRows?: boolean }): void {
    super.setCells(sheet, a1, grid, options);
    this.repaint();
  }

  override async writeEdits(edits: readonly Edit[]): Promise<WriteOutcome> {
    return this.thenRepaint(super.writeEdits(edits));
  }

  override async restoreCells(restores: readonly CellRestore[]): Promise<WriteOutcome> {
    return this.thenRepaint(super.restoreCells(restores));
  }

  override async setHighlights(highlights: Highlights): Promise<HighlightOutcome> {
    return this.thenRepaint(super.setHighlights(highlights));
  }

  override async clearHighlights(): Promise<ClearOutcome> {
    return this.thenRepaint(super.clearHighlights());
  }

  override async insertWorksheet(name: string, grid: ReadonlyArray<ReadonlyArray<Cell | undefined>>): Promise<void> {
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
