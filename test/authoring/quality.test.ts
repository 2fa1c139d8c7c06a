/**
 * Plan quality of the rule-based author without a brief, on context gathered for real (all four
 * facets in process) from the two example repositories and from this project itself. Each case
 * checks general properties a reviewer expects, not the exact text: operations with a method
 * from the verb and the repository's route prefix, UI requests on the frontend, data requests on
 * the data boundary without invented tables, per-boundary test files, parallel work packages for
 * cross-boundary requests, concise names and short change ids. Every plan also passes
 * `openspec validate --strict`, the structure check and the work-package generator.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { openspecValidate } from '../../src/adapters/openspec.js';
import { createRuleBasedAuthor } from '../../src/authors/rule-based.js';
import { projectRoot } from '../../src/config/paths.js';
import { checkDraft } from '../../src/domain/author/draft-check.js';
import { routePrefix } from '../../src/domain/author/signals.js';
import { CHANGE_ID_MAX, deriveChangeId } from '../../src/domain/change-id.js';
import type { ContextSummary } from '../../src/domain/context/types.js';
import type { HttpMethod, PlanDraft } from '../../src/domain/draft.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { renderChange } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { dagReport } from '../../src/domain/workpackages/graph.js';
import { exampleRepo, fixtureRepo, freshOpenspecRepo, writeChange } from '../helpers/authoring.js';

type Repo = 'taskboard' | 'pantry-py' | 'self' | 'go-root';

interface Case {
  repo: Repo;
  request: string;
  /** Expected operations as `METHOD` plus a path pattern (checked with the route prefix rule too). */
  ops?: Array<[HttpMethod, RegExp]>;
  /** The request asks for UI: a frontend boundary must be touched when the repository has one. */
  ui?: boolean;
  /** The request stores data: the data boundary (when there is one) and no new table unless `tables`. */
  data?: boolean;
  tables?: string[];
  /** Boundary kinds that must be touched. */
  kinds?: string[];
  /** Exactly this many backend boundaries are touched (API clauses go to the one serving the routes). */
  backends?: number;
  /** At least two implementation packages can run at the same time. */
  parallel?: boolean;
  /** Requirement names expected (ADDED, new or in an existing capability). */
  names?: string[];
  /** The top existing requirement is MODIFIED (names are then the spec's own). */
  modifies?: boolean;
  changeId?: string;
  /** The request asks for an API: at least one operation. */
  api?: boolean;
  /** Files some implementation task cites. */
  cites?: string[];
  /** Paths (or globs) some implementation package may write. */
  writes?: string[];
  /** What the request is about: every ADDED requirement name and every operation's scenarios mention it. */
  object?: string;
}

const cases: Case[] = [
  {
    repo: 'taskboard',
    request: 'add due dates to tasks: store the due date in the database, show it on the web board, and add an API endpoint that lists overdue tasks',
    ops: [['GET', /^\/api\/tasks\/overdue$/]],
    ui: true,
    data: true,
    kinds: ['backend', 'frontend', 'data'],
    parallel: true,
    names: ['Task Due Dates', 'Overdue Task Listing'],
    changeId: 'add-task-due-dates',
  },
  { repo: 'taskboard', request: 'Add an endpoint to archive tasks', ops: [['POST', /^\/api\/tasks\/\{[a-zA-Z]+\}\/archive$/]], kinds: ['backend'], names: ['Task Archiving'] },
  { repo: 'taskboard', request: 'Add an API endpoint to delete a notification', ops: [['DELETE', /^\/api\/notifications\/\{[a-zA-Z]+\}$/]], kinds: ['backend'] },
  { repo: 'taskboard', request: 'Show the assignee avatar on each task card', ops: [], ui: true, kinds: ['frontend'], names: ['Assignee Avatar'] },
  {
    repo: 'taskboard',
    request: 'Store comments in a comments table, add an API endpoint to create comments on tasks and show them under each task on the board',
    ops: [['POST', /^\/api\/tasks\/\{[a-zA-Z]+\}\/comments$/]],
    ui: true,
    data: true,
    tables: ['comments'],
    parallel: true,
    names: ['Comments', 'Task Comment Creation'],
  },
  {
    repo: 'taskboard',
    request: 'store the priority of each task in the database and display it on the task card',
    ops: [],
    ui: true,
    data: true,
    kinds: ['frontend', 'data'],
    parallel: true,
  },
  { repo: 'taskboard', request: 'Store the estimate of each task in the tasks table and show it on the task card', ops: [], ui: true, data: true, kinds: ['frontend', 'data'], parallel: true },
  { repo: 'taskboard', request: 'Change task creation to allow titles up to 500 characters', modifies: true, changeId: 'update-task-creation' },
  { repo: 'taskboard', request: 'Let users filter the board by assignee', ops: [], ui: true, kinds: ['frontend'], names: ['Board Filtering'], changeId: 'add-board-filtering-support' },
  {
    repo: 'taskboard',
    request: 'Add POST /api/tasks/{id}/archive and GET /api/tasks/archived',
    ops: [['POST', /^\/api\/tasks\/\{id\}\/archive$/], ['GET', /^\/api\/tasks\/archived$/]],
    kinds: ['backend'],
    names: ['Task Archiving', 'Archived Task Listing'],
  },
  {
    repo: 'taskboard',
    request: 'Emit a `task.archived` event when a task is archived and show archived tasks in a separate column',
    ops: [],
    ui: true,
    kinds: ['backend', 'frontend'],
    parallel: true,
  },
  { repo: 'taskboard', request: 'Document the notification rules in the architecture guide', ops: [], kinds: ['docs'], names: ['Notification Rules Documentation'] },
  { repo: 'pantry-py', request: 'add an endpoint that lists expired items', ops: [['GET', /^\/items\/expired$/]], kinds: ['backend'], backends: 1, names: ['Expired Item Listing'] },
  {
    repo: 'pantry-py',
    request: 'store the purchase price of each item in the database and add an API endpoint to get the total pantry value',
    // An aggregate ("the total pantry value") is read under what it aggregates, not a new collection.
    ops: [['GET', /^\/[a-z-]+\/total-value$/]],
    data: true,
    kinds: ['backend', 'data'],
    parallel: true,
    backends: 1,
  },
  { repo: 'pantry-py', request: 'Fix consume stock so it takes the oldest batch first', modifies: true },
  { repo: 'pantry-py', request: 'Remove the shopping list endpoint', ops: [], kinds: ['backend'], names: ['Shopping List Removal'] },
  // Phrasings real users write: coordinated verbs, plural "endpoints", pronouns, no leading "add".
  {
    repo: 'taskboard',
    request: 'add comments on tasks: store them in a comments table, add API endpoints to create and list the comments of a task, and show them under each task card on the web board',
    ops: [['POST', /^\/api\/tasks\/\{[a-zA-Z]+\}\/comments$/], ['GET', /^\/api\/tasks\/\{[a-zA-Z]+\}\/comments$/]],
    api: true,
    ui: true,
    data: true,
    tables: ['comments'],
    parallel: true,
    object: 'comment',
    names: ['Task Comments', 'Task Comment Creation', 'Task Comment Listing'],
    changeId: 'add-task-comments',
  },
  {
    repo: 'taskboard',
    request: 'add endpoints to create, update and delete labels',
    ops: [['POST', /^\/api\/labels$/], ['PATCH', /^\/api\/labels\/\{[a-zA-Z]+\}$/], ['DELETE', /^\/api\/labels\/\{[a-zA-Z]+\}$/]],
    api: true,
    object: 'label',
    names: ['Label Creation', 'Label Update', 'Label Deletion'],
    changeId: 'add-label-endpoints',
  },
  { repo: 'taskboard', request: 'Add API endpoints to create and list labels', ops: [['POST', /^\/api\/labels$/], ['GET', /^\/api\/labels$/]], api: true, object: 'label' },
  { repo: 'taskboard', request: 'store labels in a labels table and expose them over the API', ops: [['GET', /^\/api\/labels$/]], api: true, data: true, tables: ['labels'], object: 'label' },
  { repo: 'taskboard', request: 'let users archive tasks through the API', ops: [['POST', /^\/api\/tasks\/\{[a-zA-Z]+\}\/archive$/]], api: true, object: 'task', names: ['Task Archiving'] },
  { repo: 'taskboard', request: 'allow admins to delete users through the API', ops: [['DELETE', /^\/api\/users\/\{[a-zA-Z]+\}$/]], api: true, object: 'user' },
  { repo: 'taskboard', request: 'users can export tasks as CSV', ops: [], object: 'task', names: ['Task Export'], changeId: 'add-task-export-support' },
  { repo: 'taskboard', request: 'tasks should have a priority shown on the card', ops: [], ui: true, data: true, kinds: ['frontend', 'data'], object: 'priority', names: ['Task Priority'] },
  { repo: 'taskboard', request: 'the board should highlight overdue tasks', ops: [], ui: true, kinds: ['frontend'], object: 'task', names: ['Overdue Task Highlighting'] },
  // An action verb names the behaviour by the action, whether or not the id's verbs know it.
  { repo: 'taskboard', request: 'pin important tasks to the top of the board', ops: [], ui: true, names: ['Important Task Pinning'], changeId: 'add-important-task-pinning' },
  { repo: 'taskboard', request: 'export tasks as CSV', ops: [], names: ['Task Export'], changeId: 'add-task-export' },
  { repo: 'pantry-py', request: 'suggest recipes based on the items in the pantry', ops: [], names: ['Recipe Suggestion'], changeId: 'add-recipe-suggestion' },
  // A notification is named after the event it reports.
  { repo: 'taskboard', request: 'send an email notification when a task is assigned to someone', ops: [], names: ['Task Assignment Email Notification'] },
  { repo: 'pantry-py', request: 'notify users two days before an item expires', ops: [], names: ['Item Expiry Notification'] },
  // A fix is named after what goes wrong; a place word before a noun stays in the name.
  { repo: 'self', request: 'fix the bug where nested routes ignore the query filter', ops: [], names: ['Fix for Nested Routes Ignore Query Filter'] },
  { repo: 'self', request: 'support route groups with shared middleware', ops: [], names: ['Route Groups Support'] },
  // User stories, requirements stated as needs, asides in parentheses, webhooks and conditions first.
  { repo: 'taskboard', request: 'As a project manager I want to see a burndown chart for each sprint', ops: [], names: ['Sprint Burndown Chart'], changeId: 'add-sprint-burndown-chart' },
  { repo: 'taskboard', request: 'Tasks need a priority (low, medium, high) that can be set via the API and shown as a colored badge', ops: [['PATCH', /^\/api\/tasks\/\{id\}\/priority$/]], api: true, names: ['Task Priority Update'], changeId: 'add-task-priority' },
  { repo: 'taskboard', request: 'Webhooks: POST to a configured URL whenever a task changes status', ops: [], names: ['Task Status Change Webhook'], changeId: 'add-task-status-change-webhook' },
  { repo: 'self', request: 'Add support for regular expression constraints on host names', ops: [], names: ['Regular Expression Constraints Support'] },
  { repo: 'self', request: 'add a --read-only flag that rejects POST, PUT, PATCH and DELETE requests', ops: [], names: ['Read Only Flag'] },
  // Later clauses about an operation's resource (or the table that holds it) join its requirement.
  {
    repo: 'taskboard',
    request: 'add an endpoint GET /api/tasks/{id}/history that returns the status changes of a task, store each change in a task_history table, and show the history in a side panel on the board',
    ops: [['GET', /^\/api\/tasks\/\{id\}\/history$/]],
    api: true,
    tables: ['task_history'],
    kinds: ['backend', 'frontend', 'data'],
    parallel: true,
    names: ['Task History Retrieval'],
  },
  // A Go package at the repository root: its files are the backend boundary (listed one by one).
  { repo: 'go-root', request: 'add a method to list all registered routes with their names', ops: [], kinds: ['backend'], names: ['Registered Route Listing Method'], writes: ['router.go', 'route.go'] },
  // A verb the word lists do not know still reads as one where only a verb can stand; acronyms stay capitals.
  { repo: 'self', request: 'add a context method that binds a request body to a struct and validates it', ops: [], names: ['Request Body Binding Context Method'] },
  { repo: 'self', request: 'add a TOML renderer', ops: [], names: ['TOML Renderer'] },
  // "return 429 when exceeded" names nothing by itself: it is one more scenario of the limit.
  { repo: 'taskboard', request: 'rate limit clients to 100 requests per minute and return 429 when exceeded', ops: [], names: ['Client Throttling'], changeId: 'add-client-throttling' },
  { repo: 'taskboard', request: 'support CSV export of tasks', ops: [], object: 'export', changeId: 'add-task-csv-export-support' },
  { repo: 'taskboard', request: 'add an endpoint that lists tasks by priority', ops: [['GET', /^\/api\/tasks\/by-priority$/]], api: true, object: 'task' },
  { repo: 'taskboard', request: 'add an endpoint that lists the tasks of a user', ops: [['GET', /^\/api\/users\/\{[a-zA-Z]+\}\/tasks$/]], api: true, object: 'task' },
  { repo: 'taskboard', request: 'change the endpoint that lists tasks to sort them by due date', ops: [['GET', /^\/api\/tasks$/]], modifies: true },
  {
    repo: 'pantry-py',
    request: 'add API endpoints to create and list the notes of an item',
    ops: [['POST', /^\/items\/\{[a-zA-Z_]+\}\/notes$/], ['GET', /^\/items\/\{[a-zA-Z_]+\}\/notes$/]],
    api: true,
    object: 'note',
    names: ['Item Note Creation', 'Item Note Listing'],
  },
  {
    repo: 'pantry-py',
    request: 'store recipes in a recipes table, add endpoints to create, update and delete recipes, and show them on the recipes page',
    ops: [['POST', /^\/recipes$/], ['PATCH', /^\/recipes\/\{[a-zA-Z_]+\}$/], ['DELETE', /^\/recipes\/\{[a-zA-Z_]+\}$/]],
    api: true,
    data: true,
    tables: ['recipes'],
    object: 'recipe',
  },
  { repo: 'pantry-py', request: 'users can list expired items through the API', ops: [['GET', /^\/items\/expired$/]], api: true, object: 'item' },
  { repo: 'pantry-py', request: 'items should have a barcode shown in the item list', ops: [], data: true, object: 'barcode', names: ['Item Barcode'], changeId: 'add-item-barcode' },
  { repo: 'pantry-py', request: 'add an endpoint that lists items by location', ops: [['GET', /^\/items\/by-location$/]], api: true, object: 'item' },
  // Served operations are matched by method and path: a new method on a served path is proposed.
  { repo: 'taskboard', request: 'add an endpoint to list users', ops: [['GET', /^\/api\/users$/]], api: true, object: 'user' },
  { repo: 'taskboard', request: 'add endpoints to create, update and delete tasks', ops: [['PATCH', /^\/api\/tasks\/\{[a-zA-Z]+\}$/]], api: true, object: 'task' },
  // Singletons: a resource served without an {id} below it, or a singleton noun, takes no {id}.
  { repo: 'pantry-py', request: 'add an endpoint to get the shopping list', ops: [['GET', /^\/shopping-list$/]], api: true, object: 'shopping list' },
  { repo: 'taskboard', request: 'add an endpoint to get the dashboard summary', ops: [['GET', /^\/api\/[a-z-]*summary$/]], api: true, object: 'summary' },
  // An attribute of an existing entity is a column change: the data boundary and a migration task.
  { repo: 'taskboard', request: 'add a priority to tasks', ops: [], data: true, kinds: ['data'], object: 'priority' },
  { repo: 'pantry-py', request: 'add a barcode to items', ops: [], data: true, kinds: ['data'], object: 'barcode' },
  // "mark X as Y" is a state change: PATCH of the item, no verb in the path.
  { repo: 'taskboard', request: 'add an API endpoint to mark tasks as done', ops: [['PATCH', /^\/api\/tasks\/\{[a-zA-Z]+\}$/]], api: true, object: 'task' },
  // Keeping an attribute of an existing entity ("record / track / store the X of Y") is a column change.
  {
    repo: 'pantry-py',
    request: 'let users record the purchase price of pantry items and add an API endpoint that returns the total pantry value',
    ops: [['GET', /^\/[a-z-]+\/total-value$/]],
    api: true,
    data: true,
    kinds: ['backend', 'data'],
    backends: 1,
    parallel: true,
    // What is kept names the behaviour, not the act of keeping it.
    names: ['Pantry Item Purchase Price', 'Total Pantry Value Retrieval'],
  },
  { repo: 'taskboard', request: 'allow users to track the estimate of each task', ops: [], data: true, kinds: ['data'], names: ['Task Estimate'] },
  { repo: 'taskboard', request: 'track the estimate of each task', ops: [], data: true, kinds: ['data'], object: 'estimate' },
  { repo: 'pantry-py', request: 'record the brand of pantry items', ops: [], data: true, kinds: ['data'], object: 'brand' },
  { repo: 'pantry-py', request: 'remember the supplier of pantry items', ops: [], data: true, kinds: ['data'], object: 'supplier', changeId: 'add-pantry-item-supplier' },
  { repo: 'pantry-py', request: 'keep the purchase date of each item', ops: [], data: true, kinds: ['data'], object: 'purchase date', changeId: 'add-item-purchase-date' },
  { repo: 'taskboard', request: 'add an API endpoint that returns the average task estimate', ops: [['GET', /^\/api\/tasks\/average-estimate$/]], api: true, kinds: ['backend'], backends: 1 },
  { repo: 'self', request: 'add a --json flag to the status command', ops: [] },
  { repo: 'self', request: 'Document how to write an external author command', ops: [], kinds: ['docs'] },
  // A new thing goes beside its kind, named in its siblings' style.
  { repo: 'self', request: 'add a CLI command that lists the plans waiting for approval', ops: [], changeId: 'add-list-plans-command', cites: ['src/cli/commands/list-plans.ts'] },
];

const IMPLEMENTATION = (id: string) => id !== 'wp-contracts' && id !== 'wp-integration';
/** Title case: every word capitalised except short connectors; digits and `--flags` allowed. */
const TITLE_WORD = /^(?:[A-Z0-9][A-Za-z0-9-]*|for|to|of|on|in|by|and|the|a|\(\d+\)|\(extended\))$/;

function addedNames(draft: PlanDraft): string[] {
  return draft.capabilities.flatMap((c) => c.requirements.filter((r) => r.operation === 'ADDED').map((r) => r.name));
}

describe('rule-based plan quality on real repositories', () => {
  const repos = new Map<Repo, string>();
  let fresh: string;
  before(async () => {
    repos.set('taskboard', await exampleRepo('taskboard'));
    repos.set('pantry-py', await exampleRepo('pantry-py'));
    repos.set('self', projectRoot);
    repos.set('go-root', await fixtureRepo('go-root'));
    fresh = await freshOpenspecRepo();
  });

  for (const c of cases) {
    it(`${c.repo}: ${c.request}`, async () => {
      const repoDir = repos.get(c.repo)!;
      const context: ContextSummary = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-run-')), request: c.request });
      const changeId = deriveChangeId(c.request, context.changesInFlight.map((x) => x.id));
      const author = createRuleBasedAuthor();
      const draft = await author.draft({ request: c.request, context, changeId, revision: 1 });
      assert.deepEqual(await author.draft({ request: c.request, context, changeId, revision: 1 }), draft, 'deterministic');
      const checked = checkDraft(JSON.parse(JSON.stringify(draft)), { changeId });
      assert.ok(checked.ok, checked.ok ? '' : checked.errors.join('\n'));

      // Change ids: verb + key object, at most five words.
      assert.ok(changeId.length <= CHANGE_ID_MAX && changeId.replace(/-\d+$/, '').split('-').length <= 5, `change id ${changeId}`);
      if (c.changeId) assert.equal(changeId, c.changeId);

      // Operations: method from the verb, path under the repository's prefix, no verbs in paths.
      const ops = draft.operations.map((o) => `${o.method} ${o.path}`);
      if (c.ops) {
        assert.equal(draft.operations.length, c.ops.length, ops.join(', '));
        c.ops.forEach(([method, path], i) => {
          assert.equal(draft.operations[i]!.method, method, ops.join(', '));
          assert.match(draft.operations[i]!.path, path);
        });
      }
      const prefix = routePrefix(context.apiRoutes ?? []);
      for (const o of draft.operations) {
        if (prefix !== '') assert.ok(o.path.startsWith(`${prefix}/`), `${o.path} uses the repository prefix ${prefix}`);
        assert.doesNotMatch(o.path, /\/(lists|gets|shows|creates|adds|deletes|removes|marks?)(\/|$)/, o.path);
        for (const p of o.parameters.filter((x) => x.in === 'path')) assert.ok(o.path.includes(`{${p.name}}`));
        if (o.responseList) assert.equal(o.method, 'GET');
      }

      // An API request gets operations; none duplicates a route the repository serves unless a
      // requirement is MODIFIED (the request changes that route).
      if (c.api) assert.ok(draft.operations.length > 0, 'operations for an API request');
      const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
      const served = new Set((context.apiRoutes ?? []).map(norm));
      const servedOps = new Set((context.apiOperations ?? []).map(norm));
      const modified = draft.capabilities.some((x) => x.requirements.some((r) => r.operation === 'MODIFIED'));
      for (const o of draft.operations) {
        const dup = servedOps.has(`${o.method} ${norm(o.path)}`) || (o.method === 'GET' && served.has(norm(o.path)) && ![...servedOps].some((x) => x.endsWith(` ${norm(o.path)}`)));
        assert.ok(modified || !dup, `${o.method} ${o.path} duplicates an operation the repository serves`);
      }
      // Requirement names say what they are about, and never reuse another capability's header.
      for (const cap of draft.capabilities) {
        const others = context.relatedSpecs.filter((s) => s.capability !== cap.name).flatMap((s) => s.requirements);
        for (const r of cap.requirements.filter((x) => x.operation === 'ADDED')) {
          assert.ok(!others.includes(r.name), `${r.name} is a requirement of another capability`);
          assert.doesNotMatch(r.name, /^(?:API |REST )?(?:Endpoints?|Routes?|API|Operations?)$/, r.name);
          if (c.object) assert.match(r.name.toLowerCase(), new RegExp(c.object), `${r.name} names the ${c.object}`);
          if (c.object && r.text.includes('`')) for (const sc of r.scenarios) assert.match(`${sc.name} ${sc.when} ${sc.then}`.toLowerCase(), new RegExp(c.object), `scenario ${sc.name} is about the ${c.object}`);
        }
      }
      // New tables are those asked for; tables the repository has come along marked existing.
      const created = draft.entities.filter((e) => !e.existing).map((e) => e.table);
      const known = new Set((context.model?.entities ?? []).flatMap((e) => [e.table ?? '', e.name]));
      for (const e of draft.entities.filter((x) => x.existing)) assert.ok(known.has(e.table), `existing table ${e.table} is one the repository has`);
      if (c.tables) assert.deepEqual(created, c.tables, 'the table asked for');

      // Boundaries: UI requests touch the frontend; data requests the data boundary.
      const touched = new Set(draft.boundaries.map((b) => b.kind));
      const has = (kind: string) => context.boundaries.some((b) => b.kind === kind);
      if (c.ui && has('frontend')) assert.ok(touched.has('frontend'), `frontend touched: ${[...touched].join(', ')}`);
      if (c.data && has('data')) {
        assert.ok(touched.has('data'), `data touched: ${[...touched].join(', ')}`);
        assert.ok(draft.tasks.some((t) => t.boundary === draft.boundaries.find((b) => b.kind === 'data')!.id && /migration/i.test(t.title)), 'a migration task');
      }
      if (c.data) assert.deepEqual(created, c.tables ?? [], 'no invented tables');
      for (const k of c.kinds ?? []) assert.ok(touched.has(k as never), `${k} touched: ${[...touched].join(', ')}`);
      if (c.backends !== undefined) assert.equal(draft.boundaries.filter((b) => b.kind === 'backend').length, c.backends, `backends: ${draft.boundaries.map((b) => b.id).join(', ')}`);

      // Test files: each boundary has its own; none is written by two boundaries.
      const testFiles = new Map<string, string>();
      for (const t of draft.tasks.filter((x) => x.kind === 'test' && x.boundary !== 'integration')) {
        assert.ok(t.files.length > 0, `${t.boundary} names test files`);
        for (const f of t.files) {
          assert.ok(!/[*?]/.test(f), `${t.boundary} test file ${f} is a file, not a glob`);
          const owner = testFiles.get(f);
          assert.ok(owner === undefined || owner === t.boundary, `${f} is written by ${owner} and ${t.boundary}`);
          testFiles.set(f, t.boundary);
        }
      }

      // Names: concise title case, one per behaviour, each with SHALL text and scenarios.
      for (const cap of draft.capabilities) {
        assert.ok(cap.name.split('-').length <= 5, `capability ${cap.name}`);
        for (const r of cap.requirements) {
          assert.match(r.text, /\bSHALL\b/);
          assert.ok(r.scenarios.length > 0);
          if (r.operation === 'MODIFIED') continue;
          assert.ok(r.name.length <= 60 && r.name.split(' ').length <= 7, `requirement name ${r.name}`);
          for (const w of r.name.split(' ')) assert.match(w, TITLE_WORD, `title case: ${r.name}`);
          assert.ok(!r.name.includes(':'), r.name);
        }
      }
      if (c.names) assert.deepEqual(addedNames(draft), c.names);
      if (c.modifies) assert.ok(draft.capabilities.some((x) => x.requirements.some((r) => r.operation === 'MODIFIED')), 'modifies the existing requirement');

      // Work packages: cross-boundary requests get parallel implementation packages.
      const { doc, report } = generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 });
      const dag = dagReport(doc);
      assert.deepEqual(dag.cycles, []);
      const cited = draft.tasks.filter((t) => t.kind !== 'test').flatMap((t) => t.files);
      for (const f of c.cites ?? []) assert.ok(cited.includes(f), `${f} is cited: ${cited.join(', ')}`);
      const writable = doc.packages.filter((p) => IMPLEMENTATION(p.package_id)).flatMap((p) => p.scope.write_allow);
      for (const w of c.writes ?? []) assert.ok(writable.includes(w), `${w} is in an implementation package's scope: ${writable.join(', ')}`);
      if (c.parallel) {
        const widest = Math.max(...dag.waves.map((w) => w.filter(IMPLEMENTATION).length));
        assert.ok(widest >= 2, `parallel implementation packages: ${JSON.stringify(dag.waves)}\n${report.whyNotParallel.join('\n')}`);
        assert.ok(!report.whyNotParallel.some((w) => /both write test\//.test(w)), report.whyNotParallel.join('\n'));
      }

      // Rendered artifacts: structure check and the real openspec CLI.
      const files = renderChange(draft, { context });
      assert.deepEqual(checkChangeStructure(files).issues, []);
      const target = c.repo === 'self' ? fresh : repoDir;
      writeChange(target, changeId, files);
      assert.deepEqual(await openspecValidate(target, changeId), { changeId, valid: true, issues: [] });
    });
  }
});
