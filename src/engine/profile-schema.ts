import { z } from 'zod';
import { DEFAULT_PROFILES } from './profile';

/** What a column holds; decides which cell rules run on it. */
export const FieldTypeSchema = z.enum(['code', 'group-id', 'mpan', 'mprn', 'eui64', 'date', 'free-text']);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** When a row must fill the field (rule `required-field`). */
export const RequirementSchema = z.enum(['always', 'optional', 'with-mpan', 'with-mprn', 'meter-point']);

export const FieldSpecSchema = z.strictObject({
  id: z.string().min(1),
  headers: z.array(z.string().min(1)).min(1),
  type: FieldTypeSchema,
  required: RequirementSchema,
  /** A missing column is not `column-missing` (ppmidId, smsoReference, earliestMigrationDate). */
  columnOptional: z.boolean(),
  role: z.enum(['device', 'supplier-euid']).optional(),
  /** Fuel a supplier EUID belongs to (MA); pairs with the `eis` codes. */
  fuel: z.enum(['electricity', 'gas']).optional(),
  /** Default allowed values of a coded field when the workbook gives none. */
  codes: z.array(z.string().min(1)).optional(),
  mustBeMonday: z.boolean().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpecSchema>;

export const ProfileSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Text A1 of the data sheet contains. */
  titleContains: z.string().min(1),
  dataSheet: z.string().min(1),
  currentVersion: z.string().min(1),
  knownVersions: z.array(z.string()),
  headerBlock: z.strictObject({
    version: z.array(z.string().min(1)).min(1),
    userId: z.array(z.string().min(1)).min(1),
    serviceProvider: z.array(z.string().min(1)),
  }),
  fields: z.array(FieldSpecSchema).min(4),
  /** Allowed GroupIDs when the workbook has no list: a regular expression over the whole value. */
  groupIdPattern: z.string().min(1),
  exemptGroupIds: z.array(z.string()),
  /** Whether the EIS / GroupID exemption rules apply (Migration Authorisation only). */
  eisRules: z.boolean(),
  eisCodes: z.strictObject({ electricity: z.string().min(1), gas: z.string().min(1) }),
  /** 1-based octet positions of the User ID that identify a SEC party. */
  partyOctets: z.array(z.number().int().min(1).max(8)).min(1).max(8),
  distributorRange: z.strictObject({ min: z.number().int().min(0).max(99), max: z.number().int().min(0).max(99) }),
  exportPrefix: z.string().min(1),
  minHeaderMatches: z.number().int().min(1),
  headerSearchRows: z.number().int().min(1),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** A partial field in an override: everything but the id may change. */
const FieldOverrideSchema = FieldSpecSchema.omit({ id: true }).partial();

const ProfileOverrideSchema = ProfileSchema.omit({ id: true, fields: true })
  .partial()
  .extend({ fields: z.record(z.string(), FieldOverrideSchema).optional() })
  .strict();

/** An organisation's override file: profile id → partial profile. */
export const OverrideFileSchema = z.record(z.string(), ProfileOverrideSchema);
export type ProfileOverride = z.infer<typeof OverrideFileSchema>;

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
