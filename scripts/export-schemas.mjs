#!/usr/bin/env node
// Writes the committed JSON Schemas from their zod sources (compiled to dist/ by `npm run build`):
// the feature brief, the plan draft external agents answer with, and work-packages.yaml.
// Tests fail while a committed file is out of date. Run: npm run schemas
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(join(root, 'dist/src', p));
const { featureBriefJsonSchemaText } = await load('domain/brief-schema-text.js');
const { workPackagesJsonSchema } = await load('domain/workpackages/schema.js');
const { planDraftJsonSchema } = await load('domain/draft.js');

const out = {
  'feature-brief.schema.json': featureBriefJsonSchemaText(),
  'work-packages.schema.json': JSON.stringify(workPackagesJsonSchema(), null, 2) + '\n',
  'plan-draft.schema.json': JSON.stringify(planDraftJsonSchema(), null, 2) + '\n',
};
for (const [name, text] of Object.entries(out)) {
  writeFileSync(join(root, 'schemas', name), text);
  console.log(`wrote schemas/${name}`);
}
