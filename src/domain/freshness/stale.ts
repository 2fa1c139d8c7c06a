/**
 * Is an approved plan still about the code it was made from? The commits since the plan's commit
 * that touch what the plan will write (its packages' write scopes) or the specs it changes make it
 * stale; commits elsewhere, and commits of the change folder itself (people commit their plans),
 * do not. Pure module.
 */
import { globMatches } from '../repository-model/glob-match.js';

export interface StaleCommit {
  sha: string;
  subject: string;
  /** The files of the commit the plan cares about (at most a few). */
  files: string[];
}

export interface Freshness {
  baseCommit: string;
  head?: string;
  stale: boolean;
  /** The plan's commit is not in HEAD's history any more. */
  diverged: boolean;
  commits: StaleCommit[];
}

const MAX_COMMITS = 20;
const MAX_FILES = 5;

export function staleCommits(
  commits: ReadonlyArray<{ sha: string; subject: string; files: readonly string[] }>,
  watched: { writeGlobs: readonly string[]; specFolders: readonly string[]; changeFolder: string },
): StaleCommit[] {
  const touches = (f: string): boolean =>
    !f.startsWith(watched.changeFolder) && (watched.writeGlobs.some((g) => globMatches(g, f)) || watched.specFolders.some((s) => f.startsWith(s)));
  const out: StaleCommit[] = [];
  for (const c of commits) {
    const files = c.files.filter(touches);
    if (files.length > 0) out.push({ sha: c.sha, subject: c.subject, files: files.slice(0, MAX_FILES) });
    if (out.length >= MAX_COMMITS) break;
  }
  return out;
}

/** One line per commit for the refusal: `abc1234 Fix items route (backend/app/api/routes/items.py)`. */
export const staleLines = (f: Freshness): string[] =>
  f.diverged
    ? [`the plan's commit ${f.baseCommit.slice(0, 12)} is no longer in the history of HEAD${f.head ? ` (${f.head.slice(0, 12)})` : ''}`]
    : f.commits.map((c) => `${c.sha.slice(0, 12)} ${c.subject} (${c.files.join(', ')})`);
