import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The file `fix` writes: never its input, and written whole or not at all. The bytes go to a new
 * temporary file in the output's folder, which is moved into place only once complete (a rename
 * in one folder is atomic), so a failed or interrupted write leaves no half file and the name's
 * previous content intact. A new inode also means no link to the input can carry the write into it.
 */

/** The file operations the output writer uses; tests inject failures. */
export interface FileOps {
  /** Creates `file` (failing if it exists), writes all of `bytes`, flushes them to disk and closes it. */
  writeNew(file: string, bytes: Uint8Array, mode: number | undefined): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

const errorCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

export const NODE_FILE_OPS: FileOps = {
  async writeNew(file, bytes, mode) {
    const handle = await open(file, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      try {
        await handle.datasync();
      } catch (e) {
        // Some file systems (pipes aside, a few network mounts) cannot flush; the rename still orders the write.
        if (errorCode(e) !== 'EINVAL' && errorCode(e) !== 'ENOTSUP') throw e;
      }
    } finally {
      await handle.close();
    }
  },
  link,
  rename,
  unlink,
};

/** An existing path's identity, or undefined when nothing is there. */
function identity(file: string): { dev: number; ino: number } | undefined {
  try {
    const s = statSync(file);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    // The output usually does not exist yet: compare its resolved path, through its folder's real path.
    try {
      return path.join(realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return p;
    }
  }
}

/**
 * True when both paths name one file: the same path, the same path through symbolic links, or
 * another name of the same file (a hard link), found by device and inode.
 */
export function isSameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b) || realOrResolved(a) === realOrResolved(b)) return true;
  const ia = identity(a);
  const ib = identity(b);
  return ia !== undefined && ib !== undefined && ia.dev === ib.dev && ia.ino === ib.ino;
}

/** The output appeared while `fix` worked and --force was not given. */
export class OutputExistsError extends Error {
  readonly code = 'EEXIST';
}

export interface StagedOutput {
  /** The complete temporary file, for reading back before it is committed. */
  readonly tempPath: string;
  /** Moves the file into place; without `replace`, refuses (OutputExistsError) if `target` exists by now. */
  commit(replace: boolean): Promise<void>;
  /** Removes the temporary file. */
  discard(): Promise<void>;
}

async function removeQuietly(ops: FileOps, file: string): Promise<void> {
  try {
    await ops.unlink(file);
  } catch {
    // Already gone (or never made): nothing is left behind either way.
  }
}

/** Hard links are not everywhere (FAT, some network shares): then a rename after a fresh look. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Writes `bytes` to a temporary file beside `target`. A failure removes the half-written file and
 * is rethrown; `target` is not touched until commit.
 */
export async function stageOutput(target: string, bytes: Uint8Array, ops: FileOps = NODE_FILE_OPS): Promise<StagedOutput> {
  const tempPath = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    // A replaced file keeps its permissions.
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    await ops.writeNew(tempPath, bytes, mode);
  } catch (e) {
    await removeQuietly(ops, tempPath);
    throw e;
  }
  return {
    tempPath,
    async commit(replace: boolean) {
      try {
        if (replace) {
          await ops.rename(tempPath, target);
          return;
        }
        try {
          // link() never replaces: a file that appeared at `target` meanwhile is kept.
          await ops.link(tempPath, target);
        } catch (e) {
          if (errorCode(e) === 'EEXIST') throw new OutputExistsError(`${target} already exists`);
          if (!NO_HARD_LINKS.has(errorCode(e) ?? '')) throw e;
          if (identity(target)) throw new OutputExistsError(`${target} already exists`);
          await ops.rename(tempPath, target);
          return;
        }
        await removeQuietly(ops, tempPath);
      } catch (e) {
        await removeQuietly(ops, tempPath);
        throw e;
      }
    },
    discard: () => removeQuietly(ops, tempPath),
  };
}
