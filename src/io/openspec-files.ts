/**
 * Reading and writing the repository's OpenSpec folder (specs and changes), tolerant of a missing
 * layout and confined to the repository: links that lead out of it, FIFOs and devices are never
 * read, and a change folder is written only where no folder on the way leaves the repository.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { badInput } from '../errors.js';
import { anyEntry, assertWritableFolder, entryOf, readRepoText, repoSubfolders } from './repo-paths.js';

export const OPENSPEC_DIR = 'openspec';
export const SPECS_REL = `${OPENSPEC_DIR}/specs`;
export const CHANGES_REL = `${OPENSPEC_DIR}/changes`;
/** OpenSpec keeps archived changes here; it is never a change id. */
export const ARCHIVE_FOLDER = 'archive';

export const specsDir = (repoDir: string): string => join(repoDir, SPECS_REL);
export const changesDir = (repoDir: string): string => join(repoDir, CHANGES_REL);
export const changeDir = (repoDir: string, changeId: string): string => join(changesDir(repoDir), changeId);
export const changeRel = (changeId: string): string => `${CHANGES_REL}/${changeId}`;

const listNames = (abs: string): string[] => {
  try {
    return readdirSync(abs);
  } catch {
    return [];
  }
};

/** Sub-folders of a repository-relative folder (hidden ones left out), sorted. */
export async function subfolders(repoDir: string, rel: string): Promise<string[]> {
  return repoSubfolders(repoDir, rel, listNames);
}

/** A repository-relative text file, or undefined when it is missing or may not be read. */
export async function readOptional(repoDir: string, rel: string): Promise<string | undefined> {
  return readRepoText(repoDir, rel);
}

/** Why the OpenSpec folders cannot be read, when a link takes them out of the repository. */
export function openspecReadProblems(repoDir: string): string[] {
  const problems: string[] = [];
  for (const rel of [OPENSPEC_DIR, SPECS_REL, CHANGES_REL]) {
    const entry = entryOf(repoDir, rel);
    if (entry.kind === 'outside') problems.push(`${rel} is a symbolic link to ${entry.target}, outside the repository: not read`);
    if (entry.kind === 'outside') break;
  }
  return problems;
}

/**
 * Checks that the change folder can be written inside the repository: `openspec/`,
 * `openspec/changes/` and the change folder are real folders (or links that stay inside), never
 * links out of the repository, and the id is not OpenSpec's archive folder.
 */
export function assertChangeFolderWritable(repoDir: string, changeId: string): void {
  if (changeId === ARCHIVE_FOLDER) {
    throw badInput(`'${ARCHIVE_FOLDER}' cannot be a change id: OpenSpec keeps archived changes in openspec/changes/${ARCHIVE_FOLDER}/`, 'pick another --change-id');
  }
  // openspec/ and openspec/changes/ may be links inside the repository (a monorepo's shared
  // folder); the change folder and everything below it are real folders.
  assertWritableFolder(repoDir, changeRel(changeId), { linkedFolders: 2 });
}

/** True when anything (folder, file, link, dangling link) already sits at the change id's place. */
export const changeIdTaken = (repoDir: string, changeId: string): boolean => anyEntry(repoDir, changeRel(changeId));

/** Every name under openspec/changes/ (folders, files and links alike) and the ids of archived changes. */
export function existingChangeIds(repoDir: string): string[] {
  if (entryOf(repoDir, CHANGES_REL).kind !== 'dir') return [];
  const ids = listNames(changesDir(repoDir)).filter((n) => n !== ARCHIVE_FOLDER && !n.startsWith('.'));
  // Archived folders are named <date>-<id>; the id part must stay unique too.
  for (const name of repoSubfolders(repoDir, `${CHANGES_REL}/${ARCHIVE_FOLDER}`, listNames)) ids.push(name.replace(/^\d{4}-\d{2}-\d{2}-/, ''));
  ids.push(ARCHIVE_FOLDER);
  return ids;
}
