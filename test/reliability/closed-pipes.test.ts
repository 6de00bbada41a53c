import { spawn } from 'node:child_process';
import { builtCliBin } from '../support/built-cli';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

/**
 * `mam-prep check big.xlsx | head -1` closes stdout while the report is being written. The CLI must
 * end quietly with its own exit code, never with an EPIPE stack trace; the same when stderr is the
 * stream that has gone. The CLI runs as its own process (the build Jest's globalSetup made once), with
 * real pipes that the test closes.
 */
const BIN = builtCliBin();
const dir = tempDir('mam-prep-pipes-');

// Some 2,000 findings: far more than a pipe's buffer holds, in every format.
writeTemp(
  dir,
  'many-findings.xlsm',
  templateWorkbookBytes(Array.from({ length: 1000 }, (_v, i) => ({ ...validMaRow(i), mpan: '1200080636089', chfId: '00124b0000030001' }))),
);

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdoutBytes: number;
  readonly stderr: string;
}

/** Runs the CLI; closes stdout after its first output, or stderr before it writes anything. */
function runClosing(close: 'stdout' | 'stderr', args: readonly string[]): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdoutBytes = 0;
  let stderr = '';
  if (close === 'stdout') {
    child.stdout.once('data', (d: Buffer) => {
      stdoutBytes += d.length;
      child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  } else {
    child.stderr.destroy();
    child.stdout.on('data', (d: Buffer) => (stdoutBytes += d.length));
  }
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdoutBytes, stderr })));
}

describe('a closed output stream ends the CLI quietly', () => {
  it.each(['text', 'json', 'sarif'])(
    '%s report into a pipe closed after its first line: exit 1, nothing on stderr',
    async (format) => {
      const ended = await runClosing('stdout', ['check', 'many-findings.xlsm', '--format', format, '--today', '2026-01-05']);
      expect(ended).toMatchObject({ code: 1, signal: null, stderr: '' });
      expect(ended.stdoutBytes).toBeGreaterThan(0);
    },
    60_000,
  );

  it('an unreadable file with stderr closed: exit 2, the report still on stdout', async () => {
    const ended = await runClosing('stderr', ['check', 'missing.xlsx', 'many-findings.xlsm', '--format', 'json', '--today', '2026-01-05']);
    expect(ended).toMatchObject({ code: 2, signal: null });
    expect(ended.stdoutBytes).toBeGreaterThan(100_000);
  }, 60_000);
});
