/**
 * The repository's file list for context gathering: `git ls-files` (so .gitignore holds),
 * with sizes from lstat. Oversized files and symlinks leaving the repository are dropped and
 * counted; binary files are found later by the readers (NUL byte in the first 8 KB).
 * The list is written once to the run folder and read by every shard, which receives only
 * an index range.
 */
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { gitLsFiles } from '../../adapters/git.js';
import type { FileRef } from '../../domain/context/types.js';
import { readVerified, writeFileAtomic } from '../../io/atomic-write.js';
import { forEachChunk } from './pool.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const SNIFF_BYTES = 8000;

export interface FileList {
  repoDir: string;
  paths: string[];
  sizes: number[];
  /** Listed by git but larger than the limit. */
  oversized: number;
  /** Symlinks whose target leaves the repository (or is not a regular file). */
  outside: number;
  /** Listed by git but gone from the working tree. */
  missing: number;
}

export const skippedOf = (list: Pick<FileList, 'oversized' | 'outside' | 'missing'>): number => list.oversized + list.outside + list.missing;

export async function listRepositoryFiles(
  repoDir: string,
  opts: { maxFileBytes?: number; signal?: AbortSignal } = {},
): Promise<FileList> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const root = await realpath(repoDir);
  const listed = await gitLsFiles(repoDir, opts.signal ? { signal: opts.signal } : {});
  const list: FileList = { repoDir, paths: [], sizes: [], oversized: 0, outside: 0, missing: 0 };
  await forEachChunk(listed, (p) => {
    const size = sizeInside(root, join(repoDir, p));
    if (size === 'missing') list.missing++;
    else if (size === 'outside') list.outside++;
    else if (size > maxBytes) list.oversized++;
    else {
      list.paths.push(p);
      list.sizes.push(size);
    }
  }, opts.signal);
  return list;
}

/**
 * Size of a regular file, following a symlink only when its target stays inside `root`.
 * Synchronous on purpose: for tens of thousands of small files the thread-pool round trips of
 * async fs calls cost several times the work; callers yield between chunks instead.
 */
function sizeInside(root: string, abs: string): number | 'missing' | 'outside' {
  try {
    const st = lstatSync(abs);
    if (st.isFile()) return st.size;
    if (!st.isSymbolicLink()) return 'outside';
    const target = realpathSync(abs);
    if (target !== root && !target.startsWith(root + sep)) return 'outside';
    const tst = statSync(target);
    return tst.isFile() ? tst.size : 'outside';
  } catch {
    return 'missing';
  }
}

export const writeFileList = (path: string, list: FileList): Promise<FileRef> => writeFileAtomic(path, JSON.stringify(list));

/** Parsed lists by digest: the shards of one worker share a single read and parse. */
const cache = new Map<string, Promise<FileList>>();
const CACHE_ENTRIES = 4;

export function readFileList(ref: { path: string; sha256: string }): Promise<FileList> {
  const key = `${ref.path}#${ref.sha256}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = readVerified(ref).then((text) => JSON.parse(text) as FileList);
    hit.catch(() => cache.delete(key));
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit;
}

export type TextRead = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'oversized' } | { kind: 'missing' };

/** Reads a text file; binary (NUL byte in the first 8 KB), oversized and vanished files are reported, not thrown. */
export function readTextFile(abs: string, maxBytes: number): TextRead {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch {
    return { kind: 'missing' };
  }
  if (buf.length > maxBytes) return { kind: 'oversized' };
  if (buf.subarray(0, SNIFF_BYTES).includes(0)) return { kind: 'binary' };
  return { kind: 'text', text: buf.toString('utf8') };
}
