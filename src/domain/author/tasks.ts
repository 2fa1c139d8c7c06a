/**
 * Tasks per boundary: contracts first, then per touched boundary a test task before the code (or
 * docs) task and a checkpoint, then integration. Each task cites scenarios, decisions and real
 * files. Numbering comes from the shared task grouping.
 *
 * Pure module.
 */
import { CONTRACT_FILES, contractsDir } from '../contracts/manifest.js';
import type { Task } from '../draft.js';
import { CONTRACTS_GROUP, INTEGRATION_GROUP, numberTasks } from '../plan/task-groups.js';
import { decisionsFor, type DecisionSet, type DesignFacts } from './decisions.js';
import type { ScenarioKind } from './requirements.js';

type NewTask = Omit<Task, 'id'>;

/**
 * The scenarios a boundary's tasks cite: those of its kind (API and general behaviour on the
 * backend, UI on the frontend, persistence on the data boundary), taking over the kinds no touched
 * boundary owns. Scenarios without a kind concern every boundary; integration cites them all.
 */
function scenariosOf(kind: string, refs: readonly string[], kinds: Readonly<Record<string, ScenarioKind>>, touchedKinds: ReadonlySet<string>): string[] {
  const wanted = new Set<ScenarioKind>();
  const owner = (k: ScenarioKind): string => ({ api: 'backend', general: 'backend', ui: 'frontend', data: 'data', docs: 'docs' })[k];
  for (const k of ['api', 'general', 'ui', 'data', 'docs'] as const) {
    const o = owner(k);
    if (o === kind) wanted.add(k);
    else if (!touchedKinds.has(o)) {
      // Nobody owns it: the backend takes behaviour and data, anyone else takes what is left.
      if (kind === 'backend' || (!touchedKinds.has('backend') && (k !== 'data' || !touchedKinds.has('data')))) wanted.add(k);
    }
  }
  const mine = refs.filter((r) => {
    const k = Object.hasOwn(kinds, r) ? kinds[r] : undefined;
    return k === undefined || wanted.has(k);
  });
  return mine.length > 0 ? mine : [...refs];
}

export function buildTasks(f: DesignFacts, refs: readonly string[], d: DecisionSet, capabilityNames: readonly string[], kinds: Readonly<Record<string, ScenarioKind>> = {}): Task[] {
  const touchedKinds = new Set<string>(f.touched.map((t) => t.boundary.kind));
  const tasks: NewTask[] = [];
  const caps = capabilityNames.join(', ');
  // Same paths the contracts generator writes (one source: contracts/manifest.ts).
  const dir = contractsDir(f.changeId);
  const contractFiles = [
    ...(f.operations.length > 0 ? [`${dir}/${CONTRACT_FILES.openapi}`] : []),
    ...(f.entities.length > 0 ? [`${dir}/${CONTRACT_FILES.sql}`] : []),
    ...(f.events.length > 0 ? [`${dir}/${CONTRACT_FILES.eventsDir}/`] : []),
  ];
  if (contractFiles.length > 0) {
    const what = [
      ...f.operations.map((o) => `${o.method} ${o.path}`),
      ...f.entities.map((e) => `table ${e.table}`),
      ...f.events.map((e) => `event ${e.name}`),
    ].join(', ');
    tasks.push({ title: `Define the contracts for ${what}`, kind: 'contract', boundary: CONTRACTS_GROUP, files: contractFiles, scenarios: [...refs], decisions: decisionsFor(d, CONTRACTS_GROUP) });
    const checks = [
      ...(f.operations.length > 0 ? ['the OpenAPI document validates and its mock starts'] : []),
      ...(f.entities.length > 0 ? ['the SQL schema applies'] : []),
      ...(f.events.length > 0 ? ['the event schemas validate'] : []),
    ];
    tasks.push({ title: `Checkpoint: ${checks.join(', ')}`, kind: 'checkpoint', boundary: CONTRACTS_GROUP, files: contractFiles, scenarios: [], decisions: [] });
  }
  for (const t of f.touched) {
    const id = t.boundary.id;
    const isDocs = t.boundary.kind === 'docs';
    const decisions = decisionsFor(d, t.boundary.kind);
    const cited = scenariosOf(t.boundary.kind, refs, kinds, touchedKinds);
    const isData = t.boundary.kind === 'data' && (f.signals.data || f.entities.length > 0);
    if (!isDocs) {
      tasks.push({ title: `Write failing tests for the ${caps} scenarios in ${id}`, kind: 'test', boundary: id, files: t.testFiles, scenarios: cited, decisions });
    }
    tasks.push({
      title: isDocs
        ? `Update the documentation for ${caps}`
        : isData
          ? `Add a migration (with its down step) and the data access for ${caps} in ${id} until the new tests pass`
          : `Implement ${caps} in ${id} until the new tests pass`,
      kind: isDocs ? 'docs' : 'code',
      boundary: id,
      files: t.codeFiles,
      scenarios: cited,
      decisions,
    });
    const check = t.boundary.testCommand ? `run \`${t.boundary.testCommand}\`; all ${id} tests pass` : isDocs ? 'the documentation builds and its links resolve' : `all ${id} tests pass`;
    tasks.push({ title: `Checkpoint: ${check}`, kind: 'checkpoint', boundary: id, files: [], scenarios: [], decisions: [] });
  }
  if (f.touched.length === 0 && !f.docsOnly) {
    // No boundary was found (e.g. an empty repository): the work is still planned, without
    // invented file paths.
    const decisions = decisionsFor(d, INTEGRATION_GROUP);
    tasks.push({ title: `Write failing tests for the ${caps} scenarios`, kind: 'test', boundary: INTEGRATION_GROUP, files: [], scenarios: [...refs], decisions });
    tasks.push({ title: `Implement ${caps} until the new tests pass`, kind: 'code', boundary: INTEGRATION_GROUP, files: [], scenarios: [...refs], decisions });
  }
  f.feedback.forEach((comment, i) => {
    tasks.push({ title: `Address review feedback (revision ${f.revision}): ${comment}`, kind: 'code', boundary: INTEGRATION_GROUP, files: [], scenarios: [], decisions: d.topics.revision[i] ? [d.topics.revision[i]!] : [] });
  });
  if (!f.docsOnly) {
    tasks.push({ title: 'Verify every scenario end to end across the changed boundaries', kind: 'test', boundary: INTEGRATION_GROUP, files: [], scenarios: [...refs], decisions: decisionsFor(d, INTEGRATION_GROUP) });
  }
  tasks.push({ title: `Checkpoint: \`openspec validate ${f.changeId} --strict\` and every package's tests pass`, kind: 'checkpoint', boundary: INTEGRATION_GROUP, files: [], scenarios: [], decisions: [] });
  const boundaries = f.touched.map((t) => t.boundary);
  return numberTasks({ boundaries, tasks: tasks.map((t) => ({ ...t, id: '0.0' })) });
}
