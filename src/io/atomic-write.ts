/**
 * Atomic file writes for activities: write a temp file beside the target, then rename, so a
 * crash or retry never leaves a half-written artifact. Returns what workflow history may hold.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { FileRef } from '../domain/context/types.js';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<FileRef> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  return { path, sha256: sha256(data), bytes };
}

/** Writes JSON (stable two-space layout) atomically. */
export const writeJsonAtomic = (path: string, value: unknown): Promise<FileRef> =>
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');

/**
 * Writes several files all-or-nothing as far as the file system allows: everything is rendered
 * by the caller first, then each file goes through temp + rename.
 */
export async function writeFilesAtomic(files: Array<{ path: string; data: string | Uint8Array }>): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  for (const f of files) refs.push(await writeFileAtomic(f.path, f.data));
  return refs;
}

/** Reads a file referenced by a FileRef and checks its digest, so a stale or edited file is caught. */
export async function readVerified(ref: { path: string; sha256: string }): Promise<string> {
  const data = await readFile(ref.path, 'utf8');
  const actual = sha256(data);
  if (actual !== ref.sha256) {
    throw new Error(`${ref.path} changed since it was written (sha256 ${actual.slice(0, 12)} != ${ref.sha256.slice(0, 12)})`);
  }
  return data;
}

export const repoRelative = (repoDir: string, ref: FileRef): FileRef => ({ ...ref, path: relative(repoDir, ref.path) });
