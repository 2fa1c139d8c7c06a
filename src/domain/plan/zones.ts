/**
 * Zones: the write areas that become implementation packages.
 *
 * A zone is one repository boundary, or several boundaries merged because their globs overlap
 * (two agents writing the same files cannot run at once, so one agent gets both). Globs come only
 * from the gathered context: a draft may name boundaries, but folders it invents are dropped.
 */
import type { BoundaryKind, PlanDraft, Task } from '../draft.js';
import type { BoundaryInfo, ContextSummary } from '../context/types.js';
import {
  CONTRACTS_PACKAGE_ID,
  CONTRACTS_TASK_BOUNDARY,
  INTEGRATION_PACKAGE_ID,
  INTEGRATION_TASK_BOUNDARY,
  packageIdFrom,
  WHOLE_CHANGE_PACKAGE_ID,
} from './packaging-defaults.js';
import { firstClash, pathInScope, type GlobClash } from './scope-overlap.js';

export interface ResolvedBoundary {
  id: string;
  kind: BoundaryKind;
  /** Real globs of the repository, as the context reports them. */
  globs: string[];
  testCommand?: string;
  languages: string[];
}

export interface Zone {
  packageId: string;
  /** Sorted by KIND_ORDER, then id. */
  boundaries: ResolvedBoundary[];
}

export interface BoundaryMerge {
  packageId: string;
  boundaries: string[];
  clashes: Array<{ left: string; right: string; clash: GlobClash }>;
}

/**
 * Order of boundaries inside the plan: the data layer first (others read its tables), then the
 * code that serves the API, shared code, infrastructure, the UI, tests and docs.
 */
export const KIND_ORDER: readonly BoundaryKind[] = ['data', 'backend', 'shared', 'infra', 'frontend', 'tests', 'docs', 'other'];

const kindRank = (kind: BoundaryKind): number => KIND_ORDER.indexOf(kind);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const compareBoundaries = (a: ResolvedBoundary, b: ResolvedBoundary): number =>
  kindRank(a.kind) - kindRank(b.kind) || byText(a.id, b.id);

export const zoneGlobs = (zone: Zone): string[] => unique(zone.boundaries.flatMap((b) => b.globs));
export const zoneKinds = (zone: Zone): BoundaryKind[] => unique(zone.boundaries.map((b) => b.kind));
export const zoneHasKind = (zone: Zone, ...kinds: BoundaryKind[]): boolean => zone.boundaries.some((b) => kinds.includes(b.kind));
export const isDocsZone = (zone: Zone): boolean => zone.boundaries.every((b) => b.kind === 'docs');
export const zoneTestCommands = (zone: Zone): string[] =>
  unique(zone.boundaries.flatMap((b) => (b.testCommand ? [b.testCommand] : [])));

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Files the tasks name that `globs` do not already cover, leaving out hub files (they get an owner
 * of their own) and anything under `exclude` (the contracts folder).
 */
export function taskFilesOutside(
  tasks: readonly Task[],
  globs: readonly string[],
  hubFiles: readonly string[],
  exclude: readonly string[],
): string[] {
  return unique(tasks.flatMap((t) => t.files)).filter(
    (f) => !hubFiles.includes(f) && !pathInScope(f, globs) && !pathInScope(f, exclude),
  );
}

/** Boundary ids the draft's tasks name, apart from the two fixed packages. */
export function taskBoundaryIds(draft: PlanDraft): string[] {
  const ids = draft.tasks
    .map((t) => t.boundary)
    .filter((b) => b !== CONTRACTS_TASK_BOUNDARY && b !== INTEGRATION_TASK_BOUNDARY);
  return unique(ids).sort(byText);
}

export interface BoundaryResolution {
  boundaries: ResolvedBoundary[];
  /** Boundary ids named by tasks that match nothing real; their tasks go to wp-integration. */
  unresolved: string[];
  notes: string[];
}

/**
 * Real globs for every boundary the tasks name. The context's boundary of the same id wins;
 * otherwise the draft boundary keeps only globs some context boundary reports; otherwise the
 * single context boundary of the same kind stands in. Anything else is unresolved.
 */
export function resolveBoundaries(draft: PlanDraft, context: ContextSummary): BoundaryResolution {
  const notes: string[] = [];
  const unresolved: string[] = [];
  const boundaries: ResolvedBoundary[] = [];
  const realGlobs = new Map<string, BoundaryInfo>();
  for (const info of context.boundaries) for (const glob of info.globs) if (!realGlobs.has(glob)) realGlobs.set(glob, info);

  for (const id of taskBoundaryIds(draft)) {
    const fromContext = context.boundaries.find((b) => b.id === id);
    if (fromContext) {
      boundaries.push(fromInfo(id, fromContext));
      continue;
    }
    const drafted = draft.boundaries.find((b) => b.id === id);
    const kept = drafted ? drafted.globs.filter((g) => realGlobs.has(g)) : [];
    if (drafted && kept.length > 0) {
      const dropped = drafted.globs.filter((g) => !realGlobs.has(g));
      if (dropped.length > 0) notes.push(`boundary ${id}: dropped globs the repository does not have: ${dropped.join(', ')}`);
      const source = realGlobs.get(kept[0]!)!;
      boundaries.push({ ...fromInfo(id, source), kind: drafted.kind, globs: kept });
      continue;
    }
    const sameKind = drafted ? context.boundaries.filter((b) => b.kind === drafted.kind) : [];
    if (drafted && sameKind.length === 1) {
      const stand = sameKind[0]!;
      notes.push(`boundary ${id}: its globs are not in the repository; using boundary ${stand.id} (${stand.globs.join(', ')}) of the same kind`);
      boundaries.push({ ...fromInfo(id, stand), kind: drafted.kind });
      continue;
    }
    unresolved.push(id);
    notes.push(`boundary ${id}: no real folder found in the repository; its tasks go to the integration package`);
  }
  return { boundaries: boundaries.sort(compareBoundaries), unresolved, notes };
}

function fromInfo(id: string, info: BoundaryInfo): ResolvedBoundary {
  return {
    id,
    kind: info.kind,
    globs: [...info.globs],
    ...(info.testCommand ? { testCommand: info.testCommand } : {}),
    languages: [...info.languages].sort(byText),
  };
}

/**
 * Groups boundaries into zones: two boundaries whose globs overlap in either glob mode end up in
 * the same zone (transitively), because parallel packages must have disjoint write scopes.
 */
export function mergeOverlappingBoundaries(boundaries: readonly ResolvedBoundary[]): { zones: Zone[]; merges: BoundaryMerge[] } {
  const sorted = [...boundaries].sort(compareBoundaries);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const clashes: Array<{ i: number; j: number; clash: GlobClash }> = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const clash = firstClash(sorted[i]!.globs, sorted[j]!.globs);
      if (!clash) continue;
      clashes.push({ i, j, clash });
      const [ri, rj] = [find(i), find(j)];
      if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }
  const groups = new Map<number, number[]>();
  sorted.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const zones: Zone[] = [];
  const merges: BoundaryMerge[] = [];
  const taken = new Set<string>();
  for (const [root, members] of [...groups].sort(([a], [b]) => a - b)) {
    const zone = makeZone(members.map((i) => sorted[i]!), taken);
    zones.push(zone);
    if (members.length > 1) {
      merges.push({
        packageId: zone.packageId,
        boundaries: zone.boundaries.map((b) => b.id),
        clashes: clashes
          .filter(({ i }) => find(i) === root)
          .map(({ i, j, clash }) => ({ left: sorted[i]!.id, right: sorted[j]!.id, clash })),
      });
    }
  }
  return { zones, merges };
}

/**
 * A zone of the given boundaries. Its id must not be one of the fixed packages' (a repository
 * boundary called `contracts`) nor one already `taken` (boundary `a-b` beside merged `a` + `b`).
 */
export function makeZone(boundaries: readonly ResolvedBoundary[], taken: Set<string> = new Set()): Zone {
  const members = [...boundaries].sort(compareBoundaries);
  const parts = members.map((b) => b.id);
  const reserved = (id: string): boolean =>
    taken.has(id) || id === CONTRACTS_PACKAGE_ID || id === INTEGRATION_PACKAGE_ID || id === WHOLE_CHANGE_PACKAGE_ID;
  let packageId = packageIdFrom(parts);
  for (let n = 2; reserved(packageId); n++) packageId = packageIdFrom([...parts, `${n}`]);
  taken.add(packageId);
  return { packageId, boundaries: members };
}
