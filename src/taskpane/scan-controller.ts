import type { ValidationResult } from '../engine/result';
import type { Highlights, WorkbookGateway } from '../excel/gateway';
import type { PaneController, PaneState } from './pane-controller';

/**
 * The simplest PaneController: a full scan and validation on start and on every Re-check, nothing
 * incremental. It is the pane's fallback and the demo's; the live-validation controller in src/excel
 * (edit events, incremental re-validation) supersedes it in the add-in. Only the gateway is used.
 */
export class ScanController implements PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private run = 0;

  constructor(
    private readonly gateway: WorkbookGateway,
    private readonly validate: (snapshot: Awaited<ReturnType<WorkbookGateway['scan']>>) => ValidationResult,
    options: { highlights?: boolean } = {},
  ) {
    this.state = { phase: 'checking', result: null, error: null, highlights: options.highlights ?? true };
  }

  readonly getState = (): PaneState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly recheck = async (): Promise<void> => {
    const run = ++this.run;
    this.update({ phase: 'checking', error: null });
    try {
      const result = this.validate(await this.gateway.scan());
      // A newer Re-check started while this one was reading: its result wins.
      if (run !== this.run) return;
      this.update({ phase: 'done', result });
      await this.applyHighlights();
    } catch (error) {
      if (run !== this.run) return;
      this.update({ phase: 'failed', error: readableError(error) });
    }
  };

  readonly setHighlights = async (on: boolean): Promise<void> => {
    this.update({ highlights: on });
    await this.applyHighlights();
  };

  private async applyHighlights(): Promise<void> {
    const highlights = this.state.highlights && this.state.result ? highlightsFor(this.state.result) : null;
    if (highlights) await this.gateway.setHighlights(highlights);
    else await this.gateway.clearHighlights();
  }

  private update(partial: Partial<PaneState>): void {
    this.state = { ...this.state, ...partial };
    for (const listener of this.listeners) listener();
  }
}

/** Error and warning cells, and exempt rows, of the template's data sheet; null when there is no template. */
export function highlightsFor(result: ValidationResult): Highlights | null {
  const template = result.template;
  if (!template) return null;
  const errors = new Set<string>();
  const warnings = new Set<string>();
  const exemptRows = new Set<number>();
  for (const f of result.findings) {
    if (f.sheet !== template.sheet) continue;
    if (f.ruleId === 'group-id-exempt' && f.row !== null) exemptRows.add(f.row);
    if (f.cell === null) continue;
    if (f.severity === 'error') errors.add(f.cell);
    else if (f.severity === 'warning') warnings.add(f.cell);
  }
  for (const cell of errors) warnings.delete(cell);
  const columns = Object.values(result.columns);
  return {
    sheet: template.sheet,
    errors: [...errors],
    warnings: [...warnings],
    exemptRows: [...exemptRows].sort((a, b) => a - b),
    firstCol: columns.length ? Math.min(...columns) : 1,
    lastCol: columns.length ? Math.max(...columns) : 1,
  };
}

/** A sentence for the pane: the gateway's own message names the sheet or cell; never a stack trace. */
function readableError(error: unknown): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : '';
  return message ? `MAM Prep could not read the workbook: ${message}` : 'MAM Prep could not read the workbook.';
}
