import { canonicalEui64 } from './identifiers';
import type { Profile } from './profile';
import { DEFAULT_PROFILES } from './profile';
import type { ValidationResult } from './result';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The submission file name of docs/templates.md: `<prefix>_<SP>_<EUID>_<YYYYMMDD>_<HHMMSS>` plus the
 * workbook's extension, in local time. Null when the User ID or service provider is unknown.
 */
export function exportFileName(result: ValidationResult, now: Date, profiles: readonly Profile[] = DEFAULT_PROFILES, extension = '.xlsm'): string | null {
  const profile = profiles.find((p) => p.id === result.template?.id);
  if (!profile || !result.userId) return null;
  const euid = canonicalEui64(result.userId);
  if (!euid) return null;
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}_${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const parts = [profile.exportPrefix];
  if (result.serviceProvider) parts.push(result.serviceProvider.toUpperCase().replace(/[^A-Z0-9]+/g, ''));
  else if (profile.eisRules) return null;
  parts.push(euid, stamp);
  return parts.join('_') + extension;
}
