/**
 * One JSON Schema (draft 2020-12) per event: `events/<name>.schema.json`, with a stable `$id`
 * and an example, so producers and consumers validate the same payload. Pure module.
 */
import type { Event, PlanDraft } from '../draft.js';
import { fieldJsonSchema, type JsonSchema } from './field-types.js';
import { exampleObject } from './model.js';
import { eventClassName, eventFileName } from './names.js';

export const JSON_SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';

/** A URN rather than an invented web address: nothing has to be hosted for the id to be valid. */
export const eventSchemaId = (changeId: string, event: Event): string =>
  `urn:parallel-plan:${changeId}:events:${event.name}:v${event.version}`;

export function eventSchema(draft: PlanDraft, event: Event): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of event.fields) {
    const schema = fieldJsonSchema(f);
    if (f.references) schema.description = `${schema.description ? `${String(schema.description)} ` : ''}References ${f.references}.`;
    properties[f.name] = schema;
  }
  const required = event.fields.filter((f) => f.required).map((f) => f.name);
  const schema: JsonSchema = {
    $schema: JSON_SCHEMA_2020,
    $id: eventSchemaId(draft.changeId, event),
    // The title is the Pydantic class name, which lets the Python check pair schema and model.
    title: eventClassName(event),
    description: `${event.description} (event ${event.name}, version ${event.version})`,
    type: 'object',
    properties,
  };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false;
  schema.examples = [exampleObject(draft, eventClassName(event), event.fields)];
  return schema;
}

export function renderEventSchemas(draft: PlanDraft): Array<{ path: string; content: string }> {
  return draft.events.map((e) => ({ path: `events/${eventFileName(e)}`, content: `${JSON.stringify(eventSchema(draft, e), null, 2)}\n` }));
}
