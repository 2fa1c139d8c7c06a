/**
 * The plan draft: the one structured value every renderer, contract generator and
 * work-package planner reads. Authors (rule-based or an external agent) produce it;
 * nothing downstream guesses beyond it.
 *
 * Pure module: no node:* imports, safe for workflow code and tests alike.
 */
import { z } from 'zod';

export const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const SNAKE = /^[a-z][a-z0-9_]*$/;
/** A column as a repository names it: snake_case, or lowerCamelCase (Prisma, TypeORM). */
export const COLUMN = /^[a-z][a-zA-Z0-9_]*$/;
/** A table as a repository names it: `tasks`, `task_history`, or Prisma's `User`. */
export const TABLE = /^[A-Za-z][A-Za-z0-9_]*$/;

export const FieldTypeSchema = z.enum([
  'string',
  'text',
  'integer',
  'bigint',
  'number',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'uuid',
  'email',
  'url',
  'json',
]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const FieldSchema = z
  .object({
    name: z.string().regex(COLUMN, 'field names are snake_case (or the lowerCamelCase of an existing column): a lowercase letter, then letters, digits, underscores'),
    type: FieldTypeSchema,
    required: z.boolean().default(true),
    unique: z.boolean().default(false),
    description: z.string().optional(),
    /** `entity` or `entity.field`; becomes a foreign key and a `$ref` in contracts. */
    references: z.string().optional(),
    maxLength: z.number().int().positive().optional(),
    enum: z.array(z.string().min(1)).min(1).optional(),
    example: z.unknown().optional(),
    /** The column exists in the repository already (an existing entity's real field); only others are added. */
    existing: z.boolean().optional(),
  })
  .strict();
export type Field = z.infer<typeof FieldSchema>;

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    given: z.string().optional(),
    when: z.string().min(1),
    then: z.string().min(1),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

export const RequirementSchema = z
  .object({
    /** The `### Requirement: <name>` header text. For MODIFIED it must equal the existing header. */
    name: z.string().min(1),
    /** Normative text; must contain SHALL or MUST (OpenSpec strict mode). */
    text: z.string().regex(/\b(SHALL|MUST)\b/, 'requirement text must contain SHALL or MUST'),
    operation: z.enum(['ADDED', 'MODIFIED']).default('ADDED'),
    scenarios: z.array(ScenarioSchema).min(1),
  })
  .strict();
export type Requirement = z.infer<typeof RequirementSchema>;

export const CapabilitySchema = z
  .object({
    /** kebab-case folder name under specs/. */
    name: z.string().regex(KEBAB),
    title: z.string().min(1),
    /** true when openspec/specs/<name>/spec.md already exists. */
    existing: z.boolean().default(false),
    requirements: z.array(RequirementSchema).min(1),
  })
  .strict();
export type Capability = z.infer<typeof CapabilitySchema>;

export const DecisionSchema = z
  .object({
    id: z.string().regex(/^D[0-9]+$/),
    title: z.string().min(1),
    choice: z.string().min(1),
    rationale: z.string().min(1),
    alternatives: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;

export const ApproachSchema = z
  .object({
    name: z.string().min(1),
    summary: z.string().min(1),
    pros: z.array(z.string()).default([]),
    cons: z.array(z.string()).default([]),
    recommended: z.boolean().default(false),
  })
  .strict();
export type Approach = z.infer<typeof ApproachSchema>;

export const NfrSchema = z
  .object({
    category: z.string().min(1),
    requirement: z.string().min(1),
    target: z.string().min(1),
  })
  .strict();
export type Nfr = z.infer<typeof NfrSchema>;

export const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type HttpMethod = z.infer<typeof HttpMethodSchema>;

export const OperationSchema = z
  .object({
    operationId: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'operationId is lowerCamelCase'),
    method: HttpMethodSchema,
    /** OpenAPI path with `{param}` placeholders, starting with `/`. */
    path: z.string().regex(/^\/[A-Za-z0-9_\-/{}.]*$/),
    summary: z.string().min(1),
    capability: z.string().regex(KEBAB).optional(),
    /** Path and query parameters. Path parameters must appear in `path`. */
    parameters: z
      .array(
        z
          .object({
            name: z.string().min(1),
            in: z.enum(['path', 'query']),
            type: FieldTypeSchema,
            required: z.boolean().default(true),
            description: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    /** Name of an entity, or inline fields, sent as the JSON body. */
    requestEntity: z.string().optional(),
    requestFields: z.array(FieldSchema).optional(),
    /** Name of an entity returned on success; `list` wraps it in an array. */
    responseEntity: z.string().optional(),
    responseList: z.boolean().default(false),
    successStatus: z.number().int().min(200).max(299).optional(),
    auth: z.boolean().default(false),
    /** The route exists in the repository: the change keeps its method and path and changes what it takes or returns. */
    existing: z.boolean().optional(),
  })
  .strict();
export type Operation = z.infer<typeof OperationSchema>;

export const EntitySchema = z
  .object({
    /** PascalCase schema name used in OpenAPI and generated types. */
    name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
    /** Table name: snake_case for new tables; an existing table keeps the name it has. */
    table: z.string().regex(TABLE),
    description: z.string().optional(),
    fields: z.array(FieldSchema).min(1),
    /** Field names; default is a generated `id uuid`. */
    primaryKey: z.array(z.string()).optional(),
    indexes: z.array(z.object({ fields: z.array(z.string()).min(1), unique: z.boolean().default(false) }).strict()).default([]),
    /** The table exists in the repository: the change adds the fields not marked `existing`, nothing else. */
    existing: z.boolean().optional(),
  })
  .strict();
export type Entity = z.infer<typeof EntitySchema>;

/** How the repository's API answers, and the languages its code is written in (contracts follow them). */
export const ApiStyleSchema = z
  .object({
    /** Error body: FastAPI `{detail}`, RFC 7807 problems, `{error}`, `{message}`. */
    errorShape: z.enum(['detail', 'problem', 'error', 'message']).default('problem'),
    /** Languages of the code that uses the contracts; generated types are made for these only. */
    languages: z.array(z.enum(['typescript', 'python', 'go'])).default(['typescript', 'python']),
  })
  .strict();
export type ApiStyle = z.infer<typeof ApiStyleSchema>;

export const EventSchema = z
  .object({
    /** dotted lowercase name, e.g. `task.created`. */
    name: z.string().regex(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+$/),
    description: z.string().min(1),
    version: z.number().int().min(1).default(1),
    fields: z.array(FieldSchema).min(1),
  })
  .strict();
export type Event = z.infer<typeof EventSchema>;

export const BoundaryKindSchema = z.enum(['backend', 'frontend', 'data', 'docs', 'tests', 'infra', 'shared', 'other']);
export type BoundaryKind = z.infer<typeof BoundaryKindSchema>;

/** An architectural boundary of the target repository that a work package can own. */
export const BoundarySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    kind: BoundaryKindSchema,
    /** Real globs of the repository (from context), repo-relative. */
    globs: z.array(z.string().min(1)).min(1),
    testCommand: z.string().optional(),
  })
  .strict();
export type Boundary = z.infer<typeof BoundarySchema>;

export const TaskSchema = z
  .object({
    /** `<section>.<n>`, numbered by the renderer's package order. */
    id: z.string().regex(/^[0-9]+\.[0-9]+$/),
    title: z.string().min(1),
    kind: z.enum(['test', 'code', 'docs', 'contract', 'checkpoint']),
    /** Boundary id (or `contracts` / `integration`) this task belongs to. */
    boundary: z.string().min(1),
    files: z.array(z.string()).default([]),
    /** `<capability>/<requirement name>/<scenario name>` references. */
    scenarios: z.array(z.string()).default([]),
    decisions: z.array(z.string()).default([]),
  })
  .strict();
export type Task = z.infer<typeof TaskSchema>;

export const PlanDraftSchema = z
  .object({
    changeId: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/).max(64),
    title: z.string().min(1).max(200),
    request: z.string().min(1),
    why: z.string().min(50, 'the Why section needs at least 50 characters'),
    whatChanges: z.array(z.string().min(1)).min(1),
    impact: z
      .object({
        specs: z.array(z.string()).default([]),
        code: z.array(z.string()).default([]),
      })
      .strict(),
    approaches: z.array(ApproachSchema).default([]),
    goals: z.array(z.string()).default([]),
    nonGoals: z.array(z.string()).default([]),
    capabilities: z.array(CapabilitySchema).min(1),
    decisions: z.array(DecisionSchema).default([]),
    risks: z.array(z.object({ risk: z.string(), mitigation: z.string() }).strict()).default([]),
    migration: z.array(z.string()).default([]),
    nfrs: z.array(NfrSchema).default([]),
    outOfScope: z.array(z.string()).default([]),
    auth: z.enum(['none', 'bearer', 'apiKey', 'oauth2']).default('none'),
    operations: z.array(OperationSchema).default([]),
    entities: z.array(EntitySchema).default([]),
    /** The repository's API conventions (absent: RFC 7807 problems, TypeScript and Python types). */
    api: ApiStyleSchema.optional(),
    events: z.array(EventSchema).default([]),
    boundaries: z.array(BoundarySchema).default([]),
    tasks: z.array(TaskSchema).default([]),
  })
  .strict();
export type PlanDraft = z.infer<typeof PlanDraftSchema>;
export type PlanDraftInput = z.input<typeof PlanDraftSchema>;

/** JSON Schema of the draft, given to external agents in their prompt. */
export function planDraftJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanDraftSchema, { io: 'input' }) as Record<string, unknown>;
}
