/**
 * End to end with the real tools: generate the contracts of three API-bearing drafts and a
 * draft without API into temporary repositories, then run every check (swagger-parser, tsc,
 * Python + pydantic, PostgreSQL, Ajv, Prism). PostgreSQL starts once for the file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createContractActivities, type VerifyContractsResult } from '../../src/activities/contracts.js';
import { contractsManifest } from '../../src/domain/contracts/manifest.js';
import { checkDraft } from '../../src/domain/contracts/check-draft.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { API_DRAFTS, baseDraft, noApiDraft } from './fixtures.js';
import { listFiles, removeDir, storeDraft, tempDir } from './helpers.js';

const summary = (r: VerifyContractsResult): string =>
  r.results.map((x) => `${x.tool}: ${x.passed ? 'pass' : 'FAIL'} ${x.messages.join(' | ')}`).join('\n');

describe('contracts verified by their real tools', () => {
  let pg: TestPostgres;
  const dirs: string[] = [];

  before(async () => {
    pg = await startTestPostgres();
  });
  after(async () => {
    await pg?.stop();
    for (const d of dirs) await removeDir(d);
  });

  for (const [name, build] of Object.entries(API_DRAFTS)) {
    it(`${name}: every contract passes its tool`, async () => {
      const repoDir = await tempDir(`repo-${name}`);
      dirs.push(repoDir);
      const draft = build();
      const draftRef = await storeDraft(repoDir, draft);
      const activities = createContractActivities({ postgres: pg.provider });
      const changeId = draft.changeId;

      const { files } = await activities.generateContracts({ repoDir, changeId, draftRef, revision: 1 });
      const parsed = checkDraft(draft).draft;
      assert.ok(parsed);
      assert.deepEqual(files.map((f) => f.path), contractsManifest(changeId, parsed).files, 'returned refs follow the manifest');
      for (const f of files) {
        const text = await readFile(join(repoDir, f.path), 'utf8');
        assert.equal(Buffer.byteLength(text), f.bytes, `${f.path} size`);
      }

      const result = await activities.verifyContracts({ repoDir, changeId, draftRef });
      assert.equal(result.passed, true, summary(result));
      assert.deepEqual(result.results.map((r) => r.tool), ['swagger-parser', 'tsc', 'python', 'postgres', 'ajv', 'prism']);
      const expectSkipped = (parsed.events.length === 0 ? ['ajv'] : []);
      assert.deepEqual(result.results.filter((r) => r.skipped).map((r) => r.tool), expectSkipped, summary(result));
      const prism = result.results.find((r) => r.tool === 'prism');
      assert.match(prism?.messages[0] ?? '', new RegExp(`^${parsed.operations.length} operation`));
      const postgres = result.results.find((r) => r.tool === 'postgres');
      assert.match(postgres?.messages[0] ?? '', new RegExp(`${parsed.entities.length} table\\(s\\); catalog matches the draft`));
    });
  }

  it('a change without API gets a minimal OpenAPI document; Prism and Ajv are skipped with a reason', async () => {
    const repoDir = await tempDir('repo-noapi');
    dirs.push(repoDir);
    const draft = noApiDraft();
    const draftRef = await storeDraft(repoDir, draft);
    const activities = createContractActivities({ postgres: pg.provider });
    await activities.generateContracts({ repoDir, changeId: draft.changeId, draftRef, revision: 2 });
    const dir = join(repoDir, 'openspec/changes', draft.changeId, 'contracts');
    assert.deepEqual(await listFiles(dir), ['README.md', 'generated/models.py', 'generated/types.ts', 'openapi/v1.yaml', 'schema.sql']);
    assert.match(await readFile(join(dir, 'README.md'), 'utf8'), /## Why openapi\/v1\.yaml is minimal/);
    assert.match(await readFile(join(dir, 'openapi/v1.yaml'), 'utf8'), /paths: \{\}/);
    const result = await activities.verifyContracts({ repoDir, changeId: draft.changeId, draftRef });
    assert.equal(result.passed, true, summary(result));
    const skipped = Object.fromEntries(result.results.filter((r) => r.skipped).map((r) => [r.tool, r.messages[0]]));
    assert.deepEqual(Object.keys(skipped), ['ajv', 'prism']);
    assert.match(skipped.prism ?? '', /no operations/);
    const python = result.results.find((r) => r.tool === 'python');
    assert.match(python?.messages[0] ?? '', /models\.py imported \(1 models\), 1 example\(s\) valid/, 'models are exercised even without API examples');
  });

  it('cyclic references and over-long names still apply on PostgreSQL and match the catalog', async () => {
    const repoDir = await tempDir('repo-cyclic');
    dirs.push(repoDir);
    const draft = baseDraft('cyclic-teams', {
      entities: [
        { name: 'Employee', table: 'employees', fields: [{ name: 'team_id', type: 'uuid', references: 'Team', required: false }, { name: 'manager_id', type: 'uuid', references: 'Employee', required: false }] },
        { name: 'Team', table: 'teams', fields: [{ name: 'lead_id', type: 'uuid', references: 'Employee', required: false }] },
        {
          name: 'Badge',
          table: 'badges_issued_to_employees_for_recognised_outstanding_work',
          fields: [{ name: 'employee_identifier_of_the_badge_recipient_person', type: 'uuid', references: 'Employee' }],
        },
      ],
    });
    const draftRef = await storeDraft(repoDir, draft);
    const activities = createContractActivities({ postgres: pg.provider });
    await activities.generateContracts({ repoDir, changeId: draft.changeId, draftRef, revision: 1 });
    const result = await activities.verifyContracts({ repoDir, changeId: draft.changeId, draftRef, checks: ['postgres', 'python', 'tsc'] });
    assert.equal(result.passed, true, summary(result));
    assert.match(result.results.find((r) => r.tool === 'postgres')?.messages[0] ?? '', /3 table\(s\); catalog matches the draft/);
  });

  it('without a server the PostgreSQL check is skipped with a message naming PARALLEL_PLAN_PG_URL', async () => {
    const repoDir = await tempDir('repo-nopg');
    dirs.push(repoDir);
    const draft = noApiDraft();
    const draftRef = await storeDraft(repoDir, draft);
    const noServer = { acquire: async () => ({ skipped: 'no PostgreSQL (set PARALLEL_PLAN_PG_URL)' }), close: async () => undefined };
    const activities = createContractActivities({ postgres: noServer });
    await activities.generateContracts({ repoDir, changeId: draft.changeId, draftRef, revision: 1 });
    const result = await activities.verifyContracts({ repoDir, changeId: draft.changeId, checks: ['postgres'] });
    assert.deepEqual(result.results.map((r) => [r.tool, r.skipped, r.messages[0]]), [
      ['postgres', true, 'skipped: no PostgreSQL (set PARALLEL_PLAN_PG_URL)'],
    ]);
  });
});
