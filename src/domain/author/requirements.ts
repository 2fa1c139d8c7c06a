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
import { readRequest, sentenceCase, type RequestReading } from '../request-text.js';
import type { ExistingRequirement } from './input.js';
import type { Signals } from './signals.js';

/**
 * Relevance from which the top related capability is reused. Context gathering scores the first
 * spec by coverage: the share (0..1) of the request's informative terms the spec mentions. On the
 * examples a request about an existing requirement scores 0.45-0.75, a new feature below 0.2.
 */
export const DEFAULT_RELEVANCE_THRESHOLD = 0.4;

/** Words that say where a change lives rather than what it is: left out of capability names. */
const PLACE_WORDS = new Set(['endpoint', 'endpoints', 'api', 'route', 'page', 'screen', 'ui', 'web', 'frontend', 'backend', 'table', 'database', 'db', 'support', 'feature', 'service']);

const MAX_NAME = 80;

function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > 20 ? cut.slice(0, space) : text.slice(0, max)).trim();
}

function lcFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toLowerCase() + text.slice(1);
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

/** Verbs that already say what the system does; others ("add", "create") become "provide". */
const LITERAL_VERBS = new Set(['support', 'allow', 'enable', 'let', 'emit', 'publish', 'send', 'notify', 'show', 'display', 'store', 'persist', 'track', 'record', 'expose']);

/** The normative sentence for a new requirement, phrased from the request's own verb. */
function addedText(reading: RequestReading, request: string, docsOnly: boolean): string {
  const rest = stripEnd(reading.rest);
  // A bare verb ("add") or only punctuation leaves nothing to phrase: restate the request.
  if (!/[A-Za-z0-9]/.test(rest)) return `The system SHALL implement the requested change: ${oneLineText(request)}.`;
  if (docsOnly) return `The project documentation SHALL describe ${lcFirst(rest)}.`;
  switch (reading.verb) {
    case 'add':
      if (LITERAL_VERBS.has(reading.word)) return `The system SHALL ${reading.word} ${lcFirst(rest)}.`;
      return reading.explicitVerb ? `The system SHALL provide ${lcFirst(rest)}.` : `The system SHALL support the following: ${stripEnd(request)}.`;
    case 'remove':
      return `The system SHALL no longer provide ${lcFirst(rest)}.`;
    case 'fix':
      return `The system SHALL no longer exhibit the following defect: ${lcFirst(rest)}.`;
    default:
      return `The system SHALL implement the following change: ${stripEnd(request)}.`;
  }
}

/**
 * A requirement header read from the request. Backticks and `/` are dropped: headers are cited
 * in code spans and as `<capability>/<requirement>/<scenario>` references.
 */
function addedName(reading: RequestReading, request: string, docsOnly: boolean): string {
  const name = truncateWords(rawName(reading, request, docsOnly).replace(/[`/\\#]+/g, ' ').replace(/\s+/g, ' ').trim(), MAX_NAME);
  return /[A-Za-z0-9]/.test(name) ? name : 'Requested change';
}

function rawName(reading: RequestReading, request: string, docsOnly: boolean): string {
  const rest = sentenceCase(stripEnd(reading.rest).replace(/^(?:a|an|the)\s+/i, ''));
  if (docsOnly) return `${rest} documentation`;
  if (reading.verb === 'add' && reading.suffix) return `Support for ${lcFirst(rest)}`;
  if (reading.verb === 'add' && reading.explicitVerb) return rest;
  return sentenceCase(stripEnd(request));
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

export interface InferredCapabilities {
  capabilities: Capability[];
  /** The related spec that was reused, if any. */
  reused?: RelatedSpec;
}

/** One requirement from the request text, in a new or (when highly relevant) an existing capability. */
export function capabilitiesFromRequest(
  request: string,
  context: ContextSummary,
  signals: Signals,
  operations: Operation[],
  docsOnly: boolean,
  threshold: number,
  existing: readonly ExistingRequirement[] = [],
): InferredCapabilities {
  const reading = readRequest(request);
  const reused = docsOnly ? undefined : reusableSpec(context, threshold);
  if (reused) {
    // Adding behaviour to a capability is an ADDED requirement inside it; changing, fixing or
    // removing behaviour rewrites the most relevant existing requirement under its exact header,
    // keeping its current text and scenarios (MODIFIED replaces the whole block).
    const current = existing.find((e) => e.capability === reused.capability && e.name === reused.requirements[0]);
    let requirement: Requirement;
    if (reading.verb !== 'add' && current) {
      const text = `${current.text.trim()} With this change, the system SHALL ${lcFirst(stripEnd(request))}.`;
      const added = scenariosFor(`The system SHALL ${lcFirst(stripEnd(request))}.`, signals, operations, false);
      const names = new Set(current.scenarios.map((s) => s.name));
      requirement = {
        name: current.name,
        text,
        operation: 'MODIFIED',
        scenarios: [...current.scenarios, ...added.map((s) => (names.has(s.name) ? { ...s, name: `${s.name} after the change` } : s))],
      };
    } else {
      const text = addedText(reading, request, false);
      const name = addedName(reading, request, false);
      requirement = {
        name: reused.requirements.includes(name) ? `${name} (extended)` : name,
        text,
        operation: 'ADDED',
        scenarios: scenariosFor(text, signals, operations, false),
      };
    }
    return {
      reused,
      capabilities: [{ name: reused.capability, title: sentenceCase(reused.capability.replace(/-/g, ' ')), existing: true, requirements: [requirement] }],
    };
  }
  const text = addedText(reading, request, docsOnly);
  const name = newCapabilityName(reading, docsOnly);
  // A name taken by an existing spec would turn an ADDED delta into a clash; keep new ones distinct.
  const taken = new Set(context.relatedSpecs.map((s) => s.capability));
  const capName = taken.has(name) ? `${name}-extension` : name;
  return {
    capabilities: [
      {
        name: capName,
        title: sentenceCase(capName.replace(/-/g, ' ')),
        existing: false,
        requirements: [{ name: addedName(reading, request, docsOnly), text, operation: 'ADDED', scenarios: scenariosFor(text, signals, operations, docsOnly) }],
      },
    ],
  };
}

/** `<capability>/<requirement>/<scenario>` references, the form tasks cite. */
export function scenarioRefs(capabilities: readonly Capability[]): string[] {
  return capabilities.flatMap((c) => c.requirements.flatMap((r) => r.scenarios.map((s) => `${c.name}/${r.name}/${s.name}`)));
}
