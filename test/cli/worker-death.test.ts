import * as path from 'node:path';
import type { FileOutcome } from '../../src/cli/check-one';
import type * as CheckPool from '../../src/cli/check-pool';
import { builtCliBin } from '../support/built-cli';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

/** The compiled CLI (worker threads run JavaScript), as the test run built it. */
const DIST_CLI = path.join(path.dirname(builtCliBin()), '..', 'dist', 'node', 'cli');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, not the source Jest would load
const { checkFiles } = require(path.join(DIST_CLI, 'check-pool.js')) as typeof CheckPool;

/**
 * A worker that dies on purpose on some files: an uncaught error on a file named "crash…", an exit
 * of its own on "exit…", as an out-of-memory worker or a native fault would; the real check otherwise.
 */
const DYING_WORKER = (dir: string): string =>
  writeTemp(
    dir,
    'dying-worker.js',
    `const { parentPort } = require('node:worker_threads');
const { checkOneFile } = require(${JSON.stringify(path.join(DIST_CLI, 'check-one.js'))});
parentPort.on('message', (request) => {
  if (request.file.startsWith('crash')) throw new Error('out of memory (simulated)');
  if (request.file.startsWith('exit')) process.exit(3);
  void checkOneFile(request.file, request.cwd, request.options, request.identifiers).then((outcome) => parentPort.postMessage({ index: request.index, outcome }));
});
`,
  );

describe('check --jobs when a worker thread dies', () => {
  const dir = tempDir();
  for (const name of ['a.xlsx', 'crash.xlsx', 'b.xlsx', 'exit.xlsx', 'c.xlsx']) writeTemp(dir, name, templateWorkbookBytes([validMaRow(1)]));
  const options = { today: '2026-01-05', userId: undefined, userIdGiven: undefined, profiles: undefined, failOn: 'error' as const };

  it.each([2, 3])('fails only the file it held, names why, and checks the rest in order, with %i jobs', async (jobs) => {
    const settled: number[] = [];
    const outcomes: FileOutcome[] = await checkFiles(
      ['a.xlsx', 'crash.xlsx', 'b.xlsx', 'exit.xlsx', 'c.xlsx'],
      dir,
      options,
      jobs,
      (index) => settled.push(index),
      false,
      DYING_WORKER(dir),
    );
    expect(outcomes.map((o) => [o.file, o.kind])).toEqual([
      ['a.xlsx', 'checked'],
      ['crash.xlsx', 'failed'],
      ['b.xlsx', 'checked'],
      ['exit.xlsx', 'failed'],
      ['c.xlsx', 'checked'],
    ]);
    const messages = outcomes.flatMap((o) => (o.kind === 'failed' ? [o.message] : []));
    expect(messages).toEqual([
      'crash.xlsx: could not be checked (out of memory (simulated))',
      'exit.xlsx: could not be checked (its worker thread stopped with exit code 3)',
    ]);
    // Every file is reported once.
    expect([...settled].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
