import type { CliIo } from './cli-io';

/** How long a batch runs quietly before progress is shown. */
const QUIET_MS = 1000;

/**
 * "Checked 3 of 12 files" on stderr, rewritten in place, only when stderr is a terminal and the batch
 * has run for more than a second; `done()` clears the line so the report that follows starts clean.
 */
export function progressLine(io: CliIo, total: number, now: () => number = Date.now): { settled: () => void; done: () => void } {
  const start = now();
  let count = 0;
  let shown = false;
  return {
    settled: () => {
      count++;
      if (!io.errIsTTY || total < 2 || now() - start <= QUIET_MS) return;
      shown = true;
      io.err(`\r\x1b[KChecked ${count} of ${total} files`);
    },
    done: () => {
      if (shown) io.err('\r\x1b[K');
    },
  };
}
