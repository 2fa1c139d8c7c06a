#!/usr/bin/env node
// Screenshots of a plan as the Temporal web UI shows it, taken in headless Chromium (Debian's
// `chromium` package, /usr/bin/chromium or CHROMIUM_PATH, driven by playwright-core):
//   1. the plan's page (its "User Metadata" tab: the static summary and details, and the current
//      details with the step table), once the step table is rendered;
//   2. the workflow list filtered by the project's search attribute, e.g. PlanStatus="awaiting-approval",
//      once it lists the plan.
// A worker must be running (the UI reads the current details with a query the worker answers).
// Run after `npm run build`:
//   node scripts/ui-screenshot.mjs [--ui <url>] [--workflow-id <id>] [--out <png>] [--query <visibility query>]
//                                  [--namespace <ns>] [--timeout <seconds>]
// --ui: default TEMPORAL_UI_URL, else the embedded dev server's UI (server.json in PARALLEL_PLAN_HOME
// or ~/.parallel-plan), else http://localhost:8233. --workflow-id: default the newest plan awaiting
// approval (asked through the UI's own HTTP API). --out: default /tmp/pp-ui-shots/<workflow id>.png;
// the list goes next to it as <name>-list.png. --query: default PlanStatus="<the plan's state>".
// Prints the two PNG paths.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(fileURLToPath(import.meta.url), '..', '..');
if (!existsSync(join(root, 'dist/test/ui/ui-pages.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const d = (p) => import(join(root, 'dist', p));
const { capturePlanPage, captureWorkflowList, launchChromium } = await d('test/ui/ui-pages.js');
const { serverStatus } = await d('src/server/dev-server.js');
const { stateDir } = await d('src/config/paths.js');

const { values: args } = parseArgs({
  options: {
    ui: { type: 'string' },
    'workflow-id': { type: 'string' },
    out: { type: 'string' },
    query: { type: 'string' },
    namespace: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log('usage: node scripts/ui-screenshot.mjs [--ui <url>] [--workflow-id <id>] [--out <png>] [--query <visibility query>] [--namespace <ns>] [--timeout <seconds>]');
  process.exit(0);
}

async function defaultUi() {
  if (process.env.TEMPORAL_UI_URL) return process.env.TEMPORAL_UI_URL;
  const status = await serverStatus(stateDir());
  if (status.running && status.info?.uiUrl) return status.info.uiUrl;
  return 'http://localhost:8233';
}

const ui = (args.ui ?? (await defaultUi())).replace(/\/+$/, '');
const namespace = args.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default';
const timeoutMs = Number(args.timeout) * 1000;

/** Executions from the UI's HTTP API (what its list page asks), newest first. */
async function listExecutions(query, pageSize = 1) {
  const url = `${ui}/api/v1/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}&pageSize=${pageSize}`;
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new Error(`the Temporal UI does not answer at ${ui} (${err.cause?.code ?? err.message}); pass --ui <url>`);
  }
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()).executions ?? [];
}

/** A keyword search attribute's value from an execution of the UI's API (JSON payload, base64). */
function keyword(execution, name) {
  const field = execution?.searchAttributes?.indexedFields?.[name];
  if (!field?.data) return undefined;
  try {
    return JSON.parse(Buffer.from(field.data, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

try {
  let workflowId = args['workflow-id'];
  let execution;
  if (workflowId) {
    [execution] = await listExecutions(`WorkflowId="${workflowId}"`);
    if (!execution) throw new Error(`no workflow ${workflowId} in namespace ${namespace} at ${ui}`);
  } else {
    [execution] = await listExecutions('WorkflowType="parallelPlanFeature" AND PlanStatus="awaiting-approval"');
    if (!execution) throw new Error(`no plan awaiting approval in namespace ${namespace} at ${ui}; pass --workflow-id <id>`);
    workflowId = execution.execution.workflowId;
  }
  const planState = keyword(execution, 'PlanStatus') ?? 'awaiting-approval';
  const query = args.query ?? `PlanStatus="${planState}"`;
  const out = args.out ?? join('/tmp/pp-ui-shots', `${workflowId}.png`);
  const listOut = out.replace(/(\.png)?$/i, '-list.png');

  const browser = await launchChromium();
  try {
    const plan = await capturePlanPage(browser, {
      uiUrl: ui,
      namespace,
      workflowId,
      out,
      expectSteps: ['verify-environment', 'gather-context', 'validate'],
      timeoutMs,
    });
    console.error(`plan page ${plan.url}: ${plan.tableRows.length - 1} steps rendered`);
    const list = await captureWorkflowList(browser, { uiUrl: ui, namespace, query, expectWorkflowId: workflowId, out: listOut, timeoutMs });
    console.error(`workflow list ${list.url}`);
    console.log(plan.path);
    console.log(list.path);
  } finally {
    await browser.close();
  }
} catch (err) {
  console.error(`ui-screenshot: ${err.message}`);
  process.exit(1);
}
