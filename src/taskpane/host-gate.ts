/**
 * Decides whether the pane can run in the page it was loaded in, and shows the plain-HTML message of
 * taskpane.html (#needs-excel) when it cannot. No Office globals here: the entry reads them and passes
 * what it found, so this runs (and is tested) anywhere.
 */

/** The lowest ExcelApi requirement set MAM Prep runs on; newer APIs are feature-detected. */
const EXCEL_API_FLOOR = '1.9';

/** How long the pane waits for Office.onReady before saying it may not be inside Excel. */
export const OFFICE_READY_WAIT_MS = 10_000;

export type HostProblem = 'no-office-script' | 'outside-office' | 'not-excel' | 'excel-too-old' | 'no-answer';

export interface HostFacts {
  readonly officeScriptLoaded: boolean;
  /** `info.host` from Office.onReady: null or undefined outside an Office client. */
  readonly host?: string | null;
  /** Asked only inside Excel: `Office.context.requirements` is not there outside a client. */
  readonly supportsExcelApi?: (version: string) => boolean;
}

export function hostProblem(facts: HostFacts): Exclude<HostProblem, 'no-answer'> | null {
  if (!facts.officeScriptLoaded) return 'no-office-script';
  if (!facts.host) return 'outside-office';
  if (facts.host !== 'Excel') return 'not-excel';
  if (!facts.supportsExcelApi?.(EXCEL_API_FLOOR)) return 'excel-too-old';
  return null;
}

/** The first line of the message: what happened. The rest of #needs-excel (static) says what is needed and what to do. */
export const HOST_PROBLEM_TEXT: Readonly<Record<HostProblem, string>> = {
  'no-office-script':
    'Office\u2019s script (office.js) could not be loaded, so MAM Prep cannot talk to Excel. This happens when the page is opened outside Excel or the network blocks Microsoft\u2019s script.',
  'outside-office': 'This page was opened outside Excel. MAM Prep is an Excel add-in and only works in Excel\u2019s task pane.',
  'not-excel': 'MAM Prep was opened in an Office application other than Excel. It only works in Excel.',
  'excel-too-old': `This version of Excel does not support ExcelApi ${EXCEL_API_FLOOR}, which MAM Prep needs.`,
  'no-answer': 'Excel has not answered MAM Prep yet. If this page was opened outside Excel, it will not start here.',
};

const STARTED_ATTRIBUTE = 'data-mam-prep';

/**
 * Tells needs-excel.js (the ES5 fallback) that the bundle runs. A message the fallback already shows
 * stays until the bundle knows better (hideNeedsExcel when the pane starts, or its own reason), so the
 * page never flips back to "Loading…" in between.
 */
export function markPaneStarted(doc: Document): void {
  doc.documentElement.setAttribute(STARTED_ATTRIBUTE, 'started');
}

export function showNeedsExcel(doc: Document, problem: HostProblem): void {
  const box = doc.getElementById('needs-excel');
  if (!box) return;
  const reason = doc.getElementById('needs-excel-reason');
  if (reason) reason.textContent = HOST_PROBLEM_TEXT[problem];
  doc.getElementById('loading')?.setAttribute('hidden', '');
  box.hidden = false;
  box.style.display = 'block';
}

export function hideNeedsExcel(doc: Document): void {
  const box = doc.getElementById('needs-excel');
  if (!box) return;
  box.hidden = true;
  box.style.display = 'none';
  doc.getElementById('loading')?.removeAttribute('hidden');
}

/** The pane itself failed to start inside Excel: say so in #root instead of "Loading…" forever. */
export function showStartFailure(doc: Document, error: unknown): void {
  const root = doc.getElementById('root');
  if (!root) return;
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const p = doc.createElement('p');
  p.id = 'start-failure';
  p.setAttribute('role', 'alert');
  p.style.cssText = 'font: 14px "Segoe UI", system-ui, sans-serif; padding: 12px; margin: 0;';
  p.textContent = `MAM Prep could not start (${detail}). Nothing in the workbook was changed. Close the pane and open it again; if this keeps happening, see the help page.`;
  root.replaceChildren(p);
}
