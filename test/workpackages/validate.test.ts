import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PlanError } from '../../src/errors.js';
import { MAX_WORK_PACKAGES_BYTES, parseWorkPackagesYaml } from '../../src/domain/workpackages/parse.js';
import { formatValidationText, validateWorkPackages } from '../../src/domain/workpackages/validate.js';
import { parallelZones } from '../../src/domain/workpackages/zones.js';
import { dagReport } from '../../src/domain/workpackages/graph.js';
import { MAX_PAIRWISE_PACKAGES } from '../../src/domain/workpackages/overlap.js';
import { readConformance, replaceAt } from './helpers/fixtures.js';

const basic = (): Record<string, unknown> => parseWorkPackagesYaml(readConformance('valid-basic.yaml')) as Record<string, unknown>;
/** `<dotted.path>: <message>`: plain segments, or JSON-quoted ones for odd keys. */
const SEGMENT = String.raw`(?:[^\s.:"]+|"(?:[^"\\]|\\.)*")`;
const SCHEMA_LINE = new RegExp(String.raw`^(?:\(root\)|${SEGMENT}(?:\.${SEGMENT})*): \S`);
const overlapOpts = { checkOverlap: true, globMode: 'compat' } as const;

describe('validateWorkPackages', () => {
  it('never throws on arbitrary values and always returns the documented shape', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, checkOverlap) => {
        const result = validateWorkPackages(value, { checkOverlap, globMode: 'exact' });
        assert.equal(result.valid, false);
        assert.deepEqual(Object.keys(result.checks).slice(0, 4), ['schema', 'depends_on_refs', 'dag_cycles', 'lock_keys']);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('never throws on valid documents with one subtree replaced by garbage', () => {
    const garbage = fc.oneof(fc.constant(null), fc.jsonValue(), fc.constant([]), fc.constant({}), fc.constant('tier_b'), fc.array(fc.string()));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 6 }), garbage, fc.constantFrom('compat', 'exact'), (steps, value, globMode) => {
        const doc = replaceAt(basic(), steps, value);
        const result = validateWorkPackages(doc, { checkOverlap: true, globMode });
        for (const line of result.checks.schema.errors) assert.match(line, SCHEMA_LINE);
        formatValidationText(result);
        parallelZones(doc, { globMode });
      }),
      { numRuns: 500, seed: 2 },
    );
  });

  it('survives hostile globs: over-long ones are schema errors and skipped by the overlap checks', () => {
    const doc = basic();
    const backend = (doc.packages as Array<Record<string, unknown>>)[1]!;
    backend.scope = { write_allow: ['*a'.repeat(20_000), '{a,b}'.repeat(2_000)], read_allow: ['**'] };
    for (const globMode of ['compat', 'exact'] as const) {
      const result = validateWorkPackages(doc, { checkOverlap: true, globMode });
      assert.deepEqual(result.checks.schema.errors, [
        'packages.1.scope.write_allow.0: must be at most 512 characters long',
        'packages.1.scope.write_allow.1: must be at most 512 characters long',
      ]);
      assert.equal(result.checks.scope_overlap?.passed, true);
    }
  });

  it('refuses pairwise checks above MAX_PAIRWISE_PACKAGES instead of exhausting memory', () => {
    const doc = { packages: Array.from({ length: MAX_PAIRWISE_PACKAGES + 1 }, (_, i) => ({ package_id: `p${i}` })) };
    const { checks } = validateWorkPackages(doc, overlapOpts);
    assert.deepEqual(checks.scope_overlap?.errors, ['2001 packages: more than 2000, too many to compare pairwise']);
    assert.equal(checks.lock_overlap?.passed, false);
    const report = dagReport(doc);
    assert.equal(report.maxParallelWidthExact, false);
    assert.equal(report.maxParallelWidth, MAX_PAIRWISE_PACKAGES + 1);
  });

  it('runs every check even when the schema fails', () => {
    const doc = basic();
    (doc.packages as Array<Record<string, unknown>>)[1]!.depends_on = ['wp-backend', 'wp-ghost'];
    (doc.packages as Array<Record<string, unknown>>)[1]!.priority = 'high';
    const result = validateWorkPackages(doc, overlapOpts);
    assert.equal(result.checks.schema.passed, false);
    assert.equal(result.checks.depends_on_refs.passed, false);
    assert.deepEqual(result.checks.dag_cycles.cycles, [['wp-backend', 'wp-backend']]);
  });

  it('formats the text report', () => {
    const doc = basic();
    (doc.packages as Array<Record<string, unknown>>)[0]!.depends_on = ['wp-backend'];
    const text = formatValidationText(validateWorkPackages(doc, { ...overlapOpts, file: 'x.yaml' }));
    assert.equal(
      text,
      [
        'work-packages validation: INVALID',
        '  [pass] schema',
        '  [pass] depends_on_refs',
        '  [FAIL] dag_cycles',
        '    cycle: wp-backend -> wp-contracts -> wp-backend',
        '  [pass] lock_keys',
        '  [pass] scope_overlap',
        '  [pass] lock_overlap',
        '',
      ].join('\n'),
    );
  });

  it('reports overlaps as lines and as data', () => {
    const doc = basic();
    const frontend = (doc.packages as Array<Record<string, unknown>>)[2]!;
    frontend.scope = { write_allow: ['src/api/**', 'src/web/**'], read_allow: ['**'] };
    frontend.locks = { files: [], keys: ['db:schema:users'] };
    const { checks } = validateWorkPackages(doc, overlapOpts);
    assert.deepEqual(checks.scope_overlap, {
      passed: false,
      mode: 'compat',
      errors: ["parallel pair (wp-backend, wp-frontend): write_allow overlap: 'src/api/**' vs 'src/api/**'"],
      overlaps: [{ a: 'wp-backend', b: 'wp-frontend', a_glob: 'src/api/**', b_glob: 'src/api/**' }],
    });
    assert.deepEqual(checks.lock_overlap?.overlaps, [{ a: 'wp-backend', b: 'wp-frontend', keys: ['db:schema:users'], files: [] }]);
  });

  it('the zones view lists parallel pairs, marks wp-integration pairs and runs only the overlap checks', () => {
    const doc = basic();
    (doc.packages as Array<Record<string, unknown>>)[3]!.depends_on = ['wp-backend'];
    (doc.packages as Array<Record<string, unknown>>)[3]!.description = 7; // schema errors do not matter here
    const zones = parallelZones(doc, { globMode: 'exact' });
    assert.deepEqual(zones.parallel_pairs, [
      ['wp-backend', 'wp-frontend'],
      ['wp-frontend', 'wp-integration'],
    ]);
    assert.deepEqual(zones.exempt_pairs, [['wp-frontend', 'wp-integration']]);
    assert.deepEqual(Object.keys(zones.checks), ['scope_overlap', 'lock_overlap']);
    assert.equal(zones.valid, true);
  });
});

describe('parseWorkPackagesYaml', () => {
  const isBadInput = (part: string) => (err: unknown) => err instanceof PlanError && err.type === 'BadInput' && err.message.includes(part);

  it('rejects documents over the size limit before parsing', () => {
    const big = 'a: "' + 'x'.repeat(MAX_WORK_PACKAGES_BYTES) + '"\n';
    assert.throws(() => parseWorkPackagesYaml(big), isBadInput('larger than'));
    // Multi-byte characters count as bytes, not UTF-16 units.
    const wide = 'a: "' + 'é'.repeat(MAX_WORK_PACKAGES_BYTES / 2) + '"\n';
    assert.throws(() => parseWorkPackagesYaml(wide), isBadInput('larger than'));
    const emoji = 'a: "' + '😀'.repeat(MAX_WORK_PACKAGES_BYTES / 4) + '"\n';
    assert.throws(() => parseWorkPackagesYaml(emoji), isBadInput('larger than'));
    // Just under the limit in bytes (3-byte characters) is read.
    const count = Math.floor((MAX_WORK_PACKAGES_BYTES - 10) / 3);
    const justUnder = 'a: "' + '€'.repeat(count) + '"\n';
    assert.equal((parseWorkPackagesYaml(justUnder) as { a: string }).a.length, count);
  });

  it('rejects duplicate keys, alias bombs and broken YAML; accepts modest aliases', () => {
    assert.throws(() => parseWorkPackagesYaml('a: 1\nb: {c: 1, c: 2}\n'), isBadInput('Map keys must be unique'));
    assert.throws(() => parseWorkPackagesYaml('a: "unterminated\n'), isBadInput('not valid YAML'));
    const bomb = ['a: &a [x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(8).fill('*' + 'abcdefg'[i]).join(', ')}]`)].join('\n');
    assert.throws(() => parseWorkPackagesYaml(bomb), isBadInput('cannot expand YAML'));
    assert.deepEqual(parseWorkPackagesYaml('base: &b {x: 1}\nuse: *b\n'), { base: { x: 1 }, use: { x: 1 } });
  });

  it('reads scalars as YAML 1.1 does, like the reference validator: a bare timestamp is a date, yes a boolean, 012 octal', () => {
    const value = parseWorkPackagesYaml('d: 2026-01-01T00:00:00Z\nq: "2026-01-01T00:00:00Z"\nflag: yes\nnum: 012\n') as Record<string, unknown>;
    assert.ok(value.d instanceof Date, 'a bare timestamp');
    assert.equal(value.q, '2026-01-01T00:00:00Z', 'a quoted one is the string');
    assert.equal(value.flag, true);
    assert.equal(value.num, 10);
  });
});
