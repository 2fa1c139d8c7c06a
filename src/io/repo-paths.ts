/**
 * Paths inside a repository the project does not own. A committed symlink may point anywhere
 * (another user's files, a FIFO, /dev/zero), so everything parallel-plan reads from or writes to a
 * target repository goes through these checks: reads follow a link only when it stays inside the
 * repository and ends at a regular file; writes refuse a folder on the way that is a link leading
 * out of the repository, or that is not a folder at all.
 */
import { lstatSync, openSync, readSync, closeSync, realpathSync, statSync, constants, fstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { badInput } from '../errors.js';

/** True when `abs` (already resolved) is `root` or below it. */
export const isWithin = (root: string, abs: string): boolean => abs === root || abs.startsWith(root.endsWith(sep) ? root : root + sep);

function realRoot(repoDir: string): string {
  return realpathSync(repoDir);
}

export type Entry =
  | { kind: 'missing' }
  | { kind: 'file'; abs: string; size: number }
  | { kind: 'dir'; abs: string }
  /** A symlink whose target leaves the repository (or cannot be resolved). */
  | { kind: 'outside'; target: string }
  /** A FIFO, socket or device: never opened. */
  | { kind: 'special' };

/** What `rel` is inside the repository, following symlinks only while they stay inside it. */
export function entryOf(repoDir: string, rel: string): Entry {
  const root = realRoot(repoDir);
  const abs = join(root, rel);
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return { kind: 'missing' };
  }
  let target = abs;
  if (st.isSymbolicLink()) {
    try {
      target = realpathSync(abs);
    } catch {
      return { kind: 'outside', target: '(dangling link)' };
    }
    if (!isWithin(root, target)) return { kind: 'outside', target };
    st = statSync(target);
  } else {
    // A folder on the way may itself be a link: resolve the whole path.
    try {
      target = realpathSync(abs);
    } catch {
      return { kind: 'missing' };
    }
    if (!isWithin(root, target)) return { kind: 'outside', target };
  }
  if (st.isFile()) return { kind: 'file', abs: target, size: st.size };
  if (st.isDirectory()) return { kind: 'dir', abs: target };
  return { kind: 'special' };
}

/**
 * Reads a text file of the repository, or undefined when it is missing, leaves the repository,
 * is not a regular file, or is larger than `maxBytes`. Opened with O_NONBLOCK and checked again
 * after opening, so a FIFO swapped in between the checks cannot hang the reader.
 */
export function readRepoText(repoDir: string, rel: string, maxBytes = 4 * 1024 * 1024): string | undefined {
  const entry = entryOf(repoDir, rel);
  if (entry.kind !== 'file' || entry.size > maxBytes) return undefined;
  let fd: number;
  try {
    fd = openSync(entry.abs, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Sub-folders of a repository folder (links that stay inside count), sorted; [] when it is not a folder inside the repository. */
export function repoSubfolders(repoDir: string, rel: string, readdir: (abs: string) => string[]): string[] {
  const entry = entryOf(repoDir, rel);
  if (entry.kind !== 'dir') return [];
  return readdir(entry.abs)
    .filter((name) => !name.startsWith('.') && entryOf(repoDir, join(rel, name)).kind === 'dir')
    .sort();
}

/**
 * Refuses to write below `rel` (a folder path relative to the repository) when a folder on the
 * way, or `rel` itself, is a symlink leading out of the repository, a dangling link, or not a
 * folder. Folders that do not exist yet are fine: the writer creates them. Only the first
 * `linkedFolders` folders of `rel` (default all) may be links at all, even inside the repository:
 * a change folder that is a link to `src/` would write the plan over the code.
 */
export function assertWritableFolder(repoDir: string, rel: string, opts: { linkedFolders?: number } = {}): void {
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  const root = realRoot(repoDir);
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    const abs = join(root, sub);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) {
      const entry = entryOf(repoDir, sub);
      if (opts.linkedFolders !== undefined && i > opts.linkedFolders) {
        const where = entry.kind === 'outside' ? `${entry.target}, outside the repository` : entry.kind === 'dir' ? entry.abs : 'something that is not a folder';
        throw badInput(`${sub} in ${repoDir} is a symbolic link to ${where}: parallel-plan writes a change only into a real folder`, 'remove the link, then plan again');
      }
      if (entry.kind === 'outside') {
        throw badInput(
          `${sub} in ${repoDir} is a symbolic link to ${entry.target}, outside the repository: parallel-plan writes only inside the repository`,
          `replace the link with a real folder (or remove it), then plan again`,
        );
      }
      if (entry.kind !== 'dir') throw badInput(`${sub} in ${repoDir} is a symbolic link to something that is not a folder`, 'replace it with a real folder, or remove it');
      continue;
    }
    if (!st.isDirectory()) {
      throw badInput(`${sub} in ${repoDir} is not a folder`, `move it away: parallel-plan writes its change below ${parts.slice(0, i).join('/')}/`);
    }
  }
}

/** Repository-relative form of an absolute path inside it (forward slashes). */
export const repoRelativePath = (repoDir: string, abs: string): string => relative(realRoot(repoDir), abs).split(sep).join('/');

/** True when `rel` exists in any form (folder, file, link, even a dangling one). */
export function anyEntry(repoDir: string, rel: string): boolean {
  try {
    lstatSync(join(repoDir, rel));
    return true;
  } catch {
    return false;
  }
}
