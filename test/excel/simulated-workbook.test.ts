import { date, EMPTY_CELL, num, text } from '../../src/engine/cell';
import type { Edit } from '../../src/engine/fix-planner';
import type { RuleId } from '../../src/rules';
import { FakeGateway } from '../../src/excel/fake-gateway';
import type { OfficeCell } from '../../src/excel/office-cells';
import { OfficeGateway } from '../../src/excel/office-gateway';
import {
  addFormat,
  batchSavepoint,
  createSimulatedWorkbook,
  deleteFormat,
  sheetNameRefusal,
  sheetOfOfficeCells,
  simulatedSheet,
  simulatedWorkbookFromSnapshot,
  specialCells,
  typedCellAt,
  usedExtent,
  usedRange,
  writeNumberFormat,
  writeValue,
} from '../../src/excel/simulated-workbook';
import { MA_SHEET, maWorkbook } from './support/ma-fixture';
import { MockHost } from './support/mock-excel';

/**
 * The one simulated Excel workbook: its primitives take values and formats as Excel does and refuse
 * what Excel refuses, and its two faces (the fake gateway, and the Office.js object model the Office
 * gateway runs on in tests) read and change the same workbook the same way.
 */

const office = (value: string | number | boolean, numberFormat: string, valueType: OfficeCell['valueType'], formula = value): OfficeCell => ({
  value,
  numberFormat,
  valueType,
  formula,
});

function oneCellBook(format = 'General', dateSystem?: '1904') {
  const book = createSimulatedWorkbook();
  if (dateSystem) book.dateSystem = dateSystem;
  const sheet = sheetOfOfficeCells('S', [[format === 'General' ? undefined : office('', format, 'Empty')]]);
  book.sheets.push(sheet);
  return { book, sheet };
}

describe('writing a value as Excel takes it (range.values)', () => {
  it.each<[string, string | number | boolean, string, OfficeCell]>([
    ['a quote-prefixed text stays text', "'0123", 'General', office('0123', 'General', 'String')],
    ['digits in a General cell become a number (leading zeros lost)', '0123', 'General', office(123, 'General', 'Double')],
    ['digits in a Text (@) cell stay text', '0123', '@', office('0123', '@', 'String')],
    ['an exponent is a number', '1E5', 'General', office(100000, 'General', 'Double')],
    ['TRUE is a boolean', 'true', 'General', office(true, 'General', 'Boolean')],
    ['an error code is the error', '#N/A', 'General', office('#N/A', 'General', 'Error')],
    ['an ISO date is a date serial with a date format', '2024-01-31', 'General', office(45322, 'yyyy-mm-dd', 'Double')],
    ['an ISO date keeps a date format the cell has', '2024-01-31', 'dd/mm/yyyy', office(45322, 'dd/mm/yyyy', 'Double')],
    ['a leading = makes a formula (never evaluated here)', '=A1', 'General', office('#NAME?', 'General', 'Error', '=A1')],
    ['a leading minus before text makes a formula too', '-abc', 'General', office('#NAME?', 'General', 'Error', '=-abc')],
    ['a signed number is a number', '+12', 'General', office(12, 'General', 'Double')],
    ['a percentage is a fraction with a percent format', '12.5%', 'General', office(0.125, '0%', 'Double')],
    ['a GB day/month/year is a date (7 June 2027)', '7/6/2027', 'General', office(46545, 'dd/mm/yyyy', 'Double')],
    ['a day that does not exist stays text', '31/02/2027', 'General', office('31/02/2027', 'General', 'String')],
    ['text with spaces stays as typed', ' v1 ', 'General', office(' v1 ', 'General', 'String')],
    ['a number is a number', 12.5, 'General', office(12.5, 'General', 'Double')],
    ['an empty string clears the value and keeps the format', '', 'dd/mm/yyyy', office('', 'dd/mm/yyyy', 'Empty', '')],
  ])('%s', (_, value, format, expected) => {
    const { book, sheet } = oneCellBook(format);
    writeValue(book, sheet, 1, 1, value);
    expect(sheet.cells[0]![0]).toEqual(expected);
  });

  it('stores an ISO date as a serial of a 1904 workbook, which reads back as the same day', () => {
    const { book, sheet } = oneCellBook('General', '1904');
    writeValue(book, sheet, 1, 1, '2024-01-31');
    // 45322 in the 1900 system, 1462 days fewer in the 1904 system.
    expect(sheet.cells[0]![0]!.value).toBe(43860);
    expect(typedCellAt(book, sheet, 1, 1)).toEqual(date('2024-01-31'));
  });

  it('refuses an object, as Office.js refuses a value it cannot put in a cell', () => {
    const { book, sheet } = oneCellBook();
    expect(() => writeValue(book, sheet, 1, 1, { a: 1 })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as Error);
  });
});

describe('protection', () => {
  it('a protected sheet refuses values in locked cells and takes them in unlocked ones', () => {
    const book = createSimulatedWorkbook();
    const sheet = simulatedSheet('S', [[text('a'), text('b')]], { protected: true, unlocked: ['b1'] });
    book.sheets.push(sheet);
    expect(() => writeValue(book, sheet, 1, 1, "'x")).toThrow(expect.objectContaining({ code: 'AccessDenied' }) as Error);
    writeValue(book, sheet, 1, 2, "'y");
    expect([typedCellAt(book, sheet, 1, 1), typedCellAt(book, sheet, 1, 2)]).toEqual([text('a'), text('y')]);
  });

  it('refuses number formats and conditional formats even in an unlocked cell, unless "Format cells" is allowed', () => {
    const book = createSimulatedWorkbook();
    const sheet = simulatedSheet('S', [[num(1)]], { protected: true, unlocked: ['A1'] });
    book.sheets.push(sheet);
    expect(() => writeNumberFormat(sheet, 1, 1, '0.00')).toThrow(expect.objectContaining({ code: 'AccessDenied' }) as Error);
    expect(() => addFormat(book, sheet, { type: 'Custom', formula: '=TRUE', addresses: 'A1' })).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }) as Error,
    );
    sheet.allowFormatCells = true;
    writeNumberFormat(sheet, 1, 1, '0.00');
    const added = addFormat(book, sheet, { type: 'Custom', formula: '=TRUE', addresses: 'A1' });
    expect([sheet.cells[0]![0]!.numberFormat, sheet.conditionalFormats.map((f) => f.id)]).toEqual(['0.00', [added.id]]);
  });
});

describe('conditional formats and batches', () => {
  it('gives each format its own id and says ItemNotFound for one already deleted (a co-author got there first)', () => {
    const book = createSimulatedWorkbook();
    const sheet = simulatedSheet('S', []);
    book.sheets.push(sheet);
    const a = addFormat(book, sheet, { type: 'Custom', formula: '=1', addresses: 'A1' });
    const b = addFormat(book, sheet, { type: 'Custom', formula: '=2', addresses: 'A2' });
    expect(a.id).not.toBe(b.id);
    deleteFormat(sheet, a.id);
    expect(() => deleteFormat(sheet, a.id)).toThrow(expect.objectContaining({ code: 'ItemNotFound' }) as Error);
    expect(sheet.conditionalFormats.map((f) => f.formula)).toEqual(['=2']);
  });

  it('a savepoint puts back the cells and formats a failed batch had already changed', () => {
    const book = createSimulatedWorkbook();
    const sheet = simulatedSheet('S', [[text('a')], [text('b')]]);
    book.sheets.push(sheet);
    const kept = addFormat(book, sheet, { type: 'Custom', formula: '=1', addresses: 'A1' });
    for (const touched of [undefined, [{ sheet, row: 1 }]]) {
      const undo = batchSavepoint(book, touched);
      writeValue(book, sheet, 1, 1, "'changed");
      deleteFormat(sheet, kept.id);
      addFormat(book, sheet, { type: 'Custom', formula: '=2', addresses: 'A2' });
      undo();
      expect(typedCellAt(book, sheet, 1, 1)).toEqual(text('a'));
      expect(sheet.conditionalFormats.map((f) => f.id)).toEqual([kept.id]);
    }
  });
});

describe('used range and special cells', () => {
  it('count formula cells showing nothing as used, and split formulas from constants and errors', () => {
    const book = createSimulatedWorkbook();
    const sheet = sheetOfOfficeCells('S', [
      [office('a', 'General', 'String'), office(1, 'General', 'Double', '=1')],
      [undefined, office('#N/A', 'General', 'Error')],
      [undefined, undefined, office('', 'General', 'Empty', '=""')],
    ]);
    book.sheets.push(sheet);
    const all = { firstRow: 1, firstCol: 1, lastRow: 10, lastCol: 10 };
    expect(usedExtent(sheet)).toEqual({ lastRow: 3, lastCol: 3 });
    expect(usedExtent(sheet, { ...all, lastCol: 2 })).toEqual({ lastRow: 2, lastCol: 2 });
    expect(specialCells(sheet, all, 'Formulas', false)).toEqual([
      { row: 1, col: 2 },
      { row: 3, col: 3 },
    ]);
    expect(specialCells(sheet, all, 'Constants', false)).toEqual([
      { row: 1, col: 1 },
      { row: 2, col: 2 },
    ]);
    expect(specialCells(sheet, all, 'Constants', true)).toEqual([{ row: 2, col: 2 }]);
  });
});

describe('text written by the gateways', () => {
  it.each(['General', '@'])('keeps a leading apostrophe and leading zeros in a %s cell, through both gateways', async (format) => {
    const books = [0, 1].map(() => {
      const book = createSimulatedWorkbook();
      book.sheets.push(sheetOfOfficeCells(MA_SHEET, [[office('x', format, 'String'), office('y', format, 'String')]]));
      return book;
    });
    const edits: Edit<RuleId>[] = [
      { sheet: MA_SHEET, cell: 'A1', row: 1, col: 1, from: 'x', to: "'quoted", type: 'text', ruleId: 'text-whitespace' },
      { sheet: MA_SHEET, cell: 'B1', row: 1, col: 2, from: 'y', to: '0123', type: 'text', ruleId: 'text-whitespace' },
    ];
    await new FakeGateway(books[0]).writeEdits(edits);
    await new OfficeGateway(new MockHost(books[1]!)).writeEdits(edits);
    for (const book of books) expect(book.sheets[0]!.cells[0]!.map((c) => c!.value)).toEqual(["'quoted", '0123']);
  });
});

describe('the used range', () => {
  it('starts where the first value is, and without valuesOnly also covers cells that only have a format', () => {
    const sheet = sheetOfOfficeCells('S', [
      [],
      [undefined, undefined, office('', '0.00', 'Empty', '')],
      [undefined, undefined, office('x', 'General', 'String')],
      [undefined, undefined, undefined, office(1, 'General', 'Double')],
    ]);
    expect(usedRange(sheet)).toEqual({ firstRow: 3, firstCol: 3, lastRow: 4, lastCol: 4 });
    expect(usedRange(sheet, undefined, false)).toEqual({ firstRow: 2, firstCol: 3, lastRow: 4, lastCol: 4 });
    expect(usedRange(sheetOfOfficeCells('E', []))).toBeNull();
  });
});

describe('sheet names', () => {
  it.each<[string, string | null]>([
    ['MAM Prep training', null],
    ['data', 'ItemAlreadyExists'],
    ['', 'InvalidArgument'],
    ['a'.repeat(32), 'InvalidArgument'],
    ['Q1/Q2', 'InvalidArgument'],
    ['[draft]', 'InvalidArgument'],
    ["'quoted'", 'InvalidArgument'],
  ])('a new sheet named %j: %s', (name, refusal) => {
    const book = createSimulatedWorkbook();
    book.sheets.push(simulatedSheet('Data', []));
    expect(sheetNameRefusal(book, name)).toBe(refusal);
  });

  it('both gateways refuse to insert a sheet whose name Excel refuses', async () => {
    const book = () => {
      const b = createSimulatedWorkbook();
      b.sheets.push(simulatedSheet('Data', []));
      return b;
    };
    await expect(new FakeGateway(book()).insertWorksheet('Q1/Q2', [])).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(new OfficeGateway(new MockHost(book())).insertWorksheet('Q1/Q2', [])).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('the Office.js face', () => {
  it('refuses values whose dimensions differ from the range, at sync, and changes nothing', async () => {
    const book = createSimulatedWorkbook();
    book.sheets.push(simulatedSheet('Data', [[text('a')]]));
    const host = new MockHost(book);
    const attempt = host.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1').values = [['x', 'y']];
      await context.sync();
    });
    await expect(attempt).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(typedCellAt(book, book.sheets[0]!, 1, 1)).toEqual(text('a'));
  });
});

describe('one workbook, two faces', () => {
  const wb = () =>
    maWorkbook(40, (r, i) =>
      i === 3 ? { ...r, earliestMigrationDate: '07/06/2027', mpan: ' 1300000000000 ' } : i === 5 ? { ...r, smsoReference: { formula: { error: '#REF!' } } } : r,
    );
  const edits: Edit<RuleId>[] = [
    { sheet: MA_SHEET, cell: 'B10', row: 10, col: 2, from: ' 1300000000000 ', to: '1300000000000', type: 'text', ruleId: 'text-whitespace' },
    { sheet: MA_SHEET, cell: 'M10', row: 10, col: 13, from: '07/06/2027', to: '2027-06-07', type: 'date', ruleId: 'date-invalid' },
  ];

  it("read the same snapshot of a sheet whose values start at C3 (Excel's used range does not start at A1)", async () => {
    const cells = [
      [],
      [],
      [undefined, undefined, office('a', 'General', 'String'), office(2, 'General', 'Double')],
      [undefined, undefined, undefined, office('b', 'General', 'String')],
    ];
    const book = () => {
      const b = createSimulatedWorkbook();
      b.sheets.push(sheetOfOfficeCells('Data', cells));
      return b;
    };
    const fromOffice = await new OfficeGateway(new MockHost(book())).scan();
    expect(fromOffice).toEqual(await new FakeGateway(book()).scan());
    expect(fromOffice.sheets[0]!.rows).toHaveLength(4);
    expect(fromOffice.sheets[0]!.rows[3]).toEqual([EMPTY_CELL, EMPTY_CELL, EMPTY_CELL, text('b')]);
  });

  it.each(['1900', '1904'] as const)(
    'the fake gateway and the Office gateway read the same snapshot, re-read the same rows and write the same cells, in as many syncs (%s date system)',
    async (dateSystem) => {
      const fakeBook = simulatedWorkbookFromSnapshot(wb(), { dateSystem });
      const officeBook = simulatedWorkbookFromSnapshot(wb(), { dateSystem });
      const fake = new FakeGateway(fakeBook);
      const host = new MockHost(officeBook);
      const gateway = new OfficeGateway(host);
      expect(await gateway.scan()).toEqual(await fake.scan());
      // Sheets, names and date system; used ranges and rows 1-40; the validation probe; rows 41-46.
      expect([host.syncCount, fake.syncCount]).toEqual([4, 4]);
      expect(await gateway.readRows(MA_SHEET, [8, 10, 11])).toEqual(await fake.readRows(MA_SHEET, [8, 10, 11]));
      // The rows at the width the scan found: one sync.
      expect([host.syncCount, fake.syncCount]).toEqual([5, 5]);

      const [fromFake, fromOffice] = [await fake.writeEdits(edits), await gateway.writeEdits(edits)];
      // Check the two cells, then write them.
      expect([host.syncCount, fake.syncCount]).toEqual([7, 7]);
      expect(fromOffice.applied).toEqual(fromFake.applied);
      expect(fromFake.applied.map((a) => a.cell)).toEqual(['B10', 'M10']);
      expect(officeBook.sheets[0]!.cells).toEqual(fakeBook.sheets[0]!.cells);
      // What both wrote, as Excel holds it: text (quote-prefixed, so not a number) and a date serial.
      expect(fakeBook.sheets[0]!.cells[9]![1]).toEqual(office('1300000000000', 'General', 'String'));
      expect(fakeBook.sheets[0]!.cells[9]![12]!.value).toBe(dateSystem === '1900' ? 46545 : 46545 - 1462);
    },
  );

  it('skip the same cells for the same reasons, in as many syncs, when a sheet is gone and another is protected', async () => {
    const book = () => {
      const b = simulatedWorkbookFromSnapshot(wb());
      b.sheets.push(simulatedSheet('Locked', [[text(' a ')], [text(' b ')]], { protected: true, unlocked: ['A2'] }));
      return b;
    };
    const mixed: Edit<RuleId>[] = [
      ...edits,
      { sheet: 'Locked', cell: 'A1', row: 1, col: 1, from: ' a ', to: 'a', type: 'text', ruleId: 'text-whitespace' },
      { sheet: 'Locked', cell: 'A2', row: 2, col: 1, from: ' b ', to: 'b', type: 'text', ruleId: 'text-whitespace' },
      { sheet: 'Gone', cell: 'B7', row: 7, col: 2, from: 'x', to: 'y', type: 'text', ruleId: 'text-whitespace' },
    ];
    const [fakeBook, officeBook] = [book(), book()];
    const fake = new FakeGateway(fakeBook);
    const host = new MockHost(officeBook);
    const gateway = new OfficeGateway(host, { wait: () => Promise.resolve() });
    const [fromFake, fromOffice] = [await fake.writeEdits(mixed), await gateway.writeEdits(mixed)];
    expect(fromOffice).toEqual(fromFake);
    expect(fromFake.applied.map((a) => `${a.sheet}!${a.cell}`)).toEqual([`${MA_SHEET}!B10`, `${MA_SHEET}!M10`, 'Locked!A2']);
    expect(fromFake.skipped.map((k) => [k.sheet, k.cell, k.reason])).toEqual([
      ['Gone', 'B7', 'missing-sheet'],
      ['Locked', 'A1', 'protected'],
    ]);
    expect(host.syncCount).toBe(fake.syncCount);
    expect(officeBook.sheets.map((sh) => sh.cells)).toEqual(fakeBook.sheets.map((sh) => sh.cells));
  });

  const template = { id: '{template}', type: 'Custom', formula: '=LEN(A7)>20', addresses: 'A7:A100' };
  it.each([
    ['no conditional formats of its own', false],
    ["the template's own custom format", true],
  ])('set, fix with highlights, replace and clear highlights with the same syncs and formats, on a workbook with %s', async (_, withTemplateFormat) => {
    const highlights = { sheet: MA_SHEET, errors: ['B7', 'B8', 'C9'], warnings: ['B8', 'D7'], exemptRows: [10, 11], firstCol: 1, lastCol: 13 };
    const book = () => {
      const b = simulatedWorkbookFromSnapshot(wb());
      if (withTemplateFormat) b.sheets[0]!.conditionalFormats.push({ ...template });
      return b;
    };
    const [fakeBook, officeBook] = [book(), book()];
    const fake = new FakeGateway(fakeBook);
    const host = new MockHost(officeBook);
    const gateway = new OfficeGateway(host, { wait: () => Promise.resolve() });
    // What a sheet's formats look like, their ids and owners left out (each face numbers its own, each user has an id).
    const formats = (b: typeof fakeBook) => b.sheets[0]!.conditionalFormats.map((f) => [f.type, f.formula.replace(/@[\w-]+"/, '@owner"'), f.addresses]);
    const fixWithHighlights = { highlightsAfter: () => ({ ...highlights, errors: ['C9'] }) };
    const steps: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['first', () => fake.setHighlights(highlights), () => gateway.setHighlights(highlights)],
      ['replaced', () => fake.setHighlights({ ...highlights, errors: ['B7'] }), () => gateway.setHighlights({ ...highlights, errors: ['B7'] })],
      ['cleared', () => fake.clearHighlights(), () => gateway.clearHighlights()],
      ['fixed with highlights', () => fake.writeEdits(edits, fixWithHighlights), () => gateway.writeEdits(edits, fixWithHighlights)],
      ['cleared again', () => fake.clearHighlights(), () => gateway.clearHighlights()],
    ];
    for (const [step, onFake, onOffice] of steps) {
      const [fakeBefore, officeBefore] = [fake.syncCount, host.syncCount];
      const [fromFake, fromOffice] = [await onFake(), await onOffice()];
      expect([step, fromOffice]).toEqual([step, fromFake]);
      expect([step, host.syncCount - officeBefore]).toEqual([step, fake.syncCount - fakeBefore]);
      expect([step, formats(officeBook)]).toEqual([step, formats(fakeBook)]);
    }
    expect(formats(fakeBook)).toEqual(withTemplateFormat ? [['Custom', template.formula, template.addresses]] : []);
  });

  describe('a highlight batch whose sync fails changes nothing, on both gateways', () => {
    const first = { sheet: MA_SHEET, errors: ['B7', 'C9'], warnings: ['D7'], exemptRows: [10], firstCol: 1, lastCol: 13 };
    const second = { ...first, errors: ['B8'], warnings: [] };
    const formats = (b: ReturnType<typeof simulatedWorkbookFromSnapshot>) =>
      b.sheets[0]!.conditionalFormats.map((f) => [f.formula.replace(/@[\w-]+"/, '@owner"'), f.addresses]);
    /** Both gateways with `first` shown, and a failure set for the `k`th sync of the next call. */
    const shownThenFailing = async (k: number) => {
      const [fakeBook, officeBook] = [simulatedWorkbookFromSnapshot(wb()), simulatedWorkbookFromSnapshot(wb())];
      const fake = new FakeGateway(fakeBook);
      const host = new MockHost(officeBook);
      const gateway = new OfficeGateway(host, { wait: () => Promise.resolve() });
      await fake.setHighlights(first);
      await gateway.setHighlights(first);
      const shown = formats(fakeBook);
      fake.failAtSync = { index: fake.syncCount + k, code: 'GeneralException' };
      host.failAtSync = { index: host.syncCount + k, code: 'GeneralException' };
      return { fake, gateway, fakeBook, officeBook, shown };
    };
    const outcomeOf = (call: Promise<unknown>) =>
      call.then(
        (value) => ({ value }),
        (e: unknown) => ({ code: (e as { code?: string }).code }),
      );

    // A requested refresh searches (2 syncs: sheets, formats; 3 once a custom format is there) and then writes (1).
    it.each([1, 2, 3, 4, 5])('setting highlights on request, sync %i of 4 failing', async (k) => {
      const { fake, gateway, fakeBook, officeBook, shown } = await shownThenFailing(k);
      const [fromFake, fromOffice] = [
        await outcomeOf(fake.setHighlights(second, { mode: 'request' })),
        await outcomeOf(gateway.setHighlights(second, { mode: 'request' })),
      ];
      expect(fromOffice).toEqual(fromFake);
      expect(formats(officeBook)).toEqual(formats(fakeBook));
      if (k <= 4) {
        expect(fromFake).toEqual({ code: 'GeneralException' });
        expect(formats(fakeBook)).toEqual(shown);
      } else {
        expect(fromFake).toEqual({ value: { written: true, protectedSheets: [] } });
        expect(formats(fakeBook)).not.toEqual(shown);
      }
    });

    it('a first set of highlights whose write is lost leaves the workbook unchanged, and not marked changed by MAM Prep', async () => {
      const book = simulatedWorkbookFromSnapshot(wb());
      const fake = new FakeGateway(book);
      // A first set searches (2 syncs: no custom format yet) and then writes (1).
      fake.failAtSync = { index: 3, code: 'GeneralException' };
      await expect(fake.setHighlights(first)).rejects.toMatchObject({ code: 'GeneralException' });
      expect([formats(book), fake.dirtiedByAddIn, fake.undoStack]).toEqual([[], false, []]);
    });

    // A clear searches (3), deletes (1) and searches again (2: no custom format is left).
    it.each([1, 2, 3, 4, 5, 6, 7])('clearing highlights, sync %i of 6 failing', async (k) => {
      const { fake, gateway, fakeBook, officeBook, shown } = await shownThenFailing(k);
      const [fromFake, fromOffice] = [await outcomeOf(fake.clearHighlights()), await outcomeOf(gateway.clearHighlights())];
      expect(fromOffice).toEqual(fromFake);
      expect(formats(officeBook)).toEqual(formats(fakeBook));
      if (k <= 4) expect([fromFake, formats(fakeBook)]).toEqual([{ code: 'GeneralException' }, shown]);
      else if (k <= 6) expect([fromFake, formats(fakeBook)]).toEqual([{ code: 'GeneralException' }, []]);
      else expect([fromFake, formats(fakeBook)]).toEqual([{ value: { removed: shown.length, remaining: 0, protectedSheets: [] } }, []]);
    });
  });
});
