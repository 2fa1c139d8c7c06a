import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import { dagReport, formatDagReportText, renderMermaid } from '../../src/domain/workpackages/graph.js';
import { parseWorkPackagesYaml } from '../../src/domain/workpackages/parse.js';
import { readConformance } from './helpers/fixtures.js';

const golden = (name: string): string => readFileSync(join(projectRoot, 'test', 'workpackages', 'golden', name), 'utf8');
const load = (file: string): unknown => parseWorkPackagesYaml(readConformance(file));

describe('DAG report', () => {
  it('reports order, waves, critical path by timeout_minutes and width', () => {
    assert.deepEqual(dagReport(load('valid-basic.yaml')), {
      order: ['wp-contracts', 'wp-backend', 'wp-frontend', 'wp-integration'],
      waves: [['wp-contracts'], ['wp-backend', 'wp-frontend'], ['wp-integration']],
      criticalPath: { path: ['wp-contracts', 'wp-backend', 'wp-integration'], minutes: 165 },
      maxParallelWidth: 2,
      maxParallelWidthExact: true,
      cycles: [],
      blocked: [],
    });
  });

  it('shows cycles and what they block', () => {
    const report = dagReport(load('cycle-three.yaml'));
    assert.deepEqual(report.cycles, [['wp-backend', 'wp-contracts', 'wp-integration', 'wp-backend']]);
    assert.deepEqual(report.blocked, ['wp-backend', 'wp-contracts', 'wp-frontend', 'wp-integration']);
    assert.match(formatDagReportText(report), /cycle: wp-backend -> wp-contracts -> wp-integration -> wp-backend/);
  });

  it('matches the golden text and Mermaid renderings', () => {
    const doc = load('valid-many-parallel.yaml');
    assert.equal(formatDagReportText(dagReport(doc)), golden('valid-many-parallel.graph.txt'));
    assert.equal(renderMermaid(doc), golden('valid-many-parallel.mmd'));
  });

  it('renders garbage without throwing', () => {
    assert.equal(renderMermaid({ packages: [null, { package_id: 'a', depends_on: 'b' }] }), 'flowchart TD\n  n0["a"]\n');
    assert.deepEqual(dagReport(null).order, []);
  });
});
