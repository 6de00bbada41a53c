import { isReady, summarise, type Finding, type FindingDetails, type Fix, type Severity } from '../../src/engine/finding';
import type { TemplateInfo, ValidationResult } from '../../src/engine/result';
import type { WorkbookGateway } from '../../src/excel/gateway';
import type { PaneController, PaneState } from '../../src/taskpane/pane-controller';
import type { RuleId } from '../../src/rules';

/** Hand-built results and in-memory stand-ins for the pane's two doors (controller, gateway). */

export const DATA_SHEET = 'Migration Authorisation';

export const MA_TEMPLATE: TemplateInfo = {
  id: 'migration-authorisation',
  name: 'SMETS1 Migration Authorisation',
  version: 'v06a',
  outdated: false,
  sheet: DATA_SHEET,
  headerRow: 6,
};

export function finding(
  ruleId: RuleId,
  severity: Severity,
  cell: string | null,
  extra: { sheet?: string | null; row?: number | null; details?: FindingDetails; fix?: Fix | null; message?: string } = {},
): Finding<RuleId> {
  const row = extra.row !== undefined ? extra.row : cell ? Number(/\d+/.exec(cell)?.[0]) : null;
  return {
    ruleId,
    severity,
    sheet: extra.sheet !== undefined ? extra.sheet : DATA_SHEET,
    cell,
    row,
    field: null,
    message: extra.message ?? `${ruleId} at ${cell ?? 'row'}`,
    fix: extra.fix ?? null,
    col: 0,
    ...(extra.details ? { details: extra.details } : {}),
  };
}

export function resultOf(findings: readonly Finding<RuleId>[], overrides: Partial<ValidationResult<RuleId>> = {}): ValidationResult<RuleId> {
  return {
    template: MA_TEMPLATE,
    findings,
    summary: summarise(findings),
    ready: isReady(findings),
    rowsChecked: 10,
    firstDataRow: 7,
    lastDataRow: 16,
    columns: {},
    userId: '70-B3-D5-1F-30-00-A0-08',
    userIdSource: 'workbook',
    serviceProvider: 'CGI',
    otherTemplateSheets: [],
    ...overrides,
  };
}

/** A controller whose state the test sets; records recheck and highlight calls. */
export class StubController implements PaneController {
  recheckCount = 0;
  readonly highlightCalls: boolean[] = [];
  private state: PaneState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<PaneState> = {}) {
    this.state = { phase: 'done', result: null, error: null, highlights: true, ...initial };
  }

  readonly getState = (): PaneState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly recheck = (): Promise<void> => {
    this.recheckCount++;
    return Promise.resolve();
  };

  readonly setHighlights = (on: boolean): Promise<void> => {
    this.highlightCalls.push(on);
    this.update({ highlights: on });
    return Promise.resolve();
  };

  readonly flush = (): Promise<void> => Promise.resolve();

  readonly refreshAfterWrite = (): Promise<void> => Promise.resolve();

  update(partial: Partial<PaneState>): void {
    this.state = { ...this.state, ...partial };
    for (const l of this.listeners) l();
  }
}

/** A gateway that only records where the pane asked to go; every other door is shut. */
export function stubGateway(): WorkbookGateway & { readonly selections: Array<{ sheet: string; cell: string }> } {
  const selections: Array<{ sheet: string; cell: string }> = [];
  const shut = (): Promise<never> => Promise.reject(new Error('not used by the pane shell'));
  const settings = { get: () => undefined, set: () => Promise.resolve() };
  return {
    selections,
    scan: shut,
    readRows: shut,
    onChange: () => () => undefined,
    writeEdits: shut,
    restoreCells: shut,
    setHighlights: () => Promise.resolve({ written: true, protectedSheets: [] }),
    clearHighlights: () => Promise.resolve({ removed: 0, remaining: 0, protectedSheets: [] }),
    select: (sheet: string, cell: string) => {
      selections.push({ sheet, cell });
      return Promise.resolve();
    },
    documentSettings: settings,
    userSettings: settings,
    capabilities: { undoGroups: false, undo: 'none', changeSource: false, triggerSource: false, host: 'fake' },
  };
}
