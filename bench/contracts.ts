/**
 * Benchmark of step 4 on a 50-operation draft (10 entities with CRUD each, foreign keys in a
 * chain, 5 events): draft check, pure rendering, openapi-typescript, the whole generate
 * activity, then each verification tool on the written contracts. PostgreSQL is a throwaway
 * local server (its start-up is its own row). Returns rows; prints nothing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContractActivities } from '../src/activities/contracts.js';
import { generateTypes } from '../src/adapters/openapi-typescript.js';
import { canStartPostgres, startPostgresServer, urlPostgresProvider, type PostgresProvider } from '../src/adapters/postgres-server.js';
import { checkDraft } from '../src/domain/contracts/check-draft.js';
import { renderContracts } from '../src/domain/contracts/render.js';
import type { PlanDraftInput } from '../src/domain/draft.js';
import { sha256 } from '../src/io/atomic-write.js';
import { timed, type BenchRow } from './measure.js';

const NAMES = ['Account', 'Customer', 'Order', 'Invoice', 'Payment', 'Shipment', 'Parcel', 'Carrier', 'Route', 'Depot'];

/** 10 entities x 5 operations = 50 operations. */
export function benchDraft(): PlanDraftInput {
  const entities = NAMES.map((name, i) => ({
    name,
    table: `${name.toLowerCase()}s`,
    fields: [
      { name: 'code', type: 'string' as const, maxLength: 32, unique: true },
      { name: 'status', type: 'string' as const, enum: ['draft', 'active', 'closed'] },
      { name: 'amount', type: 'decimal' as const, required: false },
      { name: 'contact_email', type: 'email' as const, required: false },
      { name: 'created_at', type: 'datetime' as const },
      ...(i > 0 ? [{ name: `${NAMES[i - 1]?.toLowerCase()}_id`, type: 'uuid' as const, references: NAMES[i - 1] }] : []),
    ],
  }));
  const operations = NAMES.flatMap((name) => {
    const base = `/${name.toLowerCase()}s`;
    const id = [{ name: 'id', in: 'path' as const, type: 'uuid' as const }];
    return [
      { operationId: `list${name}s`, method: 'GET' as const, path: base, summary: `List ${name}s`, responseEntity: name, responseList: true },
      { operationId: `create${name}`, method: 'POST' as const, path: base, summary: `Create a ${name}`, requestEntity: name, responseEntity: name, auth: true },
      { operationId: `get${name}`, method: 'GET' as const, path: `${base}/{id}`, summary: `Get a ${name}`, responseEntity: name, parameters: id },
      { operationId: `update${name}`, method: 'PATCH' as const, path: `${base}/{id}`, summary: `Update a ${name}`, requestEntity: name, responseEntity: name, parameters: id, auth: true },
      { operationId: `delete${name}`, method: 'DELETE' as const, path: `${base}/{id}`, summary: `Delete a ${name}`, parameters: id, auth: true },
    ];
  });
  const events = NAMES.slice(0, 5).map((name) => ({
    name: `${name.toLowerCase()}.changed`,
    description: `A ${name} changed.`,
    fields: [{ name: 'id', type: 'uuid' as const }, { name: 'status', type: 'string' as const, enum: ['draft', 'active', 'closed'] }, { name: 'at', type: 'datetime' as const }],
  }));
  return {
    changeId: 'bench-fifty-operations',
    title: 'Fifty operations',
    request: 'Benchmark',
    why: 'A benchmark draft large enough to show how contract generation and verification scale.',
    whatChanges: ['Add fifty operations'],
    impact: { specs: [], code: [] },
    capabilities: [{ name: 'bench', title: 'Bench', requirements: [{ name: 'Works', text: 'It SHALL work.', scenarios: [{ name: 'ok', when: 'run', then: 'works' }] }] }],
    auth: 'bearer',
    entities,
    operations,
    events,
  };
}

export async function benchContracts(): Promise<BenchRow[]> {
  const rows: Array<{ name: string; ms: number; notes?: string }> = [];
  const input = benchDraft();
  const check = await timed(() => checkDraft(input));
  const draft = check.value.draft;
  if (!draft) throw new Error(`bench draft invalid: ${check.value.issues.map((i) => i.message).join('; ')}`);
  rows.push({ name: 'contracts: check draft (50 operations)', ms: check.ms });
  const render = await timed(() => renderContracts(draft, 1));
  rows.push({ name: 'contracts: render OpenAPI/SQL/Pydantic/events (pure)', ms: render.ms, notes: `${render.value.files.length} files` });
  const types = await timed(() => generateTypes(render.value.openapi));
  rows.push({ name: 'contracts: openapi-typescript', ms: types.ms, notes: `${types.value.length} chars` });

  const repoDir = await mkdtemp(join(tmpdir(), 'pp-bench-contracts-'));
  let stopPostgres: (() => Promise<void>) | undefined;
  try {
    const text = JSON.stringify(input);
    const draftRef = { path: join(repoDir, 'draft.json'), sha256: sha256(text) };
    await writeFile(draftRef.path, text);
    let postgres: PostgresProvider = { acquire: async () => ({ skipped: 'no PostgreSQL binaries' }), close: async () => undefined };
    if (canStartPostgres()) {
      const pg = await timed(() => startPostgresServer());
      stopPostgres = pg.value.stop;
      postgres = urlPostgresProvider(pg.value.url);
      rows.push({ name: 'contracts: start throwaway PostgreSQL', ms: pg.ms });
    }
    const activities = createContractActivities({ postgres });
    const gen = await timed(() => activities.generateContracts({ repoDir, changeId: draft.changeId, draftRef, revision: 1 }));
    rows.push({ name: 'contracts: generateContracts activity (incl. write)', ms: gen.ms, notes: `${gen.value.files.length} files` });
    const verify = await timed(() => activities.verifyContracts({ repoDir, changeId: draft.changeId, draftRef }));
    for (const r of verify.value.results) {
      rows.push({ name: `contracts: verify ${r.tool}`, ms: r.ms, notes: `${r.skipped ? 'skipped' : r.passed ? 'passed' : 'FAILED'}: ${r.messages[0] ?? ''}` });
    }
    rows.push({ name: 'contracts: verifyContracts total', ms: verify.ms, notes: verify.value.passed ? 'all passed' : 'FAILED' });
  } finally {
    await stopPostgres?.();
    await rm(repoDir, { recursive: true, force: true });
  }
  return rows;
}
