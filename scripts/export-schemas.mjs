#!/usr/bin/env node
// Writes the committed JSON Schemas from their zod sources (compiled to dist/ by `npm run build`).
// test/authoring/brief-schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { featureBriefJsonSchemaText } = await import(join(root, 'dist/src/domain/brief-schema-text.js'));
writeFileSync(join(root, 'schemas/feature-brief.schema.json'), featureBriefJsonSchemaText());
console.log('wrote schemas/feature-brief.schema.json');
