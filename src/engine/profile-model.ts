/** The shape of a template profile, as a schema (for overrides) and as types. */
import { z } from 'zod';

/** What a column holds; decides which cell rules run on it. */
export const FieldTypeSchema = z.enum(['code', 'group-id', 'mpan', 'mprn', 'eui64', 'date', 'free-text']);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** When a row must fill the field (the completeness rules read it). */
export const RequirementSchema = z.enum(['always', 'optional', 'with-mpan', 'with-mprn', 'meter-point']);

export const FieldSpecSchema = z.strictObject({
  id: z.string().min(1),
  headers: z.array(z.string().min(1)).min(1),
  type: FieldTypeSchema,
  required: RequirementSchema,
  /** The column may be absent from the header row without a finding (ppmidId, smsoReference, earliestMigrationDate). */
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
