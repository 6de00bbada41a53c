import type { DateSystem } from '../engine/date-system';
import type { XmlElement } from './xml-tree';
import { childNamed } from './xml-tree';

/**
 * The date system a workbook part (its root element) declares: `<workbookPr date1904="1"/>` (or
 * `"true"`, xsd:boolean) in the transitional or the Strict namespace makes it the 1904 system;
 * anything else, the 1900 system.
 */
export function workbookDateSystem(workbook: XmlElement): DateSystem {
  const flag = childNamed(workbook, 'workbookPr')?.attributes.get('date1904')?.trim();
  return flag === '1' || flag === 'true' ? '1904' : '1900';
}
