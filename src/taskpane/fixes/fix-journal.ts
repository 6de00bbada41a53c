import { z } from 'zod';
import type { Cell, CellValue } from '../../engine/cell';
import { EMPTY_VALUE, isoToSerial } from '../../engine/cell';
import type { CellRestore, SettingsStore, WriteOutcome } from '../../excel/gateway';
import type { RuleId } from '../../rules';

/**
 * MAM Prep's own record of the fixes it applied: every changed cell with its exact previous and new
 * value, grouped in batches (one per Apply). It lives in memory and is mirrored to the document's
 * settings, so "Revert" still works after the workbook is closed and reopened, on any machine.
 *
 * Excel's own undo covers the latest fix only while the session lasts; the journal is what lets the
 * analyst revert an older fix, or one cell of a batch, safely: a revert writes the previous value
 * back only where the cell still holds what the fix wrote.
 */

export interface JournalEntry {
  readonly id: string;
  readonly sheet: string;
  readonly cell: string;
  /**
   * The rule whose fix wrote the cell (null when unknown, e.g. an old journal). A plain string: it is
   * read back from the document, where a journal saved by another version may name a rule this
   * catalogue does not have. What this version records is a RuleId (see `record`).
   */
  readonly ruleId: string | null;
  readonly before: Cell;
  readonly after: Cell;
  readonly reverted: boolean;
}

export interface JournalBatch {
  readonly id: string;
  readonly label: string;
  /** ISO timestamp of the apply. */
  readonly at: string;
  readonly entries: readonly JournalEntry[];
}

export const JOURNAL_SETTING_KEY = 'mamPrep.fixJournal';

/**
 * Each user's journal has its own document setting (`mamPrep.fixJournal.<user>`): with co-authors,
 * one person's save never replaces another's history (the settings store also refreshes the bag
 * from the document before it saves). A journal under the old shared key is adopted by the first
 * user who saves.
 */
export const journalKeyFor = (user: string | undefined): string => (user ? `${JOURNAL_SETTING_KEY}.${user}` : JOURNAL_SETTING_KEY);

/**
 * Office keeps an add-in's document settings in the file, with a size limit (about 2 MB for all of
 * them). The newest batches that fit this budget are mirrored; older ones stay in memory only.
 */
const JOURNAL_PERSIST_BUDGET_CHARS = 1_000_000;

// ---- Compact storage form: a Fix all over thousands of rows must still fit the settings budget. ----

/** [kind, value, formula?]: `_` empty, `t` text, `n` number, `b` boolean, `d` date (ISO), `e` error. */
type StoredCell = readonly [string, (string | number | boolean)?, 1?];

const StoredCellSchema = z.union([
  z.tuple([z.literal('_')]),
  z.tuple([z.literal('_'), z.literal(''), z.literal(1)]),
  z.tuple([z.enum(['t', 'd', 'e']), z.string()]),
  z.tuple([z.enum(['t', 'd', 'e']), z.string(), z.literal(1)]),
  z.tuple([z.literal('n'), z.number()]),
  z.tuple([z.literal('n'), z.number(), z.literal(1)]),
  z.tuple([z.literal('b'), z.boolean()]),
  z.tuple([z.literal('b'), z.boolean(), z.literal(1)]),
]);

const StoredJournalSchema = z.strictObject({
  v: z.literal(1),
  next: z.number().int().min(0),
  batches: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      at: z.string(),
      entries: z.array(z.tuple([z.string(), z.string(), z.string(), z.string().nullable(), StoredCellSchema, StoredCellSchema, z.boolean()])),
    }),
  ),
});

function encodeCell(cell: Cell): StoredCell {
  const v = cell.value;
  const [kind, raw]: [string, string | number | boolean] =
    v.kind === 'empty'
      ? ['_', '']
      : v.kind === 'text'
        ? ['t', v.text]
        : v.kind === 'number'
          ? ['n', v.number]
          : v.kind === 'boolean'
            ? ['b', v.boolean]
            : v.kind === 'date'
              ? ['d', v.iso]
              : ['e', v.error];
  if (cell.formula) return [kind, raw, 1];
  return kind === '_' ? [kind] : [kind, raw];
}

/** The same cell without a `formula: false` flag, so a journal read back from storage equals the one written. */
function plainCell(cell: Cell): Cell {
  return cell.formula ? { value: cell.value, formula: true } : { value: cell.value };
}

function decodeCell(stored: z.infer<typeof StoredCellSchema>): Cell {
  const [kind, raw] = stored;
  const formula = stored[2] === 1;
  let value: CellValue;
  switch (kind) {
    case '_':
      value = EMPTY_VALUE;
      break;
    case 't':
      value = { kind: 'text', text: raw };
      break;
    case 'n':
      value = { kind: 'number', number: raw };
      break;
    case 'b':
      value = { kind: 'boolean', boolean: raw };
      break;
    case 'd':
      value = { kind: 'date', serial: isoToSerial(raw), iso: raw };
      break;
    case 'e':
      value = { kind: 'error', error: raw };
      break;
  }
  return formula ? { value, formula } : { value };
}

// ---- The journal ----------------------------------------------------------------------------------

export type RevertTarget = { readonly batchId: string } | { readonly entryId: string };

export interface FixJournalOptions {
  readonly now?: () => Date;
  readonly budgetChars?: number;
  /** Whose journal (the gateway's userKey); undefined keeps the shared key (single-user stubs). */
  readonly user?: string;
}

export class FixJournal {
  private batchList: JournalBatch[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => Date;
  private readonly budget: number;
  /** Batches (oldest first) not mirrored to the document because they did not fit the budget. */
  private unsaved = 0;
  /** Set when the stored journal could not be read (it is then started afresh). */
  readonly loadProblem: string | null;

  private readonly key: string;
  /** The old shared key this journal was adopted from, removed at the next save. */
  private adoptedFrom: string | null;

  private constructor(
    private readonly store: SettingsStore,
    options: FixJournalOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.budget = options.budgetChars ?? JOURNAL_PERSIST_BUDGET_CHARS;
    this.key = journalKeyFor(options.user);
    let stored = store.get(this.key);
    this.adoptedFrom = null;
    if (stored === undefined && this.key !== JOURNAL_SETTING_KEY) {
      stored = store.get(JOURNAL_SETTING_KEY);
      if (stored !== undefined) this.adoptedFrom = JOURNAL_SETTING_KEY;
    }
    this.loadProblem = stored === undefined ? null : this.restore(stored);
  }

  /** The journal as the document's settings hold it (empty when there is none). */
  static load(store: SettingsStore, options: FixJournalOptions = {}): FixJournal {
    return new FixJournal(store, options);
  }

  /** Newest first. */
  batches(): readonly JournalBatch[] {
    return this.batchList;
  }

  /** How many of the oldest batches are kept for this session only (too large for the document). */
  get unsavedBatches(): number {
    return this.unsaved;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Records what a write applied as one batch; nothing when it applied nothing. */
  async record(label: string, outcome: WriteOutcome, ruleOf: (sheet: string, cell: string) => RuleId | null = () => null): Promise<JournalBatch | null> {
    if (outcome.applied.length === 0) return null;
    const batch: JournalBatch = {
      id: `b${this.nextId++}`,
      label,
      at: this.now().toISOString(),
      entries: outcome.applied.map((a) => ({
        id: `e${this.nextId++}`,
        sheet: a.sheet,
        cell: a.cell,
        ruleId: ruleOf(a.sheet, a.cell),
        before: plainCell(a.before),
        after: plainCell(a.after),
        reverted: false,
      })),
    };
    this.batchList = [batch, ...this.batchList];
    await this.changed();
    return batch;
  }

  /** The restores that revert a batch or one entry: only entries not reverted yet. */
  restoresFor(target: RevertTarget): CellRestore[] {
    return this.entriesFor(target)
      .filter((e) => !e.reverted)
      .map((e) => ({ sheet: e.sheet, cell: e.cell, expected: e.after, previous: e.before }));
  }

  entriesFor(target: RevertTarget): readonly JournalEntry[] {
    if ('batchId' in target) return this.batchList.find((b) => b.id === target.batchId)?.entries ?? [];
    for (const b of this.batchList) {
      const e = b.entries.find((x) => x.id === target.entryId);
      if (e) return [e];
    }
    return [];
  }

  /** Marks the entries of `target` whose cells a restore wrote back as reverted. */
  async markReverted(target: RevertTarget, outcome: WriteOutcome): Promise<void> {
    const restored = new Set(outcome.applied.map((a) => `${a.sheet}\u0000${a.cell}`));
    if (restored.size === 0) return;
    const ids = new Set(
      this.entriesFor(target)
        .filter((e) => restored.has(`${e.sheet}\u0000${e.cell}`))
        .map((e) => e.id),
    );
    this.batchList = this.batchList.map((b) =>
      b.entries.some((e) => ids.has(e.id)) ? { ...b, entries: b.entries.map((e) => (ids.has(e.id) ? { ...e, reverted: true } : e)) } : b,
    );
    await this.changed();
  }

  /** Forgets every batch (the workbook's cells are not touched). */
  async clear(): Promise<void> {
    this.batchList = [];
    await this.changed();
  }

  private async changed(): Promise<void> {
    for (const l of [...this.listeners]) l();
    await this.persist();
  }

  private async persist(): Promise<void> {
    const kept: JournalBatch[] = [];
    let size = 0;
    for (const b of this.batchList) {
      const encoded = JSON.stringify(encodeBatch(b)).length;
      if (size + encoded > this.budget) break;
      kept.push(b);
      size += encoded;
    }
    this.unsaved = this.batchList.length - kept.length;
    const value = kept.length === 0 ? undefined : JSON.stringify({ v: 1, next: this.nextId, batches: kept.map(encodeBatch) });
    await this.store.set(this.key, value);
    if (this.adoptedFrom !== null) {
      const old = this.adoptedFrom;
      this.adoptedFrom = null;
      await this.store.set(old, undefined);
    }
  }

  private restore(stored: string): string | null {
    let json: unknown;
    try {
      json = JSON.parse(stored);
    } catch {
      return "The fix history saved in this workbook could not be read, so it starts afresh. Excel's own undo is not affected.";
    }
    const parsed = StoredJournalSchema.safeParse(json);
    if (!parsed.success) return 'The fix history saved in this workbook is in a form this version of MAM Prep does not know, so it starts afresh.';
    this.nextId = parsed.data.next;
    this.batchList = parsed.data.batches.map((b) => ({
      id: b.id,
      label: b.label,
      at: b.at,
      entries: b.entries.map(([id, sheet, cell, ruleId, before, after, reverted]) => ({
        id,
        sheet,
        cell,
        ruleId,
        before: decodeCell(before),
        after: decodeCell(after),
        reverted,
      })),
    }));
    return null;
  }
}

function encodeBatch(b: JournalBatch) {
  return {
    id: b.id,
    label: b.label,
    at: b.at,
    entries: b.entries.map((e) => [e.id, e.sheet, e.cell, e.ruleId, encodeCell(e.before), encodeCell(e.after), e.reverted]),
  };
}
