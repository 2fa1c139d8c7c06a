/**
 * Structure checks for the artifacts `openspec validate` does not look at (proposal, design,
 * tasks), plus traceability from every spec scenario to a task. Works on the Markdown itself, so
 * it also catches hand edits. Results are data: `{valid, issues}`; warnings do not make it invalid.
 *
 * Pure module.
 */
import { codeSpans } from './markdown.js';
import type { Tier } from './options.js';
import { LINEAR_WARNING_PREFIX } from './options.js';

export interface StructureIssue {
  code: string;
  level: 'error' | 'warning';
  /** File, optionally with a line (`tasks.md:12`) or section (`proposal.md#Why`). */
  path: string;
  message: string;
  fix: string;
}

export interface StructureResult {
  valid: boolean;
  issues: StructureIssue[];
}

export interface ChangeFile {
  path: string;
  content: string;
}

export const MIN_WHY_CHARS = 50;
const PROPOSAL_REQUIRED = ['Why', 'What Changes', 'Impact'];
const PROPOSAL_EXPECTED = ['Approaches Considered', 'Non-Functional Requirements'];
const DESIGN_REQUIRED = ['Context', 'Goals / Non-Goals', 'Decisions', 'Risks / Trade-offs', 'Migration Plan'];

/** `## Title` sections of a Markdown document with their body text. */
function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (current !== undefined) out.set(current, body.join('\n').trim());
  };
  for (const line of md.split('\n')) {
    const m = /^## (.+?)\s*$/.exec(line);
    if (m) {
      flush();
      current = m[1]!;
      body = [];
    } else if (current !== undefined) body.push(line);
  }
  flush();
  return out;
}

function checkProposal(md: string, tier: Tier, issue: (i: StructureIssue) => void): void {
  const secs = sections(md);
  for (const name of PROPOSAL_REQUIRED) {
    if (!secs.has(name)) issue({ code: 'missing_section', level: 'error', path: 'proposal.md', message: `proposal.md has no "## ${name}" section`, fix: `add a "## ${name}" section` });
  }
  if (tier === 'coordinated') {
    for (const name of PROPOSAL_EXPECTED) {
      if (!secs.has(name)) issue({ code: 'missing_section', level: 'warning', path: 'proposal.md', message: `proposal.md has no "## ${name}" section`, fix: `add a "## ${name}" section` });
    }
  }
  const why = secs.get('Why');
  if (why !== undefined && why.length < MIN_WHY_CHARS) {
    issue({ code: 'why_too_short', level: 'error', path: 'proposal.md#Why', message: `the Why section has ${why.length} characters; at least ${MIN_WHY_CHARS} are needed`, fix: 'explain the problem and who it affects in one or two sentences' });
  }
  const approaches = secs.get('Approaches Considered');
  if (approaches !== undefined) {
    const count = (approaches.match(/^### /gm) ?? []).length;
    if (count < 2) issue({ code: 'too_few_approaches', level: 'warning', path: 'proposal.md#Approaches Considered', message: `${count} approach(es) listed; at least 2 are expected`, fix: 'describe at least one alternative that was considered' });
    if (!/\(Recommended\)/.test(approaches)) issue({ code: 'no_recommended_approach', level: 'warning', path: 'proposal.md#Approaches Considered', message: 'no approach is marked (Recommended)', fix: 'mark the chosen approach with "(Recommended)"' });
  }
  if (tier === 'linear' && !md.includes(LINEAR_WARNING_PREFIX)) {
    issue({ code: 'missing_tier_warning', level: 'error', path: 'proposal.md', message: 'a linear-tier proposal must carry the degraded-tier warning line', fix: `add a line starting with "${LINEAR_WARNING_PREFIX}" that says why` });
  }
}

function checkDesign(md: string, issue: (i: StructureIssue) => void): Set<string> {
  const secs = sections(md);
  for (const name of DESIGN_REQUIRED) {
    if (!secs.has(name)) issue({ code: 'missing_section', level: 'error', path: 'design.md', message: `design.md has no "## ${name}" section`, fix: `add a "## ${name}" section` });
  }
  const ids = new Set<string>();
  const headers = [...(secs.get('Decisions') ?? '').matchAll(/^### (.*)$/gm)].map((m) => m[1]!);
  headers.forEach((h, i) => {
    const m = /^D(\d+): \S/.exec(h);
    const expected = `D${i + 1}`;
    if (!m) {
      issue({ code: 'decision_not_numbered', level: 'error', path: 'design.md#Decisions', message: `decision header "### ${h}" is not numbered`, fix: `write it as "### ${expected}: <title>"` });
      return;
    }
    ids.add(`D${m[1]}`);
    if (`D${m[1]}` !== expected) issue({ code: 'decision_numbering', level: 'error', path: 'design.md#Decisions', message: `decision "### ${h}" should be ${expected}`, fix: 'number decisions D1, D2, ... in order' });
  });
  return ids;
}

/** `<capability>/<requirement>/<scenario>` for every scenario in the spec deltas. */
function specScenarios(files: readonly ChangeFile[]): Map<string, string> {
  const refs = new Map<string, string>();
  for (const f of files) {
    const m = /^specs\/([^/]+)\/spec\.md$/.exec(f.path);
    if (!m) continue;
    let requirement: string | undefined;
    for (const line of f.content.split('\n')) {
      const r = /^### Requirement: (.+?)\s*$/.exec(line);
      if (r) requirement = r[1]!;
      const s = /^#### Scenario: (.+?)\s*$/.exec(line);
      if (s && requirement !== undefined) refs.set(`${m[1]}/${requirement}/${s[1]}`, f.path);
    }
  }
  return refs;
}

interface ParsedTask {
  id: string;
  title: string;
  line: number;
  scenarios: string[];
  decisions: string[];
}

function checkTasks(md: string, issue: (i: StructureIssue) => void): ParsedTask[] {
  const tasks: ParsedTask[] = [];
  let section = 0;
  let sectionName = '';
  let expectedTask = 1;
  let sectionTasks: ParsedTask[] = [];
  const endSection = () => {
    if (section === 0) return;
    if (sectionTasks.length === 0) issue({ code: 'empty_section', level: 'error', path: 'tasks.md', message: `section "${section}. ${sectionName}" has no tasks`, fix: 'add tasks or remove the section' });
    else if (!sectionTasks.some((t) => /^Checkpoint\b/i.test(t.title))) {
      issue({ code: 'missing_checkpoint', level: 'error', path: 'tasks.md', message: `section "${section}. ${sectionName}" has no checkpoint task`, fix: 'end the section with a "Checkpoint: ..." task that runs its tests' });
    }
  };
  md.split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    const sec = /^## (\d+)\. (.+)$/.exec(line);
    if (sec) {
      endSection();
      section += 1;
      sectionName = sec[2]!;
      if (Number(sec[1]) !== section) issue({ code: 'section_numbering', level: 'error', path: `tasks.md:${lineNo}`, message: `section "${sec[1]}. ${sec[2]}" should be number ${section}`, fix: 'number sections 1, 2, 3, ... in order' });
      expectedTask = 1;
      sectionTasks = [];
      return;
    }
    if (/^## /.test(line)) {
      issue({ code: 'section_not_numbered', level: 'error', path: `tasks.md:${lineNo}`, message: `section "${line.slice(3)}" is not numbered`, fix: 'write sections as "## <n>. <package>"' });
      return;
    }
    const t = /^- \[[ xX]\] (\S+) (.+)$/.exec(line);
    if (t) {
      const want = `${section}.${expectedTask}`;
      if (t[1] !== want) issue({ code: 'task_numbering', level: 'error', path: `tasks.md:${lineNo}`, message: `task "${t[1]}" should be numbered ${want}`, fix: 'number tasks <section>.<n> from 1 within each section' });
      expectedTask += 1;
      const task: ParsedTask = { id: t[1]!, title: t[2]!, line: lineNo, scenarios: [], decisions: [] };
      tasks.push(task);
      sectionTasks.push(task);
      return;
    }
    const current = tasks[tasks.length - 1];
    const scen = /^\s+- Scenarios: (.+)$/.exec(line);
    if (scen && current) current.scenarios.push(...codeSpans(scen[1]!));
    const dec = /^\s+- Decisions: (.+)$/.exec(line);
    if (dec && current) current.decisions.push(...dec[1]!.split(/,\s*/).map((d) => d.trim()));
  });
  endSection();
  if (tasks.length === 0) issue({ code: 'no_tasks', level: 'error', path: 'tasks.md', message: 'tasks.md has no "- [ ] <n>.<m> ..." tasks', fix: 'add numbered tasks under numbered sections' });
  return tasks;
}

export function checkChangeStructure(files: readonly ChangeFile[], opts: { tier?: Tier } = {}): StructureResult {
  const tier = opts.tier ?? 'coordinated';
  const issues: StructureIssue[] = [];
  const issue = (i: StructureIssue) => issues.push(i);
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const need = (path: string, required: boolean): string | undefined => {
    const content = byPath.get(path);
    if (content === undefined && required) issue({ code: 'missing_file', level: 'error', path, message: `${path} is missing`, fix: `render ${path}` });
    return content;
  };

  const proposal = need('proposal.md', true);
  if (proposal !== undefined) checkProposal(proposal, tier, issue);
  const design = need('design.md', tier === 'coordinated');
  const decisionIds = design !== undefined ? checkDesign(design, issue) : undefined;
  const tasksMd = need('tasks.md', true);
  const tasks = tasksMd !== undefined ? checkTasks(tasksMd, issue) : [];

  const scenarios = specScenarios(files);
  if (scenarios.size === 0) issue({ code: 'no_spec_deltas', level: 'error', path: 'specs/', message: 'no spec delta has a scenario', fix: 'add specs/<capability>/spec.md with requirements and scenarios' });
  const cited = new Set(tasks.flatMap((t) => t.scenarios));
  for (const [ref, path] of scenarios) {
    if (!cited.has(ref)) issue({ code: 'scenario_not_covered', level: 'error', path, message: `no task cites scenario "${ref}"`, fix: 'cite it in the "Scenarios:" line of the task that tests it' });
  }
  for (const t of tasks) {
    for (const ref of t.scenarios) {
      if (!scenarios.has(ref)) issue({ code: 'unknown_scenario', level: 'error', path: `tasks.md:${t.line}`, message: `task ${t.id} cites "${ref}", which no spec delta defines`, fix: 'use <capability>/<requirement>/<scenario> exactly as in the spec delta' });
    }
    if (decisionIds) {
      for (const d of t.decisions) {
        if (!decisionIds.has(d)) issue({ code: 'unknown_decision', level: 'error', path: `tasks.md:${t.line}`, message: `task ${t.id} cites decision ${d}, which design.md does not define`, fix: 'cite an existing decision id or add it to design.md' });
      }
    }
  }
  return { valid: !issues.some((i) => i.level === 'error'), issues };
}
