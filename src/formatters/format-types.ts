import type { RuleMeta } from '../engine/rule';
import type { ValidationResult } from '../engine/result';

/** One checked file: the path as the user gave it and the engine's result. */
export interface FileReport {
  readonly file: string;
  readonly result: ValidationResult;
}

export interface FormatContext {
  readonly tool: string;
  readonly version: string;
  /** The rule catalogue (SARIF lists it as reportingDescriptors). */
  readonly rules: readonly RuleMeta[];
  /** ANSI colour: the CLI turns it on only for a TTY. */
  readonly color: boolean;
}

/** An output format: a pure function from results to text. */
export type Formatter = (reports: readonly FileReport[], context: FormatContext) => string;

/**
 * The same output as pieces to write one after another, so no report is ever one string: the CLI
 * streams these, and the Formatter of the same name is their join.
 */
export type ChunkedFormatter = (reports: readonly FileReport[], context: FormatContext) => Iterable<string>;
