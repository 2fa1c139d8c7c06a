/** The exact text of schemas/feature-brief.schema.json, shared by the export script and its freshness test. */
import { featureBriefJsonSchema } from './brief.js';

export function featureBriefJsonSchemaText(): string {
  const schema = {
    ...featureBriefJsonSchema(),
    $id: 'https://parallel-plan.dev/schemas/feature-brief.schema.json',
    title: 'parallel-plan feature brief',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
