import { columnLetters } from '../engine/address';
import type { Finding } from '../engine/finding';
import type { ValidationResult } from '../engine/result';
import type { RuleId } from '../rules';
import type { Highlights } from './gateway';

/** The rule whose findings mark a row as exempt (shown in the exempt style, not as a problem). */
// Justified rule id outside src/rules: styling exempt rows is the grid's concern, not a rule's.
// Typed against the catalogue so a renamed or misspelt id fails to compile.
export const EXEMPT_RULE_ID = 'group-id-exempt' satisfies RuleId;

/**
 * What the grid should show for a result: error and warning cells on the data sheet, and the rows
 * whose GroupID is exempt. A row-level finding (no cell) marks the row's first bound column, so the
 * row is visibly flagged. Null when no template was recognised (nothing to highlight).
 */
export function highlightsFromResult(result: ValidationResult): Highlights | null {
  const sheet = result.template?.sheet;
  if (!sheet) return null;
  const cols = Object.values(result.columns);
  const firstCol = cols.length > 0 ? Math.min(...cols) : 1;
  const lastCol = cols.length > 0 ? Math.max(...cols) : 1;
  const errors = new Set<string>();
  const warnings = new Set<string>();
  const exemptRows = new Set<number>();
  const place = (f: Finding): string | null => f.cell ?? (f.row !== null ? `${columnLetters(firstCol)}${f.row}` : null);
  for (const f of result.findings) {
    if (f.sheet !== sheet) continue;
    if (f.ruleId === EXEMPT_RULE_ID && f.row !== null) {
      exemptRows.add(f.row);
      continue;
    }
    const at = place(f);
    if (at === null) continue;
    if (f.severity === 'error') errors.add(at);
    else if (f.severity === 'warning') warnings.add(at);
  }
  return { sheet, errors: [...errors], warnings: [...warnings], exemptRows: [...exemptRows].sort((a, b) => a - b), firstCol, lastCol };
}
