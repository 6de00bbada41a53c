import type { Cell } from '../../src/engine/cell';
import { bool, date, EMPTY_CELL, err, num, text } from '../../src/engine/cell';
import type { DateSystem } from '../../src/engine/date-system';
import type { CellBlocker } from '../../src/engine/edit-guard';
import { editBlocker, restoreBlocker } from '../../src/engine/edit-guard';
import type { Edit } from '../../src/engine/fix-planner';

/**
 * The write guard every writer of fixes applies (gateway, fake, CLI patcher): a cell is written only
 * while it holds the value the fix replaces, never over a formula, and never with a date the
 * workbook's date system cannot hold.
 */

type EditShape = Pick<Edit, 'from' | 'to' | 'type'>;
const trimText = (from: string, to: string): EditShape => ({ from, to, type: 'text' });
const toDate = (from: string | number, to: string): EditShape => ({ from, to, type: 'date' });
const clear = (from: string | number): EditShape => ({ from, to: '', type: 'empty' });

describe('editBlocker', () => {
  const cases: ReadonlyArray<[string, Cell | undefined, EditShape, DateSystem, CellBlocker | null]> = [
    ['text still equal', text(' ABC '), trimText(' ABC ', 'ABC'), '1900', null],
    ['text changed since the check', text('ABD '), trimText(' ABC ', 'ABC'), '1900', 'changed'],
    ['text differing only in case', text(' abc '), trimText(' ABC ', 'ABC'), '1900', 'changed'],
    ['formula whose result equals `from`', text(' ABC ', true), trimText(' ABC ', 'ABC'), '1900', 'formula'],
    ['formula showing a changed value (formula wins)', text('other', true), trimText(' ABC ', 'ABC'), '1900', 'formula'],
    ['blank cell (undefined) for an edit of a blank', undefined, trimText('', 'X'), '1900', null],
    ['blank cell for an edit of a value', EMPTY_CELL, trimText('x', 'X'), '1900', 'changed'],
    ['number equal to a numeric `from`', num(123), clear(123), '1900', null],
    ['number against the same digits as text', num(123), clear('123'), '1900', 'changed'],
    ['text digits against a numeric `from`', text('123'), clear(123), '1900', 'changed'],
    ['boolean TRUE against the text "TRUE"', bool(true), clear('TRUE'), '1900', 'changed'],
    ['error value still equal', err('#N/A'), clear('#N/A'), '1900', null],
    ['date cell compared by its ISO day', date('2024-03-04'), toDate('2024-03-04', '2024-03-04'), '1900', null],
    ['serial typed as number, not a date', num(45355), toDate('2024-03-04', '2024-03-04'), '1900', 'changed'],
    ['date before 1904 in a 1900 workbook', text('31/12/1903'), toDate('31/12/1903', '1903-12-31'), '1900', null],
    ['date before 1904 in a 1904 workbook', text('31/12/1903'), toDate('31/12/1903', '1903-12-31'), '1904', 'date-out-of-range'],
    ['1904-01-01, serial 0 of a 1904 workbook', text('1/1/1904'), toDate('1/1/1904', '1904-01-01'), '1904', null],
    ['date before 1900 in a 1900 workbook', text('1/1/1899'), toDate('1/1/1899', '1899-01-01'), '1900', 'date-out-of-range'],
    ['a changed cell is changed before it is out of range', text('x'), toDate('31/12/1903', '1903-12-31'), '1904', 'changed'],
  ];
  it.each(cases)('%s', (_name, cell, edit, system, expected) => {
    expect(editBlocker(cell, edit, system)).toBe(expected);
  });

  it('assumes the 1900 date system when none is given', () => {
    expect(editBlocker(text('x'), toDate('x', '1903-12-31'))).toBeNull();
  });
});

describe('restoreBlocker', () => {
  const cases: ReadonlyArray<[string, Cell | undefined, { expected: Cell; previous: Cell }, CellBlocker | null]> = [
    ['cell still holds what the fix wrote', text('ABC'), { expected: text('ABC'), previous: text(' ABC ') }, null],
    ['cell changed after the fix', text('ABD'), { expected: text('ABC'), previous: text(' ABC ') }, 'changed'],
    ['same digits but text where the fix wrote a number', text('5'), { expected: num(5), previous: text('five') }, 'changed'],
    ['same day written back as a date', date('2024-03-04'), { expected: date('2024-03-04'), previous: text('04/03/2024') }, null],
    ['a blank the fix wrote, still blank (undefined)', undefined, { expected: EMPTY_CELL, previous: text('x') }, null],
    ['cell now holds a formula showing the same value', text('ABC', true), { expected: text('ABC'), previous: text(' ABC ') }, 'formula'],
    ['the value put back would be a formula', text('ABC'), { expected: text('ABC'), previous: text(' ABC ', true) }, 'formula'],
  ];
  it.each(cases)('%s', (_name, cell, restore, expected) => {
    expect(restoreBlocker(cell, restore)).toBe(expected);
  });
});
