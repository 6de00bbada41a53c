import { STYLE } from './ooxml-builder';
import { rewriteParts } from './xlsx-rewrite';

/** Days from 1900-system serial 0 to 1904-system serial 0 (written out here, not taken from src). */
const OFFSET_1904 = 1462;

export interface Date1904Options {
  /** How `date1904` is spelled: xsd:boolean allows both. */
  readonly flag?: '1' | 'true';
}

/**
 * A builder workbook re-counted in the 1904 date system, as a Mac Excel saves it: workbookPr gains
 * `date1904`, and every date cell the builder wrote (its two date styles) holds its serial less 1,462.
 * Non-date numbers stay as they are.
 */
export function toDate1904(bytes: Uint8Array, options: Date1904Options = {}): Uint8Array {
  const dateStyles = new Set([String(STYLE.builtinDate), String(STYLE.customDate)]);
  return rewriteParts(bytes, (name, text) => {
    if (name === 'xl/workbook.xml') {
      if (!text.includes('<workbookPr')) throw new Error('builder workbook without workbookPr');
      return text.replace('<workbookPr', `<workbookPr date1904="${options.flag ?? '1'}"`);
    }
    if (!name.startsWith('xl/worksheets/')) return undefined;
    return text.replace(/(<c r="[A-Z]+\d+" s="(\d+)"><v>)(\d+)(<\/v>)/g, (whole, head: string, style: string, serial: string, tail: string) =>
      dateStyles.has(style) ? `${head}${Number(serial) - OFFSET_1904}${tail}` : whole,
    );
  });
}

/** The same package in Strict OOXML's namespaces (ISO/IEC 29500 Strict), e.g. to see date1904 read there too. */
export function toStrict(bytes: Uint8Array): Uint8Array {
  return rewriteParts(bytes, (_name, text) =>
    text
      .replaceAll('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main')
      .replaceAll('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships')
      .replace('<workbook ', '<workbook conformance="strict" '),
  );
}
