import type { Zippable } from 'fflate';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Edits parts of a built .xlsx/.xlsm as text and zips it again with valid checksums, so a test can
 * add XML the builder does not write (merged cells, hidden rows and columns, odd number forms) or
 * damage XML in a way the reader must actually parse.
 */
export function rewriteParts(bytes: Uint8Array, edit: (name: string, text: string) => string | undefined): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    const changed = name.endsWith('.xml') || name.endsWith('.rels') ? edit(name, strFromU8(data)) : undefined;
    out[name] = changed === undefined ? data : strToU8(changed);
  }
  return zipSync(out, { level: 6, mtime: new Date('2024-01-01T00:00:00Z') });
}

/** Rewrites one worksheet part (`xl/worksheets/sheet<n>.xml`, n 1-based in builder order). */
export function rewriteSheet(bytes: Uint8Array, sheetNumber: number, edit: (xml: string) => string): Uint8Array {
  const wanted = `xl/worksheets/sheet${sheetNumber}.xml`;
  return rewriteParts(bytes, (name, text) => (name === wanted ? edit(text) : undefined));
}

/** Names of the parts a package holds (for mutation tests that pick one). */
export function partNames(bytes: Uint8Array): string[] {
  return Object.keys(unzipSync(bytes));
}
