import type { Severity } from './finding';

/** Where a rule's finding points. */
export type RuleScope = 'file' | 'header' | 'cell' | 'row' | 'across-rows';

/** A rule's metadata: the catalogue (pane, `mam-prep rules`, README) is generated from it. */
export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly scope: RuleScope;
  /** Short title, e.g. "MPAN core check digit". */
  readonly title: string;
  /** What the rule checks, as the analyst reads it. */
  readonly description: string;
  /** Why it matters under the MAM. */
  readonly why: string;
  /** Field ids (or kinds) the rule reads; empty for file-level rules. */
  readonly fields: readonly string[];
  readonly fixable: boolean;
  /** What the one-click fix does, when fixable. */
  readonly fixDescription?: string;
  readonly examples: { readonly valid: string; readonly invalid: string };
  /**
   * Position in the evaluation order of a cell (text hygiene first). When two fixes land on the same
   * cell, the later stage's fix already includes the earlier ones, so the planner keeps it.
   */
  readonly stage: number;
}

export function defineRule<T extends RuleMeta>(meta: T): T {
  return Object.freeze(meta);
}
