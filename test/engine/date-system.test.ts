import { isoToSerial, serialToIso } from '../../src/engine/cell';
import { toEngineSerial, toWorkbookSerial } from '../../src/engine/date-system';

// Oracle: Python's datetime — Monday 2026-12-07 is 46,363 days after 1899-12-30 (1900 system)
// and 44,901 days after 1904-01-01 (1904 system).
describe('date systems', () => {
  test.each([
    ['1900', 46363, 46363],
    ['1904', 44901, 46363],
    ['1904', 0, 1462],
  ] as const)('%s serial %d reads as engine serial %d', (system, workbook, engine) => {
    expect(toEngineSerial(workbook, system)).toBe(engine);
    expect(toWorkbookSerial(engine, system)).toBe(workbook);
  });

  test('1904 serial 0 is 1904-01-01 and 1904 serial 44901 is Monday 2026-12-07', () => {
    expect(serialToIso(toEngineSerial(0, '1904'))).toBe('1904-01-01');
    expect(serialToIso(toEngineSerial(44901, '1904'))).toBe('2026-12-07');
    expect(toWorkbookSerial(isoToSerial('2026-12-07'), '1904')).toBe(44901);
  });
});
