import type { CliIo } from '../../src/cli/cli-io';
import { progressLine } from '../../src/cli/progress';

function io(errIsTTY: boolean): CliIo & { written: string[] } {
  const written: string[] = [];
  return { written, out: () => undefined, err: (t) => written.push(t), isTTY: false, errIsTTY, env: {}, cwd: '/' };
}

describe('progress on stderr', () => {
  it('stays quiet for the first second, then counts files, and clears its line at the end', () => {
    let now = 0;
    const terminal = io(true);
    const p = progressLine(terminal, 3, () => now);
    now = 400;
    p.settled();
    expect(terminal.written).toEqual([]);
    now = 1500;
    p.settled();
    p.settled();
    p.done();
    expect(terminal.written).toEqual(['\r\x1b[KChecked 2 of 3 files', '\r\x1b[KChecked 3 of 3 files', '\r\x1b[K']);
  });

  it('writes nothing when stderr is not a terminal, however long the batch', () => {
    let now = 0;
    const piped = io(false);
    const p = progressLine(piped, 3, () => now);
    now = 10_000;
    p.settled();
    p.done();
    expect(piped.written).toEqual([]);
  });

  it('writes nothing for a single file', () => {
    let now = 0;
    const terminal = io(true);
    const p = progressLine(terminal, 1, () => now);
    now = 10_000;
    p.settled();
    p.done();
    expect(terminal.written).toEqual([]);
  });
});
