/**
 * The bad-input corpus: requests, repositories, change ids, briefs, authors, work-packages
 * documents, decision payloads and API bodies that must be refused, each with the specific error
 * it must get. For every case that names a repository, the repository's `git status` and files are
 * unchanged afterwards and nothing was written to the state folder. Cases are data (CASES); the
 * runner below is the same for all of a kind.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { WorkflowHandle } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { prepareExample } from '../../src/examples/prepare.js';
import { MAX_BRIEF_BYTES, MAX_REQUEST_CHARS, preparePlan, readRequestFile, type PlanRequest } from '../../src/service/plan-request.js';
import { decide } from '../../src/service/plans.js';
import { readWorkPackagesFile } from '../../src/io/work-packages-file.js';
import { MAX_WORK_PACKAGES_BYTES } from '../../src/domain/workpackages/parse.js';
import { buildApi } from '../../src/api/server.js';
import { parseTokens } from '../../src/api/auth.js';
import { PlanError } from '../../src/errors.js';
import { treeSnapshot } from '../helpers/files.js';
import { closeTestEnv, testEnv } from '../helpers/temporal.js';

after(closeTestEnv);

let repo: string;
let tmp: string;
let stateDir: string;
let app: FastifyInstance;
const planner = { authorization: 'Bearer planner-token-0123456789' };
const approver = { authorization: 'Bearer approver-token-0123456789' };

before(async () => {
  repo = await prepareExample('taskboard');
  tmp = mkdtempSync(join(tmpdir(), 'pp-bad-'));
  stateDir = join(tmp, 'state');
  const { client } = await testEnv();
  app = await buildApi({
    client,
    stateDir,
    taskQueue: 'bad-input-no-worker',
    allowRepoRoots: [repo],
    tokens: parseTokens('planner-token-0123456789:planner,approver-token-0123456789:approver,viewer-token-0123456789:viewer'),
  });
});
after(async () => app?.close());

const file = (name: string, content: string | Buffer): string => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const dir = (name: string): string => {
  const p = join(tmp, name);
  mkdirSync(p, { recursive: true });
  return p;
};

/** A copy of the example with a hazard, for repository cases. */
async function hazard(setup: (r: string) => void | Promise<void>): Promise<string> {
  const r = await prepareExample('taskboard');
  await setup(r);
  await execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'add', '-A'], { cwd: r });
  await execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-q', '--allow-empty', '-m', 'hazard'], { cwd: r });
  return r;
}

type PlanCase = { kind: 'plan'; name: string; req: () => Promise<Partial<PlanRequest> & { repo?: string }>; error: RegExp };
type RequestFileCase = { kind: 'request-file'; name: string; path: () => string; error: RegExp };
type WorkPackagesCase = { kind: 'work-packages'; name: string; path: () => string; error: RegExp };
type DecisionCase = { kind: 'decision'; name: string; decision: Parameters<typeof decide>[1]; input: { by: string; comment?: string }; error: RegExp };
type ApiCase = { kind: 'api'; name: string; method: 'GET' | 'POST'; url: string; body?: () => unknown; raw?: string; headers?: Record<string, string>; status: number; detail: RegExp };
type Case = PlanCase | RequestFileCase | WorkPackagesCase | DecisionCase | ApiCase;

const plan = (name: string, req: PlanCase['req'], error: RegExp): PlanCase => ({ kind: 'plan', name, req, error });

const CASES: Case[] = [
  // Requests
  plan('empty request', async () => ({ request: '' }), /the feature request is empty/),
  plan('whitespace request', async () => ({ request: ' \n\t ' }), /the feature request is empty/),
  plan('request over the limit', async () => ({ request: 'x'.repeat(MAX_REQUEST_CHARS + 1) }), /too long .*at most 16000 characters/),
  plan('request of 64 KB', async () => ({ request: 'add tags to items. '.repeat(3500) }), /too long/),
  { kind: 'request-file', name: 'request file missing', path: () => join(tmp, 'no-request.txt'), error: /request file .* does not exist/ },
  { kind: 'request-file', name: 'request file is a folder', path: () => dir('request-dir'), error: /is not a file/ },
  { kind: 'request-file', name: 'request file of 1 MB', path: () => file('big-request.txt', 'a'.repeat(1024 * 1024)), error: /too long/ },
  // Repositories
  plan('no repository', async () => ({ repo: '' }), /no repository given/),
  plan('repository path missing', async () => ({ repo: join(tmp, 'nowhere') }), /does not exist/),
  plan('repository path is a file', async () => ({ repo: file('a-file', 'x') }), /is not a folder/),
  plan('folder that is not a git repository', async () => ({ repo: dir('not-git') }), /is not a git repository/),
  plan('bare repository', async () => {
    const bare = join(tmp, 'bare.git');
    await execa('git', ['init', '-q', '--bare', bare]);
    return { repo: bare };
  }, /is a bare git repository/),
  plan('openspec/ is a link out of the repository', async () => ({ repo: await hazard((r) => {
    const outside = dir('outside-openspec');
    mkdirSync(join(outside, 'changes'), { recursive: true });
    rmSync(join(r, 'openspec'), { recursive: true, force: true });
    symlinkSync(outside, join(r, 'openspec'));
  }) }), /outside the repository|symbolic link/),
  plan('openspec/changes is a link out of the repository', async () => ({ repo: await hazard((r) => {
    const outside = dir('outside-changes');
    rmSync(join(r, 'openspec/changes'), { recursive: true, force: true });
    symlinkSync(outside, join(r, 'openspec/changes'));
  }) }), /outside the repository|symbolic link/),
  // Change ids
  plan('change id with ../', async () => ({ changeId: '../escape' }), /invalid change id '\.\.\/escape': .*path separator/),
  plan('absolute change id', async () => ({ changeId: '/etc/passwd' }), /invalid change id .*path separator/),
  plan('change id with uppercase', async () => ({ changeId: 'Add-Tags' }), /uppercase letters/),
  plan('change id with unicode', async () => ({ changeId: 'add-tägs' }), /may contain only a-z, 0-9 and single hyphens/),
  plan('change id with whitespace', async () => ({ changeId: 'add tags' }), /contains whitespace/),
  plan('change id too long', async () => ({ changeId: `add-${'x'.repeat(200)}` }), /characters long; at most/),
  plan('change id starting with a digit', async () => ({ changeId: '1-add' }), /must start with a lowercase letter/),
  plan('change id with an empty segment', async () => ({ changeId: 'add--tags' }), /empty segment/),
  plan('change id "archive"', async () => ({ changeId: 'archive' }), /'archive' cannot be a change id/),
  plan('change id that exists', async () => ({ changeId: readdirSync(join(repo, 'openspec/changes')).find((n) => n !== 'archive')! }), /already exists/),
  plan('change id that is a hidden name', async () => ({ changeId: '.hidden' }), /must start with a lowercase letter/),
  // Briefs
  plan('brief missing', async () => ({ brief: join(tmp, 'no-brief.yaml') }), /brief file .* does not exist/),
  plan('brief is a folder', async () => ({ brief: dir('brief-dir') }), /brief .* is not a file/),
  plan('brief is not YAML', async () => ({ brief: file('bad.yaml', 'title: [unclosed\n') }), /brief .* is invalid/),
  plan('brief with a bad capability name', async () => ({ brief: file('cap.yaml', 'capabilities:\n  - name: Not Kebab\n    requirements: []\n') }), /capabilities/),
  plan('brief of 10 MB', async () => ({ brief: file('huge.yaml', Buffer.alloc(10 * 1024 * 1024, 'a')) }), new RegExp(`at most ${MAX_BRIEF_BYTES} are read`)),
  plan('brief with an unknown field', async () => ({ brief: file('unknown.yaml', 'title: T\nnot_a_field: 1\n') }), /brief .* is invalid/),
  // Authors and policy
  plan('unknown author', async () => ({ author: 'copilot' }), /unknown author 'copilot'/),
  plan('author and author command', async () => ({ author: 'claude', authorCommand: 'x' }), /either --author or --author-command/),
  plan('empty author command', async () => ({ authorCommand: '   ' }), /--author-command is empty/),
  plan('author preset not installed', async () => {
    process.env.PARALLEL_PLAN_AUTHOR_CODEX = 'definitely-not-installed-codex exec -';
    return { author: 'codex' };
  }, /which is not on PATH/),
  plan('approval timeout that is not a duration', async () => ({ approvalTimeout: '7 days' }), /is not a duration/),
  plan('approval timeout of zero', async () => ({ approvalTimeout: '0s' }), /is not a duration/),
  // Work-packages documents
  { kind: 'work-packages', name: 'work-packages file missing', path: () => join(tmp, 'nope.yaml'), error: /file not found/ },
  { kind: 'work-packages', name: 'work-packages path is a folder', path: () => dir('wp-dir'), error: /unreadable input/ },
  { kind: 'work-packages', name: 'work-packages not YAML', path: () => file('wp-bad.yaml', 'a: [\n'), error: /not valid YAML/ },
  { kind: 'work-packages', name: 'work-packages alias bomb', path: () => file('wp-bomb.yaml', ['a: &a [x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(8).fill('*' + 'abcdefg'[i]).join(', ')}]`)].join('\n')), error: /cannot expand YAML/ },
  { kind: 'work-packages', name: 'work-packages duplicate keys', path: () => file('wp-dup.yaml', 'a: 1\na: 2\n'), error: /unique/ },
  { kind: 'work-packages', name: 'work-packages of 20 MB', path: () => file('wp-huge.yaml', Buffer.alloc(20 * 1024 * 1024, 'a')), error: new RegExp(`larger than ${MAX_WORK_PACKAGES_BYTES} bytes`) },
  { kind: 'work-packages', name: 'work-packages binary', path: () => file('wp-bin.yaml', Buffer.from([0, 1, 2, 255, 254, 0, 10])), error: /unreadable input/ },
  // Decision payloads
  { kind: 'decision', name: 'decision without a name', decision: 'approve', input: { by: '' }, error: /needs the name of who takes it/ },
  { kind: 'decision', name: 'decision by whitespace', decision: 'reject', input: { by: '   ' }, error: /needs the name of who takes it/ },
  { kind: 'decision', name: 'request-changes without a comment', decision: 'request-changes', input: { by: 'ann' }, error: /needs a comment/ },
  { kind: 'decision', name: 'request-changes with a blank comment', decision: 'request-changes', input: { by: 'ann', comment: '  ' }, error: /needs a comment/ },
  // API bodies and requests
  { kind: 'api', name: 'API: no token', method: 'POST', url: '/plans', body: () => ({ request: 'x', repo }), headers: {}, status: 401, detail: /valid bearer token/ },
  { kind: 'api', name: 'API: unknown token', method: 'GET', url: '/plans', headers: { authorization: 'Bearer not-a-real-token-0123' }, status: 401, detail: /valid bearer token/ },
  { kind: 'api', name: 'API: viewer starts a plan', method: 'POST', url: '/plans', body: () => ({ request: 'x', repo }), headers: { authorization: 'Bearer viewer-token-0123456789' }, status: 403, detail: /viewer role may not start plans/ },
  { kind: 'api', name: 'API: planner decides', method: 'POST', url: '/plans/anything/approve', body: () => ({ by: 'x' }), headers: planner, status: 403, detail: /planner role may not decide/ },
  { kind: 'api', name: 'API: body without request', method: 'POST', url: '/plans', body: () => ({ repo }), status: 400, detail: /request/ },
  { kind: 'api', name: 'API: request too long', method: 'POST', url: '/plans', body: () => ({ request: 'x'.repeat(MAX_REQUEST_CHARS + 1), repo }), status: 400, detail: /request/ },
  { kind: 'api', name: 'API: repository outside the roots', method: 'POST', url: '/plans', body: () => ({ request: 'add tags', repo: tmpdir() }), status: 403, detail: /not under an allowed repository root/ },
  { kind: 'api', name: 'API: repository missing', method: 'POST', url: '/plans', body: () => ({ request: 'add tags', repo: join(tmp, 'gone') }), status: 400, detail: /does not exist/ },
  { kind: 'api', name: 'API: brief through a link out of the repository', method: 'POST', url: '/plans', body: () => {
    const target = file('outside-brief.yaml', 'title: T\n');
    const link = join(repo, 'brief-link.yaml');
    try { symlinkSync(target, link); } catch { /* exists */ }
    return { request: 'add tags', repo, brief: 'brief-link.yaml' };
  }, status: 403, detail: /the brief must be a file of the repository/ },
  { kind: 'api', name: 'API: change id with ../', method: 'POST', url: '/plans', body: () => ({ request: 'add tags', repo, changeId: '../x' }), status: 400, detail: /path separator/ },
  { kind: 'api', name: 'API: body that is not JSON', method: 'POST', url: '/plans', raw: '{"request": ', status: 400, detail: /JSON|body/i },
  { kind: 'api', name: 'API: body over the limit', method: 'POST', url: '/plans', raw: JSON.stringify({ request: 'x'.repeat(300 * 1024), repo: '/' }), status: 413, detail: /large|limit/i },
  { kind: 'api', name: 'API: decision without by', method: 'POST', url: '/plans/some-plan/approve', body: () => ({}), headers: approver, status: 400, detail: /by/ },
  { kind: 'api', name: 'API: decision comment too long', method: 'POST', url: '/plans/some-plan/reject', body: () => ({ by: 'a', comment: 'c'.repeat(5000) }), headers: approver, status: 400, detail: /comment/ },
  { kind: 'api', name: 'API: list limit out of range', method: 'GET', url: '/plans?limit=0', headers: approver, status: 400, detail: /limit/ },
  { kind: 'api', name: 'API: list status with quotes', method: 'GET', url: "/plans?status=x'%20OR%20'1", headers: approver, status: 400, detail: /status/ },
  { kind: 'api', name: 'API: unknown route', method: 'GET', url: '/plans/x/y/z', headers: approver, status: 404, detail: /no route/ },
];


const gitStatus = async (r: string): Promise<string> => (await execa('git', ['status', '--porcelain', '--untracked-files=all', '--ignored'], { cwd: r })).stdout;

const snapshot = treeSnapshot;

function expectBadInput(err: unknown, pattern: RegExp): true {
  assert.ok(err instanceof PlanError, `expected a PlanError, got ${String(err)}`);
  assert.equal(err.type, 'BadInput', err.message);
  assert.match(err.message, pattern);
  return true;
}

describe('bad-input corpus', () => {
  it('has at least 60 cases, each named once', () => {
    assert.ok(CASES.length >= 60, `${CASES.length} cases`);
    assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      if (c.kind === 'plan') {
        const req = { request: 'add tags to tasks', repo, stateDir, ...(await c.req()) } as PlanRequest;
        const target = req.repo && statSafe(req.repo)?.isDirectory() && statSafe(join(req.repo, '.git')) ? req.repo : undefined;
        const before = target ? [await gitStatus(target), snapshot(target)] : undefined;
        const started = Date.now();
        await assert.rejects(preparePlan(req), (err: unknown) => expectBadInput(err, c.error));
        assert.ok(Date.now() - started < 5_000, 'refused quickly');
        if (target) assert.deepEqual([await gitStatus(target), snapshot(target)], before, 'the repository is unchanged');
        assert.equal(statSafe(join(stateDir, 'runs')), undefined, 'nothing written to the state folder');
        delete process.env.PARALLEL_PLAN_AUTHOR_CODEX;
      } else if (c.kind === 'request-file') {
        await assert.rejects(readRequestFile(c.path()), (err: unknown) => expectBadInput(err, c.error));
      } else if (c.kind === 'work-packages') {
        const started = Date.now();
        await assert.rejects(readWorkPackagesFile(c.path()), (err: unknown) => expectBadInput(err, c.error));
        assert.ok(Date.now() - started < 5_000, 'refused quickly');
      } else if (c.kind === 'decision') {
        // Refused before the plan is asked anything: no handle is needed.
        await assert.rejects(decide({} as WorkflowHandle, c.decision, c.input), (err: unknown) => expectBadInput(err, c.error));
      } else {
        const before = [await gitStatus(repo), snapshot(repo).filter((f) => !f.includes('brief-link'))];
        const res = await app.inject({
          method: c.method,
          url: c.url,
          headers: { 'content-type': 'application/json', ...(c.headers ?? planner) },
          ...(c.raw !== undefined ? { payload: c.raw } : c.body ? { payload: JSON.stringify(c.body()) } : {}),
        });
        assert.equal(res.statusCode, c.status, res.body);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.match((res.json() as { detail: string }).detail, c.detail);
        assert.deepEqual([(await gitStatus(repo)).split('\n').filter((l) => !l.includes('brief-link')).join('\n'), snapshot(repo).filter((f) => !f.includes('brief-link'))], [before[0]!.toString().split('\n').filter((l) => !l.includes('brief-link')).join('\n'), before[1]], 'the repository is unchanged');
      }
    });
  }
});

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
