import type { FieldSpec, Profile } from './profile-model';

export type { FieldSpec, FieldType, Profile } from './profile-model';

const device = (id: string, headers: string[], required: FieldSpec['required']): FieldSpec => ({
  id,
  headers,
  type: 'eui64',
  required,
  columnOptional: required === 'optional',
  role: 'device',
});

const MIGRATION_AUTHORISATION: Profile = {
  id: 'migration-authorisation',
  name: 'SMETS1 Migration Authorisation',
  titleContains: 'SMETS1 Migration Authorisation',
  dataSheet: 'Migration Authorisation',
  currentVersion: 'v06a',
  knownVersions: ['v06', 'v05'],
  headerBlock: {
    version: ['Template Version'],
    userId: ['Submitting Supplier User ID', 'Supplier User ID', 'Submitting User ID', 'User ID'],
    serviceProvider: ['SMETS1 Service Provider', 'Service Provider'],
  },
  fields: [
    { id: 'groupId', headers: ['Group ID', 'GroupID', 'Group'], type: 'group-id', required: 'always', columnOptional: false },
    { id: 'mpan', headers: ['Import MPAN Core', 'MPAN Core', 'MPAN', 'Electricity MPAN'], type: 'mpan', required: 'meter-point', columnOptional: false },
    { id: 'mprn', headers: ['MPRN', 'Gas MPRN', 'Meter Point Reference Number'], type: 'mprn', required: 'meter-point', columnOptional: false },
    device('esmeId', ['ESME Device ID', 'ESME ID'], 'with-mpan'),
    device('gsmeId', ['GSME Device ID', 'GSME ID'], 'with-mprn'),
    device('chfId', ['CHF Device ID', 'CHF ID', 'Comms Hub Device ID'], 'always'),
    device('gpfId', ['GPF Device ID', 'GPF ID'], 'with-mprn'),
    device('ppmidId', ['PPMID Device ID', 'PPMID ID'], 'optional'),
    {
      id: 'elecSupplierEuid',
      headers: ['Electricity Supplier EUID', 'Import Supplier EUID', 'Electricity Supplier User ID'],
      type: 'eui64',
      required: 'with-mpan',
      columnOptional: false,
      role: 'supplier-euid',
      fuel: 'electricity',
    },
    {
      id: 'gasSupplierEuid',
      headers: ['Gas Supplier EUID', 'Gas Supplier User ID'],
      type: 'eui64',
      required: 'with-mprn',
      columnOptional: false,
      role: 'supplier-euid',
      fuel: 'gas',
    },
    {
      id: 'eis',
      headers: ['Energy Installation Supplier', 'EIS', 'Coordinating Supplier'],
      type: 'code',
      required: 'optional',
      columnOptional: false,
      codes: ['E', 'G'],
    },
    { id: 'smsoReference', headers: ['SMSO Installation Reference', 'SMSO Reference'], type: 'free-text', required: 'optional', columnOptional: true },
    { id: 'earliestMigrationDate', headers: ['Earliest Migration Date', 'Migration Date'], type: 'date', required: 'optional', columnOptional: true },
  ],
  groupIdPattern: '^[A-Z]{2}$',
  exemptGroupIds: ['EA', 'EB', 'EC'],
  eisRules: true,
  eisCodes: { electricity: 'E', gas: 'G' },
  partyOctets: [6, 7],
  distributorRange: { min: 10, max: 39 },
  exportPrefix: 'MA',
  minHeaderMatches: 4,
  headerSearchRows: 30,
};

const DORMANT_SCHEDULE: Profile = {
  id: 'dormant-schedule',
  name: 'SMETS1 Dormant Meter Migration Schedule Notification',
  titleContains: 'Dormant Meter Migration Schedule',
  dataSheet: 'Dormant Meter Schedule',
  currentVersion: 'v06',
  knownVersions: ['v05'],
  headerBlock: {
    version: ['Template Version'],
    userId: ['Notifying Supplier User ID', 'Supplier User ID', 'User ID'],
    serviceProvider: ['SMETS1 Service Provider', 'Service Provider'],
  },
  fields: [
    { id: 'groupId', headers: ['Group ID', 'GroupID', 'Group'], type: 'group-id', required: 'always', columnOptional: false },
    { id: 'mpan', headers: ['Import MPAN Core', 'MPAN Core', 'MPAN'], type: 'mpan', required: 'meter-point', columnOptional: false },
    { id: 'mprn', headers: ['MPRN', 'Gas MPRN'], type: 'mprn', required: 'meter-point', columnOptional: false },
    device('esmeId', ['ESME Device ID'], 'with-mpan'),
    device('gsmeId', ['GSME Device ID'], 'with-mprn'),
    device('chfId', ['CHF Device ID'], 'always'),
    device('gpfId', ['GPF Device ID'], 'with-mprn'),
    { id: 'supplierEuid', headers: ['Supplier EUID', 'Supplier User ID'], type: 'eui64', required: 'always', columnOptional: false, role: 'supplier-euid' },
    {
      id: 'weekCommencing',
      headers: ['Migration Week Commencing', 'Week Commencing'],
      type: 'date',
      required: 'always',
      columnOptional: false,
      mustBeMonday: true,
    },
    {
      id: 'firmwareUpgradeRequired',
      headers: ['Firmware Upgrade Required', 'FW Upgrade Required'],
      type: 'code',
      required: 'always',
      columnOptional: false,
      codes: ['Y', 'N'],
    },
    { id: 'smsoReference', headers: ['SMSO Installation Reference', 'SMSO Reference'], type: 'free-text', required: 'optional', columnOptional: true },
  ],
  groupIdPattern: '^[A-Z]{2}$',
  exemptGroupIds: ['EA', 'EB', 'EC'],
  eisRules: false,
  eisCodes: { electricity: 'E', gas: 'G' },
  partyOctets: [6, 7],
  distributorRange: { min: 10, max: 39 },
  exportPrefix: 'DMS',
  minHeaderMatches: 4,
  headerSearchRows: 30,
};

/**
 * The built-in profiles. They are plain data checked against ProfileSchema by the tests
 * (test/engine/profile.test.ts), not at run time: parsing them on every start would load zod into
 * each `mam-prep` process, some 70 ms, when only an override file needs it.
 */
export const DEFAULT_PROFILES: readonly Profile[] = Object.freeze([MIGRATION_AUTHORISATION, DORMANT_SCHEDULE]);
