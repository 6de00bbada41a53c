import { toA1 } from './address';
import type { Finding } from './finding';
import { compareFindings, isReady, summarise } from './finding';
import { KeyIndex } from './key-index';
import type { ValidationResult } from './result';
import type { OtherFilePlace, RuleSet, SharedIdentifier } from './rule';

/**
 * The identifiers of one checked file, as what it takes to compare it with the other files of a run:
 * each MPAN core, MPRN and device ID once, at its first place in the file. Plain data of numbers, so a
 * worker thread posts it to the parent instead of the workbook.
 */
export interface FileIdentifiers {
  readonly sheet: string;
  /** Four numbers per identifier: slot (0 MPAN, 1 MPRN, 2… device columns), the key's two encoded halves, row. */
  readonly records: Int32Array;
  /** Each slot's column and field id. */
  readonly slots: readonly { readonly col: number; readonly field: string }[];
}

/** One file of a run, for the comparison. */
export interface RunFile {
  /** The file as the user named it (messages name the other files this way). */
  readonly name: string;
  /** The same file given twice (same resolved path) is not compared with itself. */
  readonly identity: string;
  /** Undefined when the file was not read or holds no template. */
  readonly identifiers: FileIdentifiers | undefined;
}

const RECORD = 4;
const HEX = '0123456789ABCDEF';

/** The canonical EUI-64 of an encoded one (see key-index.ts). */
function decodeEui64(hi: number, lo: number): string {
  const octets: string[] = [];
  for (const half of [hi, lo]) for (let shift = 24; shift >= 0; shift -= 8) {
    const b = (half >>> shift) & 0xff;
    octets.push(HEX[b >> 4]! + HEX[b & 15]!);
  }
  return octets.join('-');
}

/** The digits of an encoded MPAN core or MPRN, leading zeros included (see key-index.ts). */
function decodeDigits(hi: number, lo: number): string {
  const length = hi >>> 16;
  return String((hi & 0xffff) * 4294967296 + (lo >>> 0)).padStart(length, '0');
}

/**
 * Findings about identifiers that stand in more than one file of a run: for each file, in the order
 * given, the findings of the rules' across-files checks, sorted. Each file's finding stands on the
 * identifier's first place in that file and names the first place in each other file. Memory holds
 * the identifiers only (two key tables for the whole run), never a workbook.
 */
export function findAcrossFiles<Id extends string>(files: readonly RunFile[], rules: RuleSet<Id>): Finding<Id>[][] {
  const out: Finding<Id>[][] = files.map(() => []);
  const checks = rules.flatMap((rule) => (rule.acrossFilesCheck ? [{ rule, check: rule.acrossFilesCheck }] : []));
  if (checks.length === 0) return out;
  // Meter points and device IDs in separate tables, as within a file (their encodings could meet).
  // Sized for every key of the run up front: each file's records come in its table's slot order, which
  // is hash order, and a table growing under keys in hash order piles them into one probe cluster.
  const expected = [0, 0];
  for (const file of files) {
    const r = file.identifiers?.records;
    if (r) for (let at = 0; at < r.length; at += RECORD) expected[r[at]! < 2 ? 0 : 1]!++;
  }
  const tables = [new KeyIndex(expected[0]), new KeyIndex(expected[1])];
  /** Per table, by key id (ids come in order from 0): the first file holding the key, and the record there. */
  const firstFile = [new Int32Array(expected[0]!), new Int32Array(expected[1]!)];
  const firstAt = [new Int32Array(expected[0]!), new Int32Array(expected[1]!)];
  const known = [0, 0];
  /** Keys held by several files: every holder as [file, record] pairs, in file order. */
  const shared = [new Map<number, number[]>(), new Map<number, number[]>()];
  files.forEach((file, f) => {
    const r = file.identifiers?.records;
    if (!r) return;
    for (let at = 0; at < r.length; at += RECORD) {
      const t = r[at]! < 2 ? 0 : 1;
      const id = tables[t]!.intern(r[at + 1]!, r[at + 2]!);
      if (id === known[t]) {
        firstFile[t]![id] = f;
        firstAt[t]![id] = at;
        known[t]++;
        continue;
      }
      let holders = shared[t]!.get(id);
      if (!holders) shared[t]!.set(id, (holders = [firstFile[t]![id]!, firstAt[t]![id]!]));
      holders.push(f, at);
    }
  });

  for (const bySharedKey of shared) {
    for (const holders of bySharedKey.values()) {
      for (let h = 0; h < holders.length; h += 2) {
        const f = holders[h]!;
        const own = files[f]!;
        const ownIds = own.identifiers!;
        const at = holders[h + 1]!;
        const others: OtherFilePlace[] = [];
        for (let o = 0; o < holders.length; o += 2) {
          const other = files[holders[o]!]!;
          if (other.identity === own.identity) continue;
          const ids = other.identifiers!;
          const oat = holders[o + 1]!;
          const slot = ids.slots[ids.records[oat]!]!;
          others.push({ file: other.name, sheet: ids.sheet, cell: toA1(ids.records[oat + 3]!, slot.col) });
        }
        if (others.length === 0) continue;
        const r = ownIds.records;
        const slotIndex = r[at]!;
        const slot = ownIds.slots[slotIndex]!;
        const row = r[at + 3]!;
        const sharedId: SharedIdentifier = {
          fieldId: slot.field,
          kind: slotIndex === 0 ? 'mpan' : slotIndex === 1 ? 'mprn' : 'device',
          key: slotIndex < 2 ? decodeDigits(r[at + 1]!, r[at + 2]!) : decodeEui64(r[at + 1]!, r[at + 2]!),
          others,
        };
        for (const { rule, check } of checks) {
          check(sharedId, (message) => out[f]!.push({
            ruleId: rule.id, severity: rule.severity, sheet: ownIds.sheet, cell: toA1(row, slot.col), row, field: slot.field,
            message, fix: null, col: slot.col,
          }));
        }
      }
    }
  }
  for (const findings of out) findings.sort(compareFindings);
  return out;
}

/** A result with more findings merged into its order, and its summary and readiness recounted. */
export function withFindings<Id extends string>(result: ValidationResult<Id>, more: readonly Finding<Id>[]): ValidationResult<Id> {
  if (more.length === 0) return result;
  const findings: Finding<Id>[] = [];
  const a = result.findings;
  let i = 0;
  let j = 0;
  while (i < a.length || j < more.length) {
    if (j >= more.length || (i < a.length && compareFindings(a[i]!, more[j]!) <= 0)) findings.push(a[i++]!);
    else findings.push(more[j++]!);
  }
  return { ...result, findings, summary: summarise(findings), ready: isReady(findings) };
}
