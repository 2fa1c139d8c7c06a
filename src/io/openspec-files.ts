/** Reading the repository's OpenSpec folder (specs and changes), tolerant of a missing layout. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

export const specsDir = (repoDir: string): string => join(repoDir, 'openspec', 'specs');
export const changesDir = (repoDir: string): string => join(repoDir, 'openspec', 'changes');
export const changeDir = (repoDir: string, changeId: string): string => join(changesDir(repoDir), changeId);
