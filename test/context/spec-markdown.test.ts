import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import { parseSpecMarkdown, requirementText } from '../../src/domain/context/spec-markdown.js';

const MAIN = `# auth-session Specification

## Purpose
Sign users in and keep them signed in.
Sessions expire.

## Requirements
### Requirement: Session Login (OAuth2 / PKCE)
The system SHALL create a session
after a successful login.

#### Scenario: Valid credentials
- **WHEN** a user signs in with valid credentials
- **THEN** a session cookie is set
  and marked HttpOnly

#### Scenario: Invalid credentials
- **WHEN** the password is wrong
- **THEN** the response is 401

### Requirement: Session Expiry
The system SHALL expire idle sessions after 30 minutes.

\`\`\`text
### Requirement: Not A Requirement
#### Scenario: Not a scenario
\`\`\`

#### Scenario: Idle timeout
- **WHEN** a session is idle for 31 minutes
- **THEN** the next request is rejected
`;

test('parses title, capability, purpose, exact requirement names and scenarios', () => {
  const spec = parseSpecMarkdown(MAIN);
  assert.equal(spec.title, 'auth-session Specification');
  assert.equal(spec.capability, 'auth-session');
  assert.equal(spec.purpose, 'Sign users in and keep them signed in. Sessions expire.');
  assert.equal(spec.delta, false);
  assert.deepEqual(spec.requirements.map((r) => r.name), ['Session Login (OAuth2 / PKCE)', 'Session Expiry']);
  const [login, expiry] = spec.requirements;
  assert.equal(login!.text, 'The system SHALL create a session after a successful login.');
  assert.deepEqual(login!.scenarios.map((s) => s.name), ['Valid credentials', 'Invalid credentials']);
  assert.deepEqual(login!.scenarios[0]!.steps, [
    '**WHEN** a user signs in with valid credentials',
    '**THEN** a session cookie is set and marked HttpOnly',
  ]);
  assert.equal(login!.operation, undefined);
  // Headers inside a fenced block are text, not structure.
  assert.deepEqual(expiry!.scenarios.map((s) => s.name), ['Idle timeout']);
  assert.match(expiry!.text, /^The system SHALL expire idle sessions after 30 minutes\./);
  assert.match(requirementText(expiry!), /idle for 31 minutes/);
});

test('parses delta sections and CRLF line endings', () => {
  const delta = [
    '## ADDED Requirements',
    '### Requirement: Task Labels',
    'The system SHALL attach labels.',
    '#### Scenario: Label a task',
    '- **WHEN** a label is attached',
    '- **THEN** the task carries it',
    '',
    '## MODIFIED Requirements',
    '### Requirement: Task Listing',
    'The system SHALL filter by label.',
    '#### Scenario: Filter',
    '- **WHEN** filtered',
    '- **THEN** only matching tasks',
    '## REMOVED Requirements',
    '### Requirement: Old Export',
  ].join('\r\n');
  const spec = parseSpecMarkdown(delta);
  assert.equal(spec.delta, true);
  assert.deepEqual(
    spec.requirements.map((r) => [r.operation, r.name]),
    [['ADDED', 'Task Labels'], ['MODIFIED', 'Task Listing'], ['REMOVED', 'Old Export']],
  );
  assert.equal(spec.requirements[0]!.text, 'The system SHALL attach labels.');
});

test('every spec of the example repositories parses with named requirements and scenarios', async () => {
  const specs = [
    ['taskboard', 'task-management', 4],
    ['taskboard', 'notifications', 4],
    ['taskboard', 'user-accounts', 3],
    ['taskboard', 'board-views', 3],
    ['pantry-py', 'pantry-inventory', 2],
    ['pantry-py', 'expiry-alerts', 2],
    ['pantry-py', 'shopping-lists', 2],
  ] as const;
  for (const [repo, cap, count] of specs) {
    const text = await readFile(join(projectRoot, 'examples', repo, 'openspec', 'specs', cap, 'spec.md'), 'utf8');
    const spec = parseSpecMarkdown(text);
    assert.equal(spec.capability, cap);
    assert.equal(spec.requirements.length, count, `${repo}/${cap}`);
    for (const r of spec.requirements) {
      assert.match(r.text, /SHALL/, `${cap}: ${r.name}`);
      assert.ok(r.scenarios.length > 0, `${cap}: ${r.name} has scenarios`);
      for (const s of r.scenarios) assert.ok(s.steps.some((x) => x.startsWith('**WHEN**')) && s.steps.some((x) => x.startsWith('**THEN**')));
    }
  }
});
