/**
 * Capabilities and requirements: copied from the brief when there is one, otherwise one
 * requirement read from the request, placed in the most relevant existing capability when the
 * context ranks one first with high relevance.
 *
 * Pure module.
 */
import type { FeatureBrief } from '../brief.js';
import type { ContextSummary, RelatedSpec } from '../context/types.js';
import type { Capability, Operation, Requirement, Scenario } from '../draft.js';
import { imperative, isPlural, nounPhrase, placeOf, PRONOUNS, purposeOf, singular, splitClauses, stems, TARGET_VERBS, type Clause } from '../phrases.js';
import { actionNoun, actionPhrase, namedByObject, notificationPhrase, withoutBugWords, titleCase } from '../naming.js';
import { readRequest, sentenceCase, words, type RequestReading } from '../request-text.js';
import type { ExistingRequirement } from './input.js';
import { inferEntities, uiClause, type InferredOperation, type Signals } from './signals.js';
import { scheduledRun, scheduleOf, type Schedule } from '../schedules.js';

/**
 * Relevance from which the top related capability is reused. Context gathering scores the first
 * spec by coverage: the share (0..1) of the request's informative terms the spec mentions. On the
 * examples a request about an existing requirement scores 0.45-0.75, a new feature below 0.2.
 */
export const DEFAULT_RELEVANCE_THRESHOLD = 0.4;

/** Words that say where a change lives rather than what it is: left out of capability names. */
const PLACE_WORDS = new Set(['endpoint', 'endpoints', 'api', 'route', 'page', 'screen', 'ui', 'web', 'frontend', 'backend', 'table', 'database', 'db', 'support', 'feature', 'service']);

/** What a scenario exercises, so each boundary's tasks cite the scenarios that concern it. */
export type ScenarioKind = 'api' | 'ui' | 'data' | 'docs' | 'general';

const MAX_NAME = 80;

function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > 20 ? cut.slice(0, space) : text.slice(0, max)).trim();
}

/** Lowercases the first letter, leaving acronyms and HTTP methods ("GET /x", "API") alone. */
function lcFirst(text: string): string {
  return text.length === 0 || /^[A-Z]{2}/.test(text) ? text : text[0]!.toLowerCase() + text.slice(1);
}

function oneLineText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stripEnd(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/[.!?;:]+$/, '');
}

/** The related spec to reuse, if context ranks one first with enough relevance. */
export function reusableSpec(context: ContextSummary, threshold: number): RelatedSpec | undefined {
  const top = context.relatedSpecs[0];
  return top && top.score >= threshold && top.requirements.length > 0 ? top : undefined;
}

/**
 * Capabilities as the brief states them. A requirement marked `modifies` keeps the existing
 * scenarios it does not redefine (by name): a MODIFIED block replaces the whole requirement, and
 * a brief should not have to repeat scenarios it leaves alone.
 */
export function capabilitiesFromBrief(brief: FeatureBrief, context: ContextSummary, existing: readonly ExistingRequirement[] = []): Capability[] {
  const known = new Set(context.relatedSpecs.map((s) => s.capability));
  return brief.capabilities.map((cap) => ({
    name: cap.name,
    title: cap.title ?? sentenceCase(cap.name.replace(/-/g, ' ')),
    existing: known.has(cap.name) || existing.some((e) => e.capability === cap.name) || cap.requirements.some((r) => r.modifies),
    requirements: cap.requirements.map((r) => {
      const current = r.modifies ? existing.find((e) => e.capability === cap.name && e.name === r.name) : undefined;
      const redefined = new Set(r.scenarios.map((s) => s.name));
      const kept = current ? current.scenarios.filter((s) => !redefined.has(s.name)) : [];
      return {
        name: r.name,
        text: r.text,
        operation: r.modifies ? ('MODIFIED' as const) : ('ADDED' as const),
        scenarios: [...kept, ...r.scenarios],
      };
    }),
  }));
}

function newCapabilityName(reading: RequestReading, docsOnly: boolean): string {
  // Capability names are kebab-case starting with a letter: words starting with a digit stay out.
  const lettered = reading.subject.filter((w) => /^[a-z]/.test(w));
  const kept = lettered.filter((w) => !PLACE_WORDS.has(w)).slice(0, 3);
  const base = (kept.length > 0 ? kept : lettered.slice(0, 3)).join('-') || 'feature';
  return docsOnly ? `${base}-documentation` : base;
}

/** Scenarios that follow from what the request implies; at least one, never speculative detail. */
function scenariosFor(text: string, signals: Signals, operations: Operation[], docsOnly: boolean): Scenario[] {
  const behaviour = text.replace(/^The (system|project documentation) SHALL /, '').replace(/\.$/, '');
  const out: Scenario[] = [];
  if (docsOnly) {
    out.push({ name: 'Reader finds the documentation', when: 'a reader opens the project documentation', then: `it SHALL describe ${behaviour.replace(/^describe /, '')}` });
    return out;
  }
  const op = operations[0];
  if (op) {
    // Scenario names avoid `/`: tasks cite scenarios as `<capability>/<requirement>/<scenario>`.
    const created = op.method === 'POST' && !op.path.includes('{');
    out.push({
      name: `Valid ${op.operationId} request succeeds`,
      when: `a client sends ${op.method} ${op.path} with a valid request`,
      then: `the service responds with status ${op.successStatus ?? (created ? 201 : 200)} and applies the requested change`,
    });
    out.push({
      name: `Invalid ${op.operationId} request is rejected`,
      when: `a client sends ${op.method} ${op.path} with missing or invalid input`,
      then: 'the service responds with a 4xx status and an error naming the invalid field, and changes nothing',
    });
  } else if (signals.ui) {
    out.push({ name: 'User sees the change in the UI', when: 'a user opens the affected view', then: `the UI SHALL ${behaviour}` });
  } else if (signals.data) {
    out.push({ name: 'Data is persisted', when: 'the data described by the request is saved', then: 'it is stored durably and returned unchanged by later reads' });
  } else {
    out.push({ name: 'Requested behaviour', when: 'a user performs the action described by the request', then: `the system SHALL ${behaviour}` });
  }
  return out;
}


const ACTORS = new Set(['user', 'users', 'people', 'admin', 'admins', 'client', 'clients', 'customer', 'customers', 'me', 'us', 'developers', 'operators']);
const REMOVE_VERBS = new Set(['remove', 'delete', 'drop', 'deprecate', 'retire']);
const FIX_VERBS = new Set(['fix', 'resolve', 'correct', 'repair']);
const UPDATE_VERBS = new Set(['update', 'change', 'modify', 'extend', 'make', 'rename', 'replace', 'switch', 'upgrade']);
const IMPROVE_VERBS = new Set(['improve', 'optimize', 'optimise', 'speed']);
const SUPPORT_VERBS = new Set(['support', 'allow', 'enable', 'let']);
const PROVIDE_VERBS = new Set(['add', 'create', 'implement', 'introduce', 'build', 'provide']);
/** "pin important tasks to the top" -> [important, task, pinning]; undefined for object-named verbs. */
function actionName(clause: Clause): string[] | undefined {
  if (!clause.verb || namedByObject(clause.verb)) return undefined;
  return actionPhrase([clause.verb, ...objectOf(clause)]);
}

/** A phrase that names nothing by itself: a pronoun, or only numbers ("return 429 when exceeded"). */
function namesNothing(ws: readonly string[]): boolean {
  return isPronounPhrase(ws) || ws.every((w) => PRONOUNS.has(w) || /^\d+$/.test(w));
}

/** Words requirement names end with that say what happens rather than what it is about. */
const NAME_SUFFIXES = new Set(['removal', 'update', 'improvement', 'migration', 'support', 'refactoring', 'documentation', 'fix', 'for']);
const DATA_WORDS = new Set(['table', 'tables', 'column', 'columns', 'database', 'db', 'migration', 'schema', 'sql', 'persist', 'persisted', 'store', 'stored', 'save', 'saved']);
const DOC_WORDS = new Set(['docs', 'documentation', 'document', 'readme', 'guide', 'tutorial', 'changelog']);

/** The clause object without "users to" ("allow users to export tasks" -> export tasks). */
function objectOf(clause: Clause): string[] {
  const o = clause.object;
  return clause.verb && SUPPORT_VERBS.has(clause.verb) && ACTORS.has(o[0] ?? '') ? o.slice(o[1] === 'to' ? 2 : 1) : o;
}

/** Key noun phrase of a clause, place words left out unless nothing else is left. */
function keyPhrase(clause: Clause): string[] {
  const object = objectOf(clause);
  const acting = clause.verb && SUPPORT_VERBS.has(clause.verb) ? actionPhrase(object) : undefined;
  if (acting) return acting;
  const np = nounPhrase(object, 4, { targetTo: TARGET_VERBS.has(clause.verb ?? '') });
  const kept = withoutTrailingPlaces(np);
  return kept.length > 0 ? kept : np;
}

/**
 * "the tasks API endpoint" -> tasks: a place word at the end says where, not what. Before a noun
 * it is part of the name: "route groups", "API keys".
 */
function withoutTrailingPlaces(ws: readonly string[]): string[] {
  let end = ws.length;
  while (end > 0 && PLACE_WORDS.has(ws[end - 1]!)) end--;
  return ws.slice(0, end);
}

function isPronounPhrase(ws: readonly string[]): boolean {
  return ws.length === 0 || ws.every((w) => PRONOUNS.has(w));
}

/** "Task Due Dates", "Legacy Export Removal", "Fix for Crash When Title Is Empty". */
function requirementName(clause: Clause, docsOnly: boolean): string {
  const verb = clause.verb ?? '';
  if (FIX_VERBS.has(verb)) {
    // "Fix: the board crashes when ..." -> Board Crashes Fix; "Fix crash when the title is empty"
    // keeps its condition: Fix for Crash When Title Empty.
    // "fix the bug where nested routes ignore the query filter": what goes wrong names the fix.
    const object = withoutBugWords(clause.object);
    const long = nounPhrase(object, 8).filter((w) => !['a', 'an', 'the'].includes(w)).slice(0, 5);
    if (long.length > 3) return `Fix for ${titleCase(long)}`;
    const np = nounPhrase(object, 3);
    if (np.length >= 2) return `${titleCase(np)} Fix`;
    const ws = object.filter((w) => !['a', 'an', 'the', 'is', 'are', 'has', 'have', 'it', 'that'].includes(w)).slice(0, 5);
    return ws.length > 0 ? `Fix for ${titleCase(ws)}` : 'Requested Fix';
  }
  const purpose = purposeOf(objectOf(clause));
  // "a CLI command that lists plans" -> "Plan Listing CLI Command".
  const key = keyPhrase(clause);
  const np = purpose ? [...purpose.what.slice(0, -1), singular(purpose.what[purpose.what.length - 1]!), actionNoun(purpose.action), ...purpose.thing] : (notificationPhrase(clause.verb ?? '', clause.object, key) ?? actionName(clause) ?? key);
  const title = titleCase(np.length > 0 ? np : words(clause.text).slice(0, 4));
  if (!/[A-Za-z0-9]/.test(title)) return 'Requested Change';
  if (docsOnly || (verb !== '' && ['document', 'describe', 'explain'].includes(verb))) return `${title} Documentation`;
  if (REMOVE_VERBS.has(verb)) return `${title} Removal`;
  if (verb === 'refactor' || verb === 'restructure' || verb === 'simplify' || verb === 'clean' || verb === 'extract' || verb === 'split') return `${title} Refactoring`;
  if (verb === 'rename') return `${title} Renaming`;
  if (UPDATE_VERBS.has(verb)) return `${title} Update`;
  if (IMPROVE_VERBS.has(verb)) return `${title} Improvement`;
  if (verb === 'migrate' || verb === 'move' || verb === 'port') return `${title} Migration`;
  // "let users filter the board" already reads as a behaviour: "Board Filtering".
  if (SUPPORT_VERBS.has(verb)) return actionPhrase(objectOf(clause)) ? title : `${title} Support`;
  return title;
}

/** What the system SHALL do for one clause, from the clause's own verb. */
const ROUTE_TEXT = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[A-Za-z0-9_\-/{}.]*[A-Za-z0-9_\-/{}])/g;

function clauseBehaviour(clause: Clause, docsOnly: boolean): string {
  // A clause that is only a route ("GET /api/tasks/archived") is served as written.
  if (/^(GET|POST|PUT|PATCH|DELETE)\s+\//.test(clause.text)) return `serve ${stripEnd(clause.text).replace(ROUTE_TEXT, '`$1 $2`')}`;
  return plainBehaviour(clause, docsOnly).replace(ROUTE_TEXT, '`$1 $2`');
}

/** The clause after its leading verb. */
const restOf = (clause: Clause): string => stripEnd(clause.text.replace(/^\s*[A-Za-z]+\s*/, ''));

/** The clause's own verb and object, as written ("delete sessions older than 30 days every night"). */
function literalBehaviour(clause: Clause): string {
  const rest = restOf(clause);
  return (clause.verb && /[A-Za-z0-9]/.test(rest) ? `${clause.verb} ${lcFirst(rest)}` : `support the following: ${lcFirst(stripEnd(clause.text))}`).replace(ROUTE_TEXT, '`$1 $2`');
}

function plainBehaviour(clause: Clause, docsOnly: boolean): string {
  const rest = restOf(clause);
  const verb = clause.verb;
  if (!verb || !/[A-Za-z0-9]/.test(rest)) return `support the following: ${lcFirst(stripEnd(clause.text))}`;
  if (docsOnly) return `describe ${lcFirst(rest)}`;
  if (REMOVE_VERBS.has(verb)) return `no longer provide ${lcFirst(rest)}`;
  if (FIX_VERBS.has(verb)) return `no longer exhibit the following defect: ${lcFirst(rest)}`;
  if (PROVIDE_VERBS.has(verb)) return `provide ${lcFirst(rest)}`;
  return `${verb} ${lcFirst(rest)}`;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

interface Group {
  name: string;
  /** Key noun phrase of the group's first clause (pronouns in later clauses refer to it). */
  subject: string[];
  clauses: Clause[];
  op?: InferredOperation;
}

export interface KindedScenario extends Scenario {
  kind: ScenarioKind;
}

function operationScenarios(o: InferredOperation): KindedScenario[] {
  const op = o.operation;
  const ws = o.resource.length > 0 ? o.resource : ['resource'];
  const many = ws.join(' ');
  const item = [...ws.slice(0, -1), singular(ws[ws.length - 1]!)].join(' ');
  const call = `${op.method} ${op.path}`;
  const k = (s: Scenario): KindedScenario => ({ ...s, kind: 'api' });
  if (op.method === 'GET' && op.responseList && op.operationId.startsWith('search')) {
    return [
      k({ name: `Matching ${many} are found`, when: `a client sends ${call} with a query`, then: `the service responds with status 200 and only the ${many} that match the query` }),
      k({ name: 'No match gives an empty list', when: `a client sends ${call} with a query nothing matches`, then: 'the service responds with status 200 and an empty list' }),
    ];
  }
  const queries = op.parameters.filter((p) => p.in === 'query');
  if (op.method === 'GET' && op.responseList && queries.length > 0) {
    // A listing narrowed by parameters: each narrows it, and leaving them out keeps the listing as it was.
    return [
      ...queries.map((q) =>
        k({ name: `${sentenceCase(many)} are narrowed by ${q.name.replace(/_/g, ' ')}`, when: `a client sends ${call}?${q.name}=<value>`, then: `the service responds with status 200 and only the ${many} whose ${q.name.replace(/_/g, ' ')} matches the value` }),
      ),
      k({ name: `Without ${queries.map((q) => q.name.replace(/_/g, ' ')).join(' or ')} every ${singular(ws[ws.length - 1]!)} is listed`, when: `a client sends ${call} with no ${queries.map((q) => q.name).join(' or ')} parameter`, then: `the service responds with status 200 and lists the ${many} as before` }),
    ];
  }
  if (op.method === 'GET' && op.responseList) {
    return [
      k({ name: `${sentenceCase(many)} are listed`, when: `a client sends ${call}`, then: `the service responds with status 200 and a list of the ${many}, and of nothing else` }),
      k({ name: `No ${many} gives an empty list`, when: `there are no ${many} and a client sends ${call}`, then: 'the service responds with status 200 and an empty list' }),
    ];
  }
  if (op.method === 'GET' && !op.path.includes('{')) {
    return [k({ name: `${sentenceCase(item)} is returned`, when: `a client sends ${call}`, then: `the service responds with status 200 and the ${item}` })];
  }
  if (op.method === 'GET') {
    return [
      k({ name: `Existing ${item} is returned`, when: `a client sends ${call} for an existing ${item}`, then: `the service responds with status 200 and the ${item}` }),
      k({ name: `Unknown ${item} is not found`, when: `a client sends ${call} for an id that does not exist`, then: 'the service responds with status 404 and an error body' }),
    ];
  }
  if (op.method === 'DELETE') {
    return [
      k({ name: `Existing ${item} is deleted`, when: `a client sends ${call} for an existing ${item}`, then: `the service responds with status 204 and the ${item} is no longer returned` }),
      k({ name: `Unknown ${item} is not found`, when: `a client sends ${call} for an id that does not exist`, then: 'the service responds with status 404 and changes nothing' }),
    ];
  }
  const created = op.method === 'POST' && op.successStatus === 201;
  return [
    k({
      name: `Valid ${op.operationId} request succeeds`,
      when: `a client sends ${call} with a valid request`,
      then: created ? `the service responds with status 201 and the created ${item}` : `the service responds with status ${op.successStatus ?? 200} and applies the change to the ${item}`,
    }),
    k({
      name: `Invalid ${op.operationId} request is rejected`,
      when: `a client sends ${call} with missing or invalid input`,
      then: 'the service responds with a 4xx status and an error naming the invalid field, and changes nothing',
    }),
  ];
}

/** What a clause is about, for pronouns in the next one: its operation's resource, else its key phrase. */
function referent(clause: Clause, ops: readonly InferredOperation[]): string[] {
  if (ops[0]) return ops[0].resource;
  const np = keyPhrase(clause);
  return isPronounPhrase(np) ? [] : np;
}

/**
 * Pronouns of a clause read as the group's subject: "show it" -> "show the task due dates"; a
 * "them" after a plural noun of the same clause stands for that noun ("archive items instead of
 * deleting them" -> "... deleting the items").
 */
function resolvePronouns(text: string, subject: readonly string[]): string {
  const s = subject.length > 0 ? `the ${subject.join(' ')}` : 'the change';
  return text.replace(/\b(it|them)\b/gi, (pronoun, _p, offset: number) => {
    if (pronoun.toLowerCase() === 'them') {
      const before = text.slice(0, offset).split(/[^A-Za-z0-9_]+/).filter(Boolean).reverse();
      const noun = before.find((w) => isPlural([w]) && !ACTORS.has(w) && !PRONOUNS.has(w));
      if (noun) return `the ${noun}`;
    }
    return s;
  });
}

/**
 * A route the repository serves whose listing the request narrows: the requirement says what the
 * existing route accepts from now on and that it lists as before without it, not the request's words.
 */
function narrowedListing(o: InferredOperation): { text: string; by: string } | undefined {
  const op = o.operation;
  const queries = op.parameters.filter((p) => p.in === 'query');
  if (op.method !== 'GET' || !op.responseList || queries.length === 0) return undefined;
  const ws = o.resource.length > 0 ? o.resource : ['items'];
  const many = ws.join(' ');
  const names = joinAnd(queries.map((q) => `\`${q.name}\``));
  const one = queries.length === 1;
  return {
    text: `The existing \`${op.method} ${op.path}\` SHALL accept the optional query ${one ? 'parameter' : 'parameters'} ${names} and return only the ${many} that match ${one ? 'it' : 'them'}; without ${one ? 'it' : 'them'}, it SHALL list the ${many} as before.`,
    by: titleCase(queries.map((q) => q.name.replace(/_/g, ' ')).join(' and ').split(' ')),
  };
}

/** What a clause asks the system to do, as written: "archive items instead of deleting them". */
function actionOf(clause: Clause): string | undefined {
  const object = objectOf(clause);
  if (!clause.verb || !SUPPORT_VERBS.has(clause.verb) || object === clause.object || object.length < 2) return undefined;
  // As written (case kept: "as CSV"), when the words can be found in the clause.
  const written = new RegExp(`\\b${object.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\W+')}\\b`, 'i').exec(clause.text);
  return written ? stripEnd(written[0]) : object.join(' ');
}

/**
 * A behaviour that runs on a schedule: the scheduled run does it, and a second run for the same
 * period does not do it again (what a test of a job checks).
 */
function scheduleScenarios(clause: Clause, group: Group, schedule: Schedule): KindedScenario[] {
  const behaviour = resolvePronouns(literalBehaviour(clause), group.subject);
  const run = scheduledRun(schedule);
  return [
    { kind: 'general', name: `Scheduled run does the work`, when: run, then: `the system SHALL ${behaviour}` },
    { kind: 'general', name: 'A repeated run does not repeat the work', when: `${run} again for a period an earlier run already handled`, then: 'the system SHALL not do the same work twice (nothing is sent, deleted or written again)' },
  ];
}

function clauseScenarios(clause: Clause, group: Group, docsOnly: boolean): KindedScenario[] {
  const subject = group.subject.join(' ') || 'change';
  const behaviour = resolvePronouns(clauseBehaviour(clause, docsOnly), group.subject);
  const ws = new Set(words(clause.text));
  if (docsOnly) {
    return [{ kind: 'docs', name: 'Reader finds the documentation', when: 'a reader opens the project documentation', then: `it SHALL ${behaviour}` }];
  }
  // Removals and fixes are about behaviour going away or being corrected: their own scenario.
  if (clause.verb && (REMOVE_VERBS.has(clause.verb) || FIX_VERBS.has(clause.verb))) return [];
  const own = keyPhrase(clause);
  const thing = isPronounPhrase(own) ? subject : own.join(' ');
  const event = /\b(?:emit|publish|send|raise)s?\s+(?:a |an |the )?`?([a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)+)`?\s+event/i.exec(clause.text);
  if (event) {
    const name = event[1]!.toLowerCase();
    const trigger = /\bwhen\s+(.+)$/i.exec(stripEnd(clause.text))?.[1];
    return [{ kind: 'general', name: `${name} event is published`, when: trigger ? lcFirst(trigger) : `the ${name.split('.').reverse().join(' of ')} happens`, then: `the system SHALL publish a \`${name}\` event with the subject's id and the time it happened` }];
  }
  if (ws.has('endpoint') || ws.has('api') || ws.has('endpoints')) {
    return [{ kind: 'api', name: `${sentenceCase(thing)} ${isPlural(thing.split(' ')) ? 'are' : 'is'} served by the API`, when: `a client requests the ${thing} through the API`, then: `the system SHALL ${behaviour}` }];
  }
  if (uiClause(clause.text)) {
    const place = placeOf(objectOf(clause));
    const where = place.length > 0 ? place.join(' ') : 'affected view';
    return [{ kind: 'ui', name: `${sentenceCase(thing)} shown on the ${where}`, when: `a user opens the ${where}`, then: `the UI SHALL ${behaviour}` }];
  }
  if ([...ws].some((w) => DATA_WORDS.has(w))) {
    return [{ kind: 'data', name: `${sentenceCase(thing)} ${isPlural(thing.split(' ')) ? 'are' : 'is'} persisted`, when: `a record with the ${thing} is saved and read back`, then: `the ${thing} ${isPlural(thing.split(' ')) ? 'are' : 'is'} stored durably and returned unchanged` }];
  }
  if (ws.has('doc') || [...ws].some((w) => DOC_WORDS.has(w))) {
    return [{ kind: 'docs', name: `${sentenceCase(subject)} is documented`, when: 'a reader opens the project documentation', then: `it SHALL ${behaviour}` }];
  }
  return [];
}

function generalScenario(clause: Clause, group: Group): KindedScenario {
  const subject = group.subject.join(' ') || 'requested change';
  const behaviour = resolvePronouns(clauseBehaviour(clause, false), group.subject);
  const verb = clause.verb ?? '';
  if (FIX_VERBS.has(verb)) return { kind: 'general', name: 'Defect no longer occurs', when: `a user repeats the steps of the report: ${lcFirst(stripEnd(clause.text.replace(/^\s*[A-Za-z]+\s*:?\s*/, '')))}`, then: `the system SHALL ${behaviour}` };
  if (REMOVE_VERBS.has(verb)) return { kind: 'general', name: `${sentenceCase(subject)} ${isPlural(group.subject) ? 'are' : 'is'} gone`, when: `a user or client looks for the ${subject}`, then: `the system SHALL ${behaviour}` };
  const action = actionOf(clause);
  if (action) {
    const asked = resolvePronouns(action, group.subject);
    return { kind: 'general', name: `${sentenceCase(subject)} as asked`, when: `a user asks to ${action}`, then: `the system SHALL ${asked}` };
  }
  return { kind: 'general', name: 'Requested behaviour', when: `a user or client uses the ${subject}`, then: `the system SHALL ${behaviour}` };
}

export interface DraftedRequirement {
  requirement: Requirement;
  kinds: Record<string, ScenarioKind>;
  /** Key noun phrase of the first requirement (capability names). */
  subject: string[];
}

/**
 * One ADDED requirement per distinct behaviour of the request: clauses split at ":", ",", "and"
 * with a new verb; a clause that asks for an endpoint is its own requirement, a clause about the
 * same thing as an earlier one (or about "it") joins it as one more scenario.
 */
export function requirementsFromRequest(request: string, ops: readonly InferredOperation[], docsOnly: boolean, taken: readonly string[] = []): DraftedRequirement[] {
  let clauses = splitClauses(request);
  if (clauses.length === 0) clauses = [{ text: request.trim() || 'change', object: words(request) }];
  // A behaviour that runs on a schedule is tested by the scheduled run.
  const schedule = docsOnly ? undefined : scheduleOf(request);
  const groups: Group[] = [];
  clauses.forEach((clause, index) => {
    const mineOps = ops.filter((o) => o.clause === index);
    // "endpoints to create and list comments": one requirement per operation.
    if (mineOps.length > 1) {
      for (const o of mineOps) groups.push({ name: o.name, subject: o.resource, clauses: [clause], op: o });
      return;
    }
    const op = mineOps[0];
    const np = keyPhrase(clause);
    if (!op && groups.length > 0) {
      // "store each change in a task_history table" is about what the table holds.
      const table = inferEntities(clause.text)[0]?.table;
      const mine = stems([...np, ...(table ? table.split('_') : [])]);
      // A pronoun stands for the previous clause's object: join the group about that thing.
      const previous = index > 0 ? referent(clauses[index - 1]!, ops.filter((o) => o.clause === index - 1)) : [];
      const about = stems(previous);
      const same = namesNothing(np)
        ? (groups.find((g) => !g.op && [...stems(g.subject)].some((w) => about.has(w))) ?? groups.find((g) => !g.op) ?? groups[0])
        : (groups.find((g) => !g.op && [...stems(g.subject)].some((w) => mine.has(w))) ??
          // "... GET /tasks/{id}/history ..., and show the history on the board": about the operation's resource.
          groups.find((g) => g.op && [...stems(g.subject)].some((w) => mine.has(w))));
      if (same) {
        same.clauses.push(clause);
        return;
      }
    }
    groups.push({ name: op ? op.name : requirementName(clause, docsOnly), subject: op ? op.resource : np, clauses: [clause], ...(op ? { op } : {}) });
  });
  // Operations whose clause was not found (explicit routes) join the first group's scenarios.
  const stray = ops.filter((o) => !groups.some((g) => g.op === o));
  const used = new Set(taken);
  return groups.map((g, gi) => {
    const scheduled = g.op ? undefined : schedule;
    const narrowed = g.op?.modifies ? narrowedListing(g.op) : undefined;
    let wanted = g.name;
    // A behaviour of a scheduled run is named for its schedule: "Nightly Session Cleanup".
    if (scheduled && /^[a-z]+ly$/.test(scheduled.label)) {
      const label = sentenceCase(scheduled.label);
      const head = keyPhrase(g.clauses[0]!)[0];
      if (REMOVE_VERBS.has(g.clauses[0]!.verb ?? '') && head) wanted = `${label} ${titleCase([singular(head)])} Cleanup`;
      else if (!new RegExp(`\\b${scheduled.label}\\b`, 'i').test(wanted)) wanted = `${label} ${wanted}`;
    }
    if (narrowed) wanted = `${wanted} by ${narrowed.by}`;
    let name = truncateWords(wanted.replace(/[`/\\#:]+/g, ' ').replace(/\s+/g, ' ').trim(), MAX_NAME) || 'Requested Change';
    for (let n = 2; used.has(name); n++) name = `${wanted} (${n})`;
    used.add(name);
    // Pronouns of an operation's clause stand for its resource: "expose them" -> "expose the labels".
    const parts = g.clauses.map((c) => {
      const own = g.op?.shared && c === g.clauses[0] ? `provide an API endpoint to ${lcFirst(g.op.operation.summary)}` : scheduled && REMOVE_VERBS.has(c.verb ?? '') ? literalBehaviour(c) : clauseBehaviour(c, docsOnly);
      return g.op && c === g.clauses[0] && isPronounPhrase(keyPhrase(c)) ? resolvePronouns(own, g.op.resource) : own;
    });
    const opNote = g.op && !g.clauses.some((c) => c.text.includes(g.op!.operation.path)) ? ` (\`${g.op.operation.method} ${g.op.operation.path}\`)` : '';
    const text = docsOnly ? `The project documentation SHALL ${joinAnd(parts)}.` : narrowed ? narrowed.text : `The system SHALL ${joinAnd(parts)}${opNote}.`;
    const scenarios: KindedScenario[] = [];
    if (g.op) scenarios.push(...operationScenarios(g.op));
    if (gi === 0) for (const o of stray) scenarios.push(...operationScenarios(o));
    for (const c of g.clauses) if (!(g.op && c === g.clauses[0])) scenarios.push(...clauseScenarios(c, g, docsOnly));
    if (scenarios.length === 0) scenarios.push(...(scheduled ? scheduleScenarios(g.clauses[0]!, g, scheduled) : [generalScenario(g.clauses[0]!, g)]));
    // Scenario names are unique within a requirement.
    const names = new Set<string>();
    const unique = scenarios.map((s) => {
      let n = s.name.replace(/[`/\\#]+/g, ' ').replace(/\s+/g, ' ').trim();
      for (let i = 2; names.has(n); i++) n = `${s.name} (${i})`;
      names.add(n);
      return { ...s, name: n };
    });
    return {
      requirement: { name, text, operation: 'ADDED' as const, scenarios: unique.map(({ kind: _k, ...s }) => s) },
      kinds: Object.fromEntries(unique.map((s) => [`${name}/${s.name}`, s.kind])),
      // Capabilities are named after what the first requirement is about ("task-archiving").
      subject: g.op?.shared ? [...g.op.resource] : words(g.name).filter((w) => !NAME_SUFFIXES.has(w)),
    };
  });
}

function capabilityNameFrom(subject: readonly string[], reading: RequestReading, docsOnly: boolean): string {
  const all = withoutTrailingPlaces(subject.filter((w) => /^[a-z][a-z0-9]*$/.test(w) && !['by', 'on', 'of', 'the', 'to', 'in', 'and'].includes(w)));
  // A long noun phrase keeps its head: "pantry item purchase price" -> item-purchase-price.
  const lettered = all.length > 3 && subject.length === all.length ? all.slice(-3) : all.slice(0, 3);
  const base = lettered.length > 0 ? lettered.join('-') : newCapabilityName(reading, false);
  return docsOnly && !base.endsWith('documentation') ? `${base}-documentation` : base;
}

/** The existing requirement rewritten under its exact header: current text plus the change, every scenario kept. */
function modifiedOf(current: ExistingRequirement, request: string, signals: Signals, operations: readonly InferredOperation[], reused?: RelatedSpec): InferredCapabilities {
  const text = `${current.text.trim()} With this change, the system SHALL ${lcFirst(stripEnd(request))}.`;
  const added = scenariosFor(`The system SHALL ${lcFirst(stripEnd(request))}.`, signals, operations.map((o) => o.operation), false);
  const names = new Set(current.scenarios.map((s) => s.name));
  const requirement: Requirement = {
    name: current.name,
    text,
    operation: 'MODIFIED',
    scenarios: [...current.scenarios, ...added.map((s) => (names.has(s.name) ? { ...s, name: `${s.name} after the change` } : s))],
  };
  return {
    ...(reused ? { reused } : {}),
    kinds: {},
    capabilities: [{ name: current.capability, title: sentenceCase(current.capability.replace(/-/g, ' ')), existing: true, requirements: [requirement] }],
  };
}

export interface InferredCapabilities {
  capabilities: Capability[];
  /** The related spec that was reused, if any. */
  reused?: RelatedSpec;
  /** Kind of each scenario by `<capability>/<requirement>/<scenario>` (absent: concerns every boundary). */
  kinds: Record<string, ScenarioKind>;
}

/**
 * Requirements read from the request text, in a new capability or (when highly relevant) an
 * existing one: one ADDED requirement per distinct behaviour, or the MODIFIED top requirement.
 */
export function capabilitiesFromRequest(
  request: string,
  context: ContextSummary,
  signals: Signals,
  operations: readonly InferredOperation[],
  docsOnly: boolean,
  threshold: number,
  existing: readonly ExistingRequirement[] = [],
): InferredCapabilities {
  const reading = readRequest(imperative(request));
  const reused = docsOnly ? undefined : reusableSpec(context, threshold);
  const prefixKinds = (cap: string, kinds: Record<string, ScenarioKind>) => Object.fromEntries(Object.entries(kinds).map(([k, v]) => [`${cap}/${k}`, v]));
  if (reused) {
    // Adding behaviour to a capability is an ADDED requirement inside it; changing, fixing or
    // removing behaviour rewrites the most relevant existing requirement under its exact header,
    // keeping its current text and scenarios (MODIFIED replaces the whole block).
    const current = existing.find((e) => e.capability === reused.capability && e.name === reused.requirements[0]);
    if (reading.verb !== 'add' && current) return modifiedOf(current, request, signals, operations, reused);
    // Headers already in the spec cannot be ADDED again.
    const taken = [...reused.requirements, ...existing.filter((e) => e.capability === reused.capability).map((e) => e.name)];
    // Names of other capabilities' requirements are not taken either: a same-named ADDED requirement reads as a change to them.
    const others = [...context.relatedSpecs.filter((s) => s.capability !== reused.capability).flatMap((s) => s.requirements), ...existing.filter((e) => e.capability !== reused.capability).map((e) => e.name)];
    const drafted = requirementsFromRequest(request, operations, false, others).map((d) => (taken.includes(d.requirement.name) ? { ...d, requirement: { ...d.requirement, name: `${d.requirement.name} (extended)` } } : d));
    return {
      reused,
      kinds: Object.assign({}, ...drafted.map((d) => prefixKinds(reused.capability, d.kinds))) as Record<string, ScenarioKind>,
      capabilities: [{ name: reused.capability, title: sentenceCase(reused.capability.replace(/-/g, ' ')), existing: true, requirements: drafted.map((d) => d.requirement) }],
    };
  }
  // A new requirement never takes the name of an existing one elsewhere (that would read as a change to it).
  const elsewhere = [...context.relatedSpecs.flatMap((s) => s.requirements), ...existing.map((e) => e.name)];
  // A request that changes a route the repository serves modifies the requirement named after it.
  const changed = operations.find((o) => o.modifies && existing.some((e) => e.name === o.name));
  if (!docsOnly && changed) return modifiedOf(existing.find((e) => e.name === changed.name)!, request, signals, operations, undefined);
  const drafted = requirementsFromRequest(request, operations, docsOnly, elsewhere);
  const name = capabilityNameFrom(drafted[0]?.subject ?? [], reading, docsOnly);
  // A name taken by an existing spec would turn an ADDED delta into a clash; keep new ones distinct.
  const taken = new Set(context.relatedSpecs.map((s) => s.capability));
  const capName = taken.has(name) ? `${name}-extension` : name;
  return {
    kinds: Object.assign({}, ...drafted.map((d) => prefixKinds(capName, d.kinds))) as Record<string, ScenarioKind>,
    capabilities: [{ name: capName, title: sentenceCase(capName.replace(/-/g, ' ')), existing: false, requirements: drafted.map((d) => d.requirement) }],
  };
}

/** `<capability>/<requirement>/<scenario>` references, the form tasks cite. */
export function scenarioRefs(capabilities: readonly Capability[]): string[] {
  return capabilities.flatMap((c) => c.requirements.flatMap((r) => r.scenarios.map((s) => `${c.name}/${r.name}/${s.name}`)));
}
