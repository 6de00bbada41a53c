import { parentPort } from 'node:worker_threads';
import { checkOneFile } from './check-one';
import type { CheckRequest } from './check-pool';

/**
 * A worker thread of `check --jobs N`: checks one file per message, one at a time, and posts the
 * outcome. The identifiers are copied, not transferred: handing their buffer over measured slower
 * on four 100,000-row files (`npm run bench:jobs`), and copying a few megabytes takes milliseconds.
 */
parentPort?.on('message', (request: CheckRequest) => {
  void checkOneFile(request.file, request.cwd, request.options, request.identifiers).then((outcome) =>
    parentPort?.postMessage({ index: request.index, outcome }),
  );
});
