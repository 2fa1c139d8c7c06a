/**
 * Hub files: lockfiles, package manifests, barrel `index` files, route and migration registries,
 * `__init__.py`. Nearly every change touches them, so two parallel agents would both edit them.
 * A hub that more than one package needs gets exactly one owner; the others must leave it alone.
 */
import type { Task } from '../draft.js';
import type { BoundaryKind } from '../draft.js';
import { dirName, globRoot, isUnderDir, pathInScope } from './scope-overlap.js';
import { isDocsZone, zoneGlobs, type Zone } from './zones.js';

/**
 * A hub that several packages need, or that one package needs but lies outside its globs (the
 * root manifest of `web/**`): either way exactly one package gets to edit it.
 */
export interface HubAssignment {
  file: string;
  /** Package that holds the file in `locks.files` and may edit it. */
  owner: string;
  /** The other packages that need the file; they list it in `scope.deny`. */
  others: string[];
  /** True when the file lies outside the owner's globs and is added to its write scope. */
  addedToScope: boolean;
}

/**
 * Owner preference for a shared hub: the package that serves the API or owns the data usually
 * adds dependencies, routes and migrations first, so it is the natural editor of shared hubs.
 */
const OWNER_KIND_ORDER: readonly BoundaryKind[] = ['backend', 'data', 'shared', 'infra', 'frontend', 'tests', 'other', 'docs'];

/** Language family a hub belongs to; undefined means any code package may need it. */
const HUB_FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|bun\.lockb?|tsconfig[^/]*\.json|index\.[cm]?[jt]sx?)$/, 'js'],
  [/(^|\/)(pyproject\.toml|setup\.py|setup\.cfg|requirements[^/]*\.txt|poetry\.lock|uv\.lock|Pipfile(\.lock)?|__init__\.py)$/, 'python'],
  [/(^|\/)go\.(mod|sum)$/, 'go'],
  [/(^|\/)Cargo\.(toml|lock)$/, 'rust'],
  [/(^|\/)Gemfile(\.lock)?$/, 'ruby'],
];

const LANGUAGE_FAMILIES: Readonly<Record<string, string>> = {
  typescript: 'js',
  javascript: 'js',
  ts: 'js',
  js: 'js',
  tsx: 'js',
  jsx: 'js',
  vue: 'js',
  svelte: 'js',
  python: 'python',
  py: 'python',
  go: 'go',
  rust: 'rust',
  ruby: 'ruby',
};

function hubFamily(file: string): string | undefined {
  return HUB_FAMILIES.find(([pattern]) => pattern.test(file))?.[1];
}

function speaks(zone: Zone, family: string | undefined): boolean {
  const languages = zone.boundaries.flatMap((b) => b.languages);
  if (family === undefined || languages.length === 0) return true;
  return languages.some((l) => LANGUAGE_FAMILIES[l.toLowerCase()] === family);
}

/**
 * Whether `zone` needs `file`: the file is inside its globs, one of its tasks names it, or it is
 * a hub of the zone's language in a folder that contains the zone's code (the root
 * `package.json` governs `src/server/**`). Docs packages need no hub they do not contain.
 */
export function zoneNeedsHub(zone: Zone, file: string, tasks: readonly Task[]): boolean {
  const globs = zoneGlobs(zone);
  if (pathInScope(file, globs)) return true;
  if (tasks.some((t) => t.files.includes(file))) return true;
  if (isDocsZone(zone) || !speaks(zone, hubFamily(file))) return false;
  const folder = dirName(file);
  return globs.some((glob) => isUnderDir(globRoot(glob), folder));
}

export function assignHubFiles(
  hubFiles: readonly string[],
  zones: readonly Zone[],
  tasksOf: (zone: Zone) => readonly Task[],
): HubAssignment[] {
  const assignments: HubAssignment[] = [];
  for (const file of [...new Set(hubFiles)].sort()) {
    const needing = zones.filter((z) => zoneNeedsHub(z, file, tasksOf(z)));
    const containing = needing.filter((z) => pathInScope(file, zoneGlobs(z)));
    // A hub inside the one package that needs it is simply in its scope: nothing to decide.
    if (needing.length === 0 || (needing.length === 1 && containing.length === 1)) continue;
    const owner = containing.length === 1 ? containing[0]! : preferredOwner(needing);
    assignments.push({
      file,
      owner: owner.packageId,
      others: needing.filter((z) => z !== owner).map((z) => z.packageId),
      addedToScope: containing.length === 0,
    });
  }
  return assignments;
}

function preferredOwner(zones: readonly Zone[]): Zone {
  const rank = (z: Zone): number => Math.min(...z.boundaries.map((b) => OWNER_KIND_ORDER.indexOf(b.kind)));
  // Stable: among equal ranks the earlier zone (plan order) wins.
  return [...zones].sort((a, b) => rank(a) - rank(b))[0]!;
}
