/**
 * The compact view of the repository model that enters workflow history and the status: counts,
 * the top entities with their field names, routes, pages, migration tools and test runners.
 *
 * Pure module.
 */
import type { FileRole, ModelSummary, RepositoryModel } from './types.js';

export const MODEL_SUMMARY_LIMITS = { entities: 24, fieldsPerEntity: 16, routes: 48, pages: 24, tests: 8, collects: 4 } as const;

export function summarizeModel(model: RepositoryModel, parsed: number): ModelSummary {
  const L = MODEL_SUMMARY_LIMITS;
  const roles: Partial<Record<FileRole, number>> = {};
  for (const r of Object.values(model.roles)) roles[r] = (roles[r] ?? 0) + 1;
  return {
    files: model.files,
    parsed,
    entities: model.entities.slice(0, L.entities).map((e) => ({ name: e.name, ...(e.table ? { table: e.table } : {}), file: e.file, fields: e.fields.slice(0, L.fieldsPerEntity).map((f) => f.name) })),
    entitiesTotal: model.entities.length,
    routes: model.routes.slice(0, L.routes).map((r) => `${r.method} ${r.path}`),
    routesTotal: model.routes.length,
    pages: model.pages.filter((p) => p.framework !== 'template').slice(0, L.pages).map((p) => p.path),
    pagesTotal: model.pages.length,
    migrations: model.migrations.map((m) => ({ tool: m.tool, dir: m.dir, next: m.next })),
    tests: model.tests.slice(0, L.tests).map((t) => ({ runner: t.runner, root: t.root, collects: t.collects.slice(0, L.collects), command: t.command })),
    conventions: model.conventions,
    roles,
    edges: model.graph.edges.length,
  };
}
