/**
 * Each check must be able to fail: start from contracts that pass, break one thing the way a
 * hand edit or a generator bug would, and assert the matching tool reports it by name.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createContractActivities, type ContractCheck } from '../../src/activities/contracts.js';
import { startPrism } from '../../src/adapters/prism.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { inventoryDraft } from './fixtures.js';
import { removeDir, storeDraft, tempDir } from './helpers.js';

const CHANGE = inventoryDraft().changeId;
const CONTRACTS = `openspec/changes/${CHANGE}/contracts`;

describe('each contract check detects a broken contract', () => {
  let pg: TestPostgres;
  let pristine: string;
  let draftRef: { path: string; sha256: string };
  const dirs: string[] = [];

  before(async () => {
    pg = await startTestPostgres();
    pristine = await tempDir('pristine');
    dirs.push(pristine);
    draftRef = await storeDraft(pristine, inventoryDraft());
    await createContractActivities({ postgres: pg.provider }).generateContracts({ repoDir: pristine, changeId: CHANGE, draftRef, revision: 1 });
  });
  after(async () => {
    await pg?.stop();
    for (const d of dirs) await removeDir(d);
  });

  /** Copies the passing contracts, applies `edit` to one file, runs one check. */
  async function broken(file: string, edit: (text: string) => string, tool: ContractCheck) {
    const repoDir = await tempDir('broken');
    dirs.push(repoDir);
    await cp(pristine, repoDir, { recursive: true });
    const path = join(repoDir, CONTRACTS, file);
    const before = await readFile(path, 'utf8');
    const after = edit(before);
    assert.notEqual(after, before, `the edit of ${file} changed nothing`);
    await writeFile(path, after);
    const result = await createContractActivities({ postgres: pg.provider }).verifyContracts({ repoDir, changeId: CHANGE, checks: [tool], draftRef });
    assert.equal(result.results.length, 1);
    const [only] = result.results;
    assert.equal(only?.tool, tool);
    assert.equal(result.passed, false, `expected ${tool} to fail, got: ${only?.messages.join(' | ')}`);
    return (only?.messages ?? []).join('\n');
  }

  it('the pristine contracts pass every check (baseline for the cases below)', async () => {
    const result = await createContractActivities({ postgres: pg.provider }).verifyContracts({ repoDir: pristine, changeId: CHANGE, draftRef });
    assert.equal(result.passed, true, result.results.map((r) => `${r.tool}: ${r.messages.join(' | ')}`).join('\n'));
  });

  it('swagger-parser: a $ref to a missing schema', async () => {
    const msg = await broken('openapi/v1.yaml', (t) => t.replace('#/components/schemas/ProductCreate', '#/components/schemas/Missing'), 'swagger-parser');
    assert.match(msg, /Missing/);
  });

  it('tsc: a type error in generated/types.ts', async () => {
    const msg = await broken('generated/types.ts', (t) => `${t}\nexport const broken: number = "not a number";\n`, 'tsc');
    assert.match(msg, /TS2322/);
  });

  it('python: a model that rejects its own OpenAPI example', async () => {
    const msg = await broken('generated/models.py', (t) => t.replace('    quantity: int\n', '    quantity: bool\n'), 'python');
    assert.match(msg, /is not a valid StockLevel: quantity/);
  });

  it('python: models.py that does not import', async () => {
    const msg = await broken('generated/models.py', (t) => `${t}\nclass Broken(BaseModel)\n`, 'python');
    assert.match(msg, /SyntaxError/);
  });

  it('postgres: schema.sql that does not apply', async () => {
    const msg = await broken('schema.sql', (t) => t.replace('REFERENCES products (sku)', 'REFERENCES products (nope)'), 'postgres');
    assert.match(msg, /does not apply: .*nope/s);
  });

  it('postgres: a catalog that lacks an index the draft implies', async () => {
    const msg = await broken('schema.sql', (t) => t.replace(/^CREATE INDEX stock_levels_product_sku_idx.*$/m, ''), 'postgres');
    assert.match(msg, /stock_levels: index stock_levels_product_sku_idx missing/);
  });

  it('ajv: an event example that violates its schema', async () => {
    const msg = await broken('events/stock.adjusted.schema.json', (t) => t.replace('"delta": 7', '"delta": "seven"'), 'ajv');
    assert.match(msg, /events\/stock\.adjusted\.schema\.json: examples\[0\] \/delta must be integer/);
  });

  it('prism: a response example that violates the response schema', async () => {
    const msg = await broken(
      'openapi/v1.yaml',
      (t) => {
        const doc = parse(t);
        doc.paths['/products/{sku}'].get.responses['200'].content['application/json'].example.price = 19.99;
        return stringify(doc);
      },
      'prism',
    );
    assert.match(msg, /getProduct .*response body does not match its schema: \/price must be string/);
  });

  it('prism: stop() ends the mock process group', async () => {
    const mock = await startPrism(join(pristine, CONTRACTS, 'openapi/v1.yaml'));
    const res = await fetch(`${mock.baseUrl}/products`, { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 200);
    await res.text();
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await mock.stop();
    // No timer of stop() outlives it: one did, and kept every finished CLI plan alive for 3 s.
    assert.ok(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length <= timersBefore, 'stop() leaves no timer behind');
    await assert.rejects(fetch(`${mock.baseUrl}/products`, { signal: AbortSignal.timeout(2000) }));
  });
});
