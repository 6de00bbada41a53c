import { parseA1 } from '../engine/address';
import type { Finding, Severity } from '../engine/finding';
import type { ChunkedFormatter, Formatter } from './format-types';
import { jsonChunks, lazyArray } from './json-chunks';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF wants a URI reference: forward slashes, spaces and the like percent-encoded. */
function artifactUri(file: string): string {
  // Each segment on its own, so `#`, `?` and `%` in a file name stay part of the path.
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

function columnOf(f: Finding): number | undefined {
  if (f.col > 0) return f.col;
  return f.cell ? parseA1(f.cell)?.col : undefined;
}

function location(f: Finding, uri: string, artifactIndex: number): object {
  const region: Record<string, number> = {};
  if (f.row !== null) {
    region.startLine = f.row;
    // A run of rows (blank-row) spans its lines.
    if (f.lastRow !== undefined && f.lastRow > f.row) region.endLine = f.lastRow;
    const col = f.cell ? columnOf(f) : undefined;
    if (col !== undefined) region.startColumn = col;
  }
  const physicalLocation = { artifactLocation: { uri, index: artifactIndex }, ...(f.row !== null ? { region } : {}) };
  if (f.sheet === null) return { physicalLocation };
  return {
    physicalLocation,
    logicalLocations: [
      {
        name: f.sheet,
        fullyQualifiedName: f.cell ? `${f.sheet}!${f.cell}` : f.row !== null ? `${f.sheet}!${f.row}:${f.lastRow ?? f.row}` : f.sheet,
        kind: 'sheet',
      },
    ],
  };
}

/** `check --format sarif`: SARIF 2.1.0, one run, the rule catalogue as reportingDescriptors; a result at a time. */
export const sarifReportChunks: ChunkedFormatter = function* (reports, context) {
  const ruleIndex = new Map(context.rules.map((r, i) => [r.id, i]));
  const rules = context.rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.fixable && r.fixDescription ? `${r.why} Fix: ${r.fixDescription}` : r.why },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { fixable: r.fixable, scope: r.scope, fields: [...r.fields] },
  }));
  const results = function* (): Generator<object> {
    for (let artifactIndex = 0; artifactIndex < reports.length; artifactIndex++) {
      const report = reports[artifactIndex]!;
      const uri = artifactUri(report.file);
      for (const f of report.result.findings) {
        yield {
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [location(f, uri, artifactIndex)],
          properties: {
            severity: f.severity,
            sheet: f.sheet,
            cell: f.cell,
            field: f.field,
            fix: f.fix,
            ...(f.lastRow !== undefined ? { lastRow: f.lastRow } : {}),
          },
        };
      }
    }
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: lazyArray([
      {
        tool: { driver: { name: context.tool, version: context.version, semanticVersion: context.version, rules } },
        artifacts: reports.map((r) => ({ location: { uri: artifactUri(r.file) } })),
        results: lazyArray(results()),
        // Data rows read per file, in the order of artifacts: a run that read nothing is visible.
        properties: { rowsChecked: reports.map((r) => ({ file: r.file, rowsChecked: r.result.rowsChecked })) },
      },
    ]),
  };
  yield* jsonChunks(sarif);
  yield '\n';
};

export const formatSarif: Formatter = (reports, context) => [...sarifReportChunks(reports, context)].join('');
