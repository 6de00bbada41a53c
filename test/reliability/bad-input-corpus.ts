import { columnLetters } from '../../src/engine/address';
import { EXCEL_ERRORS } from '../../src/engine/cell';
import type { BuilderCell, BuilderSheet } from '../support/ooxml-builder';
import { buildWorkbook, STYLE } from '../support/ooxml-builder';
import type { TestValue } from '../support/sheet-builder';
import { DORMANT_HEADERS, MA_HEADERS, mpanFor, USER_ID, validDormantRow, validMaRow } from '../support/sheet-builder';
import { templateSheet, templateWorkbookSpec, toBuilderCell } from '../support/template-files';
import { withCdataStrings, withComments, withProcessingInstructions } from '../support/hostile-files';
import { rewriteSheet } from '../support/xlsx-rewrite';

/**
 * The bad-input corpus: real .xlsx/.xlsm bytes, generated here, each with what every
 * surface (engine, CLI, the pane's gateway over the fake) must report. `rowsChecked` is the count of
 * data rows the engine must examine: a reader or gateway that drops a row makes it differ.
 */
export interface CorpusCase {
  readonly name: string;
  readonly bytes: () => Uint8Array;
  readonly expect: {
    readonly template: 'migration-authorisation' | 'dormant-schedule' | null;
    readonly sheet?: string;
    readonly headerRow?: number;
    readonly rowsChecked: number;
    /** Rule ids that must be among the findings. */
    readonly rules?: readonly string[];
    /** Cells (sheet!A1) that must each carry at least one finding: hostile values never pass as valid. */
    readonly flaggedCells?: readonly string[];
    /** Cells whose text must come through the reader exactly. */
    readonly exactText?: Readonly<Record<string, string>>;
    readonly otherTemplateSheets?: readonly string[];
  };
}

const MA = 'Migration Authorisation';
/** The builder's package order: Instructions is sheet1.xml, the data sheet sheet2.xml. */
const DATA_SHEET_PART = 2;
const FIRST_DATA_ROW = 7;
const MA_FIELDS = Object.keys(MA_HEADERS);
const col = (field: string, fields: readonly string[] = MA_FIELDS): string => columnLetters(fields.indexOf(field) + 1);
const cellOf = (field: string, row: number, fields?: readonly string[]): string => `${col(field, fields)}${row}`;

const ma = (rows: ReadonlyArray<Record<string, TestValue> | null>, options: Parameters<typeof templateWorkbookSpec>[1] = {}): Uint8Array =>
  buildWorkbook(templateWorkbookSpec(rows, options));

/** Excel escapes control characters other than tab and line feed as `_xHHHH_` in cell text. */
const excelEscape = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);

export const WHITE_SPACE = [
  '\u0009',
  '\u000A',
  '\u000B',
  '\u000C',
  '\u000D',
  '\u0020',
  '\u0085',
  '\u00A0',
  '\u1680',
  '\u180E',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200A',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2028',
  '\u2029',
  '\u202F',
  '\u205F',
  '\u2060',
  '\u3000',
  '\uFEFF',
];
export const CONTROLS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !WHITE_SPACE.includes(c)),
  ...Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)).filter((c) => !WHITE_SPACE.includes(c)),
];
export const BIDI = ['\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const EMOJI = ['👍', '🇬🇧', '👨‍👩‍👧‍👦', '🔥', '⚡️'];

function invisiblesCase(name: string, chars: readonly string[]): CorpusCase {
  // One row per character: trailing on the MPAN, inside the CHF ID; both cells must be flagged.
  const rows = chars.map((ch, i) => {
    const r = validMaRow(i);
    const chf = r.chfId;
    if (typeof chf !== 'string') throw new Error('validMaRow gives the CHF ID as text');
    return { ...r, mpan: excelEscape(`${mpanFor(i)}${ch}`), chfId: excelEscape(`${chf.slice(0, 11)}${ch}${chf.slice(11)}`) };
  });
  const flagged = chars.flatMap((_c, i) => [`${MA}!${cellOf('mpan', FIRST_DATA_ROW + i)}`, `${MA}!${cellOf('chfId', FIRST_DATA_ROW + i)}`]);
  const exact = Object.fromEntries(chars.map((ch, i) => [`${MA}!${cellOf('mpan', FIRST_DATA_ROW + i)}`, `${mpanFor(i)}${ch}`]));
  return {
    name,
    bytes: () => ma(rows, { strings: 'inline' }),
    expect: { template: 'migration-authorisation', rowsChecked: chars.length, flaggedCells: flagged, exactText: exact },
  };
}

/**
 * Writes numbers into the sheet XML exactly as given (e.g. scientific notation), replacing placeholder
 * numbers; `style` sets the cell's cellXfs index (1 = the builder's built-in date format).
 */
function withRawNumbers(bytes: Uint8Array, raw: Readonly<Record<number, string | { text: string; style: number }>>): Uint8Array {
  return rewriteSheet(bytes, DATA_SHEET_PART, (xml) =>
    Object.entries(raw).reduce((x, [placeholder, spec]) => {
      const { text, style } = typeof spec === 'string' ? { text: spec, style: undefined } : spec;
      return x.replace(
        new RegExp(`<c r="([A-Z]+\\d+)"><v>${placeholder}</v>`, 'g'),
        (_m, ref: string) => `<c r="${ref}"${style === undefined ? '' : ` s="${style}"`}><v>${text}</v>`,
      );
    }, xml),
  );
}

const LONG = 32_000;

export const CORPUS: readonly CorpusCase[] = [
  {
    name: 'cells of 32,000 characters',
    bytes: () => {
      const sheet = templateSheet([
        { ...validMaRow(0), mpan: '1'.repeat(LONG), smsoReference: 'x'.repeat(LONG) },
        { ...validMaRow(1), chfId: 'A'.repeat(LONG), groupId: 'Z'.repeat(LONG) },
        validMaRow(2),
      ]);
      // An unbound header of 32,000 characters beside the table.
      const rows = sheet.rows!.map((r, i) => (i === 5 ? [...r, 'H'.repeat(LONG)] : r));
      return buildWorkbook({ sheets: [{ ...sheet, rows }] });
    },
    expect: {
      template: 'migration-authorisation',
      rowsChecked: 3,
      rules: ['mpan-format', 'eui64-format', 'group-id-unknown'],
      flaggedCells: [`${MA}!${cellOf('mpan', 7)}`, `${MA}!${cellOf('chfId', 8)}`, `${MA}!${cellOf('groupId', 8)}`],
      exactText: { [`${MA}!${cellOf('smsoReference', 7)}`]: 'x'.repeat(LONG) },
    },
  },
  invisiblesCase('every Unicode white space character', WHITE_SPACE),
  invisiblesCase('every control character', CONTROLS),
  invisiblesCase('right-to-left and other bidi marks', BIDI),
  {
    name: 'emoji in codes, identifiers, free text and a sheet name',
    bytes: () =>
      ma(
        [
          { ...validMaRow(0), groupId: `A${EMOJI[0]}` },
          { ...validMaRow(1), chfId: `00-12-4B-00-00-03-00-${EMOJI[2]}` },
          { ...validMaRow(2), smsoReference: EMOJI.join(' ') },
          { ...validMaRow(3), eis: EMOJI[1] },
        ],
        { extraSheets: [{ name: `Notes ${EMOJI[3]}`, rows: [[EMOJI.join('')]] }] },
      ),
    expect: {
      template: 'migration-authorisation',
      rowsChecked: 4,
      rules: ['group-id-unknown', 'eui64-format', 'code-value'],
      flaggedCells: [`${MA}!${cellOf('groupId', 7)}`, `${MA}!${cellOf('chfId', 8)}`, `${MA}!${cellOf('eis', 10)}`],
      // Free text is sent as provided: it must survive exactly and raise nothing.
      exactText: { [`${MA}!${cellOf('smsoReference', 9)}`]: EMOJI.join(' ') },
    },
  },
  {
    name: 'numbers in scientific notation',
    bytes: () =>
      withRawNumbers(
        ma([
          { ...validMaRow(0), mpan: 900001 },
          { ...validMaRow(1), mprn: 900002 },
          { ...validMaRow(2), chfId: 900003 },
          { ...validMaRow(3), mpan: '1.312345678907E+12' },
          { ...validMaRow(4), earliestMigrationDate: 900004 },
        ]),
        { 900001: '1.312345678907E+12', 900002: '9.99999999999E+20', 900003: '7.01234567890123E+15', 900004: '4.6447E4' },
      ),
    expect: {
      template: 'migration-authorisation',
      rowsChecked: 5,
      rules: ['identifier-stored-as-number', 'eui64-format', 'mpan-format', 'date-invalid'],
      flaggedCells: [7, 8, 9, 10, 11].map((r, i) => `${MA}!${cellOf(['mpan', 'mprn', 'chfId', 'mpan', 'earliestMigrationDate'][i]!, r)}`),
    },
  },
  {
    name: 'dates before 1900, on 29 February and beyond 9999',
    bytes: () =>
      withRawNumbers(
        buildWorkbook(
          templateWorkbookSpec(
            [
              { ...validDormantRow(0), weekCommencing: '1899-12-31' },
              { ...validDormantRow(1), weekCommencing: '1800-01-01' },
              { ...validDormantRow(2), weekCommencing: '1900-02-29' },
              { ...validDormantRow(3), weekCommencing: '29/02/2027' },
              { ...validDormantRow(4), weekCommencing: '29/02/2028' },
              { ...validDormantRow(5), weekCommencing: { date: '2028-02-29' } },
              { ...validDormantRow(6), weekCommencing: 900001 },
              { ...validDormantRow(7), weekCommencing: 900002 },
              { ...validDormantRow(8), weekCommencing: 900003 },
              { ...validDormantRow(9), weekCommencing: '0000-00-00' },
            ],
            { template: 'dormant' },
          ),
        ),
        // Serial 60 is Excel's phantom 1900-02-29; 0 shows as 1900-01-00; past 2958465 Excel shows ####.
        {
          900001: { text: '60', style: STYLE.builtinDate },
          900002: { text: '0', style: STYLE.builtinDate },
          900003: { text: '2958466', style: STYLE.builtinDate },
        },
      ),
    expect: {
      template: 'dormant-schedule',
      sheet: 'Dormant Meter Schedule',
      rowsChecked: 10,
      rules: ['date-invalid', 'date-in-past', 'week-commencing-not-monday'],
      flaggedCells: [7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((r) => `Dormant Meter Schedule!${cellOf('weekCommencing', r, Object.keys(DORMANT_HEADERS))}`),
    },
  },
  {
    name: 'every Excel error value, typed and from formulas',
    bytes: () => {
      const errors = [...EXCEL_ERRORS];
      const fields = ['groupId', 'mpan', 'chfId', 'elecSupplierEuid', 'earliestMigrationDate', 'eis'];
      return ma(
        errors.map((e, i) => ({ ...validMaRow(i), [fields[i % fields.length]!]: i % 2 ? { error: e } : { formula: { error: e } } })),
        { userId: { error: '#N/A' } },
      );
    },
    expect: {
      template: 'migration-authorisation',
      rowsChecked: EXCEL_ERRORS.size,
      rules: ['cell-error-value'],
      flaggedCells: [...EXCEL_ERRORS].map(
        (_e, i) => `${MA}!${cellOf(['groupId', 'mpan', 'chfId', 'elecSupplierEuid', 'earliestMigrationDate', 'eis'][i % 6]!, 7 + i)}`,
      ),
    },
  },
  {
    name: 'formulas: text, number, empty and injection-looking results',
    bytes: () =>
      ma([
        { ...validMaRow(0), mpan: { formula: mpanFor(0) } },
        { ...validMaRow(1), chfId: { formula: '00124b0000030001' } },
        { ...validMaRow(2), groupId: { formula: 'aa' } },
        { ...validMaRow(3), smsoReference: { formula: "=cmd|' /C calc'!A0" } },
        { ...validMaRow(4), eis: { formula: null } },
        { ...validMaRow(5), mprn: { formula: 12345 } },
      ]),
    expect: {
      template: 'migration-authorisation',
      rowsChecked: 6,
      rules: ['eui64-canonical', 'group-id-unknown'],
      flaggedCells: [`${MA}!${cellOf('chfId', 8)}`, `${MA}!${cellOf('groupId', 9)}`],
    },
  },
  {
    name: 'merged cells over the header row and the header block',
    bytes: () =>
      rewriteSheet(ma([validMaRow(0), { ...validMaRow(1), mpan: '123' }, validMaRow(2)]), DATA_SHEET_PART, (xml) =>
        xml.replace('</sheetData>', '</sheetData><mergeCells count="3"><mergeCell ref="A1:M1"/><mergeCell ref="B2:D2"/><mergeCell ref="A6:A8"/></mergeCells>'),
      ),
    expect: { template: 'migration-authorisation', rowsChecked: 3, rules: ['mpan-format'], flaggedCells: [`${MA}!${cellOf('mpan', 8)}`] },
  },
  {
    name: 'hidden rows and hidden columns are still checked',
    bytes: () =>
      rewriteSheet(
        ma([validMaRow(0), { ...validMaRow(1), mpan: '1200080636089' }, validMaRow(2), { ...validMaRow(3), chfId: 'bad' }]),
        DATA_SHEET_PART,
        (xml) =>
          xml
            .replace('<sheetData>', `<cols><col min="2" max="2" width="0" hidden="1" customWidth="1"/><col min="6" max="6" hidden="1"/></cols><sheetData>`)
            .replace('<row r="8" ', '<row r="8" hidden="1" ')
            .replace('<row r="10" ', '<row r="10" ht="0" hidden="1" customHeight="1" '),
      ),
    expect: {
      template: 'migration-authorisation',
      rowsChecked: 4,
      rules: ['mpan-check-digit', 'eui64-format'],
      flaggedCells: [`${MA}!${cellOf('mpan', 8)}`, `${MA}!${cellOf('chfId', 10)}`],
    },
  },
  {
    name: 'duplicated header names',
    bytes: () => {
      const fields = [...MA_FIELDS, 'mpan', 'groupId', 'chfId'];
      return ma([{ ...validMaRow(0) }, { ...validMaRow(1), groupId: 'zz' }], { columns: fields });
    },
    expect: { template: 'migration-authorisation', rowsChecked: 2, rules: ['group-id-unknown'], flaggedCells: [`${MA}!${cellOf('groupId', 8)}`] },
  },
  {
    name: 'the header row moved to row 30',
    bytes: () => buildWorkbook({ sheets: [movedHeaderSheet(30)] }),
    expect: { template: 'migration-authorisation', headerRow: 30, rowsChecked: 3, rules: ['mpan-check-digit'], flaggedCells: [`${MA}!${cellOf('mpan', 32)}`] },
  },
  {
    name: 'the header row moved to row 31 (beyond the search window)',
    bytes: () => buildWorkbook({ sheets: [movedHeaderSheet(31)] }),
    expect: { template: null, rowsChecked: 0, rules: ['template-unrecognised'] },
  },
  {
    name: 'a header-only sheet',
    bytes: () => ma([]),
    expect: { template: 'migration-authorisation', rowsChecked: 0 },
  },
  {
    name: 'a sheet of 1,048,576 rows (a stray note in the last row, beside the table)',
    bytes: () => {
      const spec = templateWorkbookSpec([validMaRow(0), { ...validMaRow(1), mpan: '1200080636089' }, validMaRow(2)]);
      return buildWorkbook({ ...spec, sheets: spec.sheets.map((s) => (s.name === MA ? { ...s, cells: { N1048576: 'note', N500000: 'note' } } : s)) });
    },
    expect: { template: 'migration-authorisation', rowsChecked: 3, rules: ['mpan-check-digit'], flaggedCells: [`${MA}!${cellOf('mpan', 8)}`] },
  },
  {
    name: 'a sheet of 16,384 columns',
    bytes: () => {
      const spec = templateWorkbookSpec([validMaRow(0), validMaRow(1), { ...validMaRow(2), chfId: 'nope' }]);
      const far: Record<string, BuilderCell> = { XFD6: 'Group ID', XFD7: 'far away', XFC8: 12, XFD9: { error: '#REF!' } };
      return buildWorkbook({ ...spec, sheets: spec.sheets.map((s) => (s.name === MA ? { ...s, cells: far } : s)) });
    },
    expect: { template: 'migration-authorisation', rowsChecked: 3, rules: ['eui64-format'], flaggedCells: [`${MA}!${cellOf('chfId', 9)}`] },
  },
  {
    name: 'several template sheets in one workbook',
    bytes: () => {
      const first = templateSheet([validMaRow(0), { ...validMaRow(1), mpan: '123' }]);
      const copy: BuilderSheet = { ...templateSheet([validMaRow(5)]), name: `${MA} (2)` };
      const dormant = templateSheet([validDormantRow(0)], { template: 'dormant' });
      return buildWorkbook({ sheets: [copy, dormant, first] });
    },
    expect: {
      template: 'migration-authorisation',
      sheet: MA,
      rowsChecked: 2,
      rules: ['mpan-format'],
      flaggedCells: [`${MA}!${cellOf('mpan', 8)}`],
      otherTemplateSheets: [`${MA} (2)`, 'Dormant Meter Schedule'],
    },
  },
  {
    name: 'sheet names with quotes and spaces, and a list on such a sheet',
    bytes: () => {
      const dataName = `Bob's  "MA" copy `;
      const listsName = `My 'Lists'`;
      const data = templateSheet([validMaRow(0), { ...validMaRow(1), groupId: 'ZZ' }, { ...validMaRow(2), groupId: 'CC' }], {
        validations: [{ sqref: 'A7:A1048576', source: `'My ''Lists'''!$A$2:$A$4`, x14: true }],
      });
      const lists: BuilderSheet = { name: listsName, rows: [['Group ID'], ['AA'], ['BB'], ['CC']] };
      return buildWorkbook({ sheets: [{ ...data, name: dataName }, lists] });
    },
    expect: {
      template: 'migration-authorisation',
      sheet: `Bob's  "MA" copy `,
      rowsChecked: 3,
      rules: ['group-id-unknown'],
      flaggedCells: [`Bob's  "MA" copy !${cellOf('groupId', 8)}`],
    },
  },
  // Legal markup other producers write (CDATA, comments, processing instructions): every surface
  // reads it exactly as the plain file.
  ...(
    [
      ['shared strings in CDATA sections', withCdataStrings],
      ['XML comments inside <v> and <t> and between rows', withComments],
      ['processing instructions in the sheets and shared strings', withProcessingInstructions],
    ] as const
  ).map(([name, variant]): CorpusCase => ({
    name,
    bytes: () => variant(ma([validMaRow(0), { ...validMaRow(1), mpan: '1200080636089', smsoReference: 'R&D <7> ]]' }, validMaRow(2)])),
    expect: {
      template: 'migration-authorisation',
      sheet: MA,
      rowsChecked: 3,
      rules: ['mpan-check-digit'],
      flaggedCells: [`${MA}!${cellOf('mpan', 8)}`],
      exactText: { [`${MA}!${cellOf('smsoReference', 8)}`]: 'R&D <7> ]]' },
    },
  })),
];

/** A template whose title block is padded with notes so the table header lands on `headerRow`. */
function movedHeaderSheet(headerRow: number): BuilderSheet {
  const base = templateSheet([validMaRow(0), { ...validMaRow(1), mpan: '1200080636089' }, validMaRow(2)]);
  const rows = base.rows!;
  const padding: BuilderCell[][] = Array.from({ length: headerRow - 6 }, (_v, i) => (i % 3 === 0 ? [`Note ${i}: fill in every column`] : []));
  return { ...base, rows: [...rows.slice(0, 5), ...padding, ...rows.slice(5)] };
}

export { USER_ID, toBuilderCell };
