/**
 * Task-pane figures for a 100,000-row Migration Authorisation held by the fake gateway (which runs
 * the Office gateway's scan and counts `context.sync()` calls and response bytes as Office would
 * serialise them): full-scan syncs, largest response and time, engine time on the scanned snapshot,
 * and the cost of one user edit through the live controller. The last line is the acceptance figure
 * `pane full scan 100000x13: N syncs, largest response M bytes`.
 */
import { text } from '../src/engine/cell';
import { FakeGateway } from '../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../src/excel/simulated-workbook';
import type { Scheduler } from '../src/excel/live-validation';
import { LiveValidation } from '../src/excel/live-validation';
import { RESPONSE_TARGET_BYTES } from '../src/excel/scan-plan';
import { ValidationSession } from '../src/engine/validate';
import { RULES } from '../src/rules';
import { buildWorkbook, TODAY, validMaRow, mpanFor } from '../test/support/sheet-builder';

const ROWS = 100_000;
const COLUMNS = 13;
const SHEET = 'Migration Authorisation';

function makeFake(): FakeGateway {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const row = validMaRow(i);
    // Device IDs unique across 100,000 rows (the shared fixture's repeat after 65,536).
    const id = (kind: number) =>
      `00-12-4B-${kind.toString(16).toUpperCase().padStart(2, '0')}-${(i + 1)
        .toString(16)
        .toUpperCase()
        .padStart(8, '0')
        .replace(/(..)(?!$)/g, '$1-')}`;
    Object.assign(row, { esmeId: id(1), gsmeId: id(2), chfId: id(3), gpfId: id(4) });
    // About 1 row in 50 carries a mistake, as real files do.
    if (i % 50 === 7) row.mpan = `${mpanFor(i)} `;
    if (i % 97 === 3) row.groupId = 'EA';
    return row;
  });
  // Excel on the web: the 5 MB request/response limit applies.
  return new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook(rows)), { host: { platform: 'web' } });
}

/** Fires the debounce by hand so the figure is the work, not the wait. */
class ImmediateScheduler implements Scheduler {
  private pending: Array<() => void> = [];
  set(callback: () => void): unknown {
    this.pending.push(callback);
    return callback;
  }
  clear(handle: unknown): void {
    this.pending = this.pending.filter((c) => c !== handle);
  }
  fire(): void {
    const p = this.pending;
    this.pending = [];
    for (const c of p) c();
  }
}

async function main(): Promise<void> {
  const fake = makeFake();
  console.log(`pane scan (Migration Authorisation, ${ROWS.toLocaleString('en-GB')} rows x ${COLUMNS} columns, fake gateway as Excel on the web)`);
  console.log(`  plan: requests sized by measured payload, aiming at ${RESPONSE_TARGET_BYTES.toLocaleString('en-GB')} bytes a response`);

  let progressCalls = 0;
  let t0 = performance.now();
  const snapshot = await fake.scan({ onProgress: () => progressCalls++ });
  const scanMs = performance.now() - t0;
  const scanSyncs = fake.syncCount;
  const largest = fake.largestResponseBytes;
  console.log(`  full scan: ${scanSyncs} syncs, ${progressCalls} progress updates, ${scanMs.toFixed(0)} ms in the fake (Office translation included)`);
  console.log(`  responses (bytes): ${fake.responseBytes.map((b) => b.toLocaleString('en-GB')).join(', ')}`);

  t0 = performance.now();
  const result = new ValidationSession(snapshot, { rules: RULES, today: TODAY }).result();
  console.log(`  engine on the scanned snapshot: ${(performance.now() - t0).toFixed(0)} ms, ${result.findings.length.toLocaleString('en-GB')} findings`);

  const scheduler = new ImmediateScheduler();
  const live = new LiveValidation({ gateway: fake, engineOptions: () => ({ rules: RULES, today: TODAY }), scheduler });
  t0 = performance.now();
  await live.start();
  console.log(`  live start (scan + validate + first highlights): ${(performance.now() - t0).toFixed(0)} ms`);

  fake.resetSyncCount();
  fake.setCell(SHEET, 'B50000', text('1300000000000'));
  t0 = performance.now();
  scheduler.fire();
  await live.idle();
  console.log(`  one edit: ${fake.syncCount} syncs (re-read + highlight update), ${(performance.now() - t0).toFixed(1)} ms`);
  live.stop();
  console.log(`pane full scan ${ROWS}x${COLUMNS}: ${scanSyncs} syncs, largest response ${largest} bytes`);
}

void main();
