import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strToU8 } from 'fflate';
import { MAX_FILE_BYTES } from '../../src/files/workbook-package';
import { DEFAULT_ZIP_LIMITS } from '../../src/files/zip-archive';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { validateWorkbook } from '../../src/engine/validate';
import { buildWorkbook } from '../support/ooxml-builder';
import { declaredHugeWorkbook, ratioBombWorkbook } from '../support/hostile-files';
import { CaseCounter } from '../support/reliability-counts';
import { parseJsonReport, parseSarif } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { TODAY, validMaRow } from '../support/sheet-builder';
import { templateSheet } from '../support/template-files';
import { rewriteSheet } from '../support/xlsx-rewrite';
import { RULES } from '../../src/rules';

/**
 * The CLI: hostile packages are refused within the documented limits, and the JSON
 * and SARIF outputs escape whatever a workbook holds.
 */
const counter = new CaseCounter('security-outputs');
afterAll(() => counter.report());

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-security-'));
const write = (name: string, bytes: Uint8Array): string => {
  writeFileSync(path.join(dir, name), bytes);
  return name;
};
const plainWorkbook = (extraEntries: Record<string, Uint8Array>): Uint8Array => buildWorkbook({ sheets: [{ name: 'S', rows: [['x']] }], extraEntries });

describe('the CLI refuses hostile packages with exit code 2 and one line naming the file', () => {
  const ESCAPING_NAMES = ['../../evil.sh', 'xl/../../../etc/cron.d/evil', '/etc/passwd', '..\\..\\evil.bat', 'C:/Windows/evil.dll', 'xl/worksheets/\u0000.xml'];

  it.each(ESCAPING_NAMES.map((n) => [JSON.stringify(n), n] as const))('entry named %s', async (_label, entry) => {
    const name = write(`escape-${counter.get('security-zip-entry-names')}.xlsx`, plainWorkbook({ [entry]: strToU8('echo pwned') }));
    const run = await runCliCaptured(['check', name, '--format', 'json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^mam-prep: ${name}: refused: zip entry name .* points outside the package\\n$`));
    counter.add('security-zip-entry-names');
  });

  it('a part whose header declares more than the documented per-part limit', async () => {
    const run = await runCliCaptured(['check', write('declared-huge.xlsx', declaredHugeWorkbook())], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^mam-prep: declared-huge.xlsx: refused: .* over the ${DEFAULT_ZIP_LIMITS.maxPartBytes}-byte limit\\n$`));
    counter.add('security-zip-size-limits');
  });

  it('a part that inflates beyond the documented ratio (zip bomb)', async () => {
    const run = await runCliCaptured(['check', write('bomb.xlsx', ratioBombWorkbook())], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^mam-prep: bomb.xlsx: refused: .* over the ${DEFAULT_ZIP_LIMITS.maxRatio}:1 limit \\(zip bomb\\?\\)\\n$`));
    counter.add('security-zip-size-limits');
  });

  it('fix refuses them too and writes nothing', async () => {
    const name = write('escape-fix.xlsx', plainWorkbook({ '../../evil.sh': strToU8('echo pwned') }));
    const run = await runCliCaptured(['fix', name, '--out', 'fixed.xlsx'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/points outside the package/);
    expect(existsSync(path.join(dir, 'fixed.xlsx'))).toBe(false);
    counter.add('security-zip-entry-names');
  });

  it('SECURITY.md states the limits the reader enforces', () => {
    const doc = readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');
    expect(doc).toContain(`${DEFAULT_ZIP_LIMITS.maxPartBytes.toLocaleString('en-GB')} bytes`);
    expect(doc).toContain(`${DEFAULT_ZIP_LIMITS.maxRatio}:1`);
    expect(doc).toContain(`${DEFAULT_ZIP_LIMITS.ratioCheckFromBytes / (1024 * 1024)} MiB`);
    expect(doc).toContain(`${DEFAULT_ZIP_LIMITS.maxTotalBytes!.toLocaleString('en-GB')} bytes`);
    expect(doc).toContain(`more than ${DEFAULT_ZIP_LIMITS.maxTotalBytes} bytes in all`);
    expect(doc).toContain(`over the ${MAX_FILE_BYTES}-byte limit`);
  });
});

/** Strings that break naive JSON, HTML, terminals and URI handling. */
const HOSTILE_GROUP_ID = `<img src=x onerror=alert(1)>"\\'_x001B_[2J_x0007_\u2028\u2029&`;
/** As the messages quote it: the reader decodes the escapes; hygiene drops the line separators. */
const DECODED_GROUP_ID = `<img src=x onerror=alert(1)>"\\'\u001b[2J\u0007&`;
const HOSTILE_SHEET = `Sheet "q" \\ <x> & ünï`;
const HOSTILE_FILE = `report "final" #1 100% ünï.xlsx`;
const LONE_SURROGATE_PLACEHOLDER = 'LONESURROGATE';

function hostileWorkbook(): Uint8Array {
  const sheet = templateSheet([
    { ...validMaRow(0), groupId: HOSTILE_GROUP_ID },
    { ...validMaRow(1), chfId: `"};alert(1);//${LONE_SURROGATE_PLACEHOLDER}` },
  ]);
  const bytes = buildWorkbook({ sheets: [{ ...sheet, name: HOSTILE_SHEET }], strings: 'inline' });
  // A character reference to half a surrogate pair: legal to write, not encodable as UTF-8.
  return rewriteSheet(bytes, 1, (xml) => xml.replace(LONE_SURROGATE_PLACEHOLDER, '&#xD800;'));
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('JSON and SARIF escape everything a workbook holds', () => {
  const file = write(HOSTILE_FILE, hostileWorkbook());
  const engine = validateWorkbook(readWorkbookBytes(hostileWorkbook(), HOSTILE_FILE), { rules: RULES, today: TODAY });

  it('the hostile values reach the engine intact (so the outputs below really carry them)', () => {
    expect(engine.template?.sheet).toBe(HOSTILE_SHEET);
    const messages = engine.findings.map((f) => f.message).join('\n');
    expect(messages).toContain(DECODED_GROUP_ID);
    expect(messages).toMatch(LONE_SURROGATE);
  });

  it.each(['json', 'sarif'] as const)('%s: parses back to the same strings, with no raw control character or lone surrogate', async (format) => {
    const run = await runCliCaptured(['check', file, '--format', format, '--today', TODAY], dir);
    expect(run.code).toBe(1);
    expect(RAW_CONTROL.test(run.stdout)).toBe(false);
    expect(LONE_SURROGATE.test(run.stdout)).toBe(false);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(run.stdout))).toBe(run.stdout);
    if (format === 'json') {
      const { files } = parseJsonReport(run.stdout);
      expect(files[0]!.file).toBe(HOSTILE_FILE);
      expect(files[0]!.findings.map((f) => [f.sheet, f.message])).toEqual(engine.findings.map((f) => [f.sheet, f.message]));
    } else {
      const { results } = parseSarif(run.stdout).runs[0]!;
      expect(results.map((r) => r.message.text)).toEqual(engine.findings.map((f) => f.message));
      expect(results.map((r) => r.locations[0]!.logicalLocations?.[0]?.name ?? null)).toEqual(engine.findings.map((f) => f.sheet));
    }
    counter.add('security-output-formats');
  });

  it('sarif: the artifact URI is a percent-encoded relative reference that decodes back to the file name', async () => {
    const run = await runCliCaptured(['check', file, '--format', 'sarif', '--today', TODAY], dir);
    const sarif = parseSarif(run.stdout);
    const uri = sarif.runs[0]!.artifacts[0]!.location.uri;
    expect(uri).not.toMatch(/[\s"<>\\^`{|}]/);
    expect(uri.split('/').map(decodeURIComponent).join('/')).toBe(HOSTILE_FILE);
    counter.add('security-output-formats');
  });
});
