/**
 * Hub files: files that nearly every change of their area edits (lockfiles, package manifests,
 * barrel index files, route and migration registries, `__init__.py`), so two parallel agents
 * would collide on them.
 *
 * Pure module.
 */
import { baseName, byDepth } from './paths.js';

export type HubKind = 'lockfile' | 'manifest' | 'registry' | 'barrel';

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'poetry.lock',
  'uv.lock', 'Pipfile.lock', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'gradle.lockfile',
]);
const MANIFESTS = new Set([
  'package.json', 'pnpm-workspace.yaml', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'go.mod', 'go.work',
  'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'Gemfile', 'composer.json',
  'requirements.txt', 'tsconfig.json',
]);
const BARREL = /^(index\.(ts|tsx|js|jsx|mjs|cjs)|__init__\.py|mod\.rs|lib\.rs)$/;
/** Route, router, URL and migration registries; app/module wiring. */
const REGISTRY = [
  /(^|\/)(routes?|routers?|controllers|handlers|api)\/(index\.[cm]?[jt]sx?|__init__\.py|mod\.rs)$/,
  /(^|\/)(routes|router|routing|urls)\.(ts|js|mjs|py|go|rb)$/,
  /(^|\/)migrations?\/(index\.[cm]?[jt]s|__init__\.py|env\.py)$/,
  /(^|\/)(alembic\/env\.py|schema\.prisma|db\/schema\.rb)$/,
  /(^|\/)(app\.module\.ts|settings\.py)$/,
];

export function hubKind(path: string): HubKind | undefined {
  const name = baseName(path);
  if (LOCKFILES.has(name)) return 'lockfile';
  if (MANIFESTS.has(name) || /^requirements(-[a-z]+)?\.txt$/.test(name)) return 'manifest';
  if (REGISTRY.some((re) => re.test(path))) return 'registry';
  if (BARREL.test(name)) return 'barrel';
  return undefined;
}

const ORDER: readonly HubKind[] = ['lockfile', 'manifest', 'registry', 'barrel'];

/** Hub files, the most shared first: by kind, then shallow before deep, then by name. */
export function findHubFiles(paths: Iterable<string>): Array<{ path: string; kind: HubKind }> {
  const hubs: Array<{ path: string; kind: HubKind }> = [];
  for (const path of paths) {
    if (path.startsWith('openspec/')) continue;
    const kind = hubKind(path);
    if (kind) hubs.push({ path, kind });
  }
  return hubs.sort(
    (a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || byDepth(a.path, b.path),
  );
}
