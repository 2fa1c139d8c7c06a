/**
 * The slice of the repository model a plan author needs for one request: the entities it
 * touches with every field, the routes it touches with their handlers, the repository's API
 * conventions, how new migrations and tests are named and run, and the impacted files with the
 * reason for each. The external agent gets it in its prompt, so it plans against the same facts.
 *
 * Pure module.
 */
import type { ApiConventions, Entity, Impact, ImpactedFile, MigrationTool, Page, RepositoryModel, Route, TestRunner } from './types.js';

export interface ModelSlice {
  entities: Array<Pick<Entity, 'name' | 'table' | 'source' | 'file' | 'fields' | 'relations'>>;
  routes: Array<Pick<Route, 'method' | 'path' | 'file' | 'handler' | 'params'>>;
  pages: Array<Pick<Page, 'path' | 'file'>>;
  conventions: ApiConventions;
  migrations: MigrationTool[];
  tests: TestRunner[];
  impact: ImpactedFile[];
  /** How many of each the whole model holds (the slice keeps the relevant ones). */
  totals: { entities: number; routes: number; pages: number };
}

export const SLICE_LIMITS = { entities: 12, routes: 40, pages: 12, impact: 40 } as const;

export function modelSlice(model: RepositoryModel, impact: Impact | undefined): ModelSlice {
  const matchedEntities = new Set(impact?.matched.entities ?? []);
  const fieldOwners = new Set((impact?.matched.fields ?? []).map((f) => f.split('.')[0]!));
  const impactedFiles = new Set((impact?.files ?? []).filter((f) => f.level === 'must').map((f) => f.path));
  const entities = model.entities
    .filter((e) => matchedEntities.has(e.name) || fieldOwners.has(e.name) || impactedFiles.has(e.file))
    .slice(0, SLICE_LIMITS.entities);
  // Entities the touched ones relate to come along, by name only if there is room.
  for (const e of [...entities]) {
    for (const r of e.relations) {
      const target = model.entities.find((x) => x.name === r.target);
      if (target && !entities.includes(target) && entities.length < SLICE_LIMITS.entities) entities.push(target);
    }
  }
  const matchedRoutes = new Set(impact?.matched.routes ?? []);
  const routes = model.routes.filter((r) => matchedRoutes.has(`${r.method} ${r.path}`) || impactedFiles.has(r.file)).slice(0, SLICE_LIMITS.routes);
  const matchedPages = new Set(impact?.matched.pages ?? []);
  const pages = model.pages.filter((p) => p.framework !== 'template' && (matchedPages.has(p.path) || impactedFiles.has(p.file))).slice(0, SLICE_LIMITS.pages);
  return {
    entities: entities.map(({ name, table, source, file, fields, relations }) => ({ name, ...(table ? { table } : {}), source, file, fields, relations })),
    routes: routes.map(({ method, path, file, handler, params }) => ({ method, path, file, ...(handler ? { handler } : {}), ...(params ? { params } : {}) })),
    pages: pages.map(({ path, file }) => ({ path, file })),
    conventions: model.conventions,
    migrations: model.migrations,
    tests: model.tests,
    impact: (impact?.files ?? []).slice(0, SLICE_LIMITS.impact),
    totals: { entities: model.entities.length, routes: model.routes.length, pages: model.pages.filter((p) => p.framework !== 'template').length },
  };
}
