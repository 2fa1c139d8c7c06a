/**
 * Staged revisions: steps 3-5 write a revision's change folder into a stage under the run folder
 * (laid out like the repository: `<stage>/openspec/changes/<id>/`), step 6 validates it there, and
 * only a revision that passed replaces `openspec/changes/<id>/` in the repository. A plan that
 * fails, or a worker that dies half-way, leaves the repository as it was: no partial change folder,
 * and a first revision that never passed leaves the change id free.
 *
 * The stage starts as a copy of the change folder already in the repository (files and folders
 * only, never links), so files someone added there between revisions survive the replacement.
 */
import { copyFile, lstat, mkdir, readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANGES_REL, OPENSPEC_DIR, SPECS_REL, assertChangeFolderWritable, changeDir, changeRel } from './openspec-files.js';
import { assertWritableFolder, entryOf } from './repo-paths.js';

/** Where a step reads and writes a change folder: the repository, or a revision's stage. */
export interface ChangeTarget {
  repoDir: string;
  changeId: string;
  /** The revision's stage; absent in plans recorded before staging (they write in place). */
  stageDir?: string;
}

/** The folder that plays the repository for the change folder's files. */
export const writeRoot = (t: ChangeTarget): string => t.stageDir ?? t.repoDir;
/** The change folder a step writes: `openspec/changes/<id>` below the write root. */
export const targetChangeDir = (t: ChangeTarget): string => changeDir(writeRoot(t), t.changeId);

/** Copies regular files and folders only (links, FIFOs and devices are left out). */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) await copyTree(src, dst);
    else if (e.isFile()) await copyFile(src, dst);
  }
}

/**
 * Starts (or restarts, on a retried attempt) a revision's stage: a fresh copy of the repository's
 * change folder, the repository's specs beside it for `openspec validate`, and OpenSpec's own
 * top-level files (project.md, config). Idempotent.
 */
export async function openStage(t: Required<ChangeTarget>): Promise<void> {
  assertChangeFolderWritable(t.repoDir, t.changeId);
  await rm(t.stageDir, { recursive: true, force: true });
  const staged = targetChangeDir(t);
  const current = entryOf(t.repoDir, changeRel(t.changeId));
  if (current.kind === 'dir') await copyTree(current.abs, staged);
  else await mkdir(staged, { recursive: true });
  const openspec = entryOf(t.repoDir, OPENSPEC_DIR);
  if (openspec.kind !== 'dir') return;
  for (const e of await readdir(openspec.abs, { withFileTypes: true })) {
    if (e.isFile()) await copyFile(join(openspec.abs, e.name), join(t.stageDir, OPENSPEC_DIR, e.name));
  }
  const specs = entryOf(t.repoDir, SPECS_REL);
  if (specs.kind === 'dir') await symlink(specs.abs, join(t.stageDir, SPECS_REL), 'dir');
}

const exists = async (abs: string): Promise<boolean> => lstat(abs).then(() => true, () => false);

/**
 * Replaces the repository's change folder with the stage's, as whole as the file system allows:
 * the stage is copied next to the change folder first (same file system), then two renames swap
 * it in. Safe to repeat after a crash at any point: a lone `.previous` folder means the swap was
 * half done, and the copy is redone.
 */
export async function publishStage(t: Required<ChangeTarget>): Promise<void> {
  assertChangeFolderWritable(t.repoDir, t.changeId);
  assertWritableFolder(t.repoDir, CHANGES_REL, { linkedFolders: 2 });
  await mkdir(join(t.repoDir, CHANGES_REL), { recursive: true });
  const changes = entryOf(t.repoDir, CHANGES_REL);
  if (changes.kind !== 'dir') throw new Error(`${CHANGES_REL} is not a folder inside ${t.repoDir}`);
  const target = join(changes.abs, t.changeId);
  const incoming = join(changes.abs, `.${t.changeId}.incoming`);
  const previous = join(changes.abs, `.${t.changeId}.previous`);
  await rm(incoming, { recursive: true, force: true });
  await copyTree(targetChangeDir(t), incoming);
  if (await exists(target)) {
    await rm(previous, { recursive: true, force: true });
    await rename(target, previous);
  }
  await rename(incoming, target);
  await rm(previous, { recursive: true, force: true });
}
