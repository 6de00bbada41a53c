import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './check-one';
import type { CommonOptions } from './engine-options';

export interface CheckRequest {
  readonly index: number;
  readonly file: string;
  readonly cwd: string;
  readonly options: CommonOptions;
  /** Send back the file's identifiers for the cross-file comparison. */
  readonly identifiers: boolean;
}

/** The compiled worker beside this module; absent when the CLI runs from TypeScript sources (tests). */
const WORKER_SCRIPT = path.join(__dirname, 'check-worker.js');

/** Whether worker threads can be used here (they need the compiled JavaScript). */
const workersAvailable = (): boolean => __filename.endsWith('.js') && existsSync(WORKER_SCRIPT);

/**
 * Checks the files with up to `jobs` at a time and resolves with their outcomes in the order given.
 * Each worker holds one workbook at a time, so at most `jobs` are open at once. `onSettled` is told
 * each file's outcome as soon as it is known, in order of completion (for progress and the cross-file
 * join, which then overlaps with the files still being read). `workerScript` is the worker to run
 * (a test gives one that dies on purpose).
 */
export async function checkFiles(
  files: readonly string[],
  cwd: string,
  options: CommonOptions,
  jobs: number,
  onSettled: (index: number, outcome: FileOutcome) => void = () => {},
  identifiers = false,
  workerScript: string = WORKER_SCRIPT,
): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(files.length);
  const threads = Math.min(jobs, files.length);
  if (threads <= 1 || !workersAvailable()) {
    // Loaded here, not at the top: with worker threads the parent never reads a workbook, and not
    // loading the reader lets the workers start sooner.
    const { checkOneFile } = await import('./check-one');
    for (let i = 0; i < files.length; i++) {
      const outcome = await checkOneFile(files[i]!, cwd, options, identifiers);
      outcomes[i] = outcome;
      onSettled(i, outcome);
    }
    return outcomes;
  }
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(workerScript);
      let current = -1;
      // Set once the worker is done with, by us (no file left) or by its death, so each ends it once.
      let ended = false;
      const give = (): void => {
        if (next >= files.length) {
          ended = true;
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current]!, cwd, options, identifiers } satisfies CheckRequest);
      };
      worker.on('message', (m: { index: number; outcome: FileOutcome }) => {
        outcomes[m.index] = m.outcome;
        // The next file first: the worker reads it while this thread handles the outcome.
        give();
        onSettled(m.index, m.outcome);
      });
      // A worker that dies (out of memory, an uncaught error, an exit of its own) fails only the file it
      // held; a fresh one takes the rest.
      const died = (reason: string): void => {
        if (ended) return;
        ended = true;
        if (current >= 0 && outcomes[current] === undefined) {
          const failed: FileOutcome = { kind: 'failed', file: files[current]!, message: `${files[current]}: could not be checked (${reason})` };
          outcomes[current] = failed;
          onSettled(current, failed);
        }
        void runWorker().then(resolve);
      };
      worker.on('error', (e) => died(e.message));
      worker.on('exit', (code) => died(`its worker thread stopped with exit code ${code}`));
      give();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return outcomes;
}
