/**
 * A plan's audit from the durable record: the histories of its workflow's runs (following
 * continue-as-new back to the first run), of its dispatch `<plan>/dispatch` and of the dispatch's
 * package children, read from the server (no worker needed), decoded with the client's data
 * converter into JSON-plain events and handed to the pure timeline (src/domain/audit/timeline.ts).
 */
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { LoadedDataConverter, Payload } from '@temporalio/common';
import { decodeOptionalSinglePayload } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { eventTypeOfAttributes, type AuditEvent, type AuditHistory, type AuditSource } from '../domain/audit/history.js';
import { buildTimeline, type AuditTimeline } from '../domain/audit/timeline.js';
import { dispatchWorkflowId } from '../shared/dispatch-messages.js';
import { findPlan } from './plans.js';

/** A plan that continued as new more often than this is read from its latest runs only. */
const MAX_RUNS = 200;
/** Package histories read at once. */
const PACKAGE_CONCURRENCY = 8;
/** Fields that say nothing about the plan (worker build ids, SDK flags, stack traces, headers). */
const DROPPED = new Set(['workerVersion', 'sdkMetadata', 'meteringMetadata', 'stackTrace', 'header', 'deploymentVersion', 'versioningOverride']);

type Plain = unknown;

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isLong = (v: unknown): v is { toNumber(): number } =>
  typeof v === 'object' && v !== null && typeof (v as { low?: unknown }).low === 'number' && typeof (v as { high?: unknown }).high === 'number' && typeof (v as { toNumber?: unknown }).toNumber === 'function';
const ownKeys = (v: object): string[] => Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined && (v as Record<string, unknown>)[k] !== null);

function isPayload(v: Record<string, unknown>): boolean {
  const keys = ownKeys(v);
  return (
    keys.includes('metadata') &&
    keys.every((k) => k === 'metadata' || k === 'data' || k === 'externalPayloads') &&
    typeof v.metadata === 'object' &&
    Object.values(v.metadata as object).every(isBytes) &&
    (v.data === undefined || v.data === null || isBytes(v.data))
  );
}

const isPayloads = (v: Record<string, unknown>): boolean => Array.isArray(v.payloads) && ownKeys(v).every((k) => k === 'payloads');

function isSecondsNanos(v: Record<string, unknown>): boolean {
  const keys = ownKeys(v);
  return keys.length > 0 && keys.every((k) => k === 'seconds' || k === 'nanos') && (v.seconds === undefined || v.seconds === null || isLong(v.seconds) || typeof v.seconds === 'number');
}

const toNumber = (v: unknown): number => (isLong(v) ? v.toNumber() : typeof v === 'number' ? v : Number(v ?? 0));
const msOf = (v: Record<string, unknown>): number => toNumber(v.seconds) * 1000 + Math.floor(toNumber(v.nanos) / 1e6);

async function decodePayload(converter: LoadedDataConverter, p: Payload): Promise<Plain> {
  try {
    return await decodeOptionalSinglePayload(converter, p);
  } catch {
    const encoding = p.metadata?.encoding ? Buffer.from(p.metadata.encoding).toString('utf8') : 'unknown';
    return { undecodable: encoding };
  }
}

/**
 * Protobuf values of a history event as plain JSON: payload lists become arrays of decoded
 * values, a payload its value, 64-bit numbers numbers, timestamps (`...Time`) ISO strings and
 * durations milliseconds.
 */
async function plain(value: unknown, converter: LoadedDataConverter, key = ''): Promise<Plain> {
  if (value === null || value === undefined) return undefined;
  if (isLong(value)) return value.toNumber();
  if (isBytes(value)) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return Promise.all(value.map((v) => plain(v, converter)));
  if (typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (isPayloads(o)) return Promise.all((o.payloads as Payload[]).map((p) => decodePayload(converter, p)));
  if (isPayload(o)) return decodePayload(converter, o as Payload);
  if (isSecondsNanos(o)) return /Time$/.test(key) ? new Date(msOf(o)).toISOString() : msOf(o);
  const out: Record<string, unknown> = {};
  for (const k of ownKeys(o)) {
    if (DROPPED.has(k)) continue;
    const v = await plain(o[k], converter, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The events of one run's history, JSON-plain, payloads decoded with `converter`. */
export async function decodeHistory(history: History, converter: LoadedDataConverter): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  for (const ev of history.events ?? []) {
    const e = ev as unknown as Record<string, unknown> & { attributes?: string };
    // The oneof's name (protobufjs), else the one attributes field that is set.
    const field = e.attributes ?? Object.keys(e).find((k) => k.endsWith('EventAttributes') && e[k] != null);
    if (!field) continue;
    const time = e.eventTime ? new Date(msOf(e.eventTime as Record<string, unknown>)).toISOString() : new Date(0).toISOString();
    out.push({ id: toNumber(e.eventId), time, type: eventTypeOfAttributes(field), attrs: ((await plain(e[field], converter)) ?? {}) as Record<string, unknown> });
  }
  return out;
}

const converterOf = (client: Client): LoadedDataConverter => client.options.loadedDataConverter;

async function runHistory(client: Client, workflowId: string, runId: string): Promise<AuditHistory> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  return { workflowId, runId, events: await decodeHistory(history, converterOf(client)) };
}

/**
 * The runs of a workflow, latest first: the current run (describe), then each run it continued
 * (its started event's continuedExecutionRunId), back to the first run or to a run the server no
 * longer keeps.
 */
export async function workflowRuns(client: Client, workflowId: string, runId?: string): Promise<AuditHistory[]> {
  let next: string | undefined = runId ?? (await client.workflow.getHandle(workflowId).describe()).runId;
  const runs: AuditHistory[] = [];
  const seen = new Set<string>();
  while (next && !seen.has(next) && runs.length < MAX_RUNS) {
    seen.add(next);
    let run: AuditHistory;
    try {
      run = await runHistory(client, workflowId, next);
    } catch (err) {
      // An earlier run past the namespace's retention: the timeline notes the gap.
      if (runs.length > 0 && err instanceof WorkflowNotFoundError) break;
      throw err;
    }
    runs.push(run);
    const started = run.events.find((e) => e.type === 'WorkflowExecutionStarted');
    const from = started?.attrs.continuedExecutionRunId;
    next = typeof from === 'string' && from !== '' ? from : undefined;
  }
  return runs;
}

async function latestRun(client: Client, workflowId: string): Promise<AuditHistory | undefined> {
  try {
    const { runId } = await client.workflow.getHandle(workflowId).describe();
    return await runHistory(client, workflowId, runId);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** The package children a dispatch started (workflow id and run id), read a few at a time. */
async function packageHistories(client: Client, dispatch: AuditHistory): Promise<AuditHistory[]> {
  const initiated = new Map<number, string>();
  const children: Array<{ workflowId: string; runId?: string }> = [];
  for (const e of dispatch.events) {
    if (e.type === 'StartChildWorkflowExecutionInitiated' && typeof e.attrs.workflowId === 'string') initiated.set(e.id, e.attrs.workflowId);
    if (e.type === 'ChildWorkflowExecutionStarted') {
      const id = initiated.get(Number(e.attrs.initiatedEventId));
      const exec = e.attrs.workflowExecution as { runId?: string } | undefined;
      if (id) children.push({ workflowId: id, ...(exec?.runId ? { runId: exec.runId } : {}) });
    }
  }
  const out: AuditHistory[] = [];
  for (let i = 0; i < children.length; i += PACKAGE_CONCURRENCY) {
    const batch = await Promise.all(
      children.slice(i, i + PACKAGE_CONCURRENCY).map(async (c) => {
        try {
          return c.runId ? await runHistory(client, c.workflowId, c.runId) : await latestRun(client, c.workflowId);
        } catch {
          return undefined; // past retention: the dispatch's own package events stand in for it
        }
      }),
    );
    out.push(...batch.filter((h): h is AuditHistory => h !== undefined));
  }
  return out;
}

/** What the audit reads for the plan `handle` names: its runs, its dispatch and the dispatch's packages. */
export async function auditSource(client: Client, handle: WorkflowHandle): Promise<AuditSource> {
  // The run the handle targets (the current one for a handle by workflow id), then back along the chain.
  const { runId } = await handle.describe();
  const runs = await workflowRuns(client, handle.workflowId, runId);
  const dispatch = await latestRun(client, dispatchWorkflowId(handle.workflowId));
  const packages = dispatch ? await packageHistories(client, dispatch) : [];
  return { runs, ...(dispatch ? { dispatch, packages } : {}) };
}

/** The plan's audit timeline, read from workflow history (works without a worker). */
export async function planAudit(client: Client, handle: WorkflowHandle): Promise<AuditTimeline> {
  return buildTimeline(await auditSource(client, handle));
}

/** The audit of a plan by change id or workflow id (`repo` narrows a change id). */
export async function auditPlan(client: Client, id: string, repo?: string): Promise<AuditTimeline> {
  return planAudit(client, await findPlan(client, id, repo));
}
