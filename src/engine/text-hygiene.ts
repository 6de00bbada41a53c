/**
 * Characters that make an identifier or code differ from what it looks like: white space at either
 * end, and anywhere: NBSP, zero-width characters, tabs and line breaks (identifiers.md, Text hygiene).
 */
const INVISIBLE_ANYWHERE = /[\u00A0\u200B\u200C\u200D\uFEFF\u2060\t\r\n\v\f\u0085\u2028\u2029]/g;
const HAS_INVISIBLE = /[\u00A0\u200B\u200C\u200D\uFEFF\u2060\t\r\n\v\f\u0085\u2028\u2029]/;
const EDGE_SPACE = /^[\s\u200B\u200C\u200D\uFEFF\u2060]|[\s\u200B\u200C\u200D\uFEFF\u2060]$/;

export function needsHygiene(value: string): boolean {
  return EDGE_SPACE.test(value) || HAS_INVISIBLE.test(value);
}

/** The value without invisible characters and without white space at either end. */
export function cleanText(value: string): string {
  let out = value.replace(INVISIBLE_ANYWHERE, '');
  out = out.replace(/^[\s\u200B\u200C\u200D\uFEFF\u2060]+|[\s\u200B\u200C\u200D\uFEFF\u2060]+$/g, '');
  return out;
}

/** Header and label text comparison: case-insensitive, trimmed, inner white space collapsed. */
export function normaliseLabel(value: string): string {
  return value.replace(/[\s\u00A0\u200B\u200C\u200D\uFEFF]+/g, ' ').trim().toLowerCase();
}
