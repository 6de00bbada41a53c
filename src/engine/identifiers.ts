/**
 * Identifier algorithms (docs/rules.md, Identifiers): MPAN core check digit, MPRN check value, EUI-64 forms.
 * Pure and total: every function accepts any string and never throws.
 */

const MPAN_PRIMES = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

export function isAllDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

/** The expected 13th digit of an MPAN core whose first 12 characters are digits, else -1. */
export function mpanExpectedCheckDigit(core: string): number {
  if (core.length < 12) return -1;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = core.charCodeAt(i);
    if (!isDigitCode(c)) return -1;
    sum += (c - 48) * MPAN_PRIMES[i]!;
  }
  return (sum % 11) % 10;
}

export function isValidMpanCore(core: string): boolean {
  return core.length === 13 && isAllDigits(core) && mpanExpectedCheckDigit(core) === core.charCodeAt(12) - 48;
}

/** The two-digit MPRN check value for the digits before it, e.g. "01" for "8894". */
export function mprnExpectedCheckValue(body: string): string {
  return String(mprnCheckNumber(body, body.length)).padStart(2, '0');
}

/** The check value (0–10) of the first `n` digits of `digits`, without slicing the string. */
export function mprnCheckNumber(digits: string, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (digits.charCodeAt(i) - 48) * (n - i);
  return sum % 11;
}

export const isMprnShape = (s: string): boolean => s.length >= 6 && s.length <= 10 && isAllDigits(s);

export function isValidMprn(mprn: string): boolean {
  return isMprnShape(mprn) && mprnExpectedCheckValue(mprn.slice(0, -2)) === mprn.slice(-2);
}

/** Removes spaces and hyphens (the separators people paste into meter point numbers). */
export const stripSpacesAndHyphens = (s: string): string => s.replace(/[\s-]+/g, '');

const EUI_SEPARATORS = /[-:.\s]/g;
const HEX16 = /^[0-9A-Fa-f]{16}$/;

/**
 * The value of each upper-case hex digit (0-9, A-F), -1 for every other UTF-16 code unit. Indexed
 * by any charCodeAt result without a range check; only its first two cache lines are ever hot.
 */
const UPPER_HEX_VALUE = new Int8Array(65536).fill(-1);
for (let d = 0; d < 16; d++) UPPER_HEX_VALUE['0123456789ABCDEF'.charCodeAt(d)] = d;

/** Already `XX-XX-XX-XX-XX-XX-XX-XX` in upper case: the common case, checked without allocating. */
export function isCanonicalFast(s: string): boolean {
  if (s.length !== 23) return false;
  // Octet by octet: two hex digits (either negative marks a non-digit), then a hyphen except after the last.
  for (let i = 0; i < 23; i += 3) {
    if ((UPPER_HEX_VALUE[s.charCodeAt(i)]! | UPPER_HEX_VALUE[s.charCodeAt(i + 1)]!) < 0) return false;
    if (i < 21 && s.charCodeAt(i + 2) !== 45) return false;
  }
  return true;
}

/** The canonical `XX-XX-XX-XX-XX-XX-XX-XX` form, or undefined when the text is not an EUI-64. */
export function canonicalEui64(textValue: string): string | undefined {
  if (isCanonicalFast(textValue)) return textValue;
  const hex = textValue.replace(EUI_SEPARATORS, '');
  if (!HEX16.test(hex)) return undefined;
  const up = hex.toUpperCase();
  return up.replace(/(..)(?!$)/g, '$1-');
}

export function isReservedEui64(canonical: string): boolean {
  // The first digit rules out nearly every real ID before a string comparison (this runs on every EUI cell).
  const first = canonical.charCodeAt(0);
  if (first !== 48 && first !== 70) return false;
  return canonical === '00-00-00-00-00-00-00-00' || canonical === 'FF-FF-FF-FF-FF-FF-FF-FF';
}

/** The party octets of a canonical EUI-64 (1-based positions), joined by hyphens: `00-A0`. */
export function partyOctets(canonical: string, positions: readonly number[]): string {
  const octets = canonical.split('-');
  return positions.map((p) => octets[p - 1] ?? '??').join('-');
}
