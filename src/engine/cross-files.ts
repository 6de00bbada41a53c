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
  for (const half of [hi, lo])
    for (let shift = 24; shift >= 0; shift -= 8) {
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
  const join = new AcrossFilesJoin(files.length, rules);
  files.forEach((file, f) => join.add(f, file));
  return join.findings();
}

/** A holder of a shared key: the file's index and the record's offset in that file's records. */
type Holders = number[];

/**
 * The join behind findAcrossFiles, fed one file at a time in any order: each file's keys go into the
 * tables as soon as it arrives, so a run with worker threads joins the early files while the late ones
 * are still being read, and only the findings are left for the end. The findings do not depend on the
 * order of arrival.
 */
export class AcrossFilesJoin<Id extends string> {
  private readonly files: (RunFile | undefined)[];
  private readonly checks: readonly { readonly rule: RuleSet<Id>[number]; readonly check: NonNullable<RuleSet<Id>[number]['acrossFilesCheck']> }[];
  /** Meter points and device IDs in separate tables, as within a file (their encodings could meet). */
  private readonly tables: [KeyIndex, KeyIndex] = [new KeyIndex(0), new KeyIndex(0)];
  /** Per table, by key id (ids come in order from 0): the first file to bring the key, and the record there. */
  private readonly firstFile: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  private readonly firstAt: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  private readonly known: [number, number] = [0, 0];
  /** Keys brought by several files: every holder as [file, record] pairs, in order of arrival. */
  private readonly shared = [new Map<number, Holders>(), new Map<number, Holders>()];
  private arrived = 0;

  constructor(fileCount: number, rules: RuleSet<Id>) {
    this.files = new Array<RunFile | undefined>(fileCount).fill(undefined);
    this.checks = rules.flatMap((rule) => (rule.acrossFilesCheck ? [{ rule, check: rule.acrossFilesCheck }] : []));
  }

  /** Adds file `f` (its index in the run); each index once. */
  add(f: number, file: RunFile): void {
    this.files[f] = file;
    this.arrived++;
    const r = file.identifiers?.records;
    if (!r || this.checks.length === 0) return;
    // The last file to arrive only looks its keys up: a key no earlier file holds can meet no later one.
    const last = this.arrived === this.files.length;
    if (!last) {
      const count = [0, 0];
      for (let at = 0; at < r.length; at += RECORD) count[r[at]! < 2 ? 0 : 1]!++;
      for (const t of [0, 1] as const) this.reserve(t, count[t]!);
    }
    for (let at = 0; at < r.length; at += RECORD) {
      const t = r[at]! < 2 ? 0 : 1;
      const id = last ? this.tables[t].find(r[at + 1]!, r[at + 2]!) : this.tables[t].intern(r[at + 1]!, r[at + 2]!);
      if (id < 0) continue;
      if (id === this.known[t]) {
        this.firstFile[t][id] = f;
        this.firstAt[t][id] = at;
        this.known[t]++;
        continue;
      }
      let holders = this.shared[t]!.get(id);
      if (!holders) this.shared[t]!.set(id, (holders = [this.firstFile[t][id]!, this.firstAt[t][id]!]));
      holders.push(f, at);
    }
  }

  /**
   * Room for `more` keys in table t before a file goes in. A file's records come in its own table's
   * slot order, which is hash order, and a table growing under keys in hash order piles them into one
   * probe cluster: so the table grows before the file, never during it. The first file sizes the
   * tables for the whole run, guessing the other files hold as many keys.
   */
  private reserve(t: 0 | 1, more: number): void {
    const known = this.known[t];
    if (known + more <= this.firstFile[t].length) return;
    const guess = known === 0 ? more * (this.files.length - this.arrived + 1) : 0;
    const size = Math.max(guess, known + more + ((known + more) >> 1));
    this.tables[t].reserve(size);
    for (const arrays of [this.firstFile, this.firstAt]) {
      const grown = new Int32Array(size);
      grown.set(arrays[t]);
      arrays[t] = grown;
    }
  }

  /** Each file's findings (in the order given), once every file has been added. */
  findings(): Finding<Id>[][] {
    const files = this.files;
    const out: Finding<Id>[][] = files.map(() => []);
    for (const bySharedKey of this.shared) {
      for (const arrival of bySharedKey.values()) {
        const holders = inFileOrder(arrival);
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
          for (const { rule, check } of this.checks) {
            check(sharedId, (message) =>
              out[f]!.push({
                ruleId: rule.id,
                severity: rule.severity,
                sheet: ownIds.sheet,
                cell: toA1(row, slot.col),
                row,
                field: slot.field,
                message,
                fix: null,
                col: slot.col,
              }),
            );
          }
        }
      }
    }
    for (const findings of out) findings.sort(compareFindings);
    return out;
  }
}

/** Holder pairs by file index; a file's own pairs keep their order (its records' order). */
function inFileOrder(holders: Holders): Holders {
  const pairs: [number, number][] = [];
  for (let h = 0; h < holders.length; h += 2) pairs.push([holders[h]!, holders[h + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
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
