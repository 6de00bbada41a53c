import { text } from '../../src/engine/cell';
import { GatewayError } from '../../src/excel/gateway';
import { highlightFormula, highlightKindOf, highlightOwnerOf, isOwnHighlightFormula, newHighlightOwner } from '../../src/excel/highlight-plan';
import type { OfficeDocumentSettings} from '../../src/excel/settings-stores';
import { OfficeDocumentSettingsStore } from '../../src/excel/settings-stores';
import { estimateWriteBytes, planWriteChunks, WRITE_BYTES_PER_CELL } from '../../src/excel/write-plan';
import { undoAdvice } from '../../src/taskpane/fixes/fix-service';

/** Office's settings bag for one session over a shared document (the last save wins), as two co-authors see it. */
class Bag implements OfficeDocumentSettings {
  private local: Map<string, unknown>;
  failNext = false;
  constructor(private readonly doc: Map<string, unknown>, readonly refreshes = true) {
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
    expect(chunks.map((c) => c.map((x) => x.id))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
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
  it('refreshes the bag before saving, so one user\'s save keeps the other\'s keys', async () => {
    const doc = new Map<string, unknown>();
    const ana = new OfficeDocumentSettingsStore(new Bag(doc));
    const ben = new OfficeDocumentSettingsStore(new Bag(doc));
    await ana.set('mamPrep.fixJournal.ana', 'A');
    await ben.set('mamPrep.fixJournal.ben', 'B');
    expect([...doc.entries()].sort()).toEqual([['mamPrep.fixJournal.ana', 'A'], ['mamPrep.fixJournal.ben', 'B']]);
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
