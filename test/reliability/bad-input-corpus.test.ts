import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseA1, toA1 } from '../../src/engine/address';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import { cellAt } from '../../src/engine/snapshot';
import { toContractFinding } from '../../src/engine/finding';
import { cellsEqual } from '../../src/engine/cell';
import { cellForEdit, planFixes } from '../../src/engine/fix-planner';
import { stageOf } from '../../src/rules';
import type { ValidationResult } from '../../src/engine/result';
import { validateWorkbook } from '../../src/engine/validate';
import { FakeGateway } from '../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../src/excel/simulated-workbook';
import { LiveValidation } from '../../src/excel/live-validation';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { CaseCounter } from '../support/reliability-counts';
import { parseJsonReport } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { TODAY } from '../support/sheet-builder';
import type { CorpusCase } from './bad-input-corpus';
import { CORPUS } from './bad-input-corpus';
import { wellFormedProblems } from './well-formed';
import { RULES } from '../../src/rules';

/**
 * Every case of the bad-input corpus goes through the engine, the CLI and the pane's
 * gateway (the in-memory fake behind LiveValidation). None may crash or hang, each must report the
 * rows it checked, and those counts must agree: a surface that drops a row gets a different count.
 */
const counter = new CaseCounter('bad-input-corpus');
afterAll(() => counter.report());

const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-corpus-'));
const OPTIONS = { rules: RULES, today: TODAY };

interface Prepared {
  readonly file: string;
  readonly snapshot: WorkbookSnapshot;
  readonly engine: ValidationResult;
}

const prepared = new Map<string, Prepared>();

/** Bytes → file on disk → the reader's snapshot → the engine's result, once per case. */
function prepare(c: CorpusCase, index: number): Prepared {
  const done = prepared.get(c.name);
  if (done) return done;
  const bytes = c.bytes();
  const file = path.join(dir, `case-${String(index).padStart(2, '0')}.xlsx`);
  writeFileSync(file, bytes);
  const snapshot = readWorkbookBytes(bytes, file);
  const engine = validateWorkbook(snapshot, OPTIONS);
  const p = { file, snapshot, engine };
  prepared.set(c.name, p);
  return p;
}

function cellText(snapshot: WorkbookSnapshot, sheetAndCell: string): unknown {
  const bang = sheetAndCell.lastIndexOf('!');
  const sheet = snapshot.sheets.find((s) => s.name === sheetAndCell.slice(0, bang))!;
  const ref = parseA1(sheetAndCell.slice(bang + 1))!;
  const v = cellAt(sheet, ref.row, ref.col).value;
  return v.kind === 'text' ? v.text : v;
}

const flaggedSet = (result: ValidationResult): Set<string> => new Set(result.findings.filter((f) => f.cell !== null).map((f) => `${f.sheet}!${f.cell}`));

describe.each(CORPUS.map((c, i) => [c.name, c, i] as const))('bad input: %s', (_name, c, index) => {
  it('engine: well-formed findings, the expected template and every row counted', () => {
    const { snapshot, engine } = prepare(c, index);
    expect(wellFormedProblems(engine, snapshot)).toEqual([]);
    expect(engine.template?.id ?? null).toBe(c.expect.template);
    if (c.expect.sheet !== undefined) expect(engine.template?.sheet).toBe(c.expect.sheet);
    if (c.expect.headerRow !== undefined) expect(engine.template?.headerRow).toBe(c.expect.headerRow);
    expect(engine.rowsChecked).toBe(c.expect.rowsChecked);
    const rules = new Set(engine.findings.map((f) => f.ruleId));
    for (const rule of c.expect.rules ?? []) expect(rules).toContain(rule);
    const flagged = flaggedSet(engine);
    const missed = (c.expect.flaggedCells ?? []).filter((cell) => !flagged.has(cell));
    expect(missed).toEqual([]);
    for (const [where, text] of Object.entries(c.expect.exactText ?? {})) expect(cellText(snapshot, where)).toBe(text);
    if (c.expect.otherTemplateSheets) expect([...engine.otherTemplateSheets].sort()).toEqual([...c.expect.otherTemplateSheets].sort());
    counter.add('corpus-engine');
    counter.add('corpus-hostile-cells-flagged', c.expect.flaggedCells?.length ?? 0);
  });

  it("CLI: JSON equal to the engine's findings, text reports the rows checked, exit 0 or 1", async () => {
    const { file, engine } = prepare(c, index);
    const json = await runCliCaptured(['check', file, '--format', 'json', '--today', TODAY], dir);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(engine.ready ? 0 : 1);
    const doc = parseJsonReport(json.stdout);
    expect(doc.files).toHaveLength(1);
    expect(doc.files[0]!.template?.id ?? null).toBe(c.expect.template);
    if (engine.template) expect(doc.files[0]!.template).toMatchObject({ sheet: engine.template.sheet, headerRow: engine.template.headerRow });
    expect(doc.files[0]!.findings).toEqual(engine.findings.map(toContractFinding));

    const text = await runCliCaptured(['check', file, '--today', TODAY], dir);
    expect(text.code).toBe(json.code);
    if (engine.template) expect(text.stdout).toContain(`, ${c.expect.rowsChecked} row${c.expect.rowsChecked === 1 ? '' : 's'} checked`);
    else expect(text.stdout).toContain('No template recognised');
    counter.add('corpus-cli');
  });

  it('CLI fix: only the fixed cells change, every other cell reads back identical', async () => {
    const { file, snapshot, engine } = prepare(c, index);
    const out = `${file}.fixed.xlsx`;
    const run = await runCliCaptured(['fix', file, '--out', out, '--today', TODAY], dir);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    const fixed = readWorkbookBytes(new Uint8Array(readFileSync(out)), out);
    const edits = new Map(planFixes(engine.findings, { kind: 'all' }, stageOf).map((e) => [`${e.sheet}!${e.cell}`, e]));
    const changed: string[] = [];
    snapshot.sheets.forEach((sheet, i) => {
      const after = fixed.sheets[i]!;
      expect(after.name).toBe(sheet.name);
      const rows = Math.max(sheet.rows.length, after.rows.length);
      for (let r = 1; r <= rows; r++) {
        const width = Math.max(sheet.rows[r - 1]?.length ?? 0, after.rows[r - 1]?.length ?? 0);
        for (let col = 1; col <= width; col++) {
          if (cellsEqual(cellAt(sheet, r, col), cellAt(after, r, col))) continue;
          const where = `${sheet.name}!${toA1(r, col)}`;
          const edit = edits.get(where);
          if (!edit || !cellsEqual(cellAt(after, r, col), cellForEdit(edit))) changed.push(where);
        }
      }
    });
    expect(changed).toEqual([]);
    counter.add('corpus-cli-fix');
    counter.add('corpus-cli-fix-cells-written', edits.size);
  });

  it("pane gateway (fake): the live result equals the engine's, row count included", async () => {
    const { snapshot, engine } = prepare(c, index);
    const fake = new FakeGateway(simulatedWorkbookFromSnapshot(snapshot));
    const errors: Error[] = [];
    const live = new LiveValidation({ gateway: fake, engineOptions: () => OPTIONS, onError: (e) => errors.push(e) });
    const result = await live.start();
    live.stop();
    expect(errors).toEqual([]);
    expect(result.rowsChecked).toBe(c.expect.rowsChecked);
    expect(result.template).toEqual(engine.template);
    expect(result.findings).toEqual(engine.findings);
    counter.add('corpus-gateway');
  });
});
