/**
 * The feature brief: structured intent a person (or another tool) writes next to the request when
 * the rule-based author should not guess. It reuses the draft's own sub-schemas for operations,
 * entities, events and NFRs so a brief maps onto the draft without a translation layer.
 *
 * Pure module: parsing YAML/JSON text is separate from loading a file (the caller reads it).
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import {
  EntitySchema,
  EventSchema,
  KEBAB,
  NfrSchema,
  OperationSchema,
  PlanDraftSchema,
  ScenarioSchema,
} from './draft.js';
import { formatZodIssues, type FieldIssue } from './zod-issues.js';

export const BriefRequirementSchema = z
  .object({
    /** Header text. When `modifies` is true it must equal the existing `### Requirement:` header exactly. */
    name: z.string().regex(/^[^\s#](?:[^\n#]*[^\s#])?$/, 'a single line without # or outer spaces'),
    text: z.string().regex(/\b(SHALL|MUST)\b/, 'normative text containing SHALL or MUST'),
    /** Marks a requirement that already exists in openspec/specs/<capability>/spec.md (rendered as MODIFIED). */
    modifies: z.boolean().default(false),
    scenarios: z.array(ScenarioSchema).min(1),
  })
  .strict();

export const BriefCapabilitySchema = z
  .object({
    name: z.string().regex(KEBAB, 'kebab-case capability name'),
    title: z.string().min(1).optional(),
    requirements: z.array(BriefRequirementSchema).min(1),
  })
  .strict();

const AuthSchema = PlanDraftSchema.shape.auth;

export const FeatureBriefSchema = z
  .object({
    title: z.string().min(1).max(200).optional(),
    /** Motivation; becomes the proposal's `## Why` (at least 50 characters when given). */
    why: z.string().min(50, 'the Why section needs at least 50 characters').optional(),
    goals: z.array(z.string().min(1)).default([]),
    capabilities: z.array(BriefCapabilitySchema).min(1),
    operations: z.array(OperationSchema).default([]),
    entities: z.array(EntitySchema).default([]),
    events: z.array(EventSchema).default([]),
    nonFunctional: z.array(NfrSchema).default([]),
    outOfScope: z.array(z.string().min(1)).default([]),
    auth: AuthSchema,
  })
  .strict()
  .superRefine((brief, ctx) => {
    // Cross-references are checked here so a typo fails at the brief, not later in a contract tool.
    const entityNames = new Set(brief.entities.map((e) => e.name));
    const capNames = new Set(brief.capabilities.map((c) => c.name));
    const known = [...entityNames].join(', ') || 'none declared';
    brief.operations.forEach((op, i) => {
      for (const key of ['requestEntity', 'responseEntity'] as const) {
        const ref = op[key];
        if (ref !== undefined && !entityNames.has(ref)) {
          ctx.addIssue({
            code: 'custom',
            path: ['operations', i, key],
            message: `expected the name of an entity in entities (${known}), got ${JSON.stringify(ref)}`,
          });
        }
      }
      if (op.capability !== undefined && !capNames.has(op.capability)) {
        ctx.addIssue({
          code: 'custom',
          path: ['operations', i, 'capability'],
          message: `expected the name of a capability in capabilities (${[...capNames].join(', ')}), got ${JSON.stringify(op.capability)}`,
        });
      }
      const inPath = new Set([...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      op.parameters.forEach((p, j) => {
        if (p.in === 'path' && !inPath.has(p.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['operations', i, 'parameters', j, 'name'],
            message: `expected a path parameter that appears as {${p.name}} in ${JSON.stringify(op.path)}, got ${JSON.stringify(p.name)}`,
          });
        }
      });
    });
    const seen = new Map<string, number>();
    brief.operations.forEach((op, i) => {
      const prev = seen.get(op.operationId);
      if (prev !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['operations', i, 'operationId'],
          message: `expected a unique operationId, got ${JSON.stringify(op.operationId)} (also operations[${prev}])`,
        });
      }
      seen.set(op.operationId, i);
    });
    brief.capabilities.forEach((cap, i) => {
      const names = new Set<string>();
      cap.requirements.forEach((req, j) => {
        if (names.has(req.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['capabilities', i, 'requirements', j, 'name'],
            message: `expected a requirement name unique within ${cap.name}, got ${JSON.stringify(req.name)} twice`,
          });
        }
        names.add(req.name);
      });
    });
  });

export type FeatureBrief = z.infer<typeof FeatureBriefSchema>;
export type FeatureBriefInput = z.input<typeof FeatureBriefSchema>;
export type BriefCapability = z.infer<typeof BriefCapabilitySchema>;

export type BriefParseResult =
  | { ok: true; brief: FeatureBrief }
  | { ok: false; issues: FieldIssue[] };

/** Validates an already-parsed value (e.g. from a JSON API body). */
export function validateBrief(value: unknown): BriefParseResult {
  const result = FeatureBriefSchema.safeParse(value);
  if (result.success) return { ok: true, brief: result.data };
  return { ok: false, issues: formatZodIssues(result.error, value) };
}

/**
 * Parses brief text. YAML is a superset of JSON, so one parser handles both; syntax errors are
 * reported with their line and column.
 */
export function parseBrief(text: string): BriefParseResult {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
    return { ok: false, issues: [{ path: '(root)', message: `expected valid YAML or JSON, got a syntax error: ${message}` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      issues: [{ path: '(root)', message: `expected a mapping with at least "capabilities", got ${value === null ? 'an empty document' : Array.isArray(value) ? 'a list' : typeof value}` }],
    };
  }
  return validateBrief(value);
}

/** JSON Schema of the brief as written by people (input side: defaults are optional). */
export function featureBriefJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(FeatureBriefSchema, { io: 'input' }) as Record<string, unknown>;
}
