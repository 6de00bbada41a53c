import { parentPort } from 'node:worker_threads';
import { checkOneFile } from './check-one';
import type { CheckRequest } from './check-pool';

/**
 * A worker thread of `check --jobs N`: checks one file per message, one at a time, and posts the
 * outcome. The identifiers are copied, not transferred: handing their buffer over measured no faster
 * on four 100,000-row files (`npm run bench:jobs`, twice), and copying their 9.6 MB per file takes
 * 2–5 ms here and 6 ms to read back in the parent.
 */
parentPort?.on('message', (request: CheckRequest) => {
  void checkOneFile(request.file, request.cwd, request.options, request.identifiers).then((outcome) =>
    parentPort?.postMessage({ index: request.index, outcome }),
  );
});
