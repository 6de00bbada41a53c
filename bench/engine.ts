/**
 * Engine figures for large Migration Authorisations: full validation time, peak memory, and the time
 * to re-validate one edited row (which should not grow with the sheet).
 */
import { cpus, loadavg } from 'os';
import type { Cell } from '../src/engine/cell';
import type { WorkbookSnapshot } from '../src/engine/snapshot';
import { ValidationSession } from '../src/engine/validate';
import { RULES } from '../src/rules';
import { buildWorkbook, columnOf, mpanFor, toCell, TODAY, validMaRow } from '../test/support/sheet-builder';

function makeWorkbook(rows: number): WorkbookSnapshot {
  const data = Array.from({ length: rows }, (_, i) => {
    const row = validMaRow(i);
    // About 1 row in 50 carries a mistake, as real files do.
    if (i % 50 === 7) row.mpan = `${mpanFor(i)} `;
    if (i % 50 === 21) row.chfId = (row.chfId as string).toLowerCase();
    if (i % 97 === 3) row.groupId = 'EA';
    return row;
  });
  // A JSON round trip makes every string flat, as a file reader's are (the builder's template
  // literals would otherwise hand the engine rope strings that files never contain).
  return JSON.parse(JSON.stringify(buildWorkbook(data))) as WorkbookSnapshot;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Heap and typed-array memory in use after full collections (twice: the first can leave what the second frees). */
function heldNow(): number {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** What a fresh session on `workbook` holds beyond the snapshot (its duplicate index is typed arrays). */
function sessionMemory(workbook: WorkbookSnapshot): number {
  const before = heldNow();
  const session = new ValidationSession(workbook, { rules: RULES, today: TODAY });
  const after = heldNow();
  // Used after the measure, so the session is alive during it.
  return session.result().findings.length >= 0 ? after - before : 0;
}

function measure(rows: number): void {
  const workbook = makeWorkbook(rows);
  global.gc?.();
  const fullTimes: number[] = [];
  const cpuTimes: number[] = [];
  let session: ValidationSession | undefined;
  for (let i = 0; i < 5; i++) {
    session = undefined;
    global.gc?.();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    session = new ValidationSession(workbook, { rules: RULES, today: TODAY });
    const result = session.result();
    fullTimes.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
    if (i === 0) console.log(`  rows ${rows.toLocaleString('en-GB')}: ${result.findings.length.toLocaleString('en-GB')} findings`);
  }
  const s = session!;
  const sheet = workbook.sheets[0]!;
  const col = columnOf('mpan');
  const editTimes: number[] = [];
  for (let k = 0; k < 400; k++) {
    const row = 7 + ((k * 7919) % rows);
    const cells: (Cell | undefined)[] = [...(s.snapshot().sheets[0]!.rows[row - 1] ?? [])];
    cells[col - 1] = toCell(k % 2 === 0 ? mpanFor(rows + k) : `${mpanFor(rows + k)}x`);
    const t0 = performance.now();
    s.updateRows(sheet.name, [{ row, cells }]);
    editTimes.push(performance.now() - t0);
  }
  const t0 = performance.now();
  s.result();
  const materialise = performance.now() - t0;
  console.log(
    `  full validation: median ${median(fullTimes).toFixed(1)} ms wall, ${median(cpuTimes).toFixed(1)} ms CPU (runs: ${fullTimes.map((t) => t.toFixed(0)).join(', ')} ms); load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(`  one-row re-validation: median ${(median(editTimes) * 1000).toFixed(0)} µs, max ${(Math.max(...editTimes) * 1000).toFixed(0)} µs`);
  console.log(`  findings list after an edit: ${materialise.toFixed(1)} ms`);
  console.log(
    `  memory the session holds beyond the snapshot: ${(sessionMemory(workbook) / 1048576).toFixed(1)} MiB; peak RSS so far ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
  );
}

console.log('engine (Migration Authorisation, 13 columns)');
measure(10_000);
measure(100_000);
