import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchDocument, benchWorkPackages } from '../../bench/workpackages.js';
import { validateWorkPackages } from '../../src/domain/workpackages/validate.js';

describe('work-packages benchmark', () => {
  it('generates a valid 500-package plan with disjoint scopes', () => {
    const doc = benchDocument();
    assert.equal(doc.packages.length, 500);
    for (const globMode of ['compat', 'exact'] as const) {
      const result = validateWorkPackages(doc, { checkOverlap: true, globMode });
      assert.equal(result.valid, true, JSON.stringify(result.checks).slice(0, 500));
    }
  });

  // Speed is judged by `npm run bench`, not here: this only checks the benchmark produces its rows.
  it('returns a row per measurement, each with a duration', async () => {
    const rows = await benchWorkPackages();
    for (const mode of ['compat (warm)', 'exact (warm)']) assert.ok(rows.some((r) => r.name.includes(mode)), JSON.stringify(rows));
    for (const r of rows) assert.ok(Number.isFinite(r.ms) && r.ms >= 0, r.name);
  });
});
