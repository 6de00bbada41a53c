/** Where the CLI writes and what it knows of its terminal; in-process tests pass a capturing one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Resolves when stdout can take more (its buffer drained, or it closed): a long report waits here
   * instead of queueing all its text in memory. Absent where writes never back up (tests).
   */
  outReady?(): Promise<void>;
  /** True once stdout is closed (the reader went away, as `| head -1` does): nothing more is written. */
  outClosed?(): boolean;
  /** stdout is a terminal (colour allowed). */
  readonly isTTY: boolean;
  /** The terminal's width in characters, when stdout is one. */
  readonly columns?: number;
  /** stderr is a terminal (progress lines allowed). */
  readonly errIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base for relative paths. */
  readonly cwd: string;
}

/**
 * A stream whose reader has gone (EPIPE) or that failed otherwise is marked closed and written no
 * more: the CLI then ends with its own exit code and without a word, instead of dying on an
 * unhandled 'error' event with a stack trace.
 */
function guarded(stream: NodeJS.WriteStream): { write: (text: string) => void; ready: () => Promise<void>; closed: () => boolean } {
  let closed = false;
  stream.on('error', () => {
    closed = true;
  });
  return {
    write: (text) => {
      if (!closed && !stream.destroyed) stream.write(text);
    },
    ready: () => {
      if (closed || stream.destroyed || !stream.writableNeedDrain) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
        stream.on('close', done);
      });
    },
    closed: () => closed || stream.destroyed,
  };
}

export function processIo(): CliIo {
  const stdout = guarded(process.stdout);
  const stderr = guarded(process.stderr);
  return {
    out: stdout.write,
    err: stderr.write,
    outReady: stdout.ready,
    outClosed: stdout.closed,
    isTTY: process.stdout.isTTY === true,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    errIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export const useColour = (io: CliIo): boolean => io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';

/** Width for wrapped text: the terminal's, else 80 (a pipe or file). */
export const outputWidth = (io: CliIo): number => (io.columns && io.columns >= 40 ? io.columns : 80);

/** Text gathered into pieces of about this many characters per write. */
const WRITE_PIECE = 64 * 1024;

/** Writes a report's pieces to stdout as they come, waiting whenever stdout's buffer is full. */
export async function writeChunks(io: CliIo, chunks: Iterable<string>): Promise<void> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length < WRITE_PIECE) continue;
    if (io.outClosed?.()) return;
    io.out(pending);
    pending = '';
    await io.outReady?.();
  }
  if (pending && !io.outClosed?.()) io.out(pending);
}
