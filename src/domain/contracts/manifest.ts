/**
 * Where the contracts live and what the work-packages generator writes into the `contracts`
 * section. One place for every contract path, so generator, verifier and planner agree.
 * Pure module.
 */
import type { PlanDraft } from '../draft.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import { eventFileName } from './names.js';
import { hasModels } from './pydantic.js';

/** Fixed mock port; the verifier picks a free port of its own instead. */
export const PRISM_PORT = 4010;

export const contractsDir = (changeId: string): string => `openspec/changes/${changeId}/contracts`;

/** File names inside the contracts folder. */
export const CONTRACT_FILES = {
  readme: 'README.md',
  openapi: 'openapi/v1.yaml',
  sql: 'schema.sql',
  types: 'generated/types.ts',
  models: 'generated/models.py',
  eventsDir: 'events',
} as const;

/** Contract files a draft produces, relative to the contracts folder, in a stable order. */
export function contractFileNames(draft: PlanDraft): string[] {
  // Generated types only for the languages of the code that uses them (both without a model).
  const languages = draft.api?.languages ?? ['typescript', 'python'];
  const out: string[] = [CONTRACT_FILES.readme, CONTRACT_FILES.openapi];
  if (languages.includes('typescript')) out.push(CONTRACT_FILES.types);
  if (hasModels(draft) && languages.includes('python')) out.push(CONTRACT_FILES.models);
  if (draft.entities.length > 0) out.push(CONTRACT_FILES.sql);
  for (const e of draft.events) out.push(`${CONTRACT_FILES.eventsDir}/${eventFileName(e)}`);
  return out;
}

export interface ContractsManifest {
  /** Repo-relative paths of every generated file. */
  files: string[];
  dirs: { contracts: string; generated: string; events: string };
}

export function contractsManifest(changeId: string, draft: PlanDraft): ContractsManifest {
  const base = contractsDir(changeId);
  return {
    files: contractFileNames(draft).map((f) => `${base}/${f}`),
    dirs: { contracts: base, generated: `${base}/generated`, events: `${base}/${CONTRACT_FILES.eventsDir}` },
  };
}

/** Pinned to the version the verifier uses; `npx prism` alone could fetch an unrelated package. */
export const PRISM_PACKAGE = '@stoplight/prism-cli@5.14.2';

export const prismCommand = (openapiPath: string, port = PRISM_PORT): string =>
  `npx ${PRISM_PACKAGE} mock ${openapiPath} -p ${port} -h 127.0.0.1`;

/** The `contracts` section of work-packages.yaml. */
export function contractsSection(changeId: string, draft: PlanDraft, revision: number): WorkPackagesDoc['contracts'] {
  const base = contractsDir(changeId);
  const primary = `${base}/${CONTRACT_FILES.openapi}`;
  const generated = `${base}/generated`;
  return {
    revision,
    openapi: { primary, files: [primary] },
    ...generatedDirs(draft, generated),
    mocks: {
      prism: {
        // A mock of an empty API serves nothing, so it is only enabled when there are operations.
        enabled: draft.operations.length > 0,
        command: prismCommand(primary),
        base_url: `http://127.0.0.1:${PRISM_PORT}`,
      },
    },
  };
}

function generatedDirs(draft: PlanDraft, dir: string): Pick<WorkPackagesDoc['contracts'], 'generated'> {
  const languages = draft.api?.languages ?? ['typescript', 'python'];
  const generated = {
    ...(languages.includes('python') && hasModels(draft) ? { pydantic_dir: dir } : {}),
    ...(languages.includes('typescript') ? { typescript_dir: dir } : {}),
  };
  return Object.keys(generated).length > 0 ? { generated } : {};
}
