import type { Zippable } from 'fflate';
import { strToU8, zipSync } from 'fflate';
import { columnLetters, parseA1 } from '../../src/engine/address';
import { isoToSerial } from '../../src/engine/cell';

/**
 * Builds real .xlsx/.xlsm packages in code, so tests never commit binaries. The XML is written the
 * way Excel writes it (shared strings, styles with built-in and custom date formats, list data
 * validations in both classic and x14 form, defined names, hidden sheets, a VBA project).
 */
export type BuilderCell =
  | string
  | number
  | boolean
  | null
  | undefined
  | { readonly date: string; readonly style?: 'builtin' | 'custom' }
  | { readonly inline: string }
  | { readonly rich: readonly string[]; readonly phonetic?: string }
  | { readonly formula: string; readonly result?: string | number | boolean | null; readonly error?: string }
  | { readonly error: string }
  | { readonly number: number; readonly style: number }
  | { readonly styleOnly: number };

export interface BuilderValidation {
  readonly sqref: string;
  readonly source: string;
  /** Write the x14 extension form (`<x14:dataValidation>` with `<xm:f>`), as Excel does for cross-sheet lists. */
  readonly x14?: boolean;
}

export interface BuilderSheet {
  readonly name: string;
  /** Row-major from row 1, column A. */
  readonly rows?: ReadonlyArray<ReadonlyArray<BuilderCell>>;
  /** Extra cells by A1 address (may be far away). */
  readonly cells?: Readonly<Record<string, BuilderCell>>;
  readonly state?: 'hidden' | 'veryHidden';
  readonly validations?: readonly BuilderValidation[];
  /** Overrides `<dimension ref>` (e.g. an absurd `A1:XFD1048576`). */
  readonly dimension?: string;
  /** Write cells without `r` attributes (allowed by the schema). */
  readonly omitRefs?: boolean;
}

export interface BuilderWorkbook {
  readonly sheets: readonly BuilderSheet[];
  readonly definedNames?: Readonly<Record<string, string>>;
  /** Bytes of xl/vbaProject.bin: makes the package macro-enabled (.xlsm). */
  readonly vbaProject?: Uint8Array;
  /** Strings as shared strings (Excel's default) or inline strings. */
  readonly strings?: 'shared' | 'inline';
  /**
   * Deflate level for every entry; 0 stores. Default 1: the fastest deflate, so the suite spends its
   * time on the code under test; examples and benchmarks ask for 6, about what Excel writes.
   */
  readonly level?: 0 | 1 | 6 | 9;
  /** Extra raw entries (name → bytes), e.g. for hostile-package tests. */
  readonly extraEntries?: Readonly<Record<string, Uint8Array>>;
  /** Leave out these entries (e.g. xl/styles.xml). */
  readonly omitEntries?: readonly string[];
}

/** cellXfs indexes the builder writes. */
export const STYLE = Object.freeze({ general: 0, builtinDate: 1, customDate: 2, text: 3, bold: 4 });
export const CUSTOM_DATE_FORMAT = 'dd/mm/yyyy';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

class SharedStrings {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  add(xmlItem: string): number {
    let i = this.index.get(xmlItem);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xmlItem);
      this.index.set(xmlItem, i);
    }
    return i;
  }
}

const tElement = (s: string): string => `<t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${esc(s)}</t>`;

function cellXml(ref: string, value: BuilderCell, sst: SharedStrings, strings: 'shared' | 'inline'): string {
  const r = ref ? ` r="${ref}"` : '';
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    if (strings === 'inline') return `<c${r} t="inlineStr"><is>${tElement(value)}</is></c>`;
    return `<c${r} t="s"><v>${sst.add(`<si>${tElement(value)}</si>`)}</v></c>`;
  }
  if (typeof value === 'number') return `<c${r}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c${r} t="b"><v>${value ? 1 : 0}</v></c>`;
  if ('date' in value) return `<c${r} s="${value.style === 'custom' ? STYLE.customDate : STYLE.builtinDate}"><v>${isoToSerial(value.date)}</v></c>`;
  if ('inline' in value) return `<c${r} t="inlineStr"><is>${tElement(value.inline)}</is></c>`;
  if ('rich' in value) {
    const runs = value.rich.map((t, i) => `<r>${i % 2 ? '<rPr><b/></rPr>' : ''}${tElement(t)}</r>`).join('');
    const phonetic = value.phonetic ? `<rPh sb="0" eb="1"><t>${esc(value.phonetic)}</t></rPh>` : '';
    return `<c${r} t="s"><v>${sst.add(`<si>${runs}${phonetic}</si>`)}</v></c>`;
  }
  if ('formula' in value) {
    const f = `<f>${esc(value.formula)}</f>`;
    if (value.error) return `<c${r} t="e">${f}<v>${esc(value.error)}</v></c>`;
    const res = value.result;
    if (res === null || res === undefined) return `<c${r}>${f}</c>`;
    if (typeof res === 'string') return `<c${r} t="str">${f}<v>${esc(res)}</v></c>`;
    if (typeof res === 'boolean') return `<c${r} t="b">${f}<v>${res ? 1 : 0}</v></c>`;
    return `<c${r}>${f}<v>${res}</v></c>`;
  }
  if ('error' in value) return `<c${r} t="e"><v>${esc(value.error)}</v></c>`;
  if ('number' in value) return `<c${r} s="${value.style}"><v>${value.number}</v></c>`;
  return `<c${r} s="${value.styleOnly}"/>`;
}

function sheetXml(sheet: BuilderSheet, sst: SharedStrings, strings: 'shared' | 'inline'): string {
  const byRow = new Map<number, Map<number, BuilderCell>>();
  const put = (row: number, col: number, v: BuilderCell): void => {
    if (v === null || v === undefined) return;
    let m = byRow.get(row);
    if (!m) byRow.set(row, (m = new Map<number, BuilderCell>()));
    m.set(col, v);
  };
  (sheet.rows ?? []).forEach((cells, r) => cells.forEach((v, c) => put(r + 1, c + 1, v)));
  for (const [addr, v] of Object.entries(sheet.cells ?? {})) {
    const ref = parseA1(addr);
    if (!ref) throw new Error(`bad address ${addr}`);
    put(ref.row, ref.col, v);
  }
  let maxRow = 1;
  let maxCol = 1;
  const rowsXml: string[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = byRow.get(row)!;
    const cells = [...cols.keys()].sort((a, b) => a - b);
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, cells[cells.length - 1]!);
    const body = cells.map((c) => cellXml(sheet.omitRefs ? '' : `${columnLetters(c)}${row}`, cols.get(c), sst, strings)).join('');
    rowsXml.push(`<row r="${row}" spans="${cells[0]}:${cells[cells.length - 1]}">${body}</row>`);
  }
  const classic = (sheet.validations ?? []).filter((v) => !v.x14);
  const x14 = (sheet.validations ?? []).filter((v) => v.x14);
  const dv = classic.length
    ? `<dataValidations count="${classic.length}">${classic
        .map(
          (v) =>
            `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${v.sqref}"><formula1>${esc(v.source)}</formula1></dataValidation>`,
        )
        .join('')}</dataValidations>`
    : '';
  const ext = x14.length
    ? `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="${x14.length}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">${x14
        .map(
          (v) =>
            `<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>${esc(v.source)}</xm:f></x14:formula1><xm:sqref>${v.sqref}</xm:sqref></x14:dataValidation>`,
        )
        .join('')}</x14:dataValidations></ext></extLst>`
    : '';
  const dimension = sheet.dimension ?? `A1:${columnLetters(maxCol)}${maxRow}`;
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${rowsXml.join('')}</sheetData>${dv}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${ext}</worksheet>`;
}

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${CUSTOM_DATE_FORMAT}"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export function buildWorkbook(spec: BuilderWorkbook): Uint8Array {
  const strings = spec.strings ?? 'shared';
  const sst = new SharedStrings();
  const macro = spec.vbaProject !== undefined;
  const files: Zippable = {};
  const sheetXmls = spec.sheets.map((s) => sheetXml(s, sst, strings));
  const sheetOverrides = spec.sheets
    .map(
      (_s, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const workbookType = macro
    ? 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : ''}<Override PartName="/xl/workbook.xml" ContentType="${workbookType}"/>${sheetOverrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_BASE}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${REL_BASE}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  files['docProps/app.xml'] = strToU8(
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
  );
  const sheetsXml = spec.sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const names = Object.entries(spec.definedNames ?? {})
    .map(([n, ref]) => `<definedName name="${esc(n)}">${esc(ref)}</definedName>`)
    .join('');
  files['xl/workbook.xml'] = strToU8(
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><fileVersion appName="xl"/><workbookPr${macro ? ' codeName="ThisWorkbook"' : ''} defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheetsXml}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
  );
  const n = spec.sheets.length;
  const rels = spec.sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_BASE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${n + 1}" Type="${REL_BASE}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${n + 2}" Type="${REL_BASE}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (macro) rels.push(`<Relationship Id="rId${n + 3}" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  sheetXmls.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  files['xl/sharedStrings.xml'] = strToU8(
    `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${sst.items.length}" uniqueCount="${sst.items.length}">${sst.items.join('')}</sst>`,
  );
  if (macro) files['xl/vbaProject.bin'] = spec.vbaProject!;
  for (const [name, bytes] of Object.entries(spec.extraEntries ?? {})) files[name] = bytes;
  for (const name of spec.omitEntries ?? []) delete files[name];
  return zipSync(files, { level: spec.level ?? 1, mtime: new Date('2024-01-01T00:00:00Z') });
}
