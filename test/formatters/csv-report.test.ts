import { summarise, type Finding } from '../../src/engine/finding';
import type { ValidationResult } from '../../src/engine/result';
import { csvField, formatCsv, neutraliseFormula } from '../../src/formatters/csv-report';
import { RULES } from '../../src/rules';

const ctx = { tool: 'mam-prep', version: '0.1.0', rules: RULES, color: false };

const finding = (f: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity'>): Finding => ({
  sheet: 'Migration Authorisation',
  cell: null,
  row: null,
  field: null,
  message: `${f.ruleId} message`,
  fix: null,
  col: 0,
  ...f,
});

const resultOf = (findings: Finding[]): ValidationResult => ({
  template: null,
  findings,
  summary: summarise(findings),
  ready: false,
  rowsChecked: 0,
  firstDataRow: null,
  lastDataRow: null,
  columns: {},
  userId: null,
  userIdSource: null,
  serviceProvider: null,
  otherTemplateSheets: [],
});

/** A minimal RFC 4180 reader, to check that what we write parses back to the same fields. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV report', () => {
  it('neutralises every value a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+44', '-2', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    for (const v of ['AA', '70-B3-D5', 'a=b', ' =x', '']) expect(neutraliseFormula(v)).toBe(v);
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField(null)).toBe('');
    expect(csvField(1300000000016)).toBe('1300000000016');
    expect(csvField(false)).toBe('false');
  });

  it('writes a header and one line per finding that parse back to the same fields', () => {
    const hostile = finding({
      ruleId: 'text-whitespace',
      severity: 'warning',
      cell: 'A7',
      row: 7,
      field: 'groupId',
      message: 'Has "spaces", and\r\na break',
      fix: { cell: 'A7', from: "=cmd|' /C calc'!A0", to: '', type: 'empty' },
    });
    const csv = formatCsv(
      [{ file: 'book, v2.xlsm', result: resultOf([finding({ ruleId: 'submitter-user-id', severity: 'error', sheet: null }), hostile]) }],
      ctx,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['file', 'ruleId', 'severity', 'sheet', 'cell', 'row', 'lastRow', 'field', 'message', 'fixFrom', 'fixTo', 'fixType']);
    expect(rows[1]).toEqual(['book, v2.xlsm', 'submitter-user-id', 'error', '', '', '', '', '', 'submitter-user-id message', '', '', '']);
    expect(rows[2]).toEqual([
      'book, v2.xlsm',
      'text-whitespace',
      'warning',
      'Migration Authorisation',
      'A7',
      '7',
      '',
      'groupId',
      'Has "spaces", and\r\na break',
      "'=cmd|' /C calc'!A0",
      '',
      'empty',
    ]);
    expect(rows).toHaveLength(3);
  });

  it('gives a run of blank rows its last row, as the JSON does', () => {
    const run = finding({
      ruleId: 'blank-row',
      severity: 'warning',
      cell: null,
      row: 18,
      lastRow: 1048575,
      field: null,
      message: 'Rows 18–1,048,575 are empty.',
    });
    const rows = parseCsv(formatCsv([{ file: 'a.xlsm', result: resultOf([run]) }], ctx));
    expect(rows[1]!.slice(4, 8)).toEqual(['', '18', '1048575', '']);
  });
});
