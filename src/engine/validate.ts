import type { Cell } from './cell';
import { displayValue } from './cell';
import { checkCell, fieldChecksOf, isEmptyCell, newCellState } from './check-cell';
import { analyseRow, keyStride, lastAnalysedRowBlank } from './check-row';
import { BlankRuns } from './blank-runs';
import type { RowContext } from './context';
import { buildRowContext, cellFinding, rowFinding } from './context';
import type { FileIdentifiers } from './cross-files';
import { CrossRowIndex } from './cross-rows';
import type { Detection } from './detect';
import { detectTemplate } from './detect';
import type { Finding } from './finding';
import { compareFindings, isReady, summarise } from './finding';
import { canonicalEui64, isReservedEui64, partyOctets } from './identifiers';
import type { FieldSpec } from './profile';
import { DEFAULT_PROFILES } from './profile';
import type { EngineOptions, RowUpdate, TemplateInfo, UpdateOutcome, ValidationResult } from './result';
import type { CompiledRules } from './registry';
import { compileRules } from './registry';
import { RowStore } from './row-store';
import type { WorkbookPlace, WorkbookProbe } from './rule';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';

type RowIdentifiers = readonly (string | undefined)[];

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Rows looked at to estimate how full a long data region is. */
const FILL_SAMPLES = 256;

const USER_ID_FIELD: FieldSpec = { id: 'userId', headers: ['User ID'], type: 'eui64', required: 'always', columnOptional: false };

/** Validates a whole workbook once. */
export function validateWorkbook<Id extends string>(workbook: WorkbookSnapshot, options: EngineOptions<Id>): ValidationResult<Id> {
  return new ValidationSession(workbook, options).result();
}

/**
 * Inside the session a finding's rule id is a string: it comes from `rule.id` of a rule in
 * `options.rules`, so it is one of that rule set's ids (`Id`), which the public methods return.
 */
const ofRuleSet = <Id extends string>(findings: readonly Finding[]): readonly Finding<Id>[] => findings as readonly Finding<Id>[];

/**
 * A workbook under validation. `updateRows` re-validates only what changed rows can affect (their
 * own cells and the rows that share an identifier with them) and yields the same findings a full run would.
 */
export class ValidationSession<Id extends string = string> {
  private sheets: SheetSnapshot[];
  /** The data sheet's rows, read in place (a reader may type them lazily; see ReadOptions.lazyRows). */
  private rows: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined> = [];
  /** The copy of the data sheet's rows this session made on its first update, and writes since. */
  private ownedRows: Array<ReadonlyArray<Cell | undefined> | undefined> | undefined;
  private detection: Detection | undefined;
  private ctx: RowContext | undefined;
  private index: CrossRowIndex | undefined;
  private headerFindings: Finding[] = [];
  private store = new RowStore();
  /** Scratch identifiers of the row being analysed. */
  private keysScratch: (string | undefined)[] = [];
  private duplicates = new Map<number, Finding[]>();
  /** Runs of blank data rows, and the findings of each run by its first row. */
  private blankRuns = new BlankRuns();
  private blankFindings = new Map<number, { readonly lastRow: number; readonly findings: readonly Finding[] }>();
  /** Whether the row `analyse` checked last is blank. */
  private analysedBlank = false;
  private lastDataRow = 0;
  private userId: string | null = null;
  private userIdSource: 'workbook' | 'option' | null = null;
  private cached: ValidationResult<Id> | undefined;
  private readonly rules: CompiledRules;

  constructor(
    private workbook: WorkbookSnapshot,
    private readonly options: EngineOptions<Id>,
  ) {
    this.rules = compileRules(options.rules);
    this.sheets = [...workbook.sheets];
    this.rebuild();
  }

  /** The workbook as the session now sees it (after updates). */
  snapshot(): WorkbookSnapshot {
    return this.workbook;
  }

  get detected(): Detection | undefined {
    return this.detection;
  }

  result(): ValidationResult<Id> {
    if (!this.cached) this.cached = this.buildResult();
    return this.cached;
  }

  /** The data sheet's identifiers at their first places, for comparing the files of a run; undefined without a template. */
  identifiers(): FileIdentifiers | undefined {
    if (!this.index || !this.detection) return undefined;
    return { sheet: this.detection.sheet.name, ...this.index.firstPlaces() };
  }

  /** Applies re-read rows of one sheet and re-validates what they can affect. */
  updateRows(sheetName: string, updates: readonly RowUpdate[]): UpdateOutcome {
    this.cached = undefined;
    const detection = this.detection;
    const dataSheet = detection?.sheet.name;
    const touchesLayout = !detection || sheetName !== dataSheet || updates.some((u) => u.row <= detection.headerRow);
    // Identifiers are not stored per row: read the old ones from the old cells before replacing them.
    const oldKeys = touchesLayout ? new Map<number, RowIdentifiers>() : this.identifiersOf(updates.map((u) => u.row));
    this.replaceRows(sheetName, updates);
    if (touchesLayout) {
      this.rebuild();
      return { full: true, affectedRows: [] };
    }
    return {
      full: false,
      affectedRows: this.revalidateRows(
        updates.map((u) => u.row),
        oldKeys,
      ),
    };
  }

  /** The identifiers the given data rows contribute now (rows outside the data region have none). */
  private identifiersOf(rows: readonly number[]): Map<number, RowIdentifiers> {
    const out = new Map<number, RowIdentifiers>();
    const first = this.detection!.headerRow + 1;
    for (const r of rows) if (r >= first && r <= this.lastDataRow) out.set(r, this.currentKeys(r, []));
    return out;
  }

  /** Re-derives a row's identifiers from its cells (the row check is pure; its findings are dropped). */
  private currentKeys(row: number, into: (string | undefined)[]): (string | undefined)[] {
    into.length = keyStride(this.ctx!);
    analyseRow(this.rules, this.rows[row - 1], row, this.ctx!, into);
    return into;
  }

  private replaceRows(sheetName: string, updates: readonly RowUpdate[]): void {
    const i = this.sheets.findIndex((s) => s.name === sheetName);
    if (i < 0) return;
    const sheet = this.sheets[i]!;
    const isDataSheet = sheet === this.detection?.sheet;
    // Copy on the first write: updates must never write into the caller's snapshot.
    const rows = isDataSheet && sheet.rows === this.ownedRows ? this.ownedRows : [...sheet.rows];
    for (const u of updates) {
      while (rows.length < u.row - 1) rows.push(undefined);
      rows[u.row - 1] = u.cells;
    }
    while (rows.length > 0 && rowIsEmpty(rows[rows.length - 1])) rows.pop();
    const updated: SheetSnapshot = { ...sheet, rows };
    this.sheets[i] = updated;
    if (isDataSheet) {
      this.rows = this.ownedRows = rows;
      this.detection = { ...this.detection!, sheet: updated };
    }
    this.workbook = { ...this.workbook, sheets: this.sheets };
  }

  private rebuild(): void {
    const profiles = this.options.profiles ?? DEFAULT_PROFILES;
    this.detection = detectTemplate(this.workbook, profiles);
    this.duplicates = new Map();
    this.blankRuns = new BlankRuns();
    this.blankFindings = new Map();
    this.headerFindings = [];
    this.userId = null;
    this.userIdSource = null;
    this.lastDataRow = 0;
    const detection = this.detection;
    if (!detection) {
      this.ctx = undefined;
      this.index = undefined;
      this.headerFindings = this.checkWorkbook(undefined, undefined, { holder: undefined, stated: false, optionGiven: false });
      return;
    }
    // Read in place, not copied: copying would type every row of a lazily read sheet and hold them all.
    this.rows = detection.sheet.rows;
    const ctx = buildRowContext(this.workbook, detection, this.options.today);
    this.ctx = ctx;
    this.headerFindings = this.checkHeader(detection, ctx);
    this.lastDataRow = this.findLastDataRow(this.rows.length);
    this.index = new CrossRowIndex(ctx, this.rules, this.estimateFilledRows(detection.headerRow + 1, this.lastDataRow));
    this.store = new RowStore();
    const keys = (this.keysScratch = new Array<string | undefined>(keyStride(ctx)));
    const store = this.store;
    const index = this.index;
    const runs = this.blankRuns;
    for (let r = detection.headerRow + 1; r <= this.lastDataRow; r++) {
      const findings = this.analyse(r, keys);
      // The store is new: most rows have nothing to record, and nothing to clear.
      if (findings.length > 0) store.setFindings(r, findings);
      if (this.analysedBlank) runs.addRow(r);
      else index.stage(r, keys);
    }
    // The first holders of a value never get a duplicate finding: only later ones need a look.
    for (const r of index.addStaged()) this.refreshDuplicates(r);
    this.refreshBlankFindings();
  }

  /**
   * About how many rows of `first`..`last` hold cells, from an even sample of them: it sizes the
   * duplicate index, which a stray value far below a table would otherwise size for a million rows
   * (100 MB). A dense table samples as full and gets its exact size.
   */
  private estimateFilledRows(first: number, last: number): number {
    const span = last - first + 1;
    if (span <= FILL_SAMPLES * 4) return Math.max(0, span);
    let present = 0;
    for (let k = 0; k < FILL_SAMPLES; k++) if (this.rows[first - 1 + Math.floor((k * span) / FILL_SAMPLES)] !== undefined) present++;
    return present === FILL_SAMPLES ? span : Math.ceil((span * (present + 1)) / FILL_SAMPLES);
  }

  /**
   * A data row's own findings, its identifiers written into `keys`. A row with no cell at all (most of
   * the rows above a stray value far below the table) is blank with nothing to check, and costs a lookup.
   */
  private analyse(row: number, keys: (string | undefined)[]): readonly Finding[] {
    const cells = this.rows[row - 1];
    if (cells === undefined) {
      keys.fill(undefined);
      this.analysedBlank = true;
      return NO_FINDINGS;
    }
    const findings = analyseRow(this.rules, cells, row, this.ctx!, keys);
    this.analysedBlank = lastAnalysedRowBlank();
    return findings;
  }

  /**
   * Runs the blank-run checks on the current runs, keeping the findings of runs that did not change.
   * Returns the first rows of the runs that appeared, changed or went (their findings changed).
   */
  private refreshBlankFindings(): number[] {
    const checks = this.rules.blankRunChecks;
    const old = this.blankFindings;
    if (checks.length === 0) return [];
    const next = new Map<number, { readonly lastRow: number; readonly findings: readonly Finding[] }>();
    const changed: number[] = [];
    const ctx = this.ctx!;
    for (const [firstRow, lastRow] of this.blankRuns.runs()) {
      const kept = old.get(firstRow);
      if (kept && kept.lastRow === lastRow) {
        next.set(firstRow, kept);
        continue;
      }
      const findings: Finding[] = [];
      for (const { rule, check } of checks) {
        check({ ctx, firstRow, lastRow }, (message) => findings.push({ ...rowFinding(rule, ctx.sheet, firstRow, null, message), lastRow }));
      }
      next.set(firstRow, { lastRow, findings });
      changed.push(firstRow);
    }
    for (const firstRow of old.keys()) if (!next.has(firstRow)) changed.push(firstRow);
    this.blankFindings = next;
    return changed;
  }

  private checkHeader(detection: Detection, ctx: RowContext): Finding[] {
    const out: Finding[] = [];
    const userId = this.resolveSubmitter(detection, ctx, out);
    out.push(...this.checkWorkbook(detection, ctx, userId));
    out.sort(compareFindings);
    return out;
  }

  /** Runs the workbook checks (file and header block). */
  private checkWorkbook(detection: Detection | undefined, ctx: RowContext | undefined, userId: WorkbookProbe['userId']): Finding[] {
    const out: Finding[] = [];
    const probe: WorkbookProbe = { detection, ctx, userId };
    for (const { rule, check } of this.rules.workbookChecks) {
      check(probe, (message: string, place?: WorkbookPlace) => {
        if (!place || !ctx) out.push(rowFinding(rule, null, null, null, message));
        else if (place.col === undefined) out.push(rowFinding(rule, ctx.sheet, place.row, place.field, message));
        else out.push(cellFinding(rule, ctx, place.row, place.col, place.field, message));
      });
    }
    return out;
  }

  /** Settles the submitting User ID (the workbook's, else the option's); reports the cell checks of the stated one. */
  private resolveSubmitter(detection: Detection, ctx: RowContext, out: Finding[]): WorkbookProbe['userId'] {
    const optionId = this.options.userId !== undefined ? canonicalEui64(this.options.userId.trim()) : undefined;
    const optionGiven = optionId !== undefined;
    const useOption = (): void => {
      if (optionId !== undefined && !isReservedEui64(optionId)) {
        this.userId = optionId;
        this.userIdSource = 'option';
        ctx.submitter = { canonical: optionId, party: partyOctets(optionId, ctx.profile.partyOctets) };
      }
    };
    const holder = detection.userId;
    if (!holder) {
      useOption();
      return { holder: undefined, stated: false, optionGiven };
    }
    const labelCell = detection.sheet.rows[holder.row - 1]?.[0];
    const label = labelCell && labelCell.value.kind === 'text' ? labelCell.value.text.replace(/\s*:\s*$/, '').trim() : 'User ID';
    const place = { row: holder.row, col: holder.col, label };
    const state = checkCell(fieldChecksOf(this.rules, USER_ID_FIELD), holder.cell, holder.row, holder.col, ctx, out, newCellState());
    if (!state.present) {
      useOption();
      return { holder: place, stated: false, optionGiven };
    }
    this.userIdSource = 'workbook';
    if (state.usable && state.key !== undefined) {
      this.userId = state.key;
      ctx.submitter = { canonical: state.key, party: partyOctets(state.key, ctx.profile.partyOctets) };
    } else {
      this.userId = String(displayValue(holder.cell.value));
    }
    return { holder: place, stated: true, optionGiven };
  }

  /** The last row below the header with a value in a bound column, searching down from `from`. */
  private findLastDataRow(from: number): number {
    const detection = this.detection!;
    for (let r = Math.min(from, this.rows.length); r > detection.headerRow; r--) {
      const cells = this.rows[r - 1];
      if (!cells) continue;
      for (const { col } of detection.boundFields) if (!isEmptyCell(cells[col - 1])) return r;
    }
    return detection.headerRow;
  }

  private refreshDuplicates(row: number): void {
    const found = this.index!.findingsFor(row, this.currentKeys(row, this.keysScratch));
    if (found.length) this.duplicates.set(row, found);
    else this.duplicates.delete(row);
  }

  private revalidateRows(changed: readonly number[], oldKeys: ReadonlyMap<number, RowIdentifiers>): number[] {
    const detection = this.detection!;
    const index = this.index!;
    const first = detection.headerRow + 1;
    const oldLast = this.lastDataRow;
    const maxChanged = Math.max(...changed);
    const newLast = this.findLastDataRow(Math.max(oldLast, maxChanged));
    const toAnalyse = new Set<number>();
    for (const r of changed) if (r >= first && r <= newLast) toAnalyse.add(r);
    for (let r = oldLast + 1; r <= newLast; r++) toAnalyse.add(r);
    const affected = new Set<number>(toAnalyse);
    const dupCheck = new Set<number>();
    // Rows that fell out of the data region lose their findings and their identifiers.
    const store = this.store;
    for (let r = newLast + 1; r <= oldLast; r++) {
      // Only edited rows can have held identifiers here: the others were blank and still are.
      const old = oldKeys.get(r);
      if (old) {
        index.rowsSharing(old, dupCheck);
        index.remove(r, old);
      }
      store.clear(r);
      this.duplicates.delete(r);
      affected.add(r);
    }
    const keys = this.keysScratch;
    // Blank or not, now: rows of the old region as changes to its runs, rows the region gained in order.
    const blankChanges = new Map<number, boolean>();
    const gained = newLast > oldLast ? new Uint8Array(newLast - oldLast) : undefined;
    for (const r of toAnalyse) {
      const old = oldKeys.get(r);
      if (old) {
        index.rowsSharing(old, dupCheck);
        index.remove(r, old);
      }
      store.setFindings(r, this.analyse(r, keys));
      if (r > oldLast) gained![r - oldLast - 1] = this.analysedBlank ? 1 : 0;
      else blankChanges.set(r, this.analysedBlank);
      index.add(r, keys);
      index.rowsSharing(keys, dupCheck);
      dupCheck.add(r);
    }
    const runs = this.blankRuns.withChanges(blankChanges, Math.min(oldLast, newLast));
    if (gained) for (let i = 0; i < gained.length; i++) if (gained[i] === 1) runs.addRow(oldLast + 1 + i);
    this.blankRuns = runs;
    for (const r of this.refreshBlankFindings()) affected.add(r);
    this.lastDataRow = newLast;
    for (const r of dupCheck) {
      if (r > newLast) continue;
      this.refreshDuplicates(r);
      affected.add(r);
    }
    return [...affected].sort((a, b) => a - b);
  }

  /** Findings of one data row, sorted (row-level first, then by column and rule id). */
  findingsForRow(row: number): readonly Finding<Id>[] {
    return ofRuleSet(this.rowFindings(row));
  }

  private rowFindings(row: number): readonly Finding[] {
    const own = this.store.findingsOf(row);
    const dups = this.duplicates.get(row);
    const blank = this.blankFindings.get(row)?.findings;
    if (!dups && !blank?.length) return own;
    return [...(blank ?? []), ...own, ...(dups ?? [])].sort(compareFindings);
  }

  private buildResult(): ValidationResult<Id> {
    const detection = this.detection;
    const findings: Finding[] = [];
    for (const f of this.headerFindings) if (f.row === null) findings.push(f);
    for (const f of this.headerFindings) if (f.row !== null) findings.push(f);
    let template: TemplateInfo | null = null;
    if (detection) {
      // Only the few rows with findings are visited, so this stays cheap after every edit.
      const blankRows = [...this.blankFindings].filter(([, run]) => run.findings.length > 0).map(([row]) => row);
      const rows = [...new Set([...this.store.rowsWithFindings(), ...this.duplicates.keys(), ...blankRows])].sort((a, b) => a - b);
      for (const r of rows) {
        const rowFindings = this.rowFindings(r);
        for (let i = 0; i < rowFindings.length; i++) findings.push(rowFindings[i]!);
      }
      const stated = detection.version ? String(displayValue(detection.version.cell.value)).trim() : '';
      template = {
        id: detection.profile.id,
        name: detection.profile.name,
        version: stated === '' ? null : stated,
        outdated: stated !== '' && stated.toLowerCase() !== detection.profile.currentVersion.toLowerCase(),
        sheet: detection.sheet.name,
        headerRow: detection.headerRow,
      };
    }
    const serviceProvider = detection?.serviceProvider ? String(displayValue(detection.serviceProvider.cell.value)).trim() : '';
    const firstDataRow = detection ? detection.headerRow + 1 : null;
    const lastDataRow = detection && this.lastDataRow > detection.headerRow ? this.lastDataRow : null;
    return {
      template,
      findings: ofRuleSet<Id>(findings),
      summary: summarise(findings),
      ready: isReady(findings),
      rowsChecked: firstDataRow !== null && lastDataRow !== null ? lastDataRow - firstDataRow + 1 : 0,
      firstDataRow,
      lastDataRow,
      columns: detection ? Object.fromEntries(detection.columns) : {},
      userId: this.userId,
      userIdSource: this.userIdSource,
      serviceProvider: serviceProvider === '' ? null : serviceProvider,
      otherTemplateSheets: detection?.otherTemplateSheets ?? [],
    };
  }
}

function rowIsEmpty(cells: ReadonlyArray<Cell | undefined> | undefined): boolean {
  if (!cells) return true;
  for (const c of cells) if (!isEmptyCell(c)) return false;
  return true;
}
