/**
 * Characters that make an identifier or code differ from what it looks like: white space at either
 * end, and anywhere: NBSP, zero-width characters, tabs and line breaks (docs/rules.md, Identifiers).
 * Written as character loops because this runs on every checked cell.
 */

/** Invisible anywhere: removed wherever they stand. */
function isInvisible(c: number): boolean {
  // Printable ASCII first: nearly every character of an identifier, answered in two comparisons.
  if (c > 32 && c < 0x85) return false;
  return (c >= 9 && c <= 13) || c === 0xa0 || c === 0x85 || (c >= 0x200b && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x2060 || c === 0xfeff;
}

/** White space (as JavaScript's \s) or zero-width: removed at either end. */
function isEdgeSpace(c: number): boolean {
  if (c > 32 && c < 0x85) return false;
  return c === 32 || isInvisible(c) || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * `needsHygiene` as one regular expression: white space or a zero-width character at either end, or
 * an invisible character anywhere (the sets of `isEdgeSpace` and `isInvisible`). It runs on every
 * checked text cell, and V8's compiled expression scans about twice as fast as a character loop.
 */
const NEEDS_HYGIENE = /^[\s\u0085\u200B-\u200D\u2060]|[\t-\r\u0085\u00A0\u200B-\u200D\u2028\u2029\u2060\uFEFF]|[\s\u0085\u200B-\u200D\u2060]$/;

/** Whether `cleanText` would change the value. */
export const needsHygiene = (value: string): boolean => NEEDS_HYGIENE.test(value);

/** The value without invisible characters and without white space at either end. */
export function cleanText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isInvisible(c)) out += value[i];
  }
  let start = 0;
  let end = out.length;
  while (start < end && isEdgeSpace(out.charCodeAt(start))) start++;
  while (end > start && isEdgeSpace(out.charCodeAt(end - 1))) end--;
  return out.slice(start, end);
}

/** Header and label text comparison: case-insensitive, trimmed, inner white space collapsed. */
export function normaliseLabel(value: string): string {
  return value
    .replace(/(?:\s|\u200B|\u200C|\u200D|\uFEFF)+/g, ' ')
    .trim()
    .toLowerCase();
}
