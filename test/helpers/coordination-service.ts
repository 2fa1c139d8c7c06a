/**
 * A stand-in for an agent coordinator's coordination HTTP API (none can run here): the routes the
 * http coordinator adapter uses, with the real service's shapes. `GET /health`; file locks keyed
 * by `file_path` (`POST /locks/acquire` acquires, refreshes for the same agent_id, and refuses
 * another agent's with `locked_by`, as a 2xx `success: false` answer like the real service or as
 * a 409; `POST /locks/release`, `GET /locks/status/<path>`); `GET /discovery/agents`; the POST
 * routes of work, guardrails, handoffs, memory and policy (GET on them answers 405, as the real
 * service does); `GET /audit`. Anything else is 404. Tests can make a route answer another status
 * or never answer, require an API key, and read every request it took.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInLock {
  locked_by: string;
  agent_type: string;
  locked_at: string;
  expires_at: string;
  reason: string | null;
}

export interface StandInRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
  body: unknown;
}

export interface StandInOptions {
  /** When set, routes other than /health, /locks/status and /discovery/agents need it as X-API-Key (else 401). */
  apiKey?: string;
  /** Answer this status (with a `detail`) on a path (method ignored), e.g. `{ '/work/get': 404 }`. */
  status?: Record<string, number>;
  /** Paths that never answer. */
  hang?: string[];
  /** How a refused acquire answers: 200 with `success: false` (the real service), or 409. */
  conflictStatus?: 200 | 409;
  /** The agents `GET /discovery/agents` lists. */
  agents?: Array<Record<string, unknown>>;
  /** File paths `POST /guardrails/check` blocks (a `protected_path` violation each). */
  protectedPaths?: RegExp;
}

export interface StandInService {
  url: string;
  requests: StandInRequest[];
  locks: Map<string, StandInLock>;
  handoffs: Array<Record<string, unknown>>;
  memories: Array<Record<string, unknown>>;
  tasks: Array<Record<string, unknown>>;
  options: StandInOptions;
  close(): Promise<void>;
}

const OPEN_ROUTES = [/^\/health$/, /^\/locks\/status\//, /^\/discovery\/agents$/];

export async function startCoordinationService(options: StandInOptions = {}): Promise<StandInService> {
  const requests: StandInRequest[] = [];
  const locks = new Map<string, StandInLock>();
  const handoffs: Array<Record<string, unknown>> = [];
  const memories: Array<Record<string, unknown>> = [];
  const tasks: Array<Record<string, unknown>> = [];

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const live = (path: string): StandInLock | undefined => {
    const lock = locks.get(path);
    if (lock && Date.parse(lock.expires_at) <= Date.now()) locks.delete(path);
    return locks.get(path);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return send(res, 422, { detail: 'body is not JSON' });
    }
    const apiKey = req.headers['x-api-key'] as string | undefined;
    requests.push({ method: req.method ?? 'GET', path: `${path}${url.search}`, apiKey, body: text ? body : undefined });

    if (options.hang?.includes(path)) return; // never answers
    const forced = options.status?.[path];
    if (forced) return send(res, forced, { detail: `stand-in answers ${forced} on ${path}` });
    if (options.apiKey && !OPEN_ROUTES.some((r) => r.test(path)) && apiKey !== options.apiKey) return send(res, 401, { detail: 'Invalid API key' });

    const post = req.method === 'POST';
    if (path === '/health' && !post) return send(res, 200, { status: 'ok', db: 'connected', version: 'stand-in' });
    if (path.startsWith('/locks/status/') && !post) {
      const filePath = path.slice('/locks/status/'.length).split('/').map(decodeURIComponent).join('/');
      const lock = live(filePath);
      return send(res, 200, lock ? { locked: true, file_path: filePath, lock: { ...lock } } : { locked: false, file_path: filePath });
    }
    if (path === '/locks/acquire' && post) {
      const filePath = String(body.file_path ?? '');
      const ttl = Number(body.ttl_minutes ?? 30);
      if (!filePath || !body.agent_id || !Number.isInteger(ttl) || ttl < 1 || ttl > 480) return send(res, 422, { detail: 'file_path, agent_id and ttl_minutes 1-480 are required' });
      const held = live(filePath);
      const expires = new Date(Date.now() + ttl * 60_000).toISOString();
      if (held && held.locked_by !== body.agent_id) {
        return send(res, options.conflictStatus ?? 200, {
          success: false,
          reason: 'locked_by_other',
          file_path: filePath,
          locked_by: held.locked_by,
          lock_reason: held.reason,
          expires_at: held.expires_at,
        });
      }
      locks.set(filePath, {
        locked_by: String(body.agent_id),
        agent_type: String(body.agent_type ?? 'unknown'),
        locked_at: held?.locked_at ?? new Date().toISOString(),
        expires_at: expires,
        reason: (body.reason as string | undefined) ?? held?.reason ?? null,
      });
      return send(res, 200, { success: true, action: held ? 'refreshed' : 'acquired', file_path: filePath, expires_at: expires, reason: null, locked_by: null, lock_reason: null });
    }
    if (path === '/locks/release' && post) {
      const filePath = String(body.file_path ?? '');
      const held = live(filePath);
      if (!held || held.locked_by !== body.agent_id) return send(res, 200, { success: false, action: null, file_path: filePath, reason: 'lock_not_found_or_not_owner' });
      locks.delete(filePath);
      return send(res, 200, { success: true, action: 'released', file_path: filePath, reason: null });
    }
    if (path === '/discovery/agents' && !post) return send(res, 200, { agents: options.agents ?? [] });
    if (path === '/audit' && !post) return send(res, 200, { entries: requests.filter((r) => r.method === 'POST').slice(-Number(url.searchParams.get('limit') ?? 20)).map((r) => ({ operation: r.path, parameters: r.body })) });

    const postOnly = ['/work/get', '/work/submit', '/guardrails/check', '/memory/query', '/memory/store', '/handoffs/read', '/handoffs/write', '/policy/check'];
    if (postOnly.includes(path) && !post) return send(res, 405, { detail: 'Method Not Allowed' });
    if (path === '/work/get') return send(res, 200, { success: false, reason: 'task_not_found' });
    if (path === '/work/submit') {
      const task = { id: randomUUID(), ...body };
      tasks.push(task);
      return send(res, 200, { success: true, task_id: task.id });
    }
    if (path === '/guardrails/check') {
      const files = Array.isArray(body.file_paths) ? (body.file_paths as string[]) : [];
      const flagged = options.protectedPaths ? files.filter((f) => options.protectedPaths!.test(f)) : [];
      return send(res, 200, {
        safe: flagged.length === 0,
        violations: flagged.map((f) => ({ pattern_name: 'protected_path', category: 'file', severity: 'high', matched_text: f, blocked: true })),
      });
    }
    if (path === '/handoffs/write') {
      const handoff = { id: randomUUID(), ...body };
      handoffs.push(handoff);
      return send(res, 200, { success: true, handoff_id: handoff.id, error: null });
    }
    if (path === '/handoffs/read') return send(res, 200, { handoffs: handoffs.slice(-Number(body.limit ?? 1)) });
    if (path === '/memory/store') {
      const memory = { id: randomUUID(), ...body };
      memories.push(memory);
      return send(res, 200, { success: true, memory_id: memory.id, action: 'created' });
    }
    if (path === '/memory/query') return send(res, 200, { memories: memories.filter((m) => !body.event_type || m.event_type === body.event_type).slice(0, Number(body.limit ?? 10)) });
    if (path === '/policy/check') return send(res, 200, { allowed: body.operation !== 'force_push', reason: body.operation === 'force_push' ? 'blocked by policy' : null, engine: 'stand-in' });
    return send(res, 404, { detail: 'Not Found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { detail: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    locks,
    handoffs,
    memories,
    tasks,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
