import { z } from 'zod';
import { DEFAULT_PROFILES } from './profile';
import { FieldSpecSchema, type Profile, ProfileSchema } from './profile-model';

export { FieldSpecSchema, FieldTypeSchema, ProfileSchema, RequirementSchema } from './profile-model';
export type { FieldSpec, FieldType, Profile } from './profile-model';

/** A partial field in an override: everything but the id may change. */
const FieldOverrideSchema = FieldSpecSchema.omit({ id: true }).partial();

const ProfileOverrideSchema = ProfileSchema.omit({ id: true, fields: true })
  .partial()
  .extend({ fields: z.record(z.string(), FieldOverrideSchema).optional() })
  .strict();

/** An organisation's override file: profile id → partial profile. */
const OverrideFileSchema = z.record(z.string(), ProfileOverrideSchema);

export class ProfileOverrideError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`profile override is not valid: ${problems.join('; ')}`);
    this.name = 'ProfileOverrideError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `unknown key ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `"${path || '(top level)'}": ${issue.message}`;
}

/**
 * Merges an override (already parsed JSON) over the default profiles. Unknown profile ids, unknown
 * keys and wrong types are reported by name; the result is validated again as whole profiles.
 */
export function applyProfileOverride(json: unknown, base: readonly Profile[] = DEFAULT_PROFILES): Profile[] {
  const parsed = OverrideFileSchema.safeParse(json);
  if (!parsed.success) throw new ProfileOverrideError(parsed.error.issues.map(describeIssue));
  const problems: string[] = [];
  const known = new Set(base.map((p) => p.id));
  for (const id of Object.keys(parsed.data)) {
    if (id === '$schema') continue;
    if (!known.has(id)) problems.push(`unknown profile id "${id}" (known: ${[...known].join(', ')})`);
  }
  const merged = base.map((profile) => {
    const override = parsed.data[profile.id];
    if (!override) return profile;
    const { fields: fieldOverrides, ...rest } = override;
    const fieldIds = new Set(profile.fields.map((f) => f.id));
    for (const fid of Object.keys(fieldOverrides ?? {})) {
      if (!fieldIds.has(fid)) problems.push(`unknown field "${profile.id}.fields.${fid}" (known: ${[...fieldIds].join(', ')})`);
    }
    const fields = profile.fields.map((f) => ({ ...f, ...(fieldOverrides?.[f.id] ?? {}) }));
    return { ...profile, ...rest, fields };
  });
  if (problems.length) throw new ProfileOverrideError(problems);
  return merged.map((p) => {
    const result = ProfileSchema.safeParse(p);
    if (!result.success) throw new ProfileOverrideError(result.error.issues.map((i) => `${p.id}: ${describeIssue(i)}`));
    return result.data;
  });
}

/** Parses override JSON text, naming the position of a syntax error. */
export function parseProfileOverride(textJson: string, base: readonly Profile[] = DEFAULT_PROFILES): Profile[] {
  let json: unknown;
  try {
    json = JSON.parse(textJson);
  } catch (e) {
    throw new ProfileOverrideError([`not valid JSON: ${(e as Error).message}`]);
  }
  return applyProfileOverride(json, base);
}
