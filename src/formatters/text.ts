import type { Finding, Severity, Summary } from '../engine/finding';
import type { ChunkedFormatter, FileReport, FormatContext, Formatter } from './format-types';

const COLOURS: Readonly<Record<Severity | 'dim' | 'ok' | 'bold', string>> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  ok: '\u001b[32m',
  bold: '\u001b[1m',
};
const RESET = '\u001b[0m';

const paint = (ctx: FormatContext, colour: keyof typeof COLOURS, s: string): string => (ctx.color ? `${COLOURS[colour]}${s}${RESET}` : s);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;

function summaryLine(summary: Summary, ready: boolean): string {
  const counts = `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${plural(summary.info, 'info')}`;
  return `${counts} — ${ready ? 'ready to export' : 'not ready (errors block export)'}`;
}

/**
 * Cell text reaches the terminal through messages, sheet and file names: control characters (escape
 * sequences, bell, carriage return) are shown as \u escapes so a workbook cannot drive the terminal.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
export const safeForTerminal = (s: string): string => s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function showValue(v: string | number | boolean): string {
  // JSON.stringify escapes C0 controls but leaves C1 ones (U+009B acts as ESC [ on some terminals).
  return typeof v === 'string' ? safeForTerminal(JSON.stringify(v)) : String(v);
}

function findingLine(f: Finding, ctx: FormatContext): string {
  // The severity is always written as a word, so colour is never the only signal.
  const where = (f.cell ?? '').padEnd(6);
  const sev = paint(ctx, f.severity, f.severity.padEnd(7));
  const fix = f.fix ? paint(ctx, 'dim', `  fix: ${showValue(f.fix.from)} → ${showValue(f.fix.to)}`) : '';
  return `    ${where} ${sev} ${f.ruleId}: ${safeForTerminal(f.message)}${fix}`;
}

/** One file's block, a line at a time (a file may have a million findings). */
function* fileLines(report: FileReport, ctx: FormatContext): Generator<string> {
  const { result } = report;
  yield paint(ctx, 'bold', safeForTerminal(report.file));
  const t = result.template;
  yield t
    ? `  ${t.name}${t.version ? ` ${t.version}` : ' (no version stated)'} — sheet "${safeForTerminal(t.sheet)}", header row ${t.headerRow}, ${plural(result.rowsChecked, 'row')} checked`
    : '  No template recognised';
  let group = '';
  let row: number | null | undefined;
  for (const f of result.findings) {
    const g = f.sheet === null ? 'File' : `Sheet "${safeForTerminal(f.sheet)}"`;
    if (g !== group) {
      yield `  ${g}`;
      group = g;
      row = undefined;
    }
    if (f.row !== null && f.row !== row) {
      // A finding about a run of rows (blank-row) heads its block with the whole range.
      yield f.lastRow !== undefined && f.lastRow > f.row ? `   Rows ${f.row}–${f.lastRow}` : `   Row ${f.row}`;
      row = f.row;
    }
    yield findingLine(f, ctx);
  }
  const s = summaryLine(result.summary, result.ready);
  yield `  ${paint(ctx, result.ready ? 'ok' : 'error', s)}`;
}

/** The default human summary, grouped by sheet and row; blocks apart by a blank line. */
export const textReportChunks: ChunkedFormatter = function* (reports, ctx) {
  for (let i = 0; i < reports.length; i++) {
    if (i > 0) yield '\n';
    for (const line of fileLines(reports[i]!, ctx)) yield `${line}\n`;
  }
  if (reports.length > 1) {
    const ready = reports.filter((r) => r.result.ready).length;
    yield `\n${plural(reports.length, 'file')} checked: ${ready} ready, ${reports.length - ready} not ready\n`;
  }
};

export const formatText: Formatter = (reports, ctx) => [...textReportChunks(reports, ctx)].join('');
