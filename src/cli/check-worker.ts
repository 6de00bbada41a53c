import { parentPort } from 'node:worker_threads';
import { checkOneFile } from './check-one';
import type { CheckRequest } from './check-pool';

/**
 * A worker thread of `check --jobs N`: checks one file per message, one at a time, and posts the
 * outcome. The identifiers' buffer (megabytes on a large file) is handed over, not copied.
 */
parentPort?.on('message', (request: CheckRequest) => {
  void checkOneFile(request.file, request.cwd, request.options, request.identifiers).then((outcome) => {
    const buffer = outcome.kind === 'checked' ? outcome.identifiers?.records.buffer : undefined;
    parentPort?.postMessage({ index: request.index, outcome }, buffer instanceof ArrayBuffer ? [buffer] : []);
  });
});
