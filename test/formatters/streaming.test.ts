import type { Finding } from '../../src/engine/finding';
import { summarise, toContractFinding } from '../../src/engine/finding';
import type { ValidationResult } from '../../src/engine/result';
import type { CliIo } from '../../src/cli/cli-io';
import { writeChunks } from '../../src/cli/cli-io';
import type { FileReport, FormatContext } from '../../src/formatters';
import { CHUNKED_FORMATTERS } from '../../src/formatters';
import { jsonChunks, lazyArray } from '../../src/formatters/json-chunks';
import { RULES } from '../../src/rules';
import { parseSarif } from '../support/report-json';

/**
 * Reports are written a piece at a time, so no report size can build one string past
 * V8's limit ("Invalid string length"), and the pieces join to exactly the document a single
 * JSON.stringify(…, null, 2) would give.
 */
const finding = (i: number, message = `message ${i}`): Finding => ({
  ruleId: i % 2 ? 'mpan-check-digit' : 'eui64-canonical',
  severity: i % 3 ? 'error' : 'warning',
  sheet: 'Migration Authorisation',
  cell: `B${7 + i}`,
  row: 7 + i,
  col: 2,
  field: 'mpan',
  message,
  fix: i % 2 ? null : { cell: `B${7 + i}`, from: 'a', to: 'A', type: 'text' },
});

const result = (findings: Finding[]): ValidationResult => ({
  template: {
    id: 'migration-authorisation',
    name: 'SMETS1 Migration Authorisation',
    version: 'v06a',
    outdated: false,
    sheet: 'Migration Authorisation',
    headerRow: 6,
  },
  findings,
  summary: summarise(findings),
  ready: !findings.some((f) => f.severity === 'error'),
  rowsChecked: findings.length,
  firstDataRow: 7,
  lastDataRow: 7 + findings.length,
  columns: {},
  userId: null,
  userIdSource: null,
  serviceProvider: 'CGI',
  otherTemplateSheets: [],
});

const ctx: FormatContext = { tool: 'mam-prep', version: '0.1.0', rules: RULES, color: false };
const join = (chunks: Iterable<string>): string => [...chunks].join('');

describe('jsonChunks', () => {
  it.each([
    ['empty lazy arrays and objects', { a: lazyArray([]), b: {}, c: [] }],
    [
      'nested lazy arrays',
      {
        tool: 'x',
        files: lazyArray([
          {
            file: 'f',
            n: null,
            findings: lazyArray([
              { a: 1, b: [1, { c: 'd' }] },
              { e: undefined, f: 'g"\\' },
            ]),
          },
        ]),
      },
    ],
    ['a lazy array at the root', lazyArray([1, 'two', { three: [3] }, undefined])],
    ['plain values', { n: 1.5, s: 'é\u2028', t: true, u: undefined, list: [undefined, null] }],
  ])('%s: the same text as JSON.stringify(…, null, 2)', (_name, value) => {
    const materialised: unknown = JSON.parse(
      JSON.stringify(value, (_k, v: unknown) =>
        v instanceof Object && 'items' in v && !Array.isArray(v) ? [...(v as { items: Iterable<unknown> }).items] : v,
      ),
    );
    expect(join(jsonChunks(value))).toBe(JSON.stringify(materialised, null, 2));
  });

  it('escapes C1 control characters, which parse back to themselves', () => {
    const text = join(jsonChunks({ m: lazyArray(['a\u009bb\u007f', 'c\u001bd']) }));
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)).toBe(false);
    expect(JSON.parse(text)).toEqual({ m: ['a\u009bb\u007f', 'c\u001bd'] });
  });
});

describe('streamed reports', () => {
  const reports: FileReport[] = [
    { file: 'a.xlsm', result: result(Array.from({ length: 7 }, (_v, i) => finding(i))) },
    { file: 'clean.xlsm', result: result([]) },
  ];

  it('json: exactly the document JSON.stringify builds from the same results', () => {
    const expected = {
      tool: 'mam-prep',
      version: '0.1.0',
      files: reports.map((r) => ({
        file: r.file,
        template: { id: 'migration-authorisation', version: 'v06a', sheet: 'Migration Authorisation', headerRow: 6 },
        ready: r.result.ready,
        rowsChecked: r.result.rowsChecked,
        summary: { error: r.result.summary.error, warning: r.result.summary.warning, info: r.result.summary.info },
        findings: r.result.findings.map(toContractFinding),
      })),
    };
    expect(join(CHUNKED_FORMATTERS.json(reports, ctx))).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(join(CHUNKED_FORMATTERS.json([], ctx))).toBe(`${JSON.stringify({ tool: 'mam-prep', version: '0.1.0', files: [] }, null, 2)}\n`);
  });

  it('sarif: pretty JSON as JSON.stringify would lay it out', () => {
    const text = join(CHUNKED_FORMATTERS.sarif(reports, ctx));
    const doc = parseSarif(text);
    expect(doc.runs[0]!.results).toHaveLength(7);
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it.each(['text', 'json', 'sarif'] as const)('%s: 20,000 findings come as pieces no bigger than one finding', (format) => {
    const many: FileReport[] = [{ file: 'big.xlsm', result: result(Array.from({ length: 20_000 }, (_v, i) => finding(i))) }];
    let pieces = 0;
    let longest = 0;
    let total = 0;
    for (const chunk of CHUNKED_FORMATTERS[format](many, ctx)) {
      pieces++;
      total += chunk.length;
      if (chunk.length > longest) longest = chunk.length;
    }
    // The rule catalogue (SARIF's header) is the one piece that does not grow with the findings.
    expect(pieces).toBeGreaterThan(20_000);
    expect(longest).toBeLessThan(format === 'sarif' ? 100_000 : 2_000);
    expect(total).toBeGreaterThan(longest * 100);
  });
});

describe('writeChunks', () => {
  const io = (closedAfter = Infinity): CliIo & { writes: string[]; waits: number } => {
    const writes: string[] = [];
    const state = { writes, waits: 0 };
    return Object.assign(state, {
      out: (t: string) => void writes.push(t),
      err: () => undefined,
      outReady: () => {
        state.waits++;
        return Promise.resolve();
      },
      outClosed: () => writes.length >= closedAfter,
      isTTY: false,
      env: {},
      cwd: '/',
    });
  };
  const pieces = (n: number): string[] => Array.from({ length: n }, (_v, i) => `${String(i).padStart(9, '0')}\n`);

  it('writes every piece in order, in writes of about 64 KiB, waiting for stdout after each', async () => {
    const out = io();
    await writeChunks(out, pieces(20_000));
    expect(out.writes.join('')).toBe(pieces(20_000).join(''));
    expect(out.writes.length).toBe(4);
    expect(out.waits).toBe(3);
  });

  it('stops writing once stdout has closed', async () => {
    const out = io(1);
    await writeChunks(out, pieces(20_000));
    expect(out.writes).toHaveLength(1);
  });
});
