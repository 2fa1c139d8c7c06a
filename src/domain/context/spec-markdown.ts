/**
 * Parser for OpenSpec `spec.md` files: main specs (`# <cap> Specification`, `## Purpose`,
 * `## Requirements`) and change deltas (`## ADDED|MODIFIED|REMOVED|RENAMED Requirements`).
 * Requirement names are kept exactly as written after `### Requirement:`, because deltas
 * must repeat them verbatim. Headers inside fenced code blocks are ignored.
 *
 * Pure module.
 */

export type DeltaOperation = 'ADDED' | 'MODIFIED' | 'REMOVED' | 'RENAMED';

export interface ParsedScenario {
  name: string;
  /** Bullet lines without the leading `- `, e.g. `**WHEN** a client posts ...`. */
  steps: string[];
}

export interface ParsedRequirement {
  name: string;
  /** The normative text between the header and the first scenario. */
  text: string;
  scenarios: ParsedScenario[];
  /** Set in delta specs: the section the requirement appears in. */
  operation?: DeltaOperation;
}

export interface ParsedSpec {
  /** Text of the `# ` title line. */
  title: string;
  /** Capability named by the title (`# <cap> Specification`), if the title has that form. */
  capability?: string;
  purpose: string;
  requirements: ParsedRequirement[];
  /** True when the file uses delta sections. */
  delta: boolean;
}

const REQUIREMENT = /^###\s+Requirement:\s*(.+?)\s*$/;
const SCENARIO = /^####\s+Scenario:\s*(.+?)\s*$/;
const SECTION = /^##\s+(.+?)\s*$/;
const DELTA_SECTION = /^(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements$/i;
const TITLE = /^#\s+(.+?)\s*$/;
const FENCE = /^\s*(```|~~~)/;

export function parseSpecMarkdown(text: string): ParsedSpec {
  const spec: ParsedSpec = { title: '', purpose: '', requirements: [], delta: false };
  let section = '';
  let operation: DeltaOperation | undefined;
  let requirement: ParsedRequirement | undefined;
  let scenario: ParsedScenario | undefined;
  const purpose: string[] = [];
  const body: string[] = [];
  let inFence = false;

  const closeRequirement = (): void => {
    if (requirement) requirement.text = body.join(' ').replace(/\s+/g, ' ').trim();
    body.length = 0;
    requirement = undefined;
    scenario = undefined;
  };

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (FENCE.test(line)) inFence = !inFence;
    if (!inFence) {
      const req = REQUIREMENT.exec(line);
      if (req) {
        closeRequirement();
        requirement = { name: req[1]!, text: '', scenarios: [], ...(operation ? { operation } : {}) };
        spec.requirements.push(requirement);
        continue;
      }
      const scen = SCENARIO.exec(line);
      if (scen && requirement) {
        scenario = { name: scen[1]!, steps: [] };
        requirement.scenarios.push(scenario);
        continue;
      }
      const sec = SECTION.exec(line);
      if (sec && !line.startsWith('###')) {
        closeRequirement();
        section = sec[1]!;
        const delta = DELTA_SECTION.exec(section);
        operation = delta ? (delta[1]!.toUpperCase() as DeltaOperation) : undefined;
        if (delta) spec.delta = true;
        continue;
      }
      const title = TITLE.exec(line);
      if (title && !spec.title) {
        spec.title = title[1]!;
        const cap = /^(.+?)\s+Specification$/i.exec(spec.title);
        if (cap) spec.capability = cap[1]!;
        continue;
      }
    }
    if (scenario) {
      const step = /^\s*[-*]\s+(.*)$/.exec(line);
      if (step) scenario.steps.push(step[1]!.trim());
      else if (line.trim() && scenario.steps.length > 0) scenario.steps[scenario.steps.length - 1] += ` ${line.trim()}`;
    } else if (requirement) {
      if (line.trim()) body.push(line.trim());
    } else if (/^purpose$/i.test(section) && line.trim()) {
      purpose.push(line.trim());
    }
  }
  closeRequirement();
  spec.purpose = purpose.join(' ');
  return spec;
}

/** Every text of a requirement, for ranking. */
export const requirementText = (r: ParsedRequirement): string =>
  [r.text, ...r.scenarios.flatMap((s) => [s.name, ...s.steps])].join('\n');
