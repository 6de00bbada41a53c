/**
 * Excel stores a date as a serial day count in one of two systems, chosen per workbook:
 * the 1900 system (Windows default) and the 1904 system (`workbookPr date1904="1"`, older Mac
 * workbooks), whose serial 0 is 1904-01-01, 1,462 days after the 1900 system's serial 0.
 *
 * The engine's cell model always holds 1900-system serials (so "is this a Monday" and every date
 * rule mean one thing). Adapters convert at the edge: `toEngineSerial` when a workbook's serial is
 * read, `toWorkbookSerial` when a serial is written back into that workbook.
 */
export type DateSystem = '1900' | '1904';

/** Days between the 1900 system's serial 0 (1899-12-30 after Lotus' leap-day) and 1904-01-01. */
export const DAYS_1904_OFFSET = 1462;

export function toEngineSerial(workbookSerial: number, system: DateSystem): number {
  return system === '1904' ? workbookSerial + DAYS_1904_OFFSET : workbookSerial;
}

export function toWorkbookSerial(engineSerial: number, system: DateSystem): number {
  return system === '1904' ? engineSerial - DAYS_1904_OFFSET : engineSerial;
}
