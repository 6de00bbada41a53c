import { chmodSync, existsSync, linkSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { FileOps } from '../../src/cli/output-file';
import { NODE_FILE_OPS, OutputExistsError, isSameFile, stageOutput } from '../../src/cli/output-file';
import { tempDir } from '../support/template-files';

const bytes = Buffer.from('new content '.repeat(1000));
const ioError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: injected`), { code });

/** Writes the first half of the bytes for real, then fails as a full disk does. */
const diskFullMidway: FileOps = {
  ...NODE_FILE_OPS,
  async writeNew(file, data) {
    await writeFile(file, data.subarray(0, data.length >> 1), { flag: 'wx' });
    throw ioError('ENOSPC');
  },
};

/** Only the file names in `dir` (a stray temporary file would show here). */
const namesIn = (dir: string): string[] => readdirSync(dir).sort();

describe('the fix output writer', () => {
  it('leaves no file and no temporary file when the write fails midway', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    await expect(stageOutput(target, bytes, diskFullMidway)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(namesIn(dir)).toEqual([]);
  });

  it('keeps the previous output intact when replacing it fails midway', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    writeFileSync(target, 'previous output');
    await expect(stageOutput(target, bytes, diskFullMidway)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(target, 'utf8')).toBe('previous output');
    expect(namesIn(dir)).toEqual(['out.xlsx']);
  });

  it('keeps the previous output when the final rename fails, and removes the temporary file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    writeFileSync(target, 'previous output');
    const staged = await stageOutput(target, bytes, { ...NODE_FILE_OPS, rename: async () => Promise.reject(ioError('EIO')) });
    expect(readFileSync(staged.tempPath)).toEqual(bytes);
    expect(path.dirname(staged.tempPath)).toBe(dir);
    await expect(staged.commit(true)).rejects.toMatchObject({ code: 'EIO' });
    expect(readFileSync(target, 'utf8')).toBe('previous output');
    expect(namesIn(dir)).toEqual(['out.xlsx']);
  });

  it('writes nothing to the output name until committed', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    const staged = await stageOutput(target, bytes);
    expect(existsSync(target)).toBe(false);
    await staged.commit(false);
    expect(readFileSync(target)).toEqual(bytes);
    expect(namesIn(dir)).toEqual(['out.xlsx']);
  });

  it('discard removes the staged file', async () => {
    const dir = tempDir();
    const staged = await stageOutput(path.join(dir, 'out.xlsx'), bytes);
    await staged.discard();
    expect(namesIn(dir)).toEqual([]);
  });

  it.each([
    ['with hard links', NODE_FILE_OPS],
    ['on a file system without hard links', { ...NODE_FILE_OPS, link: async () => Promise.reject(ioError('EPERM')) }],
  ])('without replace, keeps a file that appeared at the output meanwhile (%s)', async (_label, ops) => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    const staged = await stageOutput(target, bytes, ops);
    writeFileSync(target, 'made meanwhile');
    await expect(staged.commit(false)).rejects.toBeInstanceOf(OutputExistsError);
    expect(readFileSync(target, 'utf8')).toBe('made meanwhile');
    expect(namesIn(dir)).toEqual(['out.xlsx']);
  });

  it('falls back to a rename where hard links are not supported', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    const staged = await stageOutput(target, bytes, { ...NODE_FILE_OPS, link: async () => Promise.reject(ioError('ENOTSUP')) });
    await staged.commit(false);
    expect(readFileSync(target)).toEqual(bytes);
    expect(namesIn(dir)).toEqual(['out.xlsx']);
  });

  it('a replaced file keeps its permissions', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.xlsx');
    writeFileSync(target, 'previous output');
    chmodSync(target, 0o640);
    await (await stageOutput(target, bytes)).commit(true);
    expect(readFileSync(target)).toEqual(bytes);
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('knows a file by its device and inode, not only its path', () => {
    const dir = tempDir();
    const input = path.join(dir, 'input.xlsx');
    writeFileSync(input, 'workbook');
    writeFileSync(path.join(dir, 'other.xlsx'), 'workbook');
    linkSync(input, path.join(dir, 'hard.xlsx'));
    symlinkSync(input, path.join(dir, 'soft.xlsx'));
    expect(isSameFile(input, path.join(dir, 'hard.xlsx'))).toBe(true);
    expect(isSameFile(input, path.join(dir, 'soft.xlsx'))).toBe(true);
    expect(isSameFile(path.join(dir, 'soft.xlsx'), path.join(dir, 'hard.xlsx'))).toBe(true);
    expect(isSameFile(input, path.join(dir, 'sub', '..', 'input.xlsx'))).toBe(true);
    expect(isSameFile(input, path.join(dir, 'other.xlsx'))).toBe(false);
    expect(isSameFile(input, path.join(dir, 'absent.xlsx'))).toBe(false);
  });
});
