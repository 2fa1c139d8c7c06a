/**
 * The HTTP API (`parallel-plan serve`): start, list, watch and decide plans, read their artifacts.
 * Fastify with zod schemas (fastify-type-provider-zod); its OpenAPI 3.1 document at /openapi.json
 * is generated from the route schemas. It calls the same service functions as the CLI.
 *
 * Bearer tokens with roles (viewer, planner, approver; see auth.ts); 401 without a valid token,
 * 403 for a role that may not do it. Errors are application/problem+json. Repositories are limited
 * to the configured roots; artifact paths to the plan's change folder (no traversal, no links out).
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { PlanError } from '../errors.js';
import { entryOf, isWithin, readRepoText } from '../io/repo-paths.js';
import { changeRel } from '../io/openspec-files.js';
import { MAX_REQUEST_CHARS, preparePlan } from '../service/plan-request.js';
import { decide, findPlan, listPlans, planStatus, startPlan } from '../service/plans.js';
import { auditPlan } from '../service/audit.js';
import { taskQueue as defaultTaskQueue } from '../config/paths.js';
import { ROLE_CAN, roleOf, type Role, type TokenEntry } from './auth.js';
import { TERMINAL_STATES } from '../shared/plan-types.js';

export interface ApiOptions {
  client: Client;
  /** Folders whose repositories may be planned (realpaths are compared). */
  allowRepoRoots: string[];
  tokens: TokenEntry[];
  stateDir: string;
  taskQueue?: string;
  /** Largest request body, bytes (default 256 KiB: a request is at most 16,000 characters). */
  bodyLimit?: number;
  /** Status polling interval of the events stream (default 1 s). */
  eventsIntervalMs?: number;
}

const PROBLEM = 'application/problem+json';
const Problem = z.object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), fix: z.string().optional() });

const problem = (reply: FastifyReply, status: number, title: string, detail: string, fix?: string) =>
  reply.code(status).type(PROBLEM).send({ type: 'about:blank', title, status, detail, ...(fix ? { fix } : {}) });

const PlanBody = z.object({
  request: z.string().min(1).max(MAX_REQUEST_CHARS),
  repo: z.string().min(1),
  brief: z.string().min(1).optional(),
  changeId: z.string().min(1).max(128).optional(),
  author: z.object({ command: z.string().min(1) }).optional(),
  requestedBy: z.string().min(1).max(128).optional(),
});
const DecisionBody = z.object({
  by: z.string().min(1).max(128),
  comment: z.string().max(4000).optional(),
  acknowledgeConflicts: z.boolean().optional(),
  rebase: z.boolean().optional(),
});
const IdParams = z.object({ id: z.string().min(1).max(300) });
const Status = z.record(z.string(), z.unknown());
const Started = z.object({ id: z.string(), changeId: z.string(), workflowId: z.string(), links: z.object({ self: z.string(), events: z.string() }) });
const Listing = z.object({
  plans: z.array(z.object({ workflowId: z.string(), changeId: z.string(), repository: z.string(), state: z.string(), tier: z.string(), revision: z.number(), startTime: z.string() })),
  next: z.number().int().nullable(),
});

const DECISIONS = { approve: 'approve', reject: 'reject', 'request-changes': 'request-changes' } as const;

export async function buildApi(opts: ApiOptions): Promise<FastifyInstance> {
  const roots = opts.allowRepoRoots.map((r) => realpathSync(resolve(r)));
  const taskQueue = opts.taskQueue ?? defaultTaskQueue();
  const app = Fastify({ bodyLimit: opts.bodyLimit ?? 256 * 1024, logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'parallel-plan API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((err, _req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return problem(reply, 400, 'Invalid request', err.validation.map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim()).join('; '));
    }
    if (err instanceof PlanError) {
      const notFound = /^no plan found/.test(err.message);
      return problem(reply, err.type === 'BadInput' ? (notFound ? 404 : 400) : 503, err.type === 'BadInput' ? (notFound ? 'Not found' : 'Bad input') : 'Service unavailable', err.message, err.fix);
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return problem(reply, status, 'Bad request', err instanceof Error ? err.message : String(err));
    return problem(reply, 500, 'Internal error', err instanceof Error ? err.message : String(err));
  });
  app.setNotFoundHandler((req, reply) => problem(reply, 404, 'Not found', `no route ${req.method} ${req.url}`));

  /** The caller's role may `need`; else the reply is sent (401/403) and false returned. */
  const allowed = (req: FastifyRequest, reply: FastifyReply, need: 'read' | 'plan' | 'decide'): boolean => {
    const role: Role | undefined = roleOf(req.headers.authorization, opts.tokens);
    if (!role) {
      void problem(reply.header('www-authenticate', 'Bearer'), 401, 'Unauthorized', 'a valid bearer token is required');
      return false;
    }
    if (!ROLE_CAN[role].has(need)) {
      void problem(reply, 403, 'Forbidden', `the ${role} role may not ${need === 'plan' ? 'start plans' : need === 'decide' ? 'decide on plans' : 'read plans'}`);
      return false;
    }
    return true;
  };
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

  app.get('/healthz', { schema: { security: [], response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({ ok: true }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.post('/plans', { schema: { body: PlanBody, response: { 202: Started, ...errors } } }, async (req, reply) => {
    if (!allowed(req, reply, 'plan')) return reply;
    const repo = resolve(req.body.repo);
    let real: string;
    try {
      real = realpathSync(repo);
    } catch {
      return problem(reply, 400, 'Bad input', `repository path ${repo} does not exist`);
    }
    if (!roots.some((r) => isWithin(r, real))) {
      return problem(reply, 403, 'Forbidden', `${repo} is not under an allowed repository root`, roots.length ? `allowed: ${roots.join(', ')}` : 'start the API with --allow-repo-root <dir>');
    }
    if (req.body.brief) {
      let brief: string;
      try {
        brief = realpathSync(resolve(real, req.body.brief));
      } catch {
        return problem(reply, 400, 'Bad input', `brief ${req.body.brief} does not exist in the repository`);
      }
      if (!isWithin(real, brief)) return problem(reply, 403, 'Forbidden', 'the brief must be a file of the repository');
    }
    const prepared = await preparePlan({
      request: req.body.request,
      repo: real,
      stateDir: opts.stateDir,
      ...(req.body.brief ? { brief: resolve(real, req.body.brief) } : {}),
      ...(req.body.changeId ? { changeId: req.body.changeId } : {}),
      ...(req.body.author ? { authorCommand: req.body.author.command } : {}),
      ...(req.body.requestedBy ? { requestedBy: req.body.requestedBy } : {}),
    });
    const handle = await startPlan(opts.client, prepared, taskQueue);
    const self = `/plans/${encodeURIComponent(handle.workflowId)}`;
    return reply.code(202).send({ id: handle.workflowId, changeId: prepared.input.changeId, workflowId: handle.workflowId, links: { self, events: `${self}/events` } });
  });

  app.get(
    '/plans',
    {
      schema: {
        querystring: z.object({
          status: z.string().regex(/^[a-z-]+$/).optional(),
          repository: z.string().optional(),
          changeId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: Listing, ...errors },
      },
    },
    async (req, reply) => {
      if (!allowed(req, reply, 'read')) return reply;
      const { status, repository, changeId, limit, offset } = req.query;
      const all = await listPlans(opts.client, { ...(status ? { state: status } : {}), limit: offset + limit + 1 });
      const matching = all.filter((p) => (!repository || p.repository === repository) && (!changeId || p.changeId === changeId));
      const page = matching.slice(offset, offset + limit);
      return {
        plans: page.map((p) => ({ workflowId: p.workflowId, changeId: p.changeId, repository: p.repository, state: p.state, tier: p.tier, revision: p.revision, startTime: p.startTime })),
        next: matching.length > offset + limit ? offset + limit : null,
      };
    },
  );

  app.get('/plans/:id', { schema: { params: IdParams, response: { 200: Status, ...errors } } }, async (req, reply) => {
    if (!allowed(req, reply, 'read')) return reply;
    return { ...(await planStatus(await findPlan(opts.client, req.params.id))) } as Record<string, unknown>;
  });

  // The plan's timeline from its workflow history, as `parallel-plan audit --json` prints it (no worker needed).
  app.get('/plans/:id/audit', { schema: { params: IdParams, response: { 200: Status, ...errors } } }, async (req, reply) => {
    if (!allowed(req, reply, 'read')) return reply;
    return { ...(await auditPlan(opts.client, req.params.id)) } as Record<string, unknown>;
  });

  for (const kind of Object.keys(DECISIONS) as Array<keyof typeof DECISIONS>) {
    app.post(`/plans/:id/${kind}`, { schema: { params: IdParams, body: DecisionBody, response: { 200: Status, 202: Status, ...errors } } }, async (req, reply) => {
      if (!allowed(req, reply, 'decide')) return reply;
      const handle = await findPlan(opts.client, req.params.id);
      const body = req.body;
      const input = {
        by: body.by,
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
        ...(kind === 'approve' && body.acknowledgeConflicts ? { acknowledgeConflicts: true } : {}),
        ...(kind === 'request-changes' && body.rebase ? { rebase: true } : {}),
      };
      // Approvals and rejections answer with their outcome; request-changes once the plan took it.
      const wait = kind !== 'request-changes';
      const result = await decide(handle, kind, input, { wait });
      return reply.code(wait ? 200 : 202).send({ ...result });
    });
  }

  app.get('/plans/:id/artifacts/*', { schema: { params: z.object({ id: z.string().min(1), '*': z.string().min(1).max(1000) }) } }, async (req, reply) => {
    if (!allowed(req, reply, 'read')) return reply;
    const status = await planStatus(await findPlan(opts.client, req.params.id));
    const rel = req.params['*'];
    if (rel.startsWith('/') || rel.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      return problem(reply, 400, 'Bad input', `artifact path '${rel}' must be a relative path inside the change folder`);
    }
    const path = `${changeRel(status.changeId)}/${rel}`;
    const text = entryOf(status.repoDir, path).kind === 'file' ? readRepoText(status.repoDir, path) : undefined;
    if (text === undefined) return problem(reply, 404, 'Not found', `${path} is not a file of the plan's change folder`);
    const type = rel.endsWith('.json') ? 'application/json' : rel.endsWith('.yaml') || rel.endsWith('.yml') ? 'application/yaml' : rel.endsWith('.md') ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8';
    return reply.type(type).send(text);
  });

  app.get('/plans/:id/events', { schema: { params: IdParams } }, async (req, reply) => {
    if (!allowed(req, reply, 'read')) return reply;
    const handle = await findPlan(opts.client, req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let closed = false;
    req.raw.on('close', () => (closed = true));
    let last = '';
    while (!closed) {
      const s = await planStatus(handle).catch(() => undefined);
      if (!s) break;
      const key = JSON.stringify([s.state, s.currentStep, s.revision, Object.values(s.steps).map((x) => x.status)]);
      if (key !== last) {
        last = key;
        res.write(`event: status\ndata: ${JSON.stringify({ state: s.state, currentStep: s.currentStep, revision: s.revision, steps: s.steps })}\n\n`);
      }
      if (TERMINAL_STATES.includes(s.state)) break;
      await new Promise((r) => setTimeout(r, opts.eventsIntervalMs ?? 1000));
    }
    res.end();
  });

  await app.ready();
  return app;
}
