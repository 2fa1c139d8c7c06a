/**
 * Files this project writes load to the same value in a YAML 1.1 reader (PyYAML's safe_load,
 * which the format's reference validator uses) and a YAML 1.2 reader (the `yaml` package), and
 * every generated work-packages.yaml passes the format's JSON Schema when read by PyYAML and
 * checked by Python's jsonschema. Runs the project's Python (`.tools/venv` from `npm run setup`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { pythonExecutable } from '../../src/adapters/python.js';
import { projectRoot } from '../../src/config/paths.js';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import { buildOpenApi, renderOpenApiYaml } from '../../src/domain/contracts/openapi.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { toWorkPackagesYaml } from '../../src/domain/plan/serialize.js';
import { portableYaml } from '../../src/domain/portable-yaml.js';
import { exampleRepo, fixtureRepo } from '../helpers/authoring.js';
import { labelsFeature } from '../helpers/plan-fixtures.js';

/** PyYAML's safe_load of each file, and jsonschema's verdict against the format's schema, as JSON. */
const PY = `
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
out = []
for path in sys.argv[2:]:
    value = yaml.safe_load(open(path))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(value)] if path.endswith("work-packages.yaml") else []
    out.append({"value": value, "errors": errors})
print(json.dumps(out, default=lambda o: {"__not_json__": type(o).__name__}))
`;

function pyLoad(files: string[]): Array<{ value: unknown; errors: string[] }> {
  const stdout = execFileSync(pythonExecutable(), ['-c', PY, join(projectRoot, 'schemas/work-packages.schema.json'), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Array<{ value: unknown; errors: string[] }>;
}

const dir = mkdtempSync(join(tmpdir(), 'pp-yaml-interop-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('strings a YAML 1.1 reader would take for timestamps, booleans, numbers or nulls stay strings under both readers', () => {
  const tricky = [
    '2026-11-25T08:00:00Z', '2026-11-25', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', 'True', 'ON',
    '0755', '012', '00', '1:20', '190:20:30', '0x1F', '0b101', '+12', '1_000', '1e3', '.5', '1.0', '.inf', '-.inf', '.nan', 'NaN',
    '~', 'null', 'Null', '', ' leading', 'trailing ', '=', '<<', '- item', '#comment', 'a: b', '@at', '`tick`', '%percent', '!bang', '&anchor', '*alias',
  ];
  const value = { strings: tricky, keyed: Object.fromEntries(tricky.filter((t) => t !== '').map((t, i) => [t, i])), numbers: [1, 0, -3, 2.5], flags: [true, false], nothing: null };
  const text = portableYaml(value);
  const [py] = pyLoad([write('tricky.yaml', text)]);
  assert.deepEqual(py!.value, value, `PyYAML reads:\n${text}`);
  assert.deepEqual(parse(text), value);
});

test('every generated work-packages.yaml loads the same in PyYAML and passes the format\'s JSON Schema there', async () => {
  const docs: Array<{ name: string; text: string }> = [];
  const { draft, context } = labelsFeature();
  docs.push({ name: 'labels', text: toWorkPackagesYaml(generateWorkPackages({ draft, context, planRevision: 2, contractsRevision: 2, createdAt: '2026-11-25T08:00:00Z' }).doc) });
  const plans: Array<[string, () => Promise<string>]> = [
    ['add due dates to tasks: store the due date in the database, show it on the web board, and add an API endpoint that lists overdue tasks', () => exampleRepo('taskboard')],
    ['items should have a barcode shown in the item list', () => exampleRepo('pantry-py')],
    ['add tags to posts: store tags in the database and filter the post list by tag', () => fixtureRepo('next-prisma')],
    ['let users archive items instead of deleting them and add a filter to show archived items', () => fixtureRepo('fastapi-sqlmodel')],
    ['count stars on repositories and add an endpoint that stars a repository', () => fixtureRepo('go-gin-gorm')],
  ];
  for (const [request, repo] of plans) {
    const repoDir = await repo();
    const changeId = deriveChangeId(request, []);
    const ctx = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-yaml-run-')), request, changeId });
    const d = ruleBasedDraft({ request, context: ctx, changeId, revision: 1, feedback: [] });
    docs.push({ name: changeId, text: toWorkPackagesYaml(generateWorkPackages({ draft: d, context: ctx, planRevision: 1, contractsRevision: 1, createdAt: '2026-12-01T19:32:00.000Z' }).doc) });
    docs.push({ name: `${changeId}.openapi`, text: renderOpenApiYaml(buildOpenApi(d)) });
  }
  const files = docs.map((d) => write(d.name.endsWith('.openapi') ? `${d.name}.yaml` : `${d.name}.work-packages.yaml`, d.text));
  const loaded = pyLoad(files);
  loaded.forEach((py, i) => {
    const name = docs[i]!.name;
    assert.deepEqual(py.errors, [], `${name}: the schema, as the reference validator reads the file`);
    assert.deepEqual(py.value, parse(readFileSync(files[i]!, 'utf8')), `${name}: PyYAML and the yaml package read the same value`);
  });
  // The timestamp is a string to both readers (PyYAML would make a bare one a datetime).
  const first = loaded[0]!.value as { feature: { created_at: unknown } };
  assert.equal(first.feature.created_at, '2026-11-25T08:00:00Z');
});

test('on every readable conformance document, the schema verdict is the one PyYAML + jsonschema reach', async () => {
  const { conformanceCases, conformanceDir } = await import('./helpers/fixtures.js');
  const { parseWorkPackagesYaml } = await import('../../src/domain/workpackages/parse.js');
  const { validateWorkPackages } = await import('../../src/domain/workpackages/validate.js');
  const cases = conformanceCases().filter((c) => !c.expect.unreadable);
  const PY_VERDICT = `
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
out = {}
for path in sys.argv[2:]:
    try:
        value = yaml.safe_load(open(path))
        out[path] = not any(True for _ in jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(value))
    except Exception as e:
        out[path] = "error: " + type(e).__name__
print(json.dumps(out))
`;
  const paths = cases.map((c) => join(conformanceDir, c.file));
  const verdicts = JSON.parse(execFileSync(pythonExecutable(), ['-c', PY_VERDICT, join(projectRoot, 'schemas/work-packages.schema.json'), ...paths], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })) as Record<string, boolean | string>;
  const disagree: string[] = [];
  for (const c of cases) {
    const path = join(conformanceDir, c.file);
    const py = verdicts[path];
    if (typeof py === 'string') continue;
    const ours = validateWorkPackages(parseWorkPackagesYaml(readFileSync(path, 'utf8'), c.file), { ...c.options, file: c.file }).checks.schema.passed;
    if (ours !== py) disagree.push(`${c.file}: ours ${ours}, PyYAML + jsonschema ${py}`);
  }
  assert.deepEqual(disagree, []);
});
