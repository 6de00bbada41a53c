import { isDateFormat, BUILTIN_DATE_FORMAT_IDS } from '../engine/cell';
import { decodeXstringEscapes, findElements } from './xml-text';
import type { XmlElement } from './xml-tree';
import { attributeOf, childNamed, childrenNamed } from './xml-tree';

/** Where the parts of a workbook package live and what workbook.xml says about its sheets. */

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Absolute part name without leading slash, e.g. `xl/worksheets/sheet1.xml`. */
  readonly target: string;
  readonly external: boolean;
}

export interface SheetEntry {
  readonly name: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
  /** Part name of the worksheet, or undefined for chartsheets and other non-grid sheets. */
  readonly part: string | undefined;
  /** Position in workbook.xml (what `localSheetId` counts). */
  readonly index: number;
}

export interface WorkbookInfo {
  readonly sheets: readonly SheetEntry[];
  /** Workbook-scoped defined names. */
  readonly definedNames: Record<string, string>;
  readonly sharedStringsPart: string | undefined;
  readonly stylesPart: string | undefined;
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

/** Resolves a relationship target against the folder of its source part. */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/')).split('/') : [];
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The rels part name of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The relationships of a `.rels` part (its root element), targets resolved against `sourcePart`. */
export function parseRelationships(rels: XmlElement | undefined, sourcePart: string): Relationship[] {
  return childrenNamed(rels, 'Relationship').map(({ attributes }) => {
    const external = attributes.get('TargetMode') === 'External';
    const target = attributes.get('Target') ?? '';
    return {
      id: attributes.get('Id') ?? '',
      type: attributes.get('Type') ?? '',
      target: external ? target : resolveTarget(sourcePart, target),
      external,
    };
  });
}

/** The main workbook part named by the package relationships (`xl/workbook.xml` by convention). */
export function officeDocumentPart(packageRels: XmlElement | undefined): string {
  if (packageRels === undefined) return 'xl/workbook.xml';
  const rel = parseRelationships(packageRels, '').find((r) => REL_OFFICE_DOCUMENT.test(r.type));
  return rel?.target ?? 'xl/workbook.xml';
}

/** The sheets and workbook-scoped defined names of workbook.xml (its root element). */
export function parseWorkbook(workbook: XmlElement, rels: readonly Relationship[]): WorkbookInfo {
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = childrenNamed(childNamed(workbook, 'sheets'), 'sheet').map((el, index) => {
    const rel = byId.get(attributeOf(el, 'r:id') ?? '');
    const stateAttr = el.attributes.get('state');
    const state = stateAttr === 'hidden' || stateAttr === 'veryHidden' ? stateAttr : 'visible';
    return { name: el.attributes.get('name') ?? `Sheet${index + 1}`, state, part: rel && REL_WORKSHEET.test(rel.type) ? rel.target : undefined, index };
  });
  const definedNames: Record<string, string> = {};
  for (const el of childrenNamed(childNamed(workbook, 'definedNames'), 'definedName')) {
    const name = el.attributes.get('name');
    // Sheet-scoped names (localSheetId) would shadow workbook names only on their own sheet; keep workbook scope.
    if (!name || el.attributes.has('localSheetId')) continue;
    definedNames[name] = decodeXstringEscapes(el.text).trim();
  }
  return {
    sheets,
    definedNames,
    sharedStringsPart: rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target,
    stylesPart: rels.find((r) => REL_STYLES.test(r.type))?.target,
  };
}

export interface CellStyles {
  /** cellXfs index → shows a date. */
  readonly isDate: readonly boolean[];
  /** cellXfs index → numFmtId. */
  readonly numFmtIds: readonly number[];
  /** numFmtId → custom format code. */
  readonly customFormats: ReadonlyMap<number, string>;
}

export const NO_STYLES: CellStyles = { isDate: [], numFmtIds: [], customFormats: new Map() };

function isDateNumFmt(numFmtId: number, customFormats: ReadonlyMap<number, string>): boolean {
  const custom = customFormats.get(numFmtId);
  return custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE_FORMAT_IDS.has(numFmtId);
}

/**
 * The span of `<cellXfs>…</cellXfs>` in styles.xml (cellStyleXfs also hold `<xf>`s, so scope
 * matters), for the patcher, which edits the part's text in place.
 */
export function cellXfsSpan(stylesXml: string): { start: number; innerStart: number; innerEnd: number; end: number } | undefined {
  return findElements(stylesXml, 'cellXfs')[0];
}

/**
 * Which cell formats show dates, from styles.xml (its root element): the custom number formats of
 * `<numFmts>` and the `<xf>`s of `<cellXfs>` (not those of cellStyleXfs, nor a dxf's numFmt).
 */
export function parseStyles(styles: XmlElement): CellStyles {
  const customFormats = new Map<number, string>();
  for (const { attributes } of childrenNamed(childNamed(styles, 'numFmts'), 'numFmt')) {
    const id = Number(attributes.get('numFmtId'));
    if (Number.isInteger(id)) customFormats.set(id, attributes.get('formatCode') ?? '');
  }
  const numFmtIds = childrenNamed(childNamed(styles, 'cellXfs'), 'xf').map(({ attributes }) => Number(attributes.get('numFmtId') ?? 0) || 0);
  return { isDate: numFmtIds.map((id) => isDateNumFmt(id, customFormats)), numFmtIds, customFormats };
}
