import { toContractFinding } from '../engine/finding';
import type { ValidationResult } from '../engine/result';
import type { FileReport, Formatter } from './format-types';

/** The `template` object of cli.md's JSON contract. */
export function contractTemplate(result: ValidationResult): { id: string; version: string | null; sheet: string; headerRow: number } | null {
  const t = result.template;
  return t ? { id: t.id, version: t.version, sheet: t.sheet, headerRow: t.headerRow } : null;
}

export function contractFile(report: FileReport): object {
  const { result } = report;
  return {
    file: report.file,
    template: contractTemplate(result),
    ready: result.ready,
    summary: { error: result.summary.error, warning: result.summary.warning, info: result.summary.info },
    findings: result.findings.map(toContractFinding),
  };
}

/** `check --format json`: exactly the document cli.md specifies. */
export const formatJson: Formatter = (reports, context) =>
  `${JSON.stringify({ tool: context.tool, version: context.version, files: reports.map(contractFile) }, null, 2)}\n`;
