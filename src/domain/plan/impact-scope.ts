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
import type { ImpactedFile } from '../repository-model/types.js';

/** Tunables of the scope (data, measured by `npm run bench:quality`). */
export const SCOPE_RULES = {
  /** A must/may file's folder is allowed whole (`dir/**`) when it holds at most this many files, subfolders included. */
  folderFiles: 10,
  /** ... and only for files at least this share of the best impact score (may files). */
  folderScoreShare: 0.25,
  /** At most this many impacted files per zone. */
  filesPerZone: 40,
  /** Files of a zone the impact does not reach: its best lexically ranked files, this many. */
  lexicalFallback: 5,
} as const;

const EDITABLE = new Set(['source', 'test', 'config', 'docs', 'template', 'asset', 'other', 'migration']);

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

/** `add-item-tags` -> `add_item_tags`: the slug a new migration file is named with. */
const migrationSlug = (changeId: string): string => changeId.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

/** The glob of a new file whose name has placeholders (`<revision>_<name>.py` -> `*_add_item_tags.py`). */
export function newFileGlob(pattern: string, changeId: string): string {
  return pattern.replace(/<name>/g, migrationSlug(changeId)).replace(/<[a-z]+>/g, '*');
}

/** Does the draft change the schema (new entities, or new fields on existing ones)? */
export const changesSchema = (draft: PlanDraft): boolean => draft.entities.length > 0;

/**
 * The impact-based write scope of a zone, or undefined when the impact says nothing about it
 * (a plan gathered before the repository model, or a zone the impact does not reach).
 */
export function impactScope(zoneGlobs: readonly string[], context: ContextSummary, draft: PlanDraft): string[] | undefined {
  const impact = context.impact;
  if (!impact || impact.files.length === 0) return undefined;
  const inside = (f: ImpactedFile) => matchesAnyGlob(f.path, zoneGlobs);
  let existing = impact.files.filter((f) => f.level !== 'new' && EDITABLE.has(f.role) && f.role !== 'migration' && inside(f)).slice(0, SCOPE_RULES.filesPerZone);
  if (existing.length === 0) {
    // A zone the words chose but the impact does not reach: its best lexically ranked files.
    existing = context.topFiles
      .filter((t) => matchesAnyGlob(t.path, zoneGlobs))
      .slice(0, SCOPE_RULES.lexicalFallback)
      .map((t) => ({ path: t.path, level: 'may' as const, score: 0, reason: 'lexical', role: 'source' as const }));
  }
  const best = Math.max(0, ...impact.files.map((f) => f.score));
  const out: string[] = [];
  for (const f of existing) {
    const wide = f.folderFiles !== undefined && f.folderFiles <= SCOPE_RULES.folderFiles && (f.level === 'must' || f.score >= best * SCOPE_RULES.folderScoreShare);
    // The root folder is never allowed whole: it is the whole repository.
    out.push(wide && dirOf(f.path) !== '' ? `${dirOf(f.path)}/**` : f.path);
  }
  for (const f of impact.files) {
    if (f.level !== 'new' || !inside({ ...f, path: f.path.replace(/<[a-z]+>/g, 'x') })) continue;
    if (f.when === 'schema-change' && !changesSchema(draft)) continue;
    out.push(newFileGlob(f.path, draft.changeId));
  }
  const unique = [...new Set(out)];
  // A folder glob already covers the files below it.
  const folders = unique.filter((g) => g.endsWith('/**')).map((g) => g.slice(0, -3));
  const scope = unique.filter((g) => g.endsWith('/**') || !folders.some((d) => g.startsWith(`${d}/`)));
  return scope.length > 0 ? scope : undefined;
}
