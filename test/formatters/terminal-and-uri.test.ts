import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseSarif } from '../support/report-json';
import { runCliCaptured } from '../support/run-cli';
import { TODAY, validMaRow } from '../support/sheet-builder';
import { templateWorkbookBytes } from '../support/template-files';

const dir = mkdtempSync(path.join(tmpdir(), 'mam-prep-formatters-'));

it("text output never passes a cell's control characters to the terminal", async () => {
  writeFileSync(path.join(dir, 'esc.xlsx'), templateWorkbookBytes([{ ...validMaRow(0), groupId: 'A_x001B_]0;pwned_x0007__x001B_[2J' }], { strings: 'inline' }));
  const run = await runCliCaptured(['check', 'esc.xlsx', '--today', TODAY], dir);
  expect(run.stdout).toContain('pwned');
  // eslint-disable-next-line no-control-regex
  expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
});

it('sarif: a # in the file name is percent-encoded, not a fragment', async () => {
  writeFileSync(path.join(dir, 'batch #2.xlsx'), templateWorkbookBytes([validMaRow(0)]));
  const run = await runCliCaptured(['check', 'batch #2.xlsx', '--format', 'sarif', '--today', TODAY], dir);
  const uri = parseSarif(run.stdout).runs[0]!.artifacts[0]!.location.uri;
  expect(uri).toBe('batch%20%232.xlsx');
});
