import type { Cell } from '../../../src/engine/cell';
import type { Finding } from '../../../src/engine/finding';
import { DEFAULT_PROFILES } from '../../../src/engine/profile';
import type { WorkbookGateway } from '../../../src/excel/gateway';
import { createPane, type Pane } from '../../../src/taskpane/create-pane';
import { runExportCheck } from '../../../src/taskpane/export/export-gate';
import { buildWorkbook, mpanFor, VALID_GROUP_ID, validMaRow } from '../../support/sheet-builder';

/**
 * The scripted analyst session `npm run test:excel` runs inside Excel (through OfficeGateway) and
 * test/excel/excel-scenario.test.ts runs against FakeGateway: insert a Migration Authorisation, let the
 * pane check it, type a wrong MPAN, paste bad rows, fix all, revert, and run the export check. Written
 * against WorkbookGateway and a ScenarioUser, so the host is the only difference.
 */

/** What the analyst does by hand: the pane must learn of it from the host's change events. */
export interface ScenarioUser {
  /** Types text into one cell (a Text-formatted cell, as in the template's identifier columns). */
  type(sheet: string, a1: string, value: string): Promise<void>;
  /** Pastes rows of text with `a1` as the top-left cell. */
  paste(sheet: string, a1: string, rows: ReadonlyArray<readonly string[]>): Promise<void>;
}

export interface ScenarioStepResult {
  readonly name: string;
  readonly passed: boolean;
  /** What was seen when the step failed (first line of the error). */
  readonly detail?: string;
}

export interface ScenarioOptions {
  readonly gateway: WorkbookGateway;
  readonly user: ScenarioUser;
  /** Today for the date rules (the template's dates are in 2027). */
  readonly today?: string;
  /** How long a step waits for the pane to catch up with an edit. */
  readonly waitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each step (the in-Excel page lists them as they finish). */
  readonly onStep?: (step: ScenarioStepResult) => void;
  /** Receives the pane, e.g. to render it while the scenario runs. */
  readonly onPane?: (pane: Pane) => void;
}

export const SCENARIO_SHEET = 'Migration Authorisation';
const VALID_ROWS = 5; // rows 7..11
const WRONG_MPAN_CELL = 'B8';
/** The bad rows are pasted over the Group ID and MPAN of the last two valid rows. */
const PASTE_AT = 'A10';
const PASTED_ROWS = [10, 11];

/** The MPAN of row 8 with its check digit changed: mpan-check-digit, which no fix can guess. */
export function wrongCheckDigit(mpan: string): string {
  return mpan.slice(0, 12) + String((Number(mpan[12]) + 1) % 10);
}

/**
 * Group ID and MPAN of rows 10 and 11 as an analyst pastes them from another sheet: the same values
 * with stray spaces round the Group ID and spaces inside the MPAN.
 */
export function badRows(): string[][] {
  return [3, 4].map((i) => [` ${VALID_GROUP_ID} `, mpanFor(i).replace(/^(\d{2})(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3 $4')]);
}

class StepFailure extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) throw new StepFailure(message);
}

export async function runExcelScenario(options: ScenarioOptions): Promise<ScenarioStepResult[]> {
  const { gateway, user } = options;
  const waitMs = options.waitMs ?? 15_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const results: ScenarioStepResult[] = [];
  let pane: Pane | null = null;
  let aborted = false;

  const step = async (name: string, run: () => Promise<void>): Promise<void> => {
    let result: ScenarioStepResult;
    if (aborted) result = { name, passed: false, detail: 'not run: an earlier step left the workbook in an unknown state' };
    else {
      try {
        await run();
        result = { name, passed: true };
      } catch (error) {
        result = { name, passed: false, detail: error instanceof Error ? error.message.split('\n')[0] : String(error) };
      }
    }
    results.push(result);
    options.onStep?.(result);
  };

  const findings = (): readonly Finding[] => pane?.controller.getState().result?.findings ?? [];
  const has = (ruleId: string, cell: string): boolean => findings().some((f) => f.ruleId === ruleId && f.sheet === SCENARIO_SHEET && f.cell === cell);
  /** Waits until the pane shows what `ready` expects, re-validating pending edits on each try. */
  const until = async (what: string, ready: () => boolean): Promise<void> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      await pane!.controller.flush();
      if (ready()) return;
      if (Date.now() > deadline) throw new StepFailure(`${what}; the pane lists ${JSON.stringify(findings().map((f) => `${f.ruleId}@${f.cell}`))}`);
      await sleep(100);
    }
  };
  const cellText = async (a1: string): Promise<string> => {
    const row = Number(a1.replace(/^[A-Z]+/, ''));
    const col = a1.charCodeAt(0) - 64;
    const [update] = await gateway.readRows(SCENARIO_SHEET, [row]);
    const value: Cell['value'] | undefined = update?.cells[col - 1]?.value;
    if (value?.kind === 'text') return value.text;
    if (value?.kind === 'number') return String(value.number);
    return value?.kind ?? 'empty';
  };

  const template = buildWorkbook(Array.from({ length: VALID_ROWS }, (_, i) => validMaRow(i))).sheets[0]!;
  const validMpan = mpanFor(1);
  let batchId: string | null = null;

  await step('a Migration Authorisation sheet is inserted and the pane checks it: no errors', async () => {
    check(gateway.insertWorksheet !== undefined, 'this gateway cannot insert a worksheet');
    await gateway.insertWorksheet!(
      SCENARIO_SHEET,
      template.rows.map((r) => r ?? []),
    );
    pane = createPane(gateway, () => options.today ?? '2026-12-01');
    options.onPane?.(pane);
    await pane.controller.start();
    const state = pane.controller.getState();
    check(state.phase === 'done', `the check ended ${state.phase}: ${state.error ?? ''}`);
    const result = state.result;
    check(result?.template?.sheet === SCENARIO_SHEET, `the template was not recognised on "${SCENARIO_SHEET}"`);
    check(
      result!.summary.error === 0,
      `the valid sheet has ${result!.summary.error} errors: ${JSON.stringify(findings().map((f) => `${f.ruleId}@${f.cell}`))}`,
    );
  });
  aborted = results.some((r) => !r.passed);

  await step(`typing an MPAN with a wrong check digit into ${WRONG_MPAN_CELL} lists mpan-check-digit there`, async () => {
    await user.type(SCENARIO_SHEET, WRONG_MPAN_CELL, wrongCheckDigit(validMpan));
    await until(`no mpan-check-digit at ${WRONG_MPAN_CELL}`, () => has('mpan-check-digit', WRONG_MPAN_CELL));
  });

  await step(`pasting two rows at ${PASTE_AT} lists mpan-format and text-whitespace on both`, async () => {
    await user.paste(SCENARIO_SHEET, PASTE_AT, badRows());
    await until('the pasted rows are not all flagged', () => PASTED_ROWS.every((r) => has('mpan-format', `B${r}`) && has('text-whitespace', `A${r}`)));
  });

  await step('Fix all writes the canonical values and the pasted rows\u2019 findings go; the wrong check digit stays', async () => {
    const plan = await pane!.features.fixes.preview({ kind: 'all' });
    check(plan.edits.length >= 4, `Fix all planned ${plan.edits.length} edits, expected at least 4`);
    const report = await pane!.features.fixes.apply(plan);
    check(report.skipped.length === 0, `${report.skipped.length} fixes were skipped: ${report.skipped.map((s) => s.message).join(' ')}`);
    batchId = report.batch?.id ?? null;
    check(batchId !== null, 'the fix was not recorded in the journal');
    check((await cellText('B10')) === mpanFor(3), `B10 holds "${await cellText('B10')}", not ${mpanFor(3)}`);
    check((await cellText('A11')) === 'AA', `A11 holds "${await cellText('A11')}", not "AA"`);
    await until('the fixed rows are still flagged', () => PASTED_ROWS.every((r) => !has('mpan-format', `B${r}`) && !has('text-whitespace', `A${r}`)));
    check(has('mpan-check-digit', WRONG_MPAN_CELL), 'the wrong check digit was "fixed", but no fix can know the right one');
  });

  await step('Revert puts the pasted values back exactly, and their findings return', async () => {
    check(batchId !== null, 'no fix batch to revert');
    const report = await pane!.features.fixes.revert({ batchId: batchId! });
    check(report.refused.length === 0, `the revert refused ${report.refused.length} cells`);
    const [first] = badRows();
    check((await cellText('B10')) === first![1], `B10 holds "${await cellText('B10')}" after the revert, not "${first![1]}"`);
    check((await cellText('A10')) === first![0], `A10 holds "${await cellText('A10')}" after the revert`);
    await until('the reverted rows are not flagged again', () => PASTED_ROWS.every((r) => has('mpan-format', `B${r}`)));
  });

  await step('the export check refuses the workbook while errors remain and keeps the highlights', async () => {
    const outcome = await runExportCheck({ controller: pane!.controller, clearHighlights: () => gateway.clearHighlights() }, DEFAULT_PROFILES, new Date());
    check(outcome.kind === 'checked', outcome.kind === 'failed' ? outcome.message : 'the export check failed');
    if (outcome.kind !== 'checked') return;
    check(!outcome.assessment.ready && outcome.assessment.errors > 0, `ready=${outcome.assessment.ready} with ${outcome.assessment.errors} errors`);
    check(outcome.clear === null, 'highlights were cleared on a workbook that is not ready');
  });

  await step('after correcting the MPAN and fixing all again, the export check passes and removes every highlight', async () => {
    await user.type(SCENARIO_SHEET, WRONG_MPAN_CELL, validMpan);
    await until(`mpan-check-digit still listed at ${WRONG_MPAN_CELL}`, () => !has('mpan-check-digit', WRONG_MPAN_CELL));
    await pane!.features.fixes.apply(await pane!.features.fixes.preview({ kind: 'all' }));
    const outcome = await runExportCheck({ controller: pane!.controller, clearHighlights: () => gateway.clearHighlights() }, DEFAULT_PROFILES, new Date());
    check(outcome.kind === 'checked', outcome.kind === 'failed' ? outcome.message : 'the export check failed');
    if (outcome.kind !== 'checked') return;
    check(
      outcome.assessment.ready,
      `not ready: ${outcome.assessment.errors} errors, ${JSON.stringify(
        findings()
          .filter((f) => f.severity === 'error')
          .map((f) => `${f.ruleId}@${f.cell}`),
      )}`,
    );
    check(outcome.clear?.kind === 'cleared' && outcome.clear.outcome.remaining === 0, 'the highlights were not cleared');
    const cleared = await gateway.clearHighlights();
    check(cleared.remaining === 0, `${cleared.remaining} MAM Prep formats remain in the workbook`);
  });

  (pane as Pane | null)?.controller.stop();
  return results;
}
