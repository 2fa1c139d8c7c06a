import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createContextActivities } from '../../src/activities/context.js';
import { listRepositoryFiles } from '../../src/activities/context/files.js';
import { shardRanges } from '../../src/domain/context/shards.js';
import type { FacetInput } from '../../src/domain/context/types.js';
import { gitInit, tempRunDir } from './example-repos.js';

async function fixtureRepo(): Promise<string> {
  const dir = join(await tempRunDir(), 'repo');
  await mkdir(join(dir, 'src'), { recursive: true });
  await mkdir(join(dir, 'ignored'), { recursive: true });
  await writeFile(join(dir, '.gitignore'), 'ignored/\n');
  await writeFile(join(dir, 'src/invoice.ts'), 'export function sendInvoiceReminder() {}\n');
  await writeFile(join(dir, 'src/other.ts'), 'export const unrelated = 1;\n');
  await writeFile(join(dir, 'ignored/invoice.ts'), 'export function sendInvoiceReminder() {}\n');
  await writeFile(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  await writeFile(join(dir, 'big.json'), 'x'.repeat(1024 * 1024 + 1));
  await writeFile(join(dir, 'gone.ts'), 'x');
  await symlink('src/invoice.ts', join(dir, 'inside-link.ts'));
  await symlink('/etc/hostname', join(dir, 'outside-link'));
  await gitInit(dir);
  await rm(join(dir, 'gone.ts'));
  return dir;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

test('file listing honours .gitignore, drops oversized files, vanished files and symlinks leaving the repository', async () => {
  const dir = await fixtureRepo();
  const list = await listRepositoryFiles(dir);
  assert.deepEqual([...list.paths].sort(), ['.gitignore', 'inside-link.ts', 'logo.png', 'src/invoice.ts', 'src/other.ts']);
  assert.deepEqual([list.oversized, list.outside, list.missing], [1, 1, 1]);
  const small = await listRepositoryFiles(dir, { maxFileBytes: 30 });
  assert.ok(!small.paths.includes('src/invoice.ts'));
  assert.equal(small.oversized, 3);
});

test('code facet activities: shard by index range with heartbeats, binaries counted, refs match the files', async () => {
  const dir = await fixtureRepo();
  const runDir = await tempRunDir();
  const beats: unknown[] = [];
  const acts = createContextActivities({ heartbeat: (d) => beats.push(d) });
  const input: FacetInput = { facet: 'code', repoDir: dir, runDir, request: 'send invoice reminders', shardSize: 2 };
  const list = await acts.contextListFiles(input);
  assert.equal(list.files, 5);
  assert.equal(list.skipped, 3);
  const ranges = shardRanges(list.files, 2);
  const shards = await Promise.all(ranges.map((r) => acts.contextCodeShard({ input, list, ...r })));
  assert.equal(shards.length, 3);
  assert.equal(shards.reduce((n, s) => n + s.binary, 0), 1);
  assert.ok(beats.length >= 3, 'every shard reports progress');
  assert.ok(beats.some((b) => JSON.stringify(b) === JSON.stringify({ start: 4, end: 5, done: 1, total: 1 })), JSON.stringify(beats));
  // What a shard returns is counts and statistics: no file names, no contents.
  for (const s of shards) assert.ok(!JSON.stringify({ ...s, ref: undefined }).includes('invoice.ts'));
  const result = await acts.contextMergeCode({ input, list, shards });
  const top = (result.summary.topFiles as Array<{ path: string; symbols: string[] }>).map((f) => f.path);
  assert.deepEqual(top.slice(0, 2).sort(), ['inside-link.ts', 'src/invoice.ts']);
  assert.deepEqual((result.summary.topFiles as Array<{ symbols: string[] }>)[0]!.symbols, ['sendInvoiceReminder']);
  assert.equal(result.stats.skipped, 4);
  const text = await readFile(result.ref.path, 'utf8');
  assert.equal(result.ref.sha256, sha(text));
  assert.equal(result.ref.bytes, Buffer.byteLength(text));
  const leftovers = (await readdir(join(runDir, 'context'), { recursive: true })).filter((f) => String(f).endsWith('.tmp'));
  assert.deepEqual(leftovers, []);
});

test('a folder that is not a git repository is bad input', async () => {
  const dir = await tempRunDir();
  await assert.rejects(listRepositoryFiles(dir), (err: Error & { type?: string }) => err.type === 'BadInput');
});

test('mergeContext writes context.json and returns refs, never contents', async () => {
  const dir = await fixtureRepo();
  const runDir = await tempRunDir();
  const acts = createContextActivities();
  const base = { repoDir: dir, runDir, request: 'send invoice reminders' };
  const results = await Promise.all([
    acts.contextSpecs({ ...base, facet: 'specs' }),
    acts.contextChanges({ ...base, facet: 'changes' }),
    acts.contextArchitecture({ ...base, facet: 'architecture' }),
  ]);
  const summary = await acts.mergeContext({ ...base, results });
  assert.equal(summary.specsCount, 0);
  assert.deepEqual(summary.facets.map((f) => f.facet), ['specs', 'changes', 'architecture']);
  const merged = JSON.parse(await readFile(summary.ref.path, 'utf8')) as { facets: Record<string, unknown> };
  assert.deepEqual(Object.keys(merged.facets), ['specs', 'changes', 'architecture']);
  assert.equal(summary.ref.sha256, sha(await readFile(summary.ref.path, 'utf8')));
});
