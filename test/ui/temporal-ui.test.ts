/**
 * The plan as the Temporal UI shows it (issue 12 item 4): a plan on the taskboard example
 * awaiting approval has its static summary and details and its current details (the step table)
 * set, visibility finds it by the project's search attributes, and in headless Chromium the
 * UI's plan page renders the step table and the list filtered by PlanStatus and PlanChangeId
 * lists it. Screenshots go to UI_SCREENSHOT_DIR or a temporary folder; their paths are printed.
 * Needs Debian's chromium (apt-get install chromium; .ci/run does it) and the suite server's UI
 * (TEMPORAL_TEST_UI from scripts/run-tests.mjs, or the server test/helpers/temporal.ts started).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { createActivities } from '../../src/activities/index.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';
import { captureWorkflowList, capturePlanPage, launchChromium, screenshotDir } from './ui-pages.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-ui-'));

test('the Temporal UI shows a plan awaiting approval: its step table on the plan page, the plan in the list filtered by its search attributes', { timeout: 240_000 }, async (t) => {
  const env = await testEnv();
  assert.ok(env.uiUrl, 'no Temporal UI URL: run through scripts/run-tests.mjs (TEMPORAL_TEST_UI) or set TEMPORAL_TEST_UI with TEMPORAL_TEST_ADDRESS');
  const uiUrl = env.uiUrl;
  const changeId = 'show-due-dates-in-ui';
  const repo = await prepareExample('taskboard');
  const prepared = await preparePlan({
    request: 'add due dates to tasks: store the due date in the database and add an API endpoint that lists overdue tasks',
    repo,
    stateDir,
    changeId,
  });
  // The browser starts while the plan runs.
  const browserPromise = launchChromium();
  browserPromise.catch(() => undefined);
  t.after(async () => (await browserPromise.catch(() => undefined))?.close());
  await withWorker(createActivities({ client: env.client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 120_000 });
    assert.equal(status.state, 'awaiting-approval', status.error);
    const stepNames = Object.keys(status.steps);
    assert.ok(stepNames.includes('verify-environment') && stepNames.includes('validate'), stepNames.join(', '));

    // describe(): the static summary and details the plan was started with.
    const desc = await handle.describe();
    assert.equal(await desc.staticSummary(), `Plan **${changeId}**`);
    const staticDetails = (await desc.staticDetails()) ?? '';
    assert.match(staticDetails, /add due dates to tasks/);
    assert.ok(staticDetails.includes(`Repository: \`${prepared.input.repoDir}\``), staticDetails);
    // Every activity call carries a summary naming what it does; the context children a static summary.
    const history = await handle.fetchHistory();
    const scheduled = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes);
    const summaries = scheduled.map((e) => (e.userMetadata?.summary ? defaultPayloadConverter.fromPayload<string>(e.userMetadata.summary) : undefined));
    assert.deepEqual(summaries.filter((x) => x === undefined), [], 'every activity has a summary');
    assert.ok(summaries.includes(`openspec validate ${changeId} --strict, work-packages, guardrails, fit and contract checks`), summaries.join('\n'));
    assert.ok(summaries.some((x) => x?.startsWith(`rule-based author: proposal, design, tasks and specs of ${changeId} r1`)), summaries.join('\n'));
    assert.equal(await (await client.workflow.getHandle(`${handle.workflowId}/context/model`).describe()).staticSummary(), `Context facet model of ${changeId}`);
    // The current details are not in describe(): the UI (and this) read them with the metadata query.
    const meta = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    const current = meta.currentDetails ?? '';
    assert.match(current, new RegExp(`^\\*\\*${changeId}\\*\\* r1: awaiting-approval at present-for-approval`));
    assert.match(current, /\| step \| status \| attempts \| time \|/);
    for (const s of stepNames) assert.match(current, new RegExp(`\\| ${s} \\| \\w+ \\| \\d+ \\|`), `${s} in\n${current}`);

    // Visibility: the project's search attributes find it (the index may lag a moment).
    const query = `PlanStatus = 'awaiting-approval' AND PlanChangeId = '${changeId}'`;
    const deadline = Date.now() + 30_000;
    let found: string[] = [];
    for (;;) {
      found = [];
      for await (const w of client.workflow.list({ query })) found.push(w.workflowId);
      if (found.includes(handle.workflowId) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(found.includes(handle.workflowId), `visibility did not find ${handle.workflowId} by ${query} within 30 s (found ${found.join(', ') || 'nothing'})`);

    // Headless Chromium on the suite server's UI, while the worker answers the UI's metadata query.
    const browser = await browserPromise;
    const dir = screenshotDir();
    const plan = await capturePlanPage(browser, {
      uiUrl,
      workflowId: handle.workflowId,
      out: join(dir, 'plan-page.png'),
      expectSteps: stepNames,
      timeoutMs: 60_000,
    });
    t.diagnostic(`screenshot of the plan page ${plan.url}: ${plan.path}`);
    assert.match(plan.detailsText, new RegExp(`${changeId} r1: awaiting-approval at present-for-approval`));
    const [header, ...rows] = plan.tableRows;
    assert.deepEqual(header, ['step', 'status', 'attempts', 'time']);
    assert.deepEqual(rows.map((r) => r[0]), stepNames, 'one rendered row per step, in order');
    const statusOf = Object.fromEntries(rows.map((r) => [r[0], r[1]]));
    for (const s of ['verify-environment', 'gather-context', 'scaffold-proposal', 'validate']) assert.equal(statusOf[s], 'done', `${s}: ${JSON.stringify(rows)}`);
    assert.equal(statusOf['present-for-approval'], 'running');
    assert.match(plan.metadataText, new RegExp(`Plan ${changeId}`), 'the static summary is rendered');
    assert.match(plan.metadataText, /add due dates to tasks/, 'the static details are rendered');
    assert.match(plan.pageText, new RegExp(`openspec validate ${changeId} --strict`), `the activity summaries are listed as events with metadata:\n${plan.pageText.slice(0, 3000)}`);

    const list = await captureWorkflowList(browser, {
      uiUrl,
      query: `PlanStatus="awaiting-approval" AND PlanChangeId="${changeId}"`,
      expectWorkflowId: handle.workflowId,
      out: join(dir, 'plan-list.png'),
      timeoutMs: 60_000,
    });
    t.diagnostic(`screenshot of the filtered list ${list.url}: ${list.path}`);
    assert.ok(list.text.includes(handle.workflowId));
    assert.match(list.text, /PlanStatus/, 'the filter is shown');
    await handle.terminate('test done');
  });
});
