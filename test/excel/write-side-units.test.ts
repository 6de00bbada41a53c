import type { Cell } from '../../src/engine/cell';
import { date, text } from '../../src/engine/cell';
import { editBlocker } from '../../src/engine/edit-guard';
import { GatewayError } from '../../src/excel/gateway';
import { highlightFormula, highlightKindOf, highlightOwnerOf, isOwnHighlightFormula, newHighlightOwner } from '../../src/excel/highlight-plan';
import type { OfficeDocumentSettings } from '../../src/excel/settings-stores';
import { OfficeDocumentSettingsStore } from '../../src/excel/settings-stores';
import { decideCellWrite, estimateWriteBytes, planWriteChunks, WRITE_BYTES_PER_CELL } from '../../src/excel/write-plan';
import { undoAdvice } from '../../src/taskpane/fixes/fix-service';

/** Office's settings bag for one session over a shared document (the last save wins), as two co-authors see it. */
class Bag implements OfficeDocumentSettings {
  private local: Map<string, unknown>;
  failNext = false;
  constructor(
    private readonly doc: Map<string, unknown>,
    readonly refreshes = true,
  ) {
    this.local = new Map(doc);
  }
  get(name: string) {
    return this.local.get(name);
  }
  set(name: string, value: unknown) {
    this.local.set(name, value);
  }
  remove(name: string) {
    this.local.delete(name);
  }
  saveAsync(cb?: (r: { status: string; error?: { message: string } }) => void) {
    if (this.failNext) {
      this.failNext = false;
      cb?.({ status: 'failed', error: { message: 'Internal error' } });
      return;
    }
    this.doc.clear();
    for (const [k, v] of this.local) this.doc.set(k, v);
    cb?.({ status: 'succeeded' });
  }
  refreshAsync(cb?: (r: { status: string }) => void) {
    this.local = new Map(this.doc);
    cb?.({ status: 'succeeded' });
  }
}

describe('write plan', () => {
  it('cuts writes into runs under the byte budget, keeping order, at least one item each', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: i, next: text('abcd') }));
    const per = estimateWriteBytes(text('abcd'));
    expect(per).toBe(WRITE_BYTES_PER_CELL + 16);
    const chunks = planWriteChunks(items, per * 4);
    expect(chunks.map((c) => c.map((x) => x.id))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(planWriteChunks(items.slice(0, 1), 1)).toHaveLength(1);
    expect(planWriteChunks([], 100)).toEqual([]);
  });
});

describe('highlight owners', () => {
  it('marks formats with kind and owner, and still recognises formats written before owners existed', () => {
    const f = highlightFormula('warning', 'uab12cd');
    expect(f).toBe('=N("mam-prep:warning@uab12cd")=0');
    expect([isOwnHighlightFormula(f), highlightKindOf(f), highlightOwnerOf(f)]).toEqual([true, 'warning', 'uab12cd']);
    const old = '=N("mam-prep:error")=0';
    expect([isOwnHighlightFormula(old), highlightKindOf(old), highlightOwnerOf(old)]).toEqual([true, 'error', null]);
    expect(highlightKindOf('=LEN(A1)>3')).toBeNull();
    expect(newHighlightOwner(() => 0.5)).toMatch(/^u[0-9a-z]{6}$/);
  });
});

describe('document settings with co-authors', () => {
  it("refreshes the bag before saving, so one user's save keeps the other's keys", async () => {
    const doc = new Map<string, unknown>();
    const ana = new OfficeDocumentSettingsStore(new Bag(doc));
    const ben = new OfficeDocumentSettingsStore(new Bag(doc));
    await ana.set('mamPrep.fixJournal.ana', 'A');
    await ben.set('mamPrep.fixJournal.ben', 'B');
    expect([...doc.entries()].sort()).toEqual([
      ['mamPrep.fixJournal.ana', 'A'],
      ['mamPrep.fixJournal.ben', 'B'],
    ]);
  });

  it('rejects a failed save with the settings-save code, and re-applies the unsaved value on the next save', async () => {
    const doc = new Map<string, unknown>();
    const bag = new Bag(doc);
    const store = new OfficeDocumentSettingsStore(bag);
    bag.failNext = true;
    await expect(store.set('k', 'v1')).rejects.toMatchObject({ code: 'settings-save' });
    expect(store.get('k')).toBe('v1');
    await store.set('other', 'x');
    expect(doc.get('k')).toBe('v1');
    expect(new GatewayError('settings-save', 'm')).toBeInstanceOf(Error);
  });
});

describe('undo advice', () => {
  it('says what Ctrl+Z does per host, and nothing when nothing was applied', () => {
    expect(undoAdvice('merged', 1, 0)).toBe('');
    expect(undoAdvice('separate', 3, 5)).toBe('Undo in Excel (Ctrl+Z) reverses this in 3 steps (one per part written), or use Revert below.');
    expect(undoAdvice('merged', 1, 5)).toBe('Undo in Excel (Ctrl+Z) reverses this in one step, cell colours included, or use Revert below.');
  });
});

describe('decideCellWrite: what a checked write does with one cell (both gateways)', () => {
  const open = { sheetProtected: false, allowFormatCells: false, locked: true };
  const guarded = { sheetProtected: true, allowFormatCells: false, locked: true };
  const textFix = { block: (c: Cell) => editBlocker(c, { from: ' A ', to: 'A', type: 'text' }), next: text('A') };
  const dateFix = { block: (c: Cell) => editBlocker(c, { from: '07/06/2027', to: '2027-06-07', type: 'date' }), next: date('2027-06-07') };
  it.each([
    ['text into an unprotected sheet: apostrophe-prefixed', open, text(' A '), 'General', textFix, { write: { value: "'A" } }],
    ['text into a Text-formatted cell: no apostrophe', open, text(' A '), '@', textFix, { write: { value: 'A' } }],
    ['locked cell of a protected sheet', guarded, text(' A '), 'General', textFix, { skip: 'protected' }],
    ['unlocked cell of a protected sheet takes a value', { ...guarded, locked: false }, text(' A '), 'General', textFix, { write: { value: "'A" } }],
    ['the write guard comes after the lock', { ...guarded, locked: false }, text('B'), 'General', textFix, { skip: 'changed' }],
    ['formula', open, text(' A ', true), 'General', textFix, { skip: 'formula' }],
    ['a date into a General cell sets a date format', open, text('07/06/2027'), 'General', dateFix, { write: { value: 46_545, numberFormat: 'yyyy-mm-dd' } }],
    ['a date into a date-formatted cell keeps its format', open, text('07/06/2027'), 'dd/mm/yyyy', dateFix, { write: { value: 46_545 } }],
    [
      'a date needing a format in an unlocked cell of a protected sheet',
      { ...guarded, locked: false },
      text('07/06/2027'),
      'General',
      dateFix,
      { skip: 'protected' },
    ],
    [
      '... unless the sheet allows "Format cells"',
      { sheetProtected: true, allowFormatCells: true, locked: false },
      text('07/06/2027'),
      'General',
      dateFix,
      { write: { value: 46_545, numberFormat: 'yyyy-mm-dd' } },
    ],
  ] as const)('%s', (_name, protection, current, numberFormat, item, expected) => {
    expect(decideCellWrite({ ...protection, current, numberFormat }, item, '1900')).toEqual(expected);
  });

  it("writes a 1904 workbook's serial", () => {
    expect(decideCellWrite({ ...open, current: text('07/06/2027'), numberFormat: 'dd/mm/yyyy' }, dateFix, '1904')).toEqual({ write: { value: 45_083 } });
  });
});
