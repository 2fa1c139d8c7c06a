/**
 * contracts/README.md: what each file is, how to run the mock, and why the OpenAPI document is
 * minimal when the change has no API. Pure module.
 */
import type { PlanDraft } from '../draft.js';
import { contractFileNames, CONTRACT_FILES, contractsDir, PRISM_PORT, prismCommand } from './manifest.js';
import { eventClassName, eventFileName } from './names.js';
import { hasModels } from './pydantic.js';

/** How the error responses are described, per the repository's error style. */
const ERROR_WORDS: Readonly<Record<string, string>> = {
  problem: 'RFC 7807 problem responses',
  detail: 'error responses as the repository answers them (`{"detail": ...}`)',
  message: 'error responses as the repository answers them (`{"message": ...}`)',
  error: 'error responses as the repository answers them (`{"error": ...}`)',
};

export function renderReadme(draft: PlanDraft, revision?: number): string {
  const base = contractsDir(draft.changeId);
  const openapi = `${base}/${CONTRACT_FILES.openapi}`;
  const lines: string[] = [
    `# Contracts for ${draft.changeId}`,
    '',
    `Generated from the plan draft${revision !== undefined ? ` (plan revision ${revision})` : ''} by parallel-plan; do not edit by hand, change the plan instead.`,
    'Implementation packages build against these files; `wp-contracts` owns this folder.',
    '',
    '## Files',
    '',
    '| File | What it is | Checked with |',
    '| --- | --- | --- |',
    `| \`${CONTRACT_FILES.openapi}\` | OpenAPI 3.1.0 document: operations, request and response schemas with examples, ${ERROR_WORDS[draft.api?.errorShape ?? 'problem']} | @apidevtools/swagger-parser \`validate\`, Prism |`,
  ];
  const files = contractFileNames(draft);
  if (files.includes(CONTRACT_FILES.types)) lines.push(`| \`${CONTRACT_FILES.types}\` | TypeScript types generated from \`openapi/v1.yaml\` by openapi-typescript | \`tsc --noEmit --strict\` |`);
  if (files.includes(CONTRACT_FILES.models)) {
    lines.push(`| \`${CONTRACT_FILES.models}\` | Pydantic v2 models for entities, request bodies${draft.events.length > 0 ? ', events' : ''} and problems; class names equal the OpenAPI schema names | imported by Python; every OpenAPI example validated against its model |`);
  }
  if (draft.entities.length > 0) {
    lines.push(`| \`${CONTRACT_FILES.sql}\` | PostgreSQL DDL: tables in foreign-key order, keys, checks, indexes | applied on a real PostgreSQL, catalog read back |`);
  }
  for (const e of draft.events) {
    lines.push(`| \`${CONTRACT_FILES.eventsDir}/${eventFileName(e)}\` | JSON Schema 2020-12 of event \`${e.name}\` v${e.version} (model \`${eventClassName(e)}\`) | Ajv 2020 + ajv-formats, examples validated |`);
  }
  lines.push('', '## Mock server', '');
  if (draft.operations.length > 0) {
    lines.push(
      'Serve the examples from the repository root with Prism:',
      '',
      '```sh',
      prismCommand(openapi),
      '```',
      '',
      `Then call \`http://127.0.0.1:${PRISM_PORT}\` + a path from \`openapi/v1.yaml\`. Prism validates requests and answers with the documented examples.`,
    );
    if (draft.auth !== 'none' || draft.operations.some((o) => o.auth)) {
      lines.push('Operations marked with security need credentials: Prism checks that they are present, not that they are valid.');
    }
  } else {
    lines.push('None: the change has no HTTP operations (see below).');
  }
  if (draft.operations.length === 0) {
    lines.push(
      '',
      '## Why openapi/v1.yaml is minimal',
      '',
      'This change adds no HTTP API. The work-packages format requires an OpenAPI document for every change,',
      'so `openapi/v1.yaml` holds only `info` and empty `paths`: it is valid, and it states that the change has',
      'no endpoints rather than leaving readers to wonder whether one was forgotten.',
    );
  }
  return `${lines.join('\n')}\n`;
}
