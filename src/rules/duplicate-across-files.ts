import type { OtherFilePlace, SharedIdentifier } from '../engine/rule';
import { defineRule } from '../engine/rule';

export const duplicateAcrossFiles = defineRule({
  id: 'duplicate-across-files',
  severity: 'warning',
  scope: 'cell',
  title: 'Installation in another file too',
  description: 'An MPAN core, MPRN or device ID also stands in another of the files checked together (mam-prep check with several files).',
  why: 'Suppliers send authorisations in batches of files: the same installation in two files is authorised twice, and DCC rejects or migrates it twice.',
  fields: ['mpan', 'mprn', 'esmeId', 'gsmeId', 'chfId', 'gpfId', 'ppmidId'],
  fixable: false,
  examples: { valid: 'each MPAN in one file of the batch', invalid: '1312345678907 in batch_07.xlsm and batch_08.xlsm' },
  stage: 10,
  acrossFiles: true,
  // Reported in every file that holds the identifier, on its first place there; within a file, the duplicate rules speak.
  acrossFilesCheck: (shared, report) => report(duplicateAcrossFilesMessage(shared)),
  training: 'across-files',
});

const LABELS: Readonly<Record<SharedIdentifier['kind'], string>> = { mpan: 'MPAN core', mprn: 'MPRN', device: 'Device ID' };

/** How many other files a message names before it counts the rest. */
const NAMED = 3;

const placeOf = (o: OtherFilePlace): string => `${o.file} (${o.sheet}!${o.cell})`;

function duplicateAcrossFilesMessage({ kind, key, others }: SharedIdentifier): string {
  const named = others.slice(0, NAMED).map(placeOf);
  const rest = others.length - named.length;
  const list =
    rest > 0
      ? `${named.join(', ')} and ${rest} more ${rest === 1 ? 'file' : 'files'}`
      : named.length > 1
        ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`
        : named[0]!;
  return `${LABELS[kind]} ${key} is also in ${list}: the same installation would be authorised twice. Keep it in one file.`;
}
