import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { DateSystem } from '../engine/date-system';
import { WorkbookFileError } from './file-error';
import type { CellStyles, WorkbookInfo } from './package-parts';
import { NO_STYLES, officeDocumentPart, parseRelationships, parseStyles, parseWorkbook, relsPartOf } from './package-parts';
import type { DecodedPart } from './part-encoding';
import { PartEncodingError, decodePart } from './part-encoding';
import { SharedStrings } from './shared-strings';
import { workbookDateSystem } from './workbook-date-system';
import { XmlMarkupError, endsWithRootClose, plainMarkup } from './xml-markup';
import type { XmlElement } from './xml-tree';
import { parseXml } from './xml-tree';
import type { ZipArchive, ZipLimits } from './zip-archive';
import { DEFAULT_ZIP_LIMITS, findEntry, openZip, readEntry, readEntryAsync } from './zip-archive';

/** An opened .xlsx/.xlsm: the zip plus the workbook-level parts every reader and patcher needs. */
export interface WorkbookPackage {
  readonly archive: ZipArchive;
  readonly workbookPart: string;
  readonly info: WorkbookInfo;
  readonly sharedStrings: SharedStrings;
  readonly styles: CellStyles;
  readonly limits: ZipLimits;
  /** How the workbook counts date serials; cells read and dates written convert at this edge. */
  readonly dateSystem: DateSystem;
}

/**
 * A package opened as far as its workbook part: enough to know which parts hold the sheets, before
 * the costlier shared strings and styles are read.
 */
export type OpenedPackage = Pick<WorkbookPackage, 'archive' | 'workbookPart' | 'info' | 'limits' | 'dateSystem'>;

export interface ReadOptions {
  readonly limits?: ZipLimits;
  /**
   * The asynchronous reader's window: declared bytes of sheet XML it inflates ahead of the scan
   * (always at least the next sheet). Tests shrink it to exercise the waiting.
   */
  readonly prefetchBytes?: number;
  /**
   * Big sheets' rows are typed when read, not held (see lazySheetRows): for one pass over the
   * snapshot, as `check` makes. `true` means sheets of 1 MiB of XML or more; tests lower the bar.
   * The asynchronous reader only. Malformed XML in such a sheet's row is reported when that row is
   * read, as the same WorkbookFileError.
   */
  readonly lazyRows?: boolean | { readonly minSheetBytes: number };
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13)) return false;
  }
  return true;
}

/** Names what the bytes are when they are not a zip package, as one reason line. */
function sniffUnsupported(bytes: Uint8Array, file: string): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (startsWith(bytes, CFB_MAGIC)) {
    // Encrypted OOXML is an OLE compound file with an EncryptedPackage stream; anything else there is BIFF (.xls).
    return containsUtf16(bytes, 'EncryptedPackage')
      ? 'the workbook is encrypted (password-protected); save a copy without a password as .xlsx/.xlsm'
      : 'this is an old binary Excel file (.xls); save it as .xlsx or .xlsm';
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return undefined;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt' || looksLikeText(bytes)) {
    return `this is a ${ext === '.tsv' ? 'TSV' : 'CSV/text'} file, not an Excel workbook; open it in Excel and save it as .xlsx or .xlsm`;
  }
  return 'not an Excel workbook (.xlsx/.xlsm): unrecognised file format';
}

/** A part decoded to UTF-8; an encoding it does not truly have is a WorkbookFileError naming the part. */
function decodedText(pkg: Pick<WorkbookPackage, 'archive'>, part: string, bytes: Uint8Array): DecodedPart {
  try {
    return decodePart(bytes);
  } catch (e) {
    if (e instanceof PartEncodingError) throw new WorkbookFileError(pkg.archive.file, `not a valid workbook: part ${part} ${e.message}`);
    throw e;
  }
}

/** A part decoded to UTF-8 for the scanners, in the plain form they read (see wholePart). */
function decodedPart(pkg: Pick<WorkbookPackage, 'archive'>, part: string, bytes: Uint8Array): DecodedPart {
  const decoded = decodedText(pkg, part, bytes);
  return { ...decoded, utf8: wholePart(pkg.archive.file, part, decoded.utf8) };
}

/** A part's text as UTF-8 bytes (no byte order mark) and the encoding it is stored in, or undefined when absent. */
export function readPart(pkg: Pick<WorkbookPackage, 'archive' | 'limits'>, part: string): DecodedPart | undefined {
  const entry = findEntry(pkg.archive, part);
  return entry ? decodedPart(pkg, part, readEntry(pkg.archive, entry, pkg.limits)) : undefined;
}

export function readPartBytes(pkg: Pick<WorkbookPackage, 'archive' | 'limits'>, part: string): Buffer | undefined {
  return readPart(pkg, part)?.utf8;
}

/** readPartBytes with the inflating on the threadpool; every refusal arrives as a rejection. */
export async function readPartBytesAsync(pkg: Pick<WorkbookPackage, 'archive' | 'limits'>, part: string): Promise<Buffer | undefined> {
  const entry = findEntry(pkg.archive, part);
  return entry ? decodedPart(pkg, entry.name, await readEntryAsync(pkg.archive, entry, pkg.limits)).utf8 : undefined;
}

/**
 * A small part (relationships, workbook, styles) read by the XML parser: its root element, or
 * undefined when the package lacks it. The parser reads the part as stored, comments and CDATA
 * included; it is refused as the scanned parts are (a DOCTYPE, a part cut short) and for any
 * malformed XML the parser finds.
 */
export function readXmlPart(pkg: Pick<WorkbookPackage, 'archive' | 'limits'>, part: string): XmlElement | undefined {
  const entry = findEntry(pkg.archive, part);
  if (!entry) return undefined;
  const { utf8 } = decodedText(pkg, part, readEntry(pkg.archive, entry, pkg.limits));
  const file = pkg.archive.file;
  wholePart(file, part, utf8);
  try {
    return parseXml(utf8.toString('utf8'));
  } catch (e) {
    if (e instanceof XmlMarkupError) throw new WorkbookFileError(file, `not a valid workbook: part "${part}" has malformed XML (${e.message})`);
    throw e;
  }
}

/**
 * A part's bytes in the plain form the scanners read (see plainMarkup), refused when it holds a
 * DOCTYPE or is cut short: a truncated part would otherwise read as a shorter, valid-looking one.
 */
function wholePart(file: string, part: string, bytes: Buffer): Buffer {
  let plain: Buffer;
  try {
    plain = plainMarkup(bytes);
  } catch (e) {
    if (!(e instanceof XmlMarkupError)) throw e;
    throw new WorkbookFileError(
      file,
      e.doctype
        ? `refused: part "${part}" has a DOCTYPE declaration, which OOXML packages may not hold`
        : `not a valid workbook: part "${part}" has malformed XML (${e.message})`,
    );
  }
  if (!endsWithRootClose(plain)) {
    throw new WorkbookFileError(file, `not a valid workbook: part "${part}" is truncated or is not XML (it does not end with its root element's end tag)`);
  }
  return plain;
}

/** Opens the zip and reads the package relationships and the workbook part. */
export function openWorkbookInfo(bytes: Uint8Array, file: string, options: ReadOptions = {}): OpenedPackage {
  const unsupported = sniffUnsupported(bytes, file);
  if (unsupported) throw new WorkbookFileError(file, unsupported);
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const archive = openZip(bytes, file);
  const partial = { archive, limits };
  const workbookPart = officeDocumentPart(readXmlPart(partial, '_rels/.rels'));
  if (/\.bin$/i.test(workbookPart)) throw new WorkbookFileError(file, 'binary workbooks (.xlsb) are not supported; save it as .xlsx or .xlsm');
  const workbook = readXmlPart(partial, workbookPart);
  if (workbook === undefined) {
    if (findEntry(archive, 'xl/workbook.bin')) throw new WorkbookFileError(file, 'binary workbooks (.xlsb) are not supported; save it as .xlsx or .xlsm');
    throw new WorkbookFileError(file, 'not an Excel workbook: the zip has no workbook part');
  }
  if (workbook.name !== 'workbook') throw new WorkbookFileError(file, notAWorkbookReason(workbook.name, workbookPart));
  const rels = parseRelationships(readXmlPart(partial, relsPartOf(workbookPart)), workbookPart);
  const info = parseWorkbook(workbook, rels);
  refuseSharedSheetParts(file, info);
  return { archive, workbookPart, info, limits, dateSystem: workbookDateSystem(workbook) };
}

/** Other Office documents are zip packages too: a renamed .docx or .pptx is named as what it is. */
function notAWorkbookReason(root: string, part: string): string {
  if (root === 'document') return 'this is a Word document (.docx), not an Excel workbook';
  if (root === 'presentation') return 'this is a PowerPoint presentation (.pptx), not an Excel workbook';
  return `not an Excel workbook: its main part "${part}" is ${root ? `a <${root}>` : 'empty'}, not a <workbook>`;
}

/**
 * Excel gives every sheet its own part. Sheets sharing one would each be inflated and scanned again
 * (2,000 sheets over one 15 MiB part took 43 s): a package that does this is refused.
 */
function refuseSharedSheetParts(file: string, info: WorkbookInfo): void {
  const byPart = new Map<string, string>();
  for (const sheet of info.sheets) {
    if (!sheet.part) continue;
    const key = sheet.part.toLowerCase();
    const other = byPart.get(key);
    if (other !== undefined)
      throw new WorkbookFileError(file, `not a valid workbook: sheets "${other}" and "${sheet.name}" both point to part "${sheet.part}"`);
    byPart.set(key, sheet.name);
  }
}

/** Reads the shared strings and styles every sheet's cells refer to. */
export function readWorkbookLevelParts(opened: OpenedPackage): WorkbookPackage {
  const part = opened.info.sharedStringsPart;
  return withLevelParts(opened, part ? readPartBytes(opened, part) : undefined);
}

/**
 * readWorkbookLevelParts with the shared strings (tens of megabytes at 100,000 rows) inflating on
 * the threadpool, beside the sheets, while the main thread waits for them anyway. The same parts,
 * checks and refusals in the same order.
 */
export async function readWorkbookLevelPartsAsync(opened: OpenedPackage): Promise<WorkbookPackage> {
  const part = opened.info.sharedStringsPart;
  return withLevelParts(opened, part ? await readPartBytesAsync(opened, part) : undefined);
}

/** The package with its shared strings (from their part's bytes) and its styles. */
function withLevelParts(opened: OpenedPackage, sstBytes: Buffer | undefined): WorkbookPackage {
  const styles = opened.info.stylesPart ? readXmlPart(opened, opened.info.stylesPart) : undefined;
  return {
    ...opened,
    sharedStrings: sstBytes ? SharedStrings.parse(sstBytes) : SharedStrings.EMPTY,
    styles: styles ? parseStyles(styles) : NO_STYLES,
  };
}

export function openWorkbookBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): WorkbookPackage {
  return readWorkbookLevelParts(openWorkbookInfo(bytes, file, options));
}

/**
 * Largest workbook file read. A ZIP without ZIP64 (which is refused) ends within 4 GiB; a real
 * 300,000-row template is tens of megabytes.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/**
 * Reads a file from disk, turning file-system failures into one-line reasons. Only regular files are
 * read: a FIFO would block the read until a writer came, a device such as /dev/zero never ends.
 * stat comes first, so neither is opened; the file is then opened without blocking and checked
 * again through its descriptor, in case the path was swapped in between.
 */
export async function readWorkbookFileBytes(filePath: string, file: string = filePath): Promise<Uint8Array> {
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) throw new WorkbookFileError(file, 'is a directory, not a workbook file');
    if (!info.isFile()) throw new WorkbookFileError(file, notRegular(info));
    const handle = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) throw new WorkbookFileError(file, notRegular(opened));
      if (opened.size > MAX_FILE_BYTES) throw new WorkbookFileError(file, `refused: the file is ${opened.size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookFileError(file, 'file not found');
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookFileError(file, 'permission denied');
    throw new WorkbookFileError(file, `cannot read the file (${code ?? 'unknown error'})`);
  }
}

function notRegular(info: Stats): string {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'a special file';
  return `refused: this is ${kind}, not a regular file; give the path of a saved workbook`;
}
