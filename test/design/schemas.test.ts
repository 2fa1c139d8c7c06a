/**
 * The JSON Schema that external agents receive for the plan draft is committed for people and
 * tools outside the project; it must match the zod schema the project actually checks with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planDraftJsonSchema } from '../../src/domain/draft.js';

test('schemas/plan-draft.schema.json is current (regenerate: npm run schemas)', () => {
  const committed = readFileSync(fileURLToPath(new URL('../../../schemas/plan-draft.schema.json', import.meta.url)), 'utf8');
  assert.equal(committed, JSON.stringify(planDraftJsonSchema(), null, 2) + '\n');
});
