import type { RuleMeta } from '../../engine/rule';
import type { RuleId } from '../../rules';

/**
 * A rule as the pane shows it: its metadata, with the catalogue's id type, so tables keyed by rule
 * (titles, groups, training rows) take only ids the catalogue has.
 */
export type PaneRule = RuleMeta & { readonly id: RuleId };
