import { parseA1 } from '../../src/engine/address';
import { isExcelDate } from '../../src/engine/cell';
import type { Finding } from '../../src/engine/finding';
import { compareFindings, summarise } from '../../src/engine/finding';
import type { ValidationResult } from '../../src/engine/result';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import { ruleById } from '../../src/rules';

/**
 * What every ValidationResult must satisfy, whatever the input: findings name a known rule with its
 * own severity, point at a real sheet and a consistent cell/row, carry a fix only when the rule is
 * fixable (and a well-typed one), come sorted, and agree with the summary, `ready` and the row count.
 * Returns the problems found (empty when well-formed), so a property can report them all at once.
 */
export function wellFormedProblems(result: ValidationResult, workbook: WorkbookSnapshot): string[] {
  const problems: string[] = [];
  const sheets = new Set(workbook.sheets.map((s) => s.name));
  const seen = new Set<string>();
  result.findings.forEach((f, i) => {
    const at = `finding ${i} (${f.ruleId} ${f.sheet ?? '-'}!${f.cell ?? f.row ?? 'file'})`;
    problems.push(...findingProblems(f, sheets).map((p) => `${at}: ${p}`));
    const key = [f.ruleId, f.sheet, f.cell, f.row, f.field].join('\u0000');
    if (seen.has(key)) problems.push(`${at}: reported twice`);
    seen.add(key);
    const prev = result.findings[i - 1];
    if (prev && compareFindings(prev, f) > 0) problems.push(`${at}: out of order after ${prev.ruleId} ${prev.cell ?? prev.row}`);
    if (result.template && f.row !== null && f.sheet === result.template.sheet && result.lastDataRow !== null && f.row > result.lastDataRow) {
      problems.push(`${at}: below the last data row ${result.lastDataRow}`);
    }
  });
  const summary = summarise(result.findings);
  if (JSON.stringify(summary) !== JSON.stringify(result.summary))
    problems.push(`summary ${JSON.stringify(result.summary)} != counted ${JSON.stringify(summary)}`);
  if (result.ready !== (summary.error === 0)) problems.push(`ready is ${result.ready} with ${summary.error} errors`);
  const { firstDataRow, lastDataRow, rowsChecked } = result;
  const expectedRows = firstDataRow !== null && lastDataRow !== null ? lastDataRow - firstDataRow + 1 : 0;
  if (rowsChecked !== expectedRows) problems.push(`rowsChecked ${rowsChecked} != ${expectedRows} (rows ${firstDataRow}..${lastDataRow})`);
  if (result.template === null && result.findings.every((f) => f.ruleId !== 'template-unrecognised'))
    problems.push('no template and no template-unrecognised finding');
  if (result.template && result.template.headerRow + 1 !== firstDataRow) problems.push('first data row is not the row below the header');
  return problems;
}

function findingProblems(f: Finding, sheets: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const rule = ruleById(f.ruleId);
  if (!rule) return ['unknown rule id'];
  if (f.severity !== rule.severity) problems.push(`severity ${f.severity}, rule says ${rule.severity}`);
  if (typeof f.message !== 'string' || f.message.trim() === '') problems.push('empty message');
  if (f.sheet === null) {
    if (f.cell !== null || f.row !== null || f.field !== null) problems.push('file-level finding with a cell, row or field');
  } else if (!sheets.has(f.sheet)) {
    problems.push(`sheet "${f.sheet}" is not in the workbook`);
  }
  if (f.cell !== null) {
    const ref = parseA1(f.cell);
    if (!ref) problems.push(`cell "${f.cell}" is not an A1 address`);
    else if (ref.row !== f.row || ref.col !== f.col) problems.push(`cell ${f.cell} disagrees with row ${f.row} / col ${f.col}`);
  } else if (f.col !== 0) {
    problems.push(`row-level finding with col ${f.col}`);
  }
  if (f.row !== null && (!Number.isInteger(f.row) || f.row < 1 || f.row > 1_048_576)) problems.push(`row ${f.row} out of range`);
  if (f.fix) {
    if (!rule.fixable) problems.push('fix from a rule that is not fixable');
    if (f.sheet === null || !parseA1(f.fix.cell)) problems.push(`fix cell "${f.fix.cell}" is not a cell of a sheet`);
    if (f.fix.type === 'empty' && f.fix.to !== '') problems.push('empty fix with a value');
    if (f.fix.type === 'date' && !isExcelDate(f.fix.to)) problems.push(`date fix to "${f.fix.to}", which Excel cannot hold`);
    if (f.fix.type === 'text' && f.fix.to === '') problems.push('text fix to ""');
    if (f.fix.type === 'text' && f.fix.to === f.fix.from) problems.push('fix that changes nothing');
  }
  return problems;
}
