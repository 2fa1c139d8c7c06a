/**
 * Runs every document of test/workpackages/conformance/ against its expected verdict in
 * manifest.json: which checks fail (exactly), which messages appear, or that it is unreadable.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { parseWorkPackagesYaml } from '../../src/domain/workpackages/parse.js';
import { checkLines, validateWorkPackages } from '../../src/domain/workpackages/validate.js';
import { conformanceCases, conformanceDir, readConformance } from './helpers/fixtures.js';

const cases = conformanceCases();

describe('conformance suite', () => {
  it('has at least 60 cases and a case for every document in the folder', () => {
    assert.ok(cases.length >= 60, `only ${cases.length} cases`);
    const listed = new Set(cases.map((c) => c.file));
    const files = readdirSync(conformanceDir).filter((f) => f.endsWith('.yaml'));
    assert.deepEqual(files.filter((f) => !listed.has(f)), []);
  });

  for (const c of cases) {
    const mode = c.options.checkOverlap ? ` [overlap ${c.options.globMode}]` : '';
    it(`${c.file}${mode}: ${c.description}`, () => {
      const text = readConformance(c.file);
      if (c.expect.unreadable) {
        assert.throws(
          () => parseWorkPackagesYaml(text, c.file),
          (err: unknown) => {
            assert.ok(err instanceof PlanError && err.type === 'BadInput', String(err));
            for (const part of c.expect.errors) assert.ok(err.message.includes(part), `${err.message} lacks ${part}`);
            return true;
          },
        );
        return;
      }
      const result = validateWorkPackages(parseWorkPackagesYaml(text, c.file), { ...c.options, file: c.file });
      const failing = Object.entries(result.checks)
        .filter(([, check]) => !check.passed)
        .map(([name]) => name);
      const lines = Object.values(result.checks).flatMap((check) => checkLines(check));
      assert.deepEqual(failing, c.expect.failing, `failing checks; findings:\n${lines.join('\n')}`);
      assert.equal(result.valid, c.expect.valid);
      for (const part of c.expect.errors) {
        assert.ok(lines.some((l) => l.includes(part)), `no finding contains ${JSON.stringify(part)}; findings:\n${lines.join('\n')}`);
      }
      assert.equal('scope_overlap' in result.checks, c.options.checkOverlap);
    });
  }
});
