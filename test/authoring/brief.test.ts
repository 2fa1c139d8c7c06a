/** The feature brief: parsing, field-precise errors, committed JSON Schema, shipped examples. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from '../../src/config/paths.js';
import { parseBrief } from '../../src/domain/brief.js';
import { featureBriefJsonSchemaText } from '../../src/domain/brief-schema-text.js';

const minimal = `
capabilities:
  - name: task-comments
    requirements:
      - name: Add a comment
        text: The system SHALL store comments.
        scenarios:
          - { name: Comment, when: a user comments, then: it is stored }
`;

function errors(text: string): string[] {
  const r = parseBrief(text);
  assert.equal(r.ok, false, 'expected the brief to be rejected');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

const briefsDir = join(projectRoot, 'examples/briefs');
const exampleFiles = readdirSync(briefsDir).filter((f) => f.endsWith('.yaml')).sort();

describe('feature brief', () => {
  it('parses a minimal brief and fills defaults', () => {
    const r = parseBrief(minimal);
    assert.ok(r.ok);
    assert.equal(r.brief.capabilities[0]?.requirements[0]?.modifies, false);
    assert.deepEqual(r.brief.operations, []);
    assert.equal(r.brief.auth, 'none');
  });

  it('names the exact field, what was expected and what was given', () => {
    const bad = `${minimal}
operations:
  - operationId: AddComment
    method: FETCH
    path: /tasks/{taskId}/comments
    summary: Add
    responseEntity: Comment
    parameters:
      - { name: id, in: path, type: uuid }
auth: password
extra: 1
`;
    const lines = errors(bad);
    const has = (re: RegExp) => assert.ok(lines.some((l) => re.test(l)), `no line matches ${re}:\n${lines.join('\n')}`);
    has(/^operations\[0\]\.operationId: expected regex .*got "AddComment"/);
    has(/^operations\[0\]\.method: expected one of "GET" \| "POST" .*got "FETCH"/);
    has(/^auth: expected one of "none" \| "bearer" \| "apiKey" \| "oauth2", got "password"/);
    has(/^extra: expected no such field \(unknown key\), got number 1/);
  });

  it('checks cross-references after the shape', () => {
    const lines = errors(`${minimal}
operations:
  - operationId: addComment
    method: POST
    path: /tasks/{taskId}/comments
    summary: Add
    capability: comments
    responseEntity: Comment
    parameters:
      - { name: id, in: path, type: uuid }
`);
    assert.deepEqual(lines, [
      'operations[0].responseEntity: expected the name of an entity in entities (none declared), got "Comment"',
      'operations[0].capability: expected the name of a capability in capabilities (task-comments), got "comments"',
      'operations[0].parameters[0].name: expected a path parameter that appears as {id} in "/tasks/{taskId}/comments", got "id"',
    ]);
  });

  it('reports missing fields, short text and YAML syntax errors', () => {
    assert.deepEqual(errors('title: x\n'), ['capabilities: expected array, got nothing (field missing)']);
    const short = errors(`why: too short\n${minimal}`);
    assert.match(short[0] ?? '', /^why: expected at least 50 character\(s\) \(the Why section needs at least 50 characters\), got "too short" \(9 chars\)$/);
    assert.match(errors('capabilities: [\n')[0] ?? '', /^\(root\): expected valid YAML or JSON, got a syntax error/);
    assert.deepEqual(errors('- a\n- b\n'), ['(root): expected a mapping with at least "capabilities", got a list']);
  });

  it('accepts JSON as well as YAML', () => {
    const r = parseBrief(JSON.stringify(parseYaml(minimal)));
    assert.ok(r.ok);
  });

  it('schemas/feature-brief.schema.json is current (run `npm run schemas`)', () => {
    const committed = readFileSync(join(projectRoot, 'schemas/feature-brief.schema.json'), 'utf8');
    assert.equal(committed, featureBriefJsonSchemaText());
  });

  it('ships at least two example briefs that pass both zod and the JSON Schema', () => {
    assert.ok(exampleFiles.length >= 2, exampleFiles.join(', '));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'schemas/feature-brief.schema.json'), 'utf8')) as object);
    for (const f of exampleFiles) {
      const text = readFileSync(join(briefsDir, f), 'utf8');
      const r = parseBrief(text);
      assert.ok(r.ok, `${f}: ${r.ok ? '' : r.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
      assert.ok(validate(parseYaml(text)), `${f}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ capabilities: [] }), false, 'the JSON Schema rejects an empty capability list');
  });
});
