/**
 * The Temporal web UI (2.42, served by `temporal server start-dev --ui-port`) in headless Chromium:
 * a plan's page and the workflow list filtered by a search attribute, each checked for what it
 * shows and saved as a full-page PNG. Used by test/ui/temporal-ui.test.ts and
 * scripts/ui-screenshot.mjs (through dist/test/ui/ui-pages.js).
 *
 * How the UI shows a workflow: `/namespaces/<ns>/workflows/<id>` redirects to
 * `/namespaces/<ns>/workflows/<id>/<runId>/history`; the "User Metadata" tab
 * (`.../<runId>/user-metadata`) shows the static summary and details and the current details
 * (read with the `__temporal_workflow_metadata` query, so a worker must be polling the plan's task
 * queue), each rendered from markdown inside a same-origin iframe `/render?content=...`. The list
 * is `/namespaces/<ns>/workflows?query=<visibility query, URL-encoded>`.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

/** Debian's `chromium` package (apt-get install chromium); CHROMIUM_PATH names another binary. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a closed network and a root user: no sandbox (root), no GPU, no QUIC, none of
 * Chromium's own background traffic. Playwright adds --headless and a fresh temporary
 * --user-data-dir itself (launch() refuses one in args; that is launchPersistentContext's job).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (.ci/run does it), or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

const VIEWPORT = { width: 1400, height: 1000 };

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  return page;
}

const trimUi = (uiUrl: string): string => uiUrl.replace(/\/+$/, '');

export const workflowPageUrl = (uiUrl: string, namespace: string, workflowId: string, runId?: string, tab?: string): string =>
  `${trimUi(uiUrl)}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}` +
  (runId ? `/${encodeURIComponent(runId)}` : '') +
  (tab ? `/${tab}` : '');

export const workflowListUrl = (uiUrl: string, namespace: string, query: string): string =>
  `${trimUi(uiUrl)}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;

/**
 * Code run in the page, as source text: the project compiles without the DOM library.
 */
const IN_PAGE = {
  bodyText: `document.body ? document.body.innerText : ''`,
  unclipFrames: `(() => {
    for (const f of document.querySelectorAll('iframe')) {
      const h = f.contentDocument && f.contentDocument.documentElement.scrollHeight;
      if (h && h > f.clientHeight) f.setAttribute('height', (h + 16) + 'px');
    }
  })()`,
  tableRows: `Array.from(document.querySelectorAll('table tr')).map((r) => Array.from(r.querySelectorAll('th,td')).map((c) => (c.textContent || '').trim()))`,
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function frameText(frame: Frame): Promise<string> {
  try {
    return String(await frame.evaluate(IN_PAGE.bodyText));
  } catch {
    return ''; // detached or navigating
  }
}

const excerpt = (text: string, n = 1500): string => text.replace(/\n{2,}/g, '\n').slice(0, n);

/**
 * The run the UI shows for a workflow id: follows the UI's own redirect from
 * `/workflows/<id>` to `/workflows/<id>/<runId>/history`.
 */
async function currentRunId(page: Page, uiUrl: string, namespace: string, workflowId: string, timeoutMs: number): Promise<string> {
  const url = workflowPageUrl(uiUrl, namespace, workflowId);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const prefix = `/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/`;
  try {
    await page.waitForURL((u) => u.pathname.startsWith(prefix) && u.pathname.slice(prefix.length).includes('/'), { timeout: timeoutMs });
  } catch {
    throw new Error(`the Temporal UI did not open workflow ${workflowId} within ${timeoutMs / 1000} s at ${url}; page shows:\n${excerpt(await frameText(page.mainFrame()))}`);
  }
  const runId = decodeURIComponent(new URL(page.url()).pathname.slice(prefix.length).split('/')[0] ?? '');
  if (!runId) throw new Error(`no run id in ${page.url()}`);
  return runId;
}

/**
 * The markdown iframes are fixed-height (the current details' table is cut off at its last row);
 * for the screenshot each is made as tall as its content. Only the picture changes.
 */
async function unclipMarkdownFrames(page: Page): Promise<void> {
  await page.evaluate(IN_PAGE.unclipFrames);
}

export interface PlanPageShot {
  url: string;
  runId: string;
  /** Text of the rendered current details (headline and the step table, tab-separated cells). */
  detailsText: string;
  /** The step table's rows as the browser rendered them (header row first). */
  tableRows: string[][];
  /** Text of the rendered static summary and details. */
  metadataText: string;
  /** The page's own text (tabs, the events with metadata). */
  pageText: string;
  path: string;
}

/**
 * Opens the plan's User Metadata tab, waits until the current details' step table is rendered
 * with every name in `expectSteps`, and writes a full-page PNG to `out`.
 */
export async function capturePlanPage(
  browser: Browser,
  opts: { uiUrl: string; namespace?: string; workflowId: string; out: string; expectSteps: string[]; timeoutMs?: number },
): Promise<PlanPageShot> {
  const namespace = opts.namespace ?? 'default';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const page = await newPage(browser);
  try {
    const runId = await currentRunId(page, opts.uiUrl, namespace, opts.workflowId, timeoutMs);
    const url = workflowPageUrl(opts.uiUrl, namespace, opts.workflowId, runId, 'user-metadata');
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let details: Frame | undefined;
    let detailsText = '';
    let lastReload = Date.now();
    for (;;) {
      const renders = page.frames().filter((f) => f.url().startsWith(`${trimUi(opts.uiUrl)}/render?`));
      for (const f of renders) {
        const text = await frameText(f);
        if (text.includes(opts.expectSteps[0] ?? 'step')) {
          details = f;
          detailsText = text;
        }
      }
      if (details && opts.expectSteps.every((s) => detailsText.includes(s)) && (await details.locator('table tr').count()) > opts.expectSteps.length) break;
      if (Date.now() > deadline) {
        throw new Error(
          `the plan page ${url} showed no step table with ${opts.expectSteps.join(', ')} within ${timeoutMs / 1000} s ` +
            `(the UI reads the current details with the __temporal_workflow_metadata query: is a worker polling the plan's task queue?)\n` +
            `current details: ${JSON.stringify(detailsText.slice(0, 600))}\npage shows:\n${excerpt(await frameText(page.mainFrame()))}`,
        );
      }
      // The tab reads the current details once; a plan that had not set them yet needs a reload.
      if (Date.now() - lastReload > 15_000) {
        lastReload = Date.now();
        await page.reload({ waitUntil: 'domcontentloaded' });
      }
      await sleep(500);
    }
    const tableRows = (await details.evaluate(IN_PAGE.tableRows)) as string[][];
    const metadataTexts: string[] = [];
    for (const f of page.frames()) if (f !== details && f.url().startsWith(`${trimUi(opts.uiUrl)}/render?`)) metadataTexts.push(await frameText(f));
    const pageText = await page.innerText('body');
    await unclipMarkdownFrames(page);
    mkdirSync(dirname(opts.out), { recursive: true });
    await page.screenshot({ path: opts.out, fullPage: true });
    return { url, runId, detailsText, tableRows, metadataText: metadataTexts.join('\n'), pageText, path: opts.out };
  } finally {
    await page.close();
  }
}

export interface ListPageShot {
  url: string;
  /** Text of the page as rendered (filter chips, the table of workflows). */
  text: string;
  path: string;
}

/**
 * Opens the workflow list filtered by `query`, waits until `expectWorkflowId` is listed
 * (reloading now and then: visibility may lag a moment) and writes a full-page PNG to `out`.
 */
export async function captureWorkflowList(
  browser: Browser,
  opts: { uiUrl: string; namespace?: string; query: string; expectWorkflowId: string; out: string; timeoutMs?: number },
): Promise<ListPageShot> {
  const namespace = opts.namespace ?? 'default';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const url = workflowListUrl(opts.uiUrl, namespace, opts.query);
  const page = await newPage(browser);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let lastReload = Date.now();
    const row = page.locator('table tr', { hasText: opts.expectWorkflowId });
    for (;;) {
      if ((await row.count()) > 0) break;
      if (Date.now() > deadline) {
        throw new Error(`the workflow list ${url} did not list ${opts.expectWorkflowId} within ${timeoutMs / 1000} s; page shows:\n${excerpt(await frameText(page.mainFrame()))}`);
      }
      if (Date.now() - lastReload > 5_000) {
        lastReload = Date.now();
        await page.reload({ waitUntil: 'domcontentloaded' });
      }
      await sleep(500);
    }
    const text = await frameText(page.mainFrame());
    mkdirSync(dirname(opts.out), { recursive: true });
    await page.screenshot({ path: opts.out, fullPage: true });
    return { url, text, path: opts.out };
  } finally {
    await page.close();
  }
}

/** UI_SCREENSHOT_DIR, else a fresh temporary folder. */
export function screenshotDir(prefix = 'pp-ui-shots-'): string {
  const dir = process.env.UI_SCREENSHOT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  return mkdtempSync(join(tmpdir(), prefix));
}
