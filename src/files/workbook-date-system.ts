import type { DateSystem } from '../engine/date-system';
import { findElements } from './xml-text';

/**
 * The date system a workbook part declares: `<workbookPr date1904="1"/>` (or `"true"`, xsd:boolean)
 * in the transitional or the Strict namespace makes it the 1904 system; anything else, the 1900 system.
 */
export function workbookDateSystem(workbookXml: string): DateSystem {
  const flag = findElements(workbookXml, 'workbookPr')[0]?.attrs.get('date1904')?.trim();
  return flag === '1' || flag === 'true' ? '1904' : '1900';
}
