import type { Finding } from '../../src/engine/finding';
import { summarise } from '../../src/engine/finding';
import type { ValidationResult } from '../../src/engine/result';
import type { FileReport, FormatContext } from '../../src/formatters';
import { FORMATTERS } from '../../src/formatters';
import { RULES } from '../../src/rules';
import { parseJsonReport, parseSarif } from '../support/report-json';
import type { SarifResult } from '../support/report-json';

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

const findings: Finding[] = [
  finding({ ruleId: 'submitter-user-id', severity: 'error', sheet: null }),
  finding({ ruleId: 'column-missing', severity: 'error', row: 6, field: 'eis' }),
  finding({ ruleId: 'mpan-check-digit', severity: 'error', row: 7, cell: 'B7', col: 2, field: 'mpan' }),
  finding({
    ruleId: 'eui64-canonical',
    severity: 'warning',
    row: 9,
    cell: 'F9',
    col: 6,
    field: 'chfId',
    fix: { cell: 'F9', from: '70b3d51f3000a008', to: '70-B3-D5-1F-30-00-A0-08', type: 'text' },
  }),
  finding({ ruleId: 'group-id-exempt', severity: 'info', row: 9, cell: 'A9', col: 1, field: 'groupId' }),
];

const result = (fs: Finding[], template = true): ValidationResult => ({
  template: template
    ? {
        id: 'migration-authorisation',
        name: 'SMETS1 Migration Authorisation',
        version: 'v06a',
        outdated: false,
        sheet: 'Migration Authorisation',
        headerRow: 6,
      }
    : null,
  findings: fs,
  summary: summarise(fs),
  ready: !fs.some((f) => f.severity === 'error'),
  rowsChecked: 3,
  firstDataRow: 7,
  lastDataRow: 9,
  columns: {},
  userId: null,
  userIdSource: null,
  serviceProvider: 'CGI',
  otherTemplateSheets: [],
});

const reports: FileReport[] = [
  { file: 'in/ma book.xlsm', result: result(findings) },
  { file: 'other.xlsx', result: result([finding({ ruleId: 'template-unrecognised', severity: 'error', sheet: null })], false) },
];
const ctx: FormatContext = { tool: 'mam-prep', version: '0.1.0', rules: RULES, color: false };

describe('json formatter', () => {
  it('writes exactly the documented JSON contract: tool, version, files; template, summary and findings with their fix', () => {
    const doc = parseJsonReport(FORMATTERS.json(reports, ctx));
    expect(Object.keys(doc)).toEqual(['tool', 'version', 'files']);
    expect(doc.files[0]!.template).toEqual({ id: 'migration-authorisation', version: 'v06a', sheet: 'Migration Authorisation', headerRow: 6 });
    expect(doc.files[0]!.summary).toEqual({ error: 3, warning: 1, info: 1 });
    expect(doc.files[0]!.findings[3]).toEqual({
      ruleId: 'eui64-canonical',
      severity: 'warning',
      sheet: 'Migration Authorisation',
      cell: 'F9',
      row: 9,
      field: 'chfId',
      message: 'eui64-canonical message',
      fix: { cell: 'F9', from: '70b3d51f3000a008', to: '70-B3-D5-1F-30-00-A0-08', type: 'text' },
    });
    expect(doc.files[1]).toMatchObject({ file: 'other.xlsx', template: null, ready: false });
  });

  it('states the data rows read for each file (rowsChecked), between ready and summary', () => {
    const file = parseJsonReport(FORMATTERS.json([{ file: 'a.xlsx', result: { ...result(findings), rowsChecked: 1234 } }], ctx)).files[0]!;
    expect(file.rowsChecked).toBe(1234);
    expect(Object.keys(file)).toEqual(['file', 'template', 'ready', 'rowsChecked', 'summary', 'findings']);
  });
});

describe('sarif formatter', () => {
  const sarif = parseSarif(FORMATTERS.sarif(reports, ctx));
  const run = sarif.runs[0]!;

  it('describes every rule as a reportingDescriptor', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  });

  it('locates cell, row and file findings', () => {
    const byRule = (id: string): SarifResult => run.results.find((r) => r.ruleId === id)!;
    expect(byRule('eui64-canonical').locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'in/ma%20book.xlsm', index: 0 },
      region: { startLine: 9, startColumn: 6 },
    });
    expect(byRule('eui64-canonical').level).toBe('warning');
    expect(byRule('group-id-exempt').level).toBe('note');
    expect(byRule('column-missing').locations[0]!.physicalLocation.region).toEqual({ startLine: 6 });
    expect(byRule('column-missing').locations[0]!.logicalLocations?.[0]?.name).toBe('Migration Authorisation');
    expect(byRule('submitter-user-id').locations[0]).toEqual({ physicalLocation: { artifactLocation: { uri: 'in/ma%20book.xlsm', index: 0 } } });
    expect(run.results.at(-1)).toMatchObject({ ruleId: 'template-unrecognised', locations: [{ physicalLocation: { artifactLocation: { index: 1 } } }] });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex!]?.id).toBe(r.ruleId);
  });

  it("puts each file's rowsChecked in the run's properties", () => {
    const doc = parseSarif(
      FORMATTERS.sarif(
        [
          { file: 'a.xlsx', result: { ...result(findings), rowsChecked: 42 } },
          { file: 'b.xlsx', result: result([], false) },
        ],
        ctx,
      ),
    );
    expect(doc.runs[0]!.properties).toEqual({
      rowsChecked: [
        { file: 'a.xlsx', rowsChecked: 42 },
        { file: 'b.xlsx', rowsChecked: 3 },
      ],
    });
  });
});

describe('text formatter', () => {
  it('groups by sheet and row, and colours only when asked', () => {
    const plain = FORMATTERS.text(reports, ctx);
    expect(plain).toContain('  File\n    ');
    expect(plain).toMatch(/Sheet "Migration Authorisation"\n {3}Row 6\n {4}\s+error +column-missing/);
    expect(plain).toMatch(/ {3}Row 9\n {4}F9 +warning eui64-canonical: .*fix: "70b3d51f3000a008" → "70-B3-D5-1F-30-00-A0-08"\n {4}A9 +info/);
    expect(plain).toContain('3 errors, 1 warning, 1 info — not ready');
    expect(plain).toContain('2 files checked: 0 ready, 2 not ready');
    expect(plain).not.toContain('\u001b[');
    const coloured = FORMATTERS.text(reports, { ...ctx, color: true });
    expect(coloured).toContain('\u001b[31merror');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
