import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isRealIsoDate } from '../engine/cell';
import { canonicalEui64 } from '../engine/identifiers';
import type { Profile } from '../engine/profile';
import type { Severity } from '../engine/finding';
import type { CliIo } from './cli-io';
import { UsageError } from './usage-error';

export type FailOn = Severity | 'never';

export interface CommonOptions {
  readonly today: string;
  /** Canonical EUI-64 from --user-id. */
  readonly userId: string | undefined;
  /** As typed, for messages. */
  readonly userIdGiven: string | undefined;
  readonly profiles: readonly Profile[] | undefined;
  readonly failOn: FailOn;
}

/** Today in the local time zone, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function readCommonOptions(options: ReadonlyMap<string, string>, io: CliIo): Promise<CommonOptions> {
  const today = options.get('today') ?? localToday();
  if (!isRealIsoDate(today)) throw new UsageError(`--today "${today}" is not a date in the form YYYY-MM-DD`);
  const userIdGiven = options.get('user-id');
  let userId: string | undefined;
  if (userIdGiven !== undefined) {
    userId = canonicalEui64(userIdGiven.trim());
    if (!userId) throw new UsageError(`--user-id "${userIdGiven}" is not an EUI-64 (16 hex digits, e.g. 70-B3-D5-1F-30-00-A0-08)`);
  }
  const failOn = options.get('fail-on') ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new UsageError(`--fail-on must be error, warning or never (got "${failOn}")`);
  let profiles: Profile[] | undefined;
  const profilePath = options.get('profile');
  if (profilePath !== undefined) {
    let json: string;
    try {
      json = await readFile(path.resolve(io.cwd, profilePath), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`--profile ${profilePath}: ${code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? 'error'})`}`);
    }
    // Loaded only for an override: zod is the bulk of the CLI's start-up otherwise.
    const { ProfileOverrideError, parseProfileOverride } = await import('../engine/profile-schema');
    try {
      profiles = parseProfileOverride(json);
    } catch (e) {
      if (e instanceof ProfileOverrideError) throw new UsageError(`--profile ${profilePath}: ${e.message}`);
      throw e;
    }
  }
  return { today, userId, userIdGiven, profiles, failOn };
}
