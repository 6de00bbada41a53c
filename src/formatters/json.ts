import { toContractFinding } from '../engine/finding';
import type { ValidationResult } from '../engine/result';
import type { ChunkedFormatter, FileReport, Formatter } from './format-types';
import { jsonChunks, lazyArray, mapped } from './json-chunks';

/** The `template` object of the JSON contract (docs/cli.md). */
function contractTemplate(result: ValidationResult): { id: string; version: string | null; sheet: string; headerRow: number } | null {
  const t = result.template;
  return t ? { id: t.id, version: t.version, sheet: t.sheet, headerRow: t.headerRow } : null;
}

function contractFile(report: FileReport): object {
  const { result } = report;
  return {
    file: report.file,
    template: contractTemplate(result),
    ready: result.ready,
    rowsChecked: result.rowsChecked,
    summary: { error: result.summary.error, warning: result.summary.warning, info: result.summary.info },
    findings: lazyArray(mapped(result.findings, toContractFinding)),
  };
}

/** `check --format json`: exactly the document docs/cli.md specifies, a finding at a time. */
export const jsonReportChunks: ChunkedFormatter = function* (reports, context) {
  yield* jsonChunks({ tool: context.tool, version: context.version, files: lazyArray(mapped(reports, contractFile)) });
  yield '\n';
};

export const formatJson: Formatter = (reports, context) => [...jsonReportChunks(reports, context)].join('');
