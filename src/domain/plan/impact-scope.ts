/**
 * Write scopes from the impact analysis instead of whole boundary folders: the files the change
 * must and may touch inside a zone, their tests, the new files the plan adds, and a file's folder
 * when that folder is small enough that allowing all of it costs little breadth.
 *
 * Pure module.
 */
import type { ContextSummary } from '../context/types.js';
import type { PlanDraft } from '../draft.js';
import { matchesAnyGlob } from '../repository-model/glob-match.js';
import { newFileGlob } from '../repository-model/migrations.js';
import { roleOfPath } from '../repository-model/file-roles.js';

export { newFileGlob };

/** Tunables of the scope (data, measured by `npm run bench:quality` on the corpus of real changes). */
export type ScopeRules = { files: number; folderFiles: number; folderShare: number; maxShare: number; minFiles: number; capShare: number; lexicalFallback: number };

export const SCOPE_RULES: ScopeRules = {
  /** The best this many impacted files of the whole plan are candidates (each zone takes those inside it). */
  files: 30,
  /** A file's folder is allowed whole (`dir/**`) when it holds at most this many files, subfolders included ... */
  folderFiles: 5,
  /** ... and at most this share of the repository. */
  folderShare: 0.01,
  /**
   * A plan's scopes allow at most this share of the repository's files (and at least `minFiles`,
   * but never more than `capShare` of a small repository: 5 files of a 34-file one would be 15%).
   */
  maxShare: 0.03,
  minFiles: 5,
  capShare: 0.1,
  /** Files of a zone the impact does not reach: its best lexically ranked files, this many. */
  lexicalFallback: 5,
} as const;

const EDITABLE = new Set(['source', 'test', 'config', 'docs', 'template', 'asset', 'other', 'migration']);

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

/** Does the draft change the schema (new entities, or new fields on existing ones)? */
export const changesSchema = (draft: PlanDraft): boolean => draft.entities.length > 0;

/**
 * A repository path as a write glob that matches only that path in both glob modes: `[`, `*` and
 * `?` are wrapped in a one-character class (`app/posts/[id]/page.tsx` -> `app/posts/[[]id]/page.tsx`).
 */
export const literalGlob = (path: string): string => path.replace(/[[*?]/g, (c) => `[${c}]`);

/** How many files a plan's scopes may allow in all (a share of the repository, at least a few). */
export const zoneBudget = (input: { context: ContextSummary }, rules: ScopeRules = SCOPE_RULES): number => {
  const files = input.context.model?.files ?? input.context.filesScanned;
  const budget = Math.max(rules.minFiles, Math.floor(files * rules.maxShare));
  // An unknown size (no files scanned) is not capped.
  return files > 0 ? Math.max(1, Math.min(Math.floor(files * rules.capShare), budget)) : budget;
};

/**
 * The plan's write area from the impact: the best impacted files of the whole plan, a file's
 * small folder where it costs little, under one budget for the whole plan (a share of the
 * repository's files). Zones take the part inside them.
 */
export function planScope(context: ContextSummary, SCOPE = SCOPE_RULES): string[] {
  const impact = context.impact;
  if (!impact) return [];
  const repoFiles = context.model?.files ?? context.filesScanned;
  const ranked = impact.files
    // A generated file is written only as the output of a source the change edits (regenerated).
    .filter((f) => f.level !== 'new' && (EDITABLE.has(f.role) || f.generatedFrom !== undefined) && f.role !== 'migration')
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
    .slice(0, SCOPE.files);
  const budget = zoneBudget({ context }, SCOPE);
  const folderLimit = Math.max(2, Math.min(SCOPE.folderFiles, Math.floor(repoFiles * SCOPE.folderShare)));
  const out: string[] = [];
  const folders: string[] = [];
  let used = 0;
  for (const f of ranked) {
    const dir = dirOf(f.path);
    if (folders.some((d) => f.path.startsWith(`${d}/`))) continue;
    // The root folder is never allowed whole: it is the whole repository.
    const wide = dir !== '' && f.folderFiles !== undefined && f.folderFiles <= folderLimit && used + f.folderFiles <= budget;
    if (wide) {
      folders.push(dir);
      out.push(`${literalGlob(dir)}/**`);
      used += f.folderFiles!;
    } else if (used + 1 <= budget) {
      out.push(literalGlob(f.path));
      used += 1;
    } else break;
  }
  // Files generated from a chosen source are regenerated with it, whatever the budget left.
  const chosen = new Set(out);
  for (const f of impact.files) {
    if (f.generatedFrom && chosen.has(literalGlob(f.generatedFrom)) && !chosen.has(literalGlob(f.path))) {
      out.push(literalGlob(f.path));
      chosen.add(literalGlob(f.path));
    }
  }
  return out.filter((g) => g.endsWith('/**') || !folders.some((d) => g.startsWith(`${d}/`)));
}

/**
 * The plan's write area outside every zone (a root `CHANGELOG.md`, a `conf/` folder no task's
 * boundary covers): no zone package would get it, so the files the change reaches there would be
 * writable by no one. The lead zone takes them (see `leadZoneIndex`).
 */
export function strayScope(allZoneGlobs: readonly string[], area: readonly string[]): string[] {
  return area.filter((g) => !scopeGlobInside(g, allZoneGlobs));
}

/** Does a scope glob (a file, or a folder as `dir/**`) lie inside the given globs? */
const scopeGlobInside = (g: string, globs: readonly string[]): boolean => matchesAnyGlob(g.endsWith('/**') ? `${g.slice(0, -3)}/x` : g, globs);

/**
 * The zone the change lands in most: the one holding the largest share of the impact's score
 * (the first zone when the impact reaches none). It takes the plan's write area outside all zones.
 */
export function leadZoneIndex(zones: ReadonlyArray<readonly string[]>, context: ContextSummary): number {
  const weight = zones.map(() => 0);
  for (const f of context.impact?.files ?? []) {
    if (f.level === 'new') continue;
    const i = zones.findIndex((globs) => matchesAnyGlob(f.path, globs));
    if (i >= 0) weight[i]! += f.score;
  }
  let best = 0;
  weight.forEach((w, i) => { if (w > weight[best]!) best = i; });
  return best;
}

/** New files the impact names inside a zone (a migration when the schema changes, or always for a data zone). */
function newFiles(zoneGlobs: readonly string[], context: ContextSummary, draft: PlanDraft, dataZone: boolean): string[] {
  return (context.impact?.files ?? [])
    .filter((f) => f.level === 'new' && matchesAnyGlob(f.path.replace(/<[a-z]+>/g, 'x'), zoneGlobs))
    .filter((f) => f.when !== 'schema-change' || changesSchema(draft) || dataZone)
    .map((f) => newFileGlob(f.path, draft.changeId));
}

/**
 * The impact-based write scope of a zone, or undefined when the plan has no impact analysis (a
 * plan gathered before the repository model): the plan's write area inside the zone and the new
 * files the zone adds; a zone the impact does not reach gets its best lexically ranked files.
 */
export function impactScope(
  zoneGlobs: readonly string[],
  context: ContextSummary,
  draft: PlanDraft,
  opts: { dataZone?: boolean; strays?: readonly string[]; area?: readonly string[] } = {},
): string[] | undefined {
  if (!context.impact) return undefined;
  const area = opts.area ?? planScope(context);
  let scope = [...area.filter((g) => scopeGlobInside(g, zoneGlobs)), ...(opts.strays ?? [])];
  if (scope.length === 0) {
    // Never migration history, generated, locale or vendored files, whatever their words.
    scope = context.topFiles
      .filter((t) => matchesAnyGlob(t.path, zoneGlobs) && EDITABLE.has(roleOfPath(t.path)) && roleOfPath(t.path) !== 'migration')
      .slice(0, SCOPE_RULES.lexicalFallback)
      .map((t) => literalGlob(t.path));
  }
  const added = newFiles(zoneGlobs, context, draft, opts.dataZone ?? false);
  const all = [...new Set([...scope, ...added])];
  return all.length > 0 ? all : undefined;
}
