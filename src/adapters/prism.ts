/**
 * Prism (@stoplight/prism-cli) as a mock server: start it on a free port in its own process
 * group, wait until it answers, send one example request per operation, check the status and
 * validate the body, then stop the whole group (Prism may spawn helpers of its own).
 */
import { injectFault } from './fault-injection.js';
import { existsSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { npmBin } from '../config/paths.js';
import { toolFailed, toolMissing } from '../errors.js';
import { freePort } from '../io/ports.js';
import type { Probe } from '../domain/contracts/probes.js';
import { fail, outputLines, pass, type CheckOutcome } from './check-outcome.js';

export interface PrismMock {
  baseUrl: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 3_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function killGroup(child: ResultPromise, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ResultPromise): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = child.then(() => true, () => true);
  killGroup(child, 'SIGTERM');
  // The grace timer is cleared once Prism is gone: left running, it kept a finished CLI process
  // alive for the rest of the grace period (3 s of every plan).
  let grace: NodeJS.Timeout | undefined;
  const done = await Promise.race([exited, new Promise<false>((r) => (grace = setTimeout(() => r(false), STOP_GRACE_MS)))]);
  clearTimeout(grace);
  if (!done) {
    killGroup(child, 'SIGKILL');
    await exited;
  }
}

export async function startPrism(openapiFile: string, opts: { signal?: AbortSignal; cwd?: string } = {}): Promise<PrismMock> {
  injectFault('prism', 'prism mock');
  const bin = npmBin('prism');
  if (!existsSync(bin)) throw toolMissing(`prism not found at ${bin}`, 'run `npm install` in the parallel-plan folder');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // detached: its own process group, so stop() can signal Prism and anything it started.
  const child = execa(bin, ['mock', openapiFile, '-p', String(port), '-h', '127.0.0.1'], {
    cwd: opts.cwd,
    detached: true,
    stdin: 'ignore',
    reject: false,
    all: true,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const mock: PrismMock = { baseUrl, stop: () => stopChild(child) };
  const onAbort = (): void => void mock.stop();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const started = Date.now();
    while (Date.now() - started < READY_TIMEOUT_MS) {
      opts.signal?.throwIfAborted();
      if (child.exitCode !== null) {
        const result = await child;
        throw toolFailed(`prism exited before it was ready (exit ${String(result.exitCode)}): ${outputLines(String(result.all ?? ''), 15).join('\n')}`);
      }
      try {
        // Any HTTP answer, even a 404 problem, means Prism is listening.
        await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1000) });
        return mock;
      } catch {
        await sleep(150);
      }
    }
    throw toolFailed(`prism did not answer on ${baseUrl} within ${READY_TIMEOUT_MS} ms`);
  } catch (err) {
    await mock.stop();
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

export type BodyValidator = (schema: Record<string, unknown>, body: unknown) => string | undefined;

/** Sends every probe; a wrong status, a non-JSON body or a body off-schema is a failure. */
export async function probeMock(mock: PrismMock, probes: readonly Probe[], validateBody: BodyValidator, opts: { signal?: AbortSignal } = {}): Promise<CheckOutcome> {
  const problems: string[] = [];
  for (const probe of probes) {
    opts.signal?.throwIfAborted();
    const what = `${probe.operationId} (${probe.method} ${probe.url})`;
    let res: Response;
    try {
      res = await fetch(`${mock.baseUrl}${probe.url}`, {
        method: probe.method,
        headers: { Accept: 'application/json', ...probe.headers },
        ...(probe.body !== undefined ? { body: JSON.stringify(probe.body) } : {}),
        signal: opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw toolFailed(`prism did not answer ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    if (res.status !== probe.expectStatus) {
      problems.push(`${what}: status ${res.status}, expected ${probe.expectStatus}: ${text.slice(0, 300)}`);
      continue;
    }
    if (!probe.responseSchema) continue;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`${what}: response is not JSON: ${text.slice(0, 200)}`);
      continue;
    }
    const error = validateBody(probe.responseSchema, body);
    if (error) problems.push(`${what}: response body does not match its schema: ${error}`);
  }
  return problems.length > 0 ? fail(...problems) : pass(`${probes.length} operation(s) answered by the Prism mock as documented`);
}

/** Start, probe, stop: the whole mock check for one OpenAPI file. */
export async function checkWithPrism(openapiFile: string, probes: readonly Probe[], validateBody: BodyValidator, opts: { signal?: AbortSignal } = {}): Promise<CheckOutcome> {
  const mock = await startPrism(openapiFile, opts);
  try {
    return await probeMock(mock, probes, validateBody, opts);
  } finally {
    await mock.stop();
  }
}
