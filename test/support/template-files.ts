import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BuilderCell, BuilderSheet, BuilderValidation, BuilderWorkbook } from './ooxml-builder';
import { buildWorkbook } from './ooxml-builder';
import type { TestValue } from './sheet-builder';
import { DORMANT_HEADERS, MA_HEADERS, USER_ID } from './sheet-builder';

/** Template workbooks as real .xlsm/.xlsx bytes (the OOXML twin of sheet-builder's snapshots). */

export function toBuilderCell(value: TestValue): BuilderCell {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if ('date' in value) return { date: value.date };
  if ('error' in value) return { error: value.error };
  const inner = value.formula;
  if (inner !== null && typeof inner === 'object' && 'error' in inner) return { formula: 'NA()', error: inner.error };
  if (inner !== null && typeof inner === 'object') throw new Error('nested formula values are not supported');
  return { formula: 'A1', result: inner ?? null };
}

export interface TemplateFileOptions {
  readonly template?: 'ma' | 'dormant';
  readonly version?: TestValue;
  readonly userId?: TestValue;
  readonly noUserIdLabel?: boolean;
  readonly serviceProvider?: TestValue;
  readonly columns?: readonly string[];
  /** Adds a hidden `Lists` sheet with these columns (header → values). */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  readonly validations?: readonly BuilderValidation[];
  readonly definedNames?: Readonly<Record<string, string>>;
  readonly vbaProject?: Uint8Array;
  readonly strings?: 'shared' | 'inline';
  readonly extraSheets?: readonly BuilderSheet[];
  /** Deflate level (see BuilderWorkbook.level). */
  readonly level?: BuilderWorkbook['level'];
}

export function templateSheet(rows: ReadonlyArray<Readonly<Record<string, TestValue>> | null>, options: TemplateFileOptions = {}): BuilderSheet {
  const dormant = options.template === 'dormant';
  const headers = dormant ? DORMANT_HEADERS : MA_HEADERS;
  const columns = options.columns ?? Object.keys(headers);
  const grid: BuilderCell[][] = [];
  grid.push([dormant ? 'SMETS1 Dormant Meter Migration Schedule Notification' : 'SMETS1 Migration Authorisation']);
  grid.push(['Template Version', toBuilderCell(options.version === undefined ? (dormant ? 'v06' : 'v06a') : options.version)]);
  grid.push(
    options.noUserIdLabel
      ? []
      : [dormant ? 'Notifying Supplier User ID' : 'Submitting Supplier User ID', toBuilderCell(options.userId === undefined ? USER_ID : options.userId)],
  );
  grid.push(dormant ? [] : ['SMETS1 Service Provider', toBuilderCell(options.serviceProvider === undefined ? 'CGI' : options.serviceProvider)]);
  grid.push([]);
  grid.push(columns.map((id) => headers[id] ?? id));
  for (const row of rows) grid.push(row === null ? [] : columns.map((id) => toBuilderCell(row[id])));
  return {
    name: dormant ? 'Dormant Meter Schedule' : 'Migration Authorisation',
    rows: grid,
    ...(options.validations ? { validations: options.validations } : {}),
  };
}

export function templateWorkbookSpec(rows: ReadonlyArray<Readonly<Record<string, TestValue>> | null>, options: TemplateFileOptions = {}): BuilderWorkbook {
  const sheets: BuilderSheet[] = [{ name: 'Instructions', rows: [['Fill in the data sheet.']] }, templateSheet(rows, options)];
  if (options.lists) {
    const heads = Object.keys(options.lists);
    const height = Math.max(...heads.map((h) => options.lists![h]!.length));
    const grid: BuilderCell[][] = [heads];
    for (let r = 0; r < height; r++) grid.push(heads.map((h) => options.lists![h]![r]));
    sheets.push({ name: 'Lists', state: 'hidden', rows: grid });
  }
  sheets.push(...(options.extraSheets ?? []));
  return {
    sheets,
    ...(options.definedNames ? { definedNames: options.definedNames } : {}),
    ...(options.vbaProject ? { vbaProject: options.vbaProject } : {}),
    ...(options.strings ? { strings: options.strings } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
  };
}

export function templateWorkbookBytes(rows: ReadonlyArray<Readonly<Record<string, TestValue>> | null>, options: TemplateFileOptions = {}): Uint8Array {
  return buildWorkbook(templateWorkbookSpec(rows, options));
}

/** Arbitrary bytes standing in for a VBA project (only their survival matters). */
export function fakeVbaProject(size = 4096): Uint8Array {
  const b = new Uint8Array(size);
  let x = 0x12345678;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

/** A fresh temp folder per test file. */
export function tempDir(prefix = 'mam-prep-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
