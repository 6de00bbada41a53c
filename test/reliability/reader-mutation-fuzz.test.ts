import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateWorkbook } from '../../src/engine/validate';
import { WorkbookFileError } from '../../src/files/file-error';
import { readWorkbookBytes, readWorkbookBytesAsync } from '../../src/files/workbook-reader';
import { CaseCounter } from '../support/reliability-counts';
import { parseJsonReport } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { TODAY, validDormantRow, validMaRow } from '../support/sheet-builder';
import { fakeVbaProject, templateWorkbookBytes } from '../support/template-files';
import { partNames, rewriteParts } from '../support/xlsx-rewrite';
import { wellFormedProblems } from './well-formed';
import { RULES } from '../../src/rules';

/**
 * A mutation fuzz of real workbook bytes. Whatever is done to a file (truncated,
 * bytes flipped, garbage spliced in, its XML damaged and re-zipped with valid checksums so the XML
 * parsers really see it), the reader either reads it (and the engine then gives well-formed
 * findings) or refuses it with a one-line WorkbookFileError naming the file; the CLI exits 0, 1 or 2
 * and never prints a stack trace.
 */
const counter = new CaseCounter('reader-mutation-fuzz');
afterAll(() => counter.report());

const OPTIONS = { rules: RULES, today: TODAY };
const SEED = 7070707;

const BASES: readonly Uint8Array[] = [
  templateWorkbookBytes([validMaRow(0), { ...validMaRow(1), mpan: '1200080636089', groupId: 'ea' }, null, validMaRow(3)], {
    lists: { 'Group ID': ['AA', 'EA', 'EB'], 'Energy Installation Supplier': ['E', 'G'] },
    validations: [{ sqref: 'A7:A100', source: 'Lists!$A$2:$A$4', x14: true }],
    definedNames: { GroupIds: 'Lists!$A$2:$A$4' },
    vbaProject: fakeVbaProject(2048),
  }),
  templateWorkbookBytes([validDormantRow(0), { ...validDormantRow(1), weekCommencing: '03/03/2027' }], { template: 'dormant', strings: 'inline' }),
  templateWorkbookBytes([
    { ...validMaRow(2), smsoReference: '<&>"\'_x0041_', chfId: '00124b0000030003 ' },
    { ...validMaRow(4), earliestMigrationDate: { date: '2027-02-28' } },
  ]),
];

type Mutation =
  | { kind: 'truncate'; base: number; at: number }
  | { kind: 'flip'; base: number; flips: ReadonlyArray<{ at: number; xor: number }> }
  | { kind: 'splice'; base: number; at: number; junk: readonly number[] }
  | { kind: 'xml'; base: number; part: number; edits: ReadonlyArray<{ op: 'delete' | 'insert' | 'duplicate'; at: number; length: number; token: string }> };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const base = fc.integer({ min: 0, max: BASES.length - 1 });
const XML_TOKENS = [
  '<',
  '>',
  '&',
  '"',
  '</c>',
  '<row r="0">',
  '<c r="ZZZZ9">',
  '<v>',
  '</sheetData>',
  '<!--',
  ']]>',
  '&#xD800;',
  '&#0;',
  '\u0000',
  'r="A1048577"',
  's="99999"',
  't="s"',
  '<v>999999</v>',
  '<si>',
  'xmlns=""',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), base, at: fraction }),
  fc.record({
    kind: fc.constant('flip' as const),
    base,
    flips: fc.array(fc.record({ at: fraction, xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('splice' as const), base, at: fraction, junk: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('xml' as const),
    base,
    part: fc.nat(),
    edits: fc.array(
      fc.record({
        op: fc.constantFrom('delete' as const, 'insert' as const, 'duplicate' as const),
        at: fraction,
        length: fc.integer({ min: 1, max: 200 }),
        token: fc.constantFrom(...XML_TOKENS),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

function mutate(m: Mutation): Uint8Array {
  const bytes = BASES[m.base]!;
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, Math.floor(m.at * bytes.length));
    case 'flip': {
      const out = bytes.slice();
      for (const f of m.flips) {
        const i = Math.floor(f.at * out.length);
        out[i] = out[i]! ^ f.xor;
      }
      return out;
    }
    case 'splice': {
      const i = Math.floor(m.at * bytes.length);
      const out = bytes.slice();
      out.set(m.junk.slice(0, out.length - i), i);
      return out;
    }
    case 'xml': {
      const parts = partNames(bytes).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
      const target = parts[m.part % parts.length]!;
      return rewriteParts(bytes, (name, text) => {
        if (name !== target) return undefined;
        let t = text;
        for (const e of m.edits) {
          const i = Math.floor(e.at * t.length);
          if (e.op === 'delete') t = t.slice(0, i) + t.slice(i + e.length);
          else if (e.op === 'insert') t = t.slice(0, i) + e.token + t.slice(i);
          else t = t.slice(0, i) + t.slice(i, i + e.length) + t.slice(i);
        }
        return t;
      });
    }
  }
}

/** 'read' or 'refused'; anything else thrown fails the property with what it was. */
function readOutcome(bytes: Uint8Array, file: string): 'read' | 'refused' {
  let snapshot;
  try {
    snapshot = readWorkbookBytes(bytes, file);
  } catch (e) {
    if (!(e instanceof WorkbookFileError)) throw new Error(`reader threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    expect(e.message.startsWith(`${file}: `)).toBe(true);
    expect(e.message).not.toMatch(/\n/);
    return 'refused';
  }
  const result = validateWorkbook(snapshot, OPTIONS);
  expect(wellFormedProblems(result, snapshot)).toEqual([]);
  return 'read';
}

describe('reader mutation fuzz (seeded)', () => {
  it('the untouched bases read cleanly', () => {
    BASES.forEach((b, i) => expect(readOutcome(b, `base-${i}.xlsm`)).toBe('read'));
  });

  it('a mutated workbook is read or refused with a one-line reason, never anything else', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const outcome = readOutcome(mutate(m), 'mutated.xlsm');
        counter.add(`mutation-${m.kind}`);
        counter.add(`mutation-outcome-${outcome}`);
      }),
      { numRuns: 600, seed: SEED },
    );
  });

  it('the one-pass reader the CLI uses (asynchronous, rows typed as they are read) reads or refuses each mutant as the whole-file reader does', async () => {
    /** The findings, or the refusal, of one reader: anything else thrown is returned for the assertion to show. */
    const outcomeOf = async (read: () => Promise<ReturnType<typeof readWorkbookBytes>>): Promise<string> => {
      try {
        const snapshot = await read();
        return JSON.stringify(validateWorkbook(snapshot, OPTIONS).findings.map((f) => [f.ruleId, f.sheet, f.cell, f.row, f.message]));
      } catch (e) {
        return e instanceof WorkbookFileError ? `refused: ${e.message}` : `threw: ${String(e)}`;
      }
    };
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const bytes = mutate(m);
        const whole = await outcomeOf(() => Promise.resolve(readWorkbookBytes(bytes, 'mutant.xlsm')));
        // Every sheet read lazily, however small: the path a 100,000-row sheet takes.
        const onePass = await outcomeOf(() => readWorkbookBytesAsync(bytes, 'mutant.xlsm', { lazyRows: { minSheetBytes: 0 } }));
        expect(whole).not.toMatch(/^threw/);
        expect(onePass).toBe(whole);
        counter.add('mutation-readers-compared');
      }),
      { numRuns: 300, seed: SEED + 2 },
    );
  });

  it('the CLI on a mutated file exits 0 or 1 with JSON, or 2 with one line naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-mutants-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const name = `mutant-${n++}.xlsm`;
        writeFileSync(path.join(dir, name), mutate(m));
        const run = await runCliCaptured(['check', name, '--format', 'json', '--today', TODAY], dir);
        expect([0, 1, 2]).toContain(run.code);
        expect(run.stderr).not.toMatch(/\n\s+at |unexpected error|could not be checked/);
        if (run.code === 2) {
          expect(run.stderr).toMatch(new RegExp(`^mam-prep: ${name}: [^\\n]+\\n$`));
          expect(parseJsonReport(run.stdout).files).toEqual([]);
        } else {
          expect(run.stderr).toBe('');
          expect(parseJsonReport(run.stdout).files).toHaveLength(1);
        }
        counter.add('mutation-cli-runs');
        counter.add(`mutation-cli-exit-${run.code}`);
      }),
      { numRuns: 80, seed: SEED + 1 },
    );
  });
});
