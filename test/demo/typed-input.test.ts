import { date, EMPTY_CELL, text } from '../../src/engine/cell';
import { validateWorkbook } from '../../src/engine/validate';
import { cellFromInput, parseTabSeparated } from '../../src/demo/typed-input';
import { SAMPLES, sampleWorkbook } from '../../src/demo/samples';
import { RULES } from '../../src/rules';
import { FakeGateway } from '../../src/excel/fake-gateway';

describe('what typing stores in the demo grid', () => {
  it.each([
    ['', EMPTY_CELL],
    ['1312345678907', text('1312345678907')],
    ['AB ', text('AB ')],
    ["'2027-06-07", text('2027-06-07')],
    ["'", EMPTY_CELL],
    ['2027-06-07', date('2027-06-07')],
    ['2027-02-30', text('2027-02-30')],
    ['07/06/2027', text('07/06/2027')],
  ])('%j', (input, cell) => {
    expect(cellFromInput(input)).toEqual(cell);
  });
});

describe('parsing clipboard text', () => {
  it('splits rows and cells, with or without a final line break, CRLF or LF', () => {
    expect(parseTabSeparated('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTabSeparated('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTabSeparated('a\t\tc\n')).toEqual([['a', '', 'c']]);
    expect(parseTabSeparated('')).toEqual([]);
  });

  it('keeps tabs, line breaks and doubled quotes inside a quoted cell, and a quote mid-cell as text', () => {
    expect(parseTabSeparated('"x\ty"\t"line 1\nline 2"\t"say ""hi"""\n')).toEqual([['x\ty', 'line 1\nline 2', 'say "hi"']]);
    expect(parseTabSeparated('5" screen\tb\n')).toEqual([['5" screen', 'b']]);
  });
});

describe('demo samples', () => {
  it.each(SAMPLES.map((s) => [s.id]))('%s is detected on its own sheet with a few fixable mistakes', async (id) => {
    const snapshot = await new FakeGateway(sampleWorkbook(id, '2026-11-29')).scan();
    const result = validateWorkbook(snapshot, { rules: RULES, today: '2026-11-29' });
    expect(result.template?.id).toBe(id);
    expect(result.rowsChecked).toBe(12);
    expect(result.findings.length).toBeGreaterThanOrEqual(3);
    expect(result.findings.every((f) => f.fix !== null)).toBe(true);
  });
});
