/**
 * What enters workflow history stays tiny for a large repository: the context summary, each
 * facet result and each shard result, measured as JSON on a generated 20,000-file git repo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureSyntheticRepo, NEEDLE_PATH, NEEDLE_REQUEST } from '../../bench/synthetic-repo.js';
import { createContextActivities } from '../../src/activities/context.js';
import { shardRanges } from '../../src/domain/context/shards.js';
import { FACETS, type FacetInput } from '../../src/domain/context/types.js';
import { tempRunDir } from './example-repos.js';

const FILES = 20_000;
const size = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

test(`payloads stay small on a ${FILES}-file repository, and the planted file ranks first`, { timeout: 180_000 }, async () => {
  const repoDir = await ensureSyntheticRepo(FILES);
  const runDir = await tempRunDir();
  const acts = createContextActivities({ heartbeat: () => {} });
  const base = { repoDir, runDir, request: NEEDLE_REQUEST };

  const code: FacetInput = { ...base, facet: 'code', shardSize: 4000 };
  const list = await acts.contextListFiles(code);
  assert.equal(list.files + list.skipped, FILES);
  assert.ok(size(list) < 1024, `file list result is ${size(list)} bytes`);
  const shards = await Promise.all(shardRanges(list.files, 4000).map((r) => acts.contextCodeShard({ input: code, list, ...r })));
  assert.equal(shards.length, 5);
  for (const s of shards) assert.ok(size(s) < 4096, `shard result is ${size(s)} bytes`);
  const codeResult = await acts.contextMergeCode({ input: code, list, shards });

  const others = await Promise.all(
    FACETS.filter((f) => f !== 'code').map((facet) =>
      facet === 'specs' ? acts.contextSpecs({ ...base, facet }) : facet === 'changes' ? acts.contextChanges({ ...base, facet }) : acts.contextArchitecture({ ...base, facet }),
    ),
  );
  const results = [...others, codeResult];
  for (const r of results) assert.ok(size(r) < 16 * 1024, `${r.facet} result is ${size(r)} bytes`);
  const summary = await acts.mergeContext({ ...base, results });
  assert.ok(size(summary) < 64 * 1024, `context summary is ${size(summary)} bytes`);

  assert.equal(summary.topFiles[0]?.path, NEEDLE_PATH);
  assert.ok(summary.filesScanned > FILES - 10 && summary.filesScanned < FILES, String(summary.filesScanned));
  assert.equal(summary.filesSkipped, 2, 'one binary, one oversized');
  assert.ok(summary.boundaries.length > 0 && summary.boundaries.length <= 12);
  assert.ok(summary.hubFiles.length <= 40);
});
