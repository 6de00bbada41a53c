/** Where the CLI writes and what it knows of its terminal; in-process tests pass a capturing one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal (colour allowed). */
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base for relative paths. */
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export const useColour = (io: CliIo): boolean => io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
