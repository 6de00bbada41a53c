import type { Cell } from '../engine/cell';
import { EMPTY_CELL, isRealIsoDate, isoToSerial } from '../engine/cell';
import type { CellBlocker, SkippedEdit } from '../engine/edit-guard';
import { editBlocker } from '../engine/edit-guard';
import { toA1 } from '../engine/address';
import type { DateSystem } from '../engine/date-system';
import { toWorkbookSerial } from '../engine/date-system';
import type { Edit } from '../engine/fix-planner';
import { cellForEdit } from '../engine/fix-planner';
import { WorkbookFileError } from './file-error';
import { cellXfsSpan } from './package-parts';
import type { RawCell } from './sheet-scanner';
import { scanCells } from './sheet-scanner';
import type { PartEncoding } from './part-encoding';
import { PLAIN_UTF8, encodePart } from './part-encoding';
import type { ReadOptions, WorkbookPackage } from './workbook-package';
import { openWorkbookBytes, readPart } from './workbook-package';
import { typeRawCell } from './workbook-reader';
import { encodeXmlText, findElements } from './xml-text';
import { rewriteZip } from './zip-writer';

/**
 * Applies planned edits to a saved workbook by rewriting only the changed `<c>` elements of the
 * worksheet parts. Text goes in as inline strings, so sharedStrings.xml stays as it was; dates are
 * serial numbers with a date style. Every other zip entry is copied byte for byte (macros included).
 *
 * styles.xml changes only when a date goes into a cell whose style is not a date format and the
 * workbook has no date style at all: then one `<xf>` (built-in format 14) is appended to cellXfs.
 */
export interface AppliedPatch {
  readonly edit: Edit;
  readonly before: Cell;
  readonly after: Cell;
}

/** The shared skipped-edit record (engine/edit-guard.ts), with the edit it came from (for its rule id). */
export interface SkippedPatch extends SkippedEdit {
  readonly edit: Edit;
}

export interface PatchOutcome {
  readonly bytes: Uint8Array;
  readonly applied: readonly AppliedPatch[];
  readonly skipped: readonly SkippedPatch[];
  /** Zip entries whose content changed (worksheets, and styles.xml when a date style was added). */
  readonly changedParts: readonly string[];
}

interface FoundCell {
  readonly raw: RawCell;
  readonly cell: Cell;
}

/** Date styles: keeps, reuses or (as a last resort) appends a cellXfs entry with a date format. */
class DateStyles {
  private xml: string | undefined;
  private encoding: PartEncoding = PLAIN_UTF8;
  private xfAttrs: Map<string, string>[] | undefined;
  private appended = new Map<string, number>();
  changed = false;

  constructor(private readonly pkg: WorkbookPackage) {}

  private load(): Map<string, string>[] {
    if (!this.xfAttrs) {
      const part = this.pkg.info.stylesPart;
      const read = part ? readPart(this.pkg, part) : undefined;
      this.xml = read?.utf8.toString('utf8');
      if (read) this.encoding = read.encoding;
      const span = this.xml ? cellXfsSpan(this.xml) : undefined;
      this.xfAttrs = span && this.xml ? findElements(this.xml, 'xf', span.innerStart, span.innerEnd).map((e) => e.attrs) : [];
    }
    return this.xfAttrs;
  }

  private isDate(index: number): boolean {
    return this.pkg.styles.isDate[index] === true || [...this.appended.values()].includes(index);
  }

  styleFor(current: number): number {
    if (this.isDate(current)) return current;
    const xfs = this.load();
    const cur = xfs[current];
    const look = (a: Map<string, string> | undefined): string => ['fontId', 'fillId', 'borderId', 'xfId'].map((k) => a?.get(k) ?? '0').join('/');
    const wanted = look(cur);
    let any = -1;
    for (let i = 0; i < xfs.length; i++) {
      if (!this.isDate(i)) continue;
      if (look(xfs[i]) === wanted) return i; // same look, only the number format differs
      if (any < 0) any = i;
    }
    if (any >= 0) return any;
    const memo = this.appended.get(wanted);
    if (memo !== undefined) return memo;
    if (!this.xml) throw new WorkbookFileError(this.pkg.archive.file, 'cannot write a date: the workbook has no styles part');
    const span = cellXfsSpan(this.xml)!;
    const [fontId, fillId, borderId, xfId] = wanted.split('/');
    const xf = `<xf numFmtId="14" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="${xfId}" applyNumberFormat="1"/>`;
    const index = xfs.length;
    const openTag = this.xml.slice(span.start, span.innerStart).replace(/count="\d+"/, `count="${index + 1}"`);
    this.xml = this.xml.slice(0, span.start) + openTag + this.xml.slice(span.innerStart, span.innerEnd) + xf + this.xml.slice(span.innerEnd);
    xfs.push(new Map([['numFmtId', '14']]));
    this.appended.set(wanted, index);
    this.changed = true;
    return index;
  }

  /** styles.xml as it must be written (in the encoding it was read in), or undefined when unchanged. */
  updatedPart(): Uint8Array | undefined {
    return this.changed && this.xml !== undefined ? encodePart(Buffer.from(this.xml, 'utf8'), this.encoding) : undefined;
  }
}

/** The start tag of the original element, without the attributes that describe its old value. */
function startTagFor(xml: Buffer, raw: RawCell, changes: { type?: string; style?: number }): { open: string; prefix: string } {
  const gt = xml.indexOf(62 /* > */, raw.start);
  let tag = xml.toString('utf8', raw.start, gt).replace(/\/$/, '');
  const name = /^<([\w.:-]+)/.exec(tag)![1]!;
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':') + 1) : '';
  // t: the value's type; vm/cm: value and cell metadata that belonged to the old value.
  tag = tag.replace(/\s(?:t|vm|cm)\s*=\s*("[^"]*"|'[^']*')/g, '');
  if (changes.style !== undefined) {
    if (/\ss\s*=\s*"/.test(tag)) tag = tag.replace(/(\ss\s*=\s*)"[^"]*"/, `$1"${changes.style}"`);
    else tag += ` s="${changes.style}"`;
  }
  if (changes.type) tag += ` t="${changes.type}"`;
  return { open: tag, prefix };
}

function replacementXml(xml: Buffer, raw: RawCell, edit: Edit, dateStyles: DateStyles, dateSystem: DateSystem): string {
  switch (edit.type) {
    case 'text': {
      const { open, prefix } = startTagFor(xml, raw, { type: 'inlineStr' });
      const space = /^\s|\s$/.test(edit.to) ? ' xml:space="preserve"' : '';
      return `${open}><${prefix}is><${prefix}t${space}>${encodeXmlText(edit.to)}</${prefix}t></${prefix}is></${prefix}c>`;
    }
    case 'date': {
      const style = dateStyles.styleFor(raw.style);
      const { open, prefix } = startTagFor(xml, raw, { style });
      return `${open}><${prefix}v>${toWorkbookSerial(isoToSerial(edit.to), dateSystem)}</${prefix}v></${prefix}c>`;
    }
    case 'empty': {
      // The value goes; the style (borders, fill, number format) stays.
      return `${startTagFor(xml, raw, {}).open}/>`;
    }
  }
}

function validateEdit(edit: Edit): void {
  if (edit.type === 'date' && !isRealIsoDate(edit.to)) throw new Error(`edit of ${edit.sheet}!${edit.cell} has an invalid date "${edit.to}"`);
}

export function patchWorkbook(bytes: Uint8Array, file: string, edits: readonly Edit[], options: ReadOptions = {}): PatchOutcome {
  const pkg = openWorkbookBytes(bytes, file, options);
  const applied: AppliedPatch[] = [];
  const skipped: SkippedPatch[] = [];
  const replacements = new Map<string, Uint8Array>();
  const dateStyles = new DateStyles(pkg);
  const bySheet = new Map<string, Edit[]>();
  for (const e of edits) {
    validateEdit(e);
    bySheet.set(e.sheet, [...(bySheet.get(e.sheet) ?? []), e]);
  }
  for (const [sheetName, sheetEdits] of bySheet) {
    const entry = pkg.info.sheets.find((s) => s.name === sheetName) ?? pkg.info.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    const part = entry?.part ? readPart(pkg, entry.part) : undefined;
    if (!entry?.part || part === undefined) {
      for (const edit of sheetEdits)
        skipped.push({ edit, sheet: edit.sheet, cell: edit.cell, reason: 'missing-sheet', message: `sheet "${sheetName}" is not in the workbook` });
      continue;
    }
    const xml = part.utf8;
    const wanted = new Set(sheetEdits.map((e) => e.row * 16385 + e.col));
    const found = new Map<number, FoundCell>();
    scanCells(xml, (raw) => {
      const key = raw.row * 16385 + raw.col;
      if (!wanted.has(key)) return;
      found.set(key, { raw: { ...raw }, cell: typeRawCell(xml, raw, pkg.sharedStrings, pkg.styles, pkg.dateSystem) ?? EMPTY_CELL });
    });
    const splices: Array<{ start: number; end: number; text: string }> = [];
    for (const edit of sheetEdits) {
      const hit = found.get(edit.row * 16385 + edit.col);
      const before = hit?.cell ?? EMPTY_CELL;
      const where = `${sheetName}!${toA1(edit.row, edit.col)}`;
      // Only an existing <c> element is rewritten, so a cell absent from the XML counts as changed.
      const blocked = hit === undefined ? 'changed' : editBlocker(before, edit, pkg.dateSystem);
      if (blocked !== null || hit === undefined) {
        const reason = blocked ?? 'changed';
        skipped.push({ edit, sheet: edit.sheet, cell: edit.cell, reason, message: skipMessage(reason, where, edit, pkg.dateSystem) });
        continue;
      }
      splices.push({ start: hit.raw.start, end: hit.raw.end, text: replacementXml(xml, hit.raw, edit, dateStyles, pkg.dateSystem) });
      applied.push({ edit, before, after: cellForEdit(edit) });
    }
    if (!splices.length) continue;
    splices.sort((a, b) => a.start - b.start);
    // Byte spans: everything between the edited elements is copied as it was.
    const parts: Uint8Array[] = [];
    let pos = 0;
    for (const s of splices) {
      parts.push(xml.subarray(pos, s.start), Buffer.from(s.text, 'utf8'));
      pos = s.end;
    }
    parts.push(xml.subarray(pos));
    // The part keeps the encoding (and byte order mark) it came in, which its declaration names.
    replacements.set(entryName(pkg, entry.part), encodePart(Buffer.concat(parts), part.encoding));
  }
  const styles = dateStyles.updatedPart();
  if (styles !== undefined && pkg.info.stylesPart) replacements.set(entryName(pkg, pkg.info.stylesPart), styles);
  if (!replacements.size) return { bytes, applied, skipped, changedParts: [] };
  return { bytes: rewriteZip(pkg.archive, replacements), applied, skipped, changedParts: [...replacements.keys()] };
}

/** The CLI's words for a cell the write guard refused. */
function skipMessage(reason: CellBlocker, where: string, edit: Edit, dateSystem: DateSystem): string {
  switch (reason) {
    case 'formula':
      return `${where} holds a formula; it is never overwritten`;
    case 'changed':
      return `${where} no longer holds ${JSON.stringify(edit.from)}`;
    case 'date-out-of-range':
      return dateSystem === '1904'
        ? `${where}: ${edit.to} is before 1904-01-01, the first day this workbook's 1904 date system can hold`
        : `${where}: ${edit.to} is before the first day this workbook's date system can hold`;
  }
}

/** The stored (case-exact) zip entry name of a part. */
function entryName(pkg: WorkbookPackage, part: string): string {
  const lower = part.toLowerCase();
  return pkg.archive.entries.find((e) => e.name.toLowerCase() === lower)?.name ?? part;
}
