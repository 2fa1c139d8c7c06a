/**
 * Design content that follows from what the plan contains: decisions, approaches, NFRs, risks and
 * the migration plan. Every entry is tied to something present in the draft or the context.
 *
 * Pure module.
 */
import type { ContextSummary } from '../context/types.js';
import type { Approach, Decision, Entity, Event, Nfr, Operation } from '../draft.js';
import type { Signals } from './signals.js';
import type { TouchedBoundary } from './repository.js';

export interface DesignFacts {
  changeId: string;
  revision: number;
  feedback: readonly string[];
  signals: Signals;
  docsOnly: boolean;
  /** Names of existing capabilities whose requirements are MODIFIED. */
  modifiedCapabilities: string[];
  operations: Operation[];
  /** Security scheme of operations marked `auth` (from the brief). */
  auth: 'none' | 'bearer' | 'apiKey' | 'oauth2';
  entities: Entity[];
  events: Event[];
  touched: TouchedBoundary[];
}

export type DecisionTopic = 'general' | 'modify' | 'api' | 'data' | 'events' | 'ui' | 'revision';

/** Decision ids by topic, so each task cites the decisions that bear on its boundary. */
export interface DecisionSet {
  decisions: Decision[];
  topics: Record<DecisionTopic, string[]>;
}

/** Topics that bear on work in a boundary of the given kind (contracts and integration included). */
const TOPICS_BY_KIND: Readonly<Record<string, readonly DecisionTopic[]>> = {
  backend: ['general', 'modify', 'api', 'data', 'events'],
  frontend: ['general', 'modify', 'api', 'ui'],
  data: ['general', 'modify', 'data'],
  docs: ['general'],
  contracts: ['api', 'data', 'events'],
  integration: ['general', 'modify', 'api', 'data', 'events', 'ui'],
};

export function decisionsFor(set: DecisionSet, kind: string): string[] {
  const topics = (Object.hasOwn(TOPICS_BY_KIND, kind) ? TOPICS_BY_KIND[kind] : undefined) ?? TOPICS_BY_KIND.integration!;
  return set.decisions.map((d) => d.id).filter((id) => topics.some((t) => set.topics[t].includes(id)));
}

function list(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

/** "the backend boundary", "the backend, data boundaries" or, without context, "the existing code". */
function where(touched: readonly TouchedBoundary[]): string {
  if (touched.length === 0) return 'the existing code';
  return `the ${touched.map((t) => t.boundary.id).join(', ')} ${touched.length === 1 ? 'boundary' : 'boundaries'}`;
}

export function buildDecisions(f: DesignFacts): DecisionSet {
  const decisions: Decision[] = [];
  const topics: Record<DecisionTopic, string[]> = { general: [], modify: [], api: [], data: [], events: [], ui: [], revision: [] };
  const add = (topic: DecisionTopic, d: Omit<Decision, 'id'>): void => {
    const id = `D${decisions.length + 1}`;
    decisions.push({ id, ...d });
    topics[topic].push(id);
  };
  add(
    'general',
    f.docsOnly
      ? {
          title: 'Update the documentation where readers already look',
          choice: `Extend the existing documentation (${list(f.touched.flatMap((t) => t.codeFiles).slice(0, 3))}) instead of starting a separate guide.`,
          rationale: 'Readers and search already land on these files; one place avoids drift between copies.',
          alternatives: ['A standalone guide in a new location'],
        }
      : {
          title: `Implement inside ${where(f.touched)}`,
          choice: `Change the code where the context found the related behaviour (${list(f.touched.flatMap((t) => t.codeFiles).slice(0, 4))}), following its current patterns.`,
          rationale: 'The smallest change that fits the architecture; existing tests and conventions keep applying.',
          alternatives: ['A separate new module or service for this feature'],
        },
  );
  if (f.modifiedCapabilities.length > 0) {
    add('modify', {
      title: 'Modify existing requirements in place',
      choice: `Rewrite the affected requirements of ${list(f.modifiedCapabilities)} under their exact existing headers (MODIFIED deltas carry the full new text).`,
      rationale: 'Keeps one requirement per behaviour so the archived spec stays readable and traceable.',
      alternatives: ['Add a parallel requirement and leave the old one in place'],
    });
  }
  if (f.operations.length > 0) {
    add('api', {
      title: 'Contract-first API',
      choice: `Define ${f.operations.map((o) => `${o.method} ${o.path}`).join(', ')} in the OpenAPI contract first; handlers, clients and mocks follow it.`,
      rationale: 'Packages can build against the contract and its mock in parallel without waiting for each other.',
      alternatives: ['Write handlers first and document the API afterwards'],
    });
  }
  const secured = f.operations.filter((o) => o.auth);
  if (f.auth !== 'none' && secured.length > 0) {
    add('api', {
      title: `${f.auth === 'apiKey' ? 'API key' : f.auth === 'oauth2' ? 'OAuth2' : 'Bearer token'} authentication`,
      choice: `Require ${f.auth} credentials on ${secured.map((o) => `\`${o.operationId}\``).join(', ')}; requests without valid credentials get 401 and change nothing.`,
      rationale: 'One security scheme declared in the contract keeps handlers, clients and mocks consistent.',
      alternatives: ['Per-handler ad-hoc checks'],
    });
  }
  if (f.entities.length > 0 || f.signals.data) {
    add('data', {
      title: 'Additive, reversible schema migration',
      choice:
        f.entities.length > 0
          ? `Create ${list(f.entities.map((e) => e.table))} in a new migration with a matching down step; no existing column changes type.`
          : 'Make the schema change in a new migration with a matching down step; add columns and tables rather than altering or dropping them.',
      rationale: 'Additive migrations can ship before the code that uses them and roll back cleanly.',
      alternatives: ['Alter existing tables in place'],
    });
  }
  if (f.events.length > 0) {
    add('events', {
      title: 'Versioned event schemas',
      choice: `Publish ${list(f.events.map((e) => `${e.name}.v${e.version}`))} with a JSON Schema per event; consumers ignore unknown fields.`,
      rationale: 'Producers and consumers can evolve independently; a schema catches drift in tests.',
      alternatives: ['Untyped event payloads'],
    });
  }
  if (f.signals.ui && !f.docsOnly) {
    add('ui', {
      title: 'Reuse the existing UI components',
      choice: 'Build the change from the components and styles the frontend already has; new components only where none fits.',
      rationale: 'Keeps the interface consistent and the change reviewable.',
      alternatives: ['A new component set for this feature'],
    });
  }
  for (const comment of f.feedback) {
    add('revision', {
      title: `Revision ${f.revision}: ${comment.length > 70 ? `${comment.slice(0, 67)}...` : comment}`,
      choice: `Address the review comment: ${comment}`,
      rationale: `Requested when revision ${f.revision - 1} was reviewed; revision ${f.revision} records it here and as a task.`,
      alternatives: [],
    });
  }
  return { decisions, topics };
}

export function buildApproaches(f: DesignFacts): Approach[] {
  if (f.docsOnly) {
    return [
      { name: 'Update existing documentation', summary: 'Edit the documents readers already use.', pros: ['One source of truth', 'No new navigation'], cons: ['Existing pages grow longer'], recommended: true },
      { name: 'Standalone guide', summary: 'Write a new, separate guide for this topic.', pros: ['Free structure'], cons: ['Duplicates and drifts from existing docs'], recommended: false },
    ];
  }
  return [
    {
      name: `Extend ${where(f.touched)}`,
      summary: `Implement the change where the context found related code (${where(f.touched)}), following existing patterns.`,
      pros: ['Small, reviewable diff', 'Reuses existing tests and conventions'],
      cons: ['Touches shared files that other changes may also edit'],
      recommended: true,
    },
    {
      name: 'New separate module',
      summary: 'Build the feature as a new module or service behind its own interface.',
      pros: ['Strong isolation from existing code'],
      cons: ['More infrastructure and duplication', 'Longer path to a working feature'],
      recommended: false,
    },
  ];
}

export function buildNfrs(f: DesignFacts): Nfr[] {
  const rows: Nfr[] = [];
  if (f.operations.length > 0) {
    rows.push({ category: 'Performance', requirement: 'New operations respond quickly under normal load', target: 'p95 < 200 ms locally' });
    rows.push({ category: 'Compatibility', requirement: 'Existing API operations keep their contract', target: 'no breaking change in OpenAPI diff' });
  }
  if (f.entities.length > 0 || f.signals.data) rows.push({ category: 'Reliability', requirement: 'Schema migration is reversible', target: 'down migration restores the previous schema' });
  if (f.events.length > 0) rows.push({ category: 'Reliability', requirement: 'Events are delivered at least once', target: 'consumers are idempotent' });
  if (f.signals.ui && !f.docsOnly) rows.push({ category: 'Accessibility', requirement: 'New UI is usable by keyboard and screen reader', target: 'WCAG 2.1 AA' });
  if (f.signals.auth) rows.push({ category: 'Security', requirement: 'Credentials and tokens are never logged', target: 'no secret in logs or errors' });
  if (f.docsOnly) rows.push({ category: 'Accuracy', requirement: 'Documented commands and paths exist', target: 'every command in the docs runs' });
  rows.push({ category: 'Testability', requirement: 'Every scenario is covered by an automated test', target: '100% of scenarios' });
  return rows;
}

export function buildRisks(f: DesignFacts, context: ContextSummary): Array<{ risk: string; mitigation: string }> {
  const risks = context.conflicts.map((c) => ({
    risk: `Overlaps change in flight \`${c.changeId}\` (${c.kind}): ${c.detail}`,
    mitigation: 'Coordinate through lock claims; rebase on that change before merging.',
  }));
  const hubs = context.hubFiles.filter((h) => f.touched.some((t) => t.codeFiles.includes(h)));
  if (hubs.length > 0) risks.push({ risk: `Hub files ${list(hubs)} are edited by many changes`, mitigation: 'Keep edits to these files small and in one package.' });
  if (f.entities.length > 0 || f.signals.data) risks.push({ risk: 'Migration fails on existing data', mitigation: 'Run the migration against a copy of production-like data first.' });
  if (f.modifiedCapabilities.length > 0) risks.push({ risk: 'Clients rely on the behaviour being modified', mitigation: 'Keep a scenario that pins the preserved behaviour.' });
  if (risks.length === 0) risks.push({ risk: 'The change is smaller or larger than the request implies', mitigation: 'Review the scenarios with the requester before implementation.' });
  return risks;
}

export function buildMigration(f: DesignFacts): string[] {
  if (f.entities.length > 0 || f.signals.data) {
    const what = f.entities.length > 0 ? `creating ${list(f.entities.map((e) => e.table))}` : 'for this change';
    return [
      `Apply the migration ${what} before deploying the code that uses it.`,
      'Deploy the code; verify the scenarios in a staging environment.',
      'Rollback: deploy the previous code, then run the down migration.',
    ];
  }
  return ['No data migration is needed; ship as a normal release.', 'Rollback: revert the release.'];
}
