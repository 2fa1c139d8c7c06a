/** Small builders for the contract tests: a temporary target repository and a stored draft. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sha256 } from '../../src/io/atomic-write.js';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `pp-${prefix}-`));
}

/** Writes the draft as the scaffold step would, returning its ref. */
export async function storeDraft(runDir: string, draft: unknown): Promise<{ path: string; sha256: string }> {
  const text = JSON.stringify(draft, null, 2);
  const path = join(runDir, `draft-${sha256(text).slice(0, 8)}.json`);
  await writeFile(path, text);
  return { path, sha256: sha256(text) };
}

/** Every file under a folder, relative to it (empty when the folder does not exist). */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)));
  }
  return out.sort();
}

export const removeDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });
