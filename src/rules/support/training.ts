import type { Cell } from '../../engine/cell';
import type { ExampleRow } from '../../engine/rule';

/** Helpers the rules' training examples share: which templates show a mistake, and row edits. */

export const MIGRATION_AUTHORISATION = 'migration-authorisation';
export const DORMANT_SCHEDULE = 'dormant-schedule';
export const BOTH: readonly string[] = [MIGRATION_AUTHORISATION, DORMANT_SCHEDULE];
export const MA_ONLY: readonly string[] = [MIGRATION_AUTHORISATION];
export const DORMANT_ONLY: readonly string[] = [DORMANT_SCHEDULE];

export const isMa = (template: string): boolean => template === MIGRATION_AUTHORISATION;
export const dateField = (template: string): string => (isMa(template) ? 'earliestMigrationDate' : 'weekCommencing');
export const supplierField = (template: string): string => (isMa(template) ? 'elecSupplierEuid' : 'supplierEuid');
export const fixedField = (field: string | null) => (): string | null => field;
export const textOf = (cell: Cell | undefined): string => (cell?.value.kind === 'text' ? cell.value.text : '');
/** The row without a gas meter point (MA: also without the gas-only columns). */
export const electricityOnly = (row: ExampleRow): ExampleRow => ({ ...row, mprn: undefined, gsmeId: undefined, gpfId: undefined, gasSupplierEuid: undefined });
