#!/usr/bin/env node
// Regenerates schemas/work-packages.schema.json from the zod schema (run `npm run build` first).
// test/workpackages/json-schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workPackagesJsonSchema } from '../dist/src/domain/workpackages/schema.js';

const target = fileURLToPath(new URL('../schemas/work-packages.schema.json', import.meta.url));
writeFileSync(target, JSON.stringify(workPackagesJsonSchema(), null, 2) + '\n');
