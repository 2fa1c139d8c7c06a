/**
 * The rule-based author's pure core: request + optional brief + context -> PlanDraft.
 * Deterministic: the same input always gives the same draft (no clock, no randomness).
 */
import type { ApiStyle, Capability, Operation, PlanDraft } from '../draft.js';
import { PlanDraftSchema } from '../draft.js';
import { imperative, nounPhrase, purposeOf, singular, splitClauses } from '../phrases.js';
import { readRequest, sentenceCase } from '../request-text.js';
import { columnChanges } from './columns.js';
import { fitToRepository, repositoryFacts, servedRoutes } from './fit-repository.js';
import { buildApproaches, buildDecisions, buildMigration, buildNfrs, buildRisks, type DesignFacts } from './decisions.js';
import type { AuthorInput } from './input.js';
import { touchedBoundaries, withNamedFiles, type NewArtifact } from './repository.js';
import { capabilitiesFromBrief, capabilitiesFromRequest, DEFAULT_RELEVANCE_THRESHOLD, scenarioRefs } from './requirements.js';
import { detectSignals, inferEntities, inferEvents, inferOperationsDetailed, isDocsOnly, type InferredOperation } from './signals.js';
import { titleCase } from '../naming.js';
import { buildTasks } from './tasks.js';

export interface RuleBasedOptions {
  /** Minimum context relevance (0..1) at which an existing capability is reused. */
  relevanceThreshold?: number;
}

function why(input: AuthorInput, capabilities: Capability[]): string {
  if (input.brief?.why) return input.brief.why.trim();
  const request = input.request.trim().replace(/\s+/g, ' ').replace(/[.!?]*$/, '.');
  const modified = capabilities.filter((c) => c.requirements.some((r) => r.operation === 'MODIFIED')).map((c) => `\`${c.name}\``);
  const extended = capabilities.filter((c) => c.existing && c.requirements.every((r) => r.operation === 'ADDED')).map((c) => `\`${c.name}\``);
  const added = capabilities.filter((c) => !c.existing).map((c) => `\`${c.name}\``);
  const parts = [`Requested: "${request}"`];
  if (modified.length > 0) parts.push(`This changes behaviour that the ${modified.join(', ')} specification defines today, so the affected requirements are restated in full before any code changes.`);
  if (extended.length > 0) parts.push(`The ${extended.join(', ')} specification does not cover it yet; the new requirement is added there so reviewers and implementers share one definition of done.`);
  if (added.length > 0) parts.push(`No current specification covers it; the new ${added.join(', ')} capability defines it so reviewers and implementers share one definition of done.`);
  return parts.join(' ');
}

function whatChanges(draft: Pick<PlanDraft, 'capabilities' | 'operations' | 'entities' | 'events'>, input: AuthorInput): string[] {
  const items: string[] = [];
  for (const c of draft.capabilities) {
    for (const r of c.requirements) {
      items.push(`${r.operation === 'MODIFIED' ? 'Modify' : 'Add'} requirement "${r.name}" in \`${c.name}\`${c.existing ? '' : ' (new capability)'}`);
    }
  }
  for (const o of draft.operations) items.push(`API operation \`${o.method} ${o.path}\` (\`${o.operationId}\`): ${o.summary}`);
  for (const e of draft.entities) items.push(`Database table \`${e.table}\` (entity \`${e.name}\`)`);
  for (const e of draft.events) items.push(`Event \`${e.name}\` v${e.version}: ${e.description}`);
  for (const comment of input.feedback ?? []) items.push(`Revision notes (revision ${input.revision}): ${comment}`);
  return items;
}

export function ruleBasedDraft(input: AuthorInput, opts: RuleBasedOptions = {}): PlanDraft {
  const threshold = opts.relevanceThreshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  const { brief, context } = input;
  // A reviewer's comments are more of the request: what they name is planned like what the
  // request names. The title and the recorded request stay the original's.
  const request = [input.request, ...(input.comments ?? [])].join('\n');
  const reading = readRequest(imperative(input.request));
  const textSignals = detectSignals(request);
  // Sentence case drops trailing punctuation; a request of only punctuation keeps its own text.
  const title = (brief?.title ?? (sentenceCase(input.request) || input.request.replace(/\s+/g, ' ').trim())).slice(0, 200);

  // With the repository model, operations are inferred against the routes it resolved (full
  // paths, prefixes included); without it, against the routes the code facet found.
  const repo = repositoryFacts(context, input.repository);
  const served = repo ? servedRoutes(repo) : { routes: context.apiRoutes ?? [], operations: context.apiOperations ?? [] };
  let inferred = brief ? [] : inferOperationsDetailed(request, sentenceCase(input.request).slice(0, 120), served.routes, served.operations);
  let operations = brief ? brief.operations : inferred.map((o) => o.operation);
  let entities = brief ? brief.entities : inferEntities(request);
  const events = brief ? brief.events : inferEvents(request);
  // "add a priority to tasks" on an existing entity: a column change (migration) on its table.
  const columns = brief ? [] : columnChanges(request, context);
  // What exists keeps its table, fields and routes; new things follow the repository's conventions.
  let api: ApiStyle | undefined;
  if (repo) {
    const fit = fitToRepository(request, entities, operations, columns, repo);
    if (!brief) {
      entities = fit.entities;
      operations = fit.operations;
      // Requirements and scenarios follow the fitted operations (real paths, parameters, statuses);
      // an existing listing the request narrows gets a requirement of its own.
      inferred = [
        ...inferred.map((i) => ({ ...i, operation: fit.operations.find((o) => o.operationId === i.operation.operationId) ?? i.operation })),
        ...fit.operations
          .filter((o) => !inferred.some((i) => i.operation.operationId === o.operationId))
          .map((o) => listingChange(o, request)),
      ];
    }
    api = fit.api;
  }
  const signals = {
    ...textSignals,
    api: textSignals.api || operations.length > 0,
    data: textSignals.data || entities.length > 0 || columns.length > 0,
    events: textSignals.events || events.length > 0,
    auth: textSignals.auth || (brief !== undefined && brief.auth !== 'none'),
  };
  const docsOnly = !brief && isDocsOnly(signals, reading.verb);

  const fromRequest = brief ? undefined : capabilitiesFromRequest(request, context, signals, inferred, docsOnly, threshold, input.existingRequirements);
  const capabilities = fromRequest ? fromRequest.capabilities : capabilitiesFromBrief(brief!, context, input.existingRequirements);

  const feature = input.changeId.replace(/^(?:add|update|remove|fix|refactor|document|migrate|improve)-(?=[a-z])/, '').replace(/-\d+$/, '').replace(/-support$/, '') || input.changeId;
  const touched = withNamedFiles(
    context,
    touchedBoundaries(context, signals, docsOnly, feature, brief || operations.length > 0 ? undefined : newArtifact(request), input.changeId),
    input.namedFiles ?? [],
  );
  const facts: DesignFacts = {
    changeId: input.changeId,
    revision: input.revision,
    feedback: input.feedback ?? [],
    signals,
    docsOnly,
    modifiedCapabilities: capabilities.filter((c) => c.requirements.some((r) => r.operation === 'MODIFIED')).map((c) => c.name),
    operations,
    auth: brief?.auth ?? 'none',
    entities,
    events,
    touched,
  };
  const decisionSet = buildDecisions(facts);
  const refs = scenarioRefs(capabilities);
  const tasks = buildTasks(facts, refs, decisionSet, capabilities.map((c) => c.name), fromRequest?.kinds ?? {});

  const relatedPaths = context.relatedSpecs.filter((s) => capabilities.some((c) => c.name === s.capability)).map((s) => s.path);
  const draft: PlanDraft = {
    changeId: input.changeId,
    title,
    request: input.request,
    why: why(input, capabilities),
    whatChanges: whatChanges({ capabilities, operations, entities, events }, input),
    impact: {
      specs: [...capabilities.map((c) => c.name), ...relatedPaths],
      code: [...new Set(touched.flatMap((t) => t.codeFiles))],
    },
    approaches: buildApproaches(facts),
    goals: brief?.goals.length ? brief.goals : capabilities.flatMap((c) => c.requirements.map((r) => `${r.name} (${c.name})`)),
    nonGoals: brief?.outOfScope.length ? brief.outOfScope : [`Changes outside the ${touched.map((t) => t.boundary.id).join(', ') || 'named'} boundaries`],
    capabilities,
    decisions: decisionSet.decisions,
    risks: buildRisks(facts, context),
    migration: buildMigration(facts),
    nfrs: brief?.nonFunctional.length ? brief.nonFunctional : buildNfrs(facts),
    outOfScope: brief?.outOfScope ?? [],
    auth: brief?.auth ?? 'none',
    operations,
    entities,
    ...(api ? { api } : {}),
    events,
    boundaries: touched.map((t) => t.boundary),
    tasks,
  };
  // Parsing fills defaults and guarantees the author never hands on an invalid draft.
  return PlanDraftSchema.parse(draft);
}

/** An existing listing the request narrows ("filter the repository list by owner"), as an inferred operation. */
function listingChange(op: Operation, request: string): InferredOperation {
  const resource = op.path.split('/').filter((x) => x !== '' && !x.startsWith('{') && !/^(api|v\d+)$/.test(x));
  const clauses = splitClauses(request);
  const clause = Math.max(0, clauses.findIndex((c) => /\b(filter|search|sort|list|listing)\b/i.test(c.text)));
  const by = op.parameters.filter((p) => p.in === 'query').map((p) => p.name.split('_'));
  return { operation: op, name: `${titleCase(resource.flatMap((r) => r.split('-')))} Listing${by.length > 0 ? ` by ${titleCase(by.flat())}` : ''}`, resource, clause, verb: 'list', modifies: true };
}

const CREATING_VERBS = new Set(['add', 'create', 'implement', 'introduce', 'build', 'write', 'provide']);

/**
 * The new thing a request adds, when it names one: "add a management command that lists URL
 * patterns" -> command named list-url-patterns; "add a TOML renderer" -> renderer named toml.
 */
function newArtifact(request: string): NewArtifact | undefined {
  const clause = splitClauses(request)[0];
  if (!clause?.verb || !CREATING_VERBS.has(clause.verb)) return undefined;
  const word = (w: string) => /^[a-z][a-z0-9]*$/.test(w);
  const purpose = purposeOf(clause.object);
  if (purpose) return { kind: singular(purpose.thing[purpose.thing.length - 1]!), name: [purpose.action, ...purpose.what].filter(word).slice(0, 4) };
  const np = nounPhrase(clause.object, 3);
  return np.length >= 2 ? { kind: singular(np[np.length - 1]!), name: np.slice(0, -1).filter(word) } : undefined;
}
