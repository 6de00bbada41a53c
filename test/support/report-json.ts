import type { Fix, Severity } from '../../src/engine/finding';

/**
 * Typed readers for the CLI's JSON output, so tests read fields by name instead of through `any`.
 * The types are written from the contract (docs/cli.md), not imported from the formatters, so a
 * formatter that drifts from the documented shape fails a test rather than changing the type.
 * Only the outer shape is checked at run time; the tests assert the contents.
 */

/** A finding of `check --format json`. */
export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly row: number | null;
  /** Only on a finding about a run of rows (blank-row). */
  readonly lastRow?: number;
  readonly field: string | null;
  readonly message: string;
  readonly fix: Fix | null;
}

/** One entry of `files` in `check --format json`. */
export interface JsonFileReport {
  readonly file: string;
  readonly template: { readonly id: string; readonly version: string | null; readonly sheet: string; readonly headerRow: number } | null;
  readonly ready: boolean;
  readonly rowsChecked: number;
  readonly summary: Readonly<Record<Severity, number>>;
  readonly findings: readonly JsonFinding[];
}

/** The document `check --format json` writes. */
export interface JsonReport {
  readonly tool: string;
  readonly version: string;
  readonly files: readonly JsonFileReport[];
}

/** One rule of `rules --format json`. */
export interface JsonRule {
  readonly id: string;
  readonly severity: Severity;
  readonly scope: string;
  readonly title: string;
  readonly description: string;
  readonly fixable: boolean;
  /** Only on a fixable rule. */
  readonly fix?: string;
}

/** The document `rules --format json` writes. */
export interface JsonRuleList {
  readonly tool: string;
  readonly version: string;
  readonly rules: readonly JsonRule[];
}

/** The part of SARIF 2.1.0 the CLI writes and the tests read (see src/formatters/sarif.ts). */
export interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly index: number };
    readonly region?: { readonly startLine: number; readonly endLine?: number; readonly startColumn?: number };
  };
  readonly logicalLocations?: ReadonlyArray<{ readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }>;
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly rules: ReadonlyArray<{ readonly id: string } & Readonly<Record<string, unknown>>>;
    };
  };
  readonly artifacts: ReadonlyArray<{ readonly location: { readonly uri: string } }>;
  readonly results: readonly SarifResult[];
  readonly properties: { readonly rowsChecked: ReadonlyArray<{ readonly file: string; readonly rowsChecked: number }> };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: string;
  readonly runs: readonly SarifRun[];
}

/** Parses `text` and checks it is an object whose `key` is an array; a clear error beats `undefined` deep in an assertion. */
function parseWithArray(text: string, key: string, what: string): unknown {
  const doc: unknown = JSON.parse(text);
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as Record<string, unknown>)[key])) {
    throw new Error(`not ${what} (no "${key}" array): ${text.slice(0, 200)}`);
  }
  return doc;
}

/** `check --format json` output, typed as docs/cli.md specifies it. */
export const parseJsonReport = (text: string): JsonReport => parseWithArray(text, 'files', 'a check JSON report') as JsonReport;

/** `rules --format json` output. */
export const parseRuleList = (text: string): JsonRuleList => parseWithArray(text, 'rules', 'a rules JSON list') as JsonRuleList;

/** `check --format sarif` output. */
export const parseSarif = (text: string): SarifLog => parseWithArray(text, 'runs', 'a SARIF log') as SarifLog;
