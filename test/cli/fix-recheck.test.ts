import { strToU8, unzipSync, zipSync } from 'fflate';
import { readdirSync } from 'node:fs';
import type * as CellPatcher from '../../src/files/cell-patcher';
import { runCliCaptured } from '../support/run-cli';
import { reencodeParts } from '../support/reencode-parts';
import { validMaRow } from '../support/sheet-builder';
import { tempDir, templateWorkbookBytes, writeTemp } from '../support/template-files';

/**
 * The re-check after `fix` reads the output as other consumers do. Here the patcher is made to
 * repeat an old mistake (a UTF-16 worksheet rewritten as UTF-8 bytes that still declare UTF-16):
 * the re-check must refuse the copy, and nothing may be left at --out.
 */
jest.mock('../../src/files/cell-patcher', () => {
  const actual = jest.requireActual<typeof CellPatcher>('../../src/files/cell-patcher');
  return {
    ...actual,
    patchWorkbook: (...args: Parameters<typeof actual.patchWorkbook>) => {
      const outcome = actual.patchWorkbook(...args);
      const files = unzipSync(outcome.bytes);
      for (const name of outcome.changedParts) {
        const text = new TextDecoder(files[name]![0] === 0xfe ? 'utf-16be' : 'utf-16le').decode(files[name]);
        files[name] = strToU8(text.replace(/^\uFEFF/, ''));
      }
      return { ...outcome, bytes: zipSync(files) };
    },
  };
});

describe('fix re-checks the written copy', () => {
  it('refuses a copy whose declared encoding does not match its bytes, and writes nothing', async () => {
    const dir = tempDir();
    const rows = [validMaRow(0), { ...validMaRow(1), chfId: '00124b0000030001' }];
    writeTemp(dir, 'utf16.xlsx', reencodeParts(templateWorkbookBytes(rows), 'utf-16le-bom'));
    const run = await runCliCaptured(['fix', 'utf16.xlsx', '--out', 'fixed.xlsx', '--today', '2026-01-05'], dir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'mam-prep: the fixed copy failed its re-check, so nothing was written: fixed.xlsx: not a valid workbook: part xl/worksheets/sheet2.xml declares encoding "utf-16" but its bytes are UTF-8 (8-bit) text\n',
    });
    expect(readdirSync(dir)).toEqual(['utf16.xlsx']);
  });
});
