import type { Cell } from '../../../src/engine/cell';
import { bool, date, EMPTY_CELL, err, num, text } from '../../../src/engine/cell';
import type { WriteOutcome } from '../../../src/excel/gateway';
import { MapSettingsStore } from '../../../src/excel/settings-stores';
import { FixJournal, JOURNAL_SETTING_KEY } from '../../../src/taskpane/fixes/fix-journal';

const SHEET = 'Migration Authorisation';
const NOW = () => new Date('2026-11-29T10:00:00Z');
const plainCell = (c: Cell): Cell => (c.formula ? { value: c.value, formula: true } : { value: c.value });

function outcome(pairs: ReadonlyArray<[string, Cell, Cell]>): WriteOutcome {
  return { applied: pairs.map(([cell, before, after]) => ({ sheet: SHEET, cell, before, after })), skipped: [] };
}

describe('fix journal', () => {
  it('stores every cell kind and the formula flag, and reads them back exactly', async () => {
    const settings = new Map<string, string>();
    const journal = FixJournal.load(new MapSettingsStore(settings), { now: NOW });
    const befores: Cell[] = [
      text(' AA'),
      num(1300000000016),
      bool(true),
      date('2027-03-01'),
      err('#N/A'),
      EMPTY_CELL,
      { value: { kind: 'empty' }, formula: true },
      text('x', true),
    ];
    await journal.record('Fix all fixable findings', outcome(befores.map((b, i) => [`A${i + 7}`, b, text('AA')])), () => 'text-whitespace');
    const reloaded = FixJournal.load(new MapSettingsStore(settings));
    expect(reloaded.loadProblem).toBeNull();
    expect(reloaded.batches()).toEqual(journal.batches());
    expect(reloaded.batches()[0]!.entries.map((e) => e.before)).toEqual(befores.map(plainCell));
    expect(reloaded.batches()[0]).toMatchObject({ label: 'Fix all fixable findings', at: '2026-11-29T10:00:00.000Z' });
  });

  it('records nothing for a write that applied nothing', async () => {
    const settings = new Map<string, string>();
    const journal = FixJournal.load(new MapSettingsStore(settings));
    expect(await journal.record('Fix', { applied: [], skipped: [] })).toBeNull();
    expect(settings.has(JOURNAL_SETTING_KEY)).toBe(false);
  });

  it('starts afresh, saying so, when the stored journal is not readable', () => {
    for (const stored of [
      '{not json',
      JSON.stringify({ v: 99, batches: [] }),
      JSON.stringify({ v: 1, next: 3, batches: [{ id: 'b1', label: 'x', at: 'y', entries: [['e2', SHEET, 'A1', null, ['q', 1], ['t', 'A'], false]] }] }),
    ]) {
      const journal = FixJournal.load(new MapSettingsStore(new Map([[JOURNAL_SETTING_KEY, stored]])));
      expect(journal.batches()).toEqual([]);
      expect(journal.loadProblem).toMatch(/starts afresh/);
    }
  });

  it('mirrors only the newest batches that fit the budget and says how many are kept in memory only', async () => {
    const settings = new Map<string, string>();
    const journal = FixJournal.load(new MapSettingsStore(settings), { budgetChars: 400 });
    for (let i = 0; i < 5; i++) await journal.record(`batch ${i}`, outcome([[`B${i + 7}`, text(`old ${i}`), text(`new ${i}`)]]));
    expect(journal.batches()).toHaveLength(5);
    const reloaded = FixJournal.load(new MapSettingsStore(settings));
    expect(reloaded.batches().length).toBeLessThan(5);
    expect(reloaded.batches().length).toBeGreaterThan(0);
    expect(journal.unsavedBatches).toBe(5 - reloaded.batches().length);
    expect(reloaded.batches()[0]!.label).toBe('batch 4');
  });

  it('builds restores only for entries not reverted yet, and marks only restored cells', async () => {
    const journal = FixJournal.load(new MapSettingsStore());
    const batch = (await journal.record(
      'Fix',
      outcome([
        ['A7', text('ea'), text('EA')],
        ['B7', num(5), text('5')],
      ]),
    ))!;
    expect(journal.restoresFor({ batchId: batch.id })).toEqual([
      { sheet: SHEET, cell: 'A7', expected: { value: text('EA').value }, previous: { value: text('ea').value } },
      { sheet: SHEET, cell: 'B7', expected: { value: text('5').value }, previous: { value: num(5).value } },
    ]);
    await journal.markReverted({ batchId: batch.id }, outcome([['B7', text('5'), num(5)]]));
    expect(journal.restoresFor({ batchId: batch.id }).map((r) => r.cell)).toEqual(['A7']);
    expect(journal.restoresFor({ entryId: batch.entries[1]!.id })).toEqual([]);
  });

  it('notifies subscribers and can be cleared', async () => {
    const settings = new Map<string, string>();
    const journal = FixJournal.load(new MapSettingsStore(settings));
    const seen: number[] = [];
    journal.subscribe(() => seen.push(journal.batches().length));
    await journal.record('Fix', outcome([['A7', text('ea'), text('EA')]]));
    await journal.clear();
    expect(seen).toEqual([1, 0]);
    expect(settings.has(JOURNAL_SETTING_KEY)).toBe(false);
  });
});

describe('fix journal per user', () => {
  it("keeps each user's journal under its own key and adopts the old shared one once", async () => {
    const settings = new Map<string, string>();
    const store = new MapSettingsStore(settings);
    const shared = FixJournal.load(store, { now: NOW });
    await shared.record('Old fix', outcome([['A7', text(' AA '), text('AA')]]));
    const ana = FixJournal.load(store, { now: NOW, user: 'uana01' });
    expect(ana.batches().map((b) => b.label)).toEqual(['Old fix']);
    await ana.record('Ana fix', outcome([['A8', text(' AB '), text('AB')]]));
    expect(settings.has(JOURNAL_SETTING_KEY)).toBe(false);
    expect(settings.has(`${JOURNAL_SETTING_KEY}.uana01`)).toBe(true);
    const ben = FixJournal.load(store, { now: NOW, user: 'uben02' });
    expect(ben.batches()).toEqual([]);
    await ben.record('Ben fix', outcome([['A9', text(' AC '), text('AC')]]));
    expect(
      FixJournal.load(store, { user: 'uana01' })
        .batches()
        .map((b) => b.label),
    ).toEqual(['Ana fix', 'Old fix']);
  });
});
