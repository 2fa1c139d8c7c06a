/**
 * Every contract that can be rendered without an external tool, in memory, keyed by its path
 * inside the contracts folder. `generated/types.ts` is added by the activity (openapi-typescript
 * is a Node tool). Pure module.
 */
import type { PlanDraft } from '../draft.js';
import { renderEventSchemas } from './events.js';
import { CONTRACT_FILES } from './manifest.js';
import { buildOpenApi, renderOpenApiYaml, type OpenApiDocument } from './openapi.js';
import { hasModels, renderPydantic } from './pydantic.js';
import { renderReadme } from './readme.js';
import { renderSql } from './sql.js';

export interface RenderedFile {
  /** Relative to the contracts folder. */
  path: string;
  content: string;
}

export interface RenderedContracts {
  openapi: OpenApiDocument;
  files: RenderedFile[];
}

/** `revision` only appears in README.md, so the contracts themselves do not churn between revisions. */
export function renderContracts(draft: PlanDraft, revision?: number): RenderedContracts {
  const openapi = buildOpenApi(draft);
  const files: RenderedFile[] = [
    { path: CONTRACT_FILES.readme, content: renderReadme(draft, revision) },
    { path: CONTRACT_FILES.openapi, content: renderOpenApiYaml(openapi) },
  ];
  if (hasModels(draft)) files.push({ path: CONTRACT_FILES.models, content: renderPydantic(draft) });
  if (draft.entities.length > 0) files.push({ path: CONTRACT_FILES.sql, content: renderSql(draft) });
  files.push(...renderEventSchemas(draft));
  return { openapi, files };
}
