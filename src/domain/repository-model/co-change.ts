/**
 * Co-change: which files the repository's own history changes together. A file that changed with
 * the impacted files in most of their commits is likely to change with them again (a config option
 * and its parser, its documentation and its man page; a model and its serializer, its admin and
 * its template), even when no import links them and the request names neither. This is the
 * "evolutionary coupling" of the mining-software-repositories literature (Zimmermann et al., ROSE).
 *
 * Pure module: the commits come from `git log` (adapters/git.ts).
 */

/** The rules of the history reading, as data (measured with `npm run bench:quality`). */
export const CO_CHANGE_RULES = {
  /** Newest commits read. */
  commits: 2000,
  /** Commits touching more files are refactors, renames or formatting: they say nothing about coupling. */
  maxFilesPerCommit: 40,
  /** A partner must have changed with the file at least this often... */
  minTogether: 2,
  /** ...and in at least this share of the file's commits. */
  minConfidence: 0.2,
  /** Partners kept per file, strongest first. */
  partners: 8,
};

export type CoChangeRules = typeof CO_CHANGE_RULES;

/** The commits of the history as file lists, newest first, restricted to files that exist now. */
export interface ChangeHistory {
  commits: string[][];
}

export interface CoChangePartner {
  path: string;
  /** Commits that changed both. */
  together: number;
  /** `together` over the commits that changed the file asked about. */
  confidence: number;
}

/** The history the rules read: files that exist, commits that are not sweeping. */
export function changeHistory(commits: ReadonlyArray<{ files: readonly string[] }>, exists: (path: string) => boolean, rules: CoChangeRules = CO_CHANGE_RULES): ChangeHistory {
  const out: string[][] = [];
  for (const c of commits.slice(0, rules.commits)) {
    if (c.files.length < 2 || c.files.length > rules.maxFilesPerCommit) continue;
    const files = [...new Set(c.files)].filter(exists);
    if (files.length >= 2) out.push(files);
  }
  return { commits: out };
}

/**
 * The files that changed together with each of `files`, strongest first: partners that meet the
 * support and confidence rules, at most `rules.partners` per file.
 */
export function coChangePartners(history: ChangeHistory, files: readonly string[], rules: CoChangeRules = CO_CHANGE_RULES): Map<string, CoChangePartner[]> {
  const wanted = new Set(files);
  const counts = new Map<string, { commits: number; with: Map<string, number> }>();
  for (const commit of history.commits) {
    for (const f of commit) {
      if (!wanted.has(f)) continue;
      let entry = counts.get(f);
      if (!entry) counts.set(f, (entry = { commits: 0, with: new Map() }));
      entry.commits++;
      for (const g of commit) if (g !== f) entry.with.set(g, (entry.with.get(g) ?? 0) + 1);
    }
  }
  const out = new Map<string, CoChangePartner[]>();
  for (const [f, { commits, with: partners }] of counts) {
    const list = [...partners]
      .map(([path, together]) => ({ path, together, confidence: together / commits }))
      .filter((p) => p.together >= rules.minTogether && p.confidence >= rules.minConfidence)
      .sort((a, b) => b.confidence - a.confidence || b.together - a.together || a.path.localeCompare(b.path))
      .slice(0, rules.partners);
    if (list.length > 0) out.set(f, list);
  }
  return out;
}
