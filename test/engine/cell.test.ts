import { isDateFormat, isoToSerial, serialToIso, typeRawValue } from '../../src/engine/cell';

describe('dates', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45658, '2025-01-01'],
    [46447, '2027-03-01'],
  ])('serial %d is %s', (serial, iso) => {
    expect(serialToIso(serial)).toBe(iso);
    expect(isoToSerial(iso)).toBe(serial);
  });
  it.each(['dd/mm/yyyy', 'yyyy-mm-dd', 'd mmm yy', '[$-809]dd mmmm yyyy', 'mm/dd/yy h:mm', '[Red]dd/mm/yyyy'])('%s is a date format', (f) =>
    expect(isDateFormat(f)).toBe(true),
  );
  it.each(['General', '0', '0.00', '#,##0', '@', '"d"0', '0.00E+00', '[Red]0.00'])('%s is not a date format', (f) => expect(isDateFormat(f)).toBe(false));
  it('types Office values with their formats', () => {
    expect(typeRawValue(46447, 'dd/mm/yyyy').value).toEqual({ kind: 'date', serial: 46447, iso: '2027-03-01' });
    expect(typeRawValue(46447, 'General').value).toEqual({ kind: 'number', number: 46447 });
    expect(typeRawValue('#N/A', 'General').value).toEqual({ kind: 'error', error: '#N/A' });
    expect(typeRawValue('#N/A', 'General', { isError: false }).value).toEqual({ kind: 'text', text: '#N/A' });
    expect(typeRawValue('', 'General', { formula: true })).toEqual({ value: { kind: 'empty' }, formula: true });
  });
});
