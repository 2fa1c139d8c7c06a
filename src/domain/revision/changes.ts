/**
 * What a revision changed against the one before it, from the two drafts: operations, entities
 * and their fields, requirements, and the files tasks name. Shown in the plan's status so a
 * reviewer who asked for changes sees whether they were made. Pure module.
 */
import type { PlanDraft } from '../draft.js';

export interface RevisionChanges {
  revision: number;
  /** Each: `+ item` added, `- item` removed. Empty when the revision changed none of these. */
  operations: string[];
  entities: string[];
  fields: string[];
  requirements: string[];
  files: string[];
}

/** At most this many lines per kind (status stays small in history). */
const MAX_LINES = 20;

function delta(before: Iterable<string>, after: Iterable<string>): string[] {
  const a = new Set(before);
  const b = new Set(after);
  const lines = [...[...b].filter((x) => !a.has(x)).map((x) => `+ ${x}`), ...[...a].filter((x) => !b.has(x)).map((x) => `- ${x}`)];
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `... and ${lines.length - MAX_LINES} more`] : lines;
}

const operationsOf = (d: PlanDraft): string[] =>
  d.operations.map((o) => `${o.method} ${o.path}${o.parameters.filter((p) => p.in === 'query').map((p, i) => `${i === 0 ? '?' : '&'}${p.name}`).join('')}`);
const entitiesOf = (d: PlanDraft): string[] => d.entities.map((e) => `${e.name} (${e.table})`);
const fieldsOf = (d: PlanDraft): string[] => d.entities.flatMap((e) => e.fields.map((f) => `${e.name}.${f.name}`));
const requirementsOf = (d: PlanDraft): string[] => d.capabilities.flatMap((c) => c.requirements.map((r) => `${c.name}: ${r.operation ?? 'ADDED'} ${r.name}`));
const filesOf = (d: PlanDraft): string[] => d.tasks.flatMap((t) => t.files ?? []);

export function revisionChanges(before: PlanDraft, after: PlanDraft, revision: number): RevisionChanges {
  return {
    revision,
    operations: delta(operationsOf(before), operationsOf(after)),
    entities: delta(entitiesOf(before), entitiesOf(after)),
    fields: delta(fieldsOf(before), fieldsOf(after)),
    requirements: delta(requirementsOf(before), requirementsOf(after)),
    files: delta(filesOf(before), filesOf(after)),
  };
}

/**
 * Repository paths a text names: tokens with a folder separator or a file extension
 * (`backend/app/models.py`, `models.py`, `` `src/routes/items.ts` ``), without surrounding quotes
 * or trailing punctuation. Which of them exist is for the caller to check.
 */
export function pathMentions(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[\s,;()]+/)) {
    const token = raw.replace(/^[`'"<[]+|[`'">\]:.!?]+$/g, '');
    if (token.length < 3 || token.length > 300 || /^[a-z]+:\/\//i.test(token) || token.includes('..')) continue;
    if (/^[A-Za-z0-9_@.\-[\]/]+$/.test(token) && (/\/[^/]/.test(token) || /\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(token)) && !/^\//.test(token)) out.add(token);
  }
  return [...out];
}
