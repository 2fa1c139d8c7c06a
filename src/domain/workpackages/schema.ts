/**
 * zod schema of work-packages.yaml version 1, written from docs/work-packages-format.md.
 *
 * Every object is strict (unknown keys are errors) except `inputs`, which the format leaves open.
 * The JSON Schema (draft 2020-12) in schemas/work-packages.schema.json is generated from this
 * schema by `workPackagesJsonSchema()`; constraints zod cannot express as JSON Schema by itself
 * (uniqueItems, the kind -> required-field rule of verification steps) are attached as metadata
 * so the two stay one source of truth. A test checks the committed file is up to date and that
 * ajv and zod agree on the conformance documents.
 *
 * Where the format says only "string" (for example `command`, `base_url`) no length limit is
 * imposed: the format doc is exact, and tools reading these files accept any string there.
 */
import { z } from 'zod';
import type { WorkPackagesDoc } from './types.js';
import { isRecord } from './util.js';

const hasNoDuplicates = (items: readonly unknown[]): boolean => new Set(items).size === items.length;

/** An array whose items must be unique (JSON Schema `uniqueItems`). */
function uniqueArray<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .refine(hasNoDuplicates, { message: 'items must be unique' })
    .meta({ uniqueItems: true });
}

const nonEmptyString = z.string().min(1);

export const FilePathSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(?!\/)(?!.*\s+$).+/);
export const GlobSchema = z.string().min(1).max(512);
export const PackageIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/);
export const LogicalLockKeySchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(api|db|event|flag|env|contract|feature):.+$/);
const TierSchema = z.enum(['A', 'B', 'C']);
const int = () => z.number().int();

const FeatureSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
  plan_revision: int().min(1),
  title: z.string().min(1).max(200).optional(),
  created_by: z.string().min(1).max(128).optional(),
  created_at: z.iso.datetime({ offset: true }).optional(),
});

const ContractsSchema = z.strictObject({
  revision: int().min(1),
  openapi: z.strictObject({
    primary: FilePathSchema,
    files: uniqueArray(FilePathSchema).min(1),
  }),
  generated: z
    .strictObject({ pydantic_dir: FilePathSchema.optional(), typescript_dir: FilePathSchema.optional() })
    .optional(),
  mocks: z
    .strictObject({
      prism: z
        .strictObject({ enabled: z.boolean().optional(), command: z.string().optional(), base_url: z.string().optional() })
        .optional(),
    })
    .optional(),
  cdc: z
    .strictObject({
      pact: z
        .strictObject({
          enabled: z.boolean().optional(),
          broker_url: z.string().optional(),
          consumer_dir: FilePathSchema.optional(),
        })
        .optional(),
    })
    .optional(),
});

const DefaultsSchema = z.strictObject({
  priority: int().min(1).max(10).optional(),
  lock_ttl_minutes: int().min(1).max(480).optional(),
  timeout_minutes: int().min(1).optional(),
  retry_budget: int().min(0).optional(),
  verification_tier_required: TierSchema.optional(),
  min_trust_level: int().min(0).max(4).optional(),
});

/** Which optional field each step kind makes required. */
const STEP_KIND_REQUIRES = { command: 'command', ci: 'ci', manual: 'manual_instructions' } as const;

const VerificationStepSchema = z
  .strictObject({
    name: z.string().min(1).max(80),
    kind: z.enum(['command', 'ci', 'manual']),
    evidence: z.strictObject({
      artifacts: z.array(FilePathSchema),
      result_keys: z.array(nonEmptyString),
    }),
    command: z.string().optional(),
    cwd: FilePathSchema.optional(),
    env: z.record(z.string(), z.string()).optional(),
    expect_exit_code: int().optional(),
    ci: z
      .strictObject({
        provider: z.enum(['github', 'other']).optional(),
        workflow: z.string().optional(),
        required_checks: uniqueArray(z.string()).optional(),
      })
      .optional(),
    manual_instructions: z.string().optional(),
  })
  .superRefine(
    (step, ctx) => {
      // Runs even when other fields of the step are invalid (see `when`), like JSON Schema's
      // if/then, so each missing kind-specific field is reported alongside the other errors.
      const raw: unknown = step;
      if (!isRecord(raw) || typeof raw.kind !== 'string' || !(raw.kind in STEP_KIND_REQUIRES)) return;
      const needed = STEP_KIND_REQUIRES[raw.kind as keyof typeof STEP_KIND_REQUIRES];
      if (raw[needed] === undefined) {
        ctx.addIssue({ code: 'custom', path: [needed], message: `required when kind is '${raw.kind}'` });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  )
  .meta({
    allOf: Object.entries(STEP_KIND_REQUIRES).map(([kind, field]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { required: [field] },
    })),
  });

const ContextSurfaceSchema = z.enum([
  'capabilities',
  'apis',
  'architecture',
  'decisions',
  'documentation',
  'semantic_code',
]);

const WorkPackageSchema = z.strictObject({
  package_id: PackageIdSchema,
  task_type: z.string().min(1).max(40),
  description: z.string().min(1).max(4000),
  depends_on: uniqueArray(PackageIdSchema),
  priority: int().min(1).max(10),
  locks: z.strictObject({
    files: uniqueArray(FilePathSchema),
    keys: uniqueArray(LogicalLockKeySchema),
    ttl_minutes: int().min(1).max(480).optional(),
    reason: z.string().max(500).optional(),
  }),
  scope: z.strictObject({
    write_allow: z.array(GlobSchema),
    read_allow: z.array(GlobSchema).min(1),
    deny: z.array(GlobSchema).optional(),
  }),
  worktree: z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/),
    mode: z.enum(['isolated', 'shared']).optional(),
  }),
  timeout_minutes: int().min(1),
  retry_budget: int().min(0),
  min_trust_level: int().min(0).max(4),
  verification: z.strictObject({
    tier_required: TierSchema,
    steps: z.array(VerificationStepSchema).min(1),
  }),
  outputs: z.strictObject({
    result_keys: z.array(nonEmptyString).min(1),
    artifacts: z.array(FilePathSchema).optional(),
  }),
  title: z.string().min(1).max(120).optional(),
  role: z.string().min(1).max(60).optional(),
  decomposition: z.enum(['stacked', 'branch']).optional(),
  stack_position: int().min(0).optional(),
  archetype: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/)
    .optional(),
  metadata: z
    .strictObject({
      loc_estimate: int().min(0).optional(),
      alternatives_count: int().min(0).optional(),
      complexity: z.enum(['low', 'medium', 'high']).optional(),
      package_kind: z.enum(['algorithm', 'data_model', 'crud', 'config', 'migration', 'integration']).optional(),
    })
    .optional(),
  // The one open object of the format: any keys, any values.
  inputs: z.record(z.string(), z.unknown()).optional(),
  context_impact: z
    .strictObject({
      surfaces: uniqueArray(ContextSurfaceSchema),
      rationale: z
        .partialRecord(
          ContextSurfaceSchema,
          z.strictObject({ reason: z.string().min(1).max(1000), approved_by: z.string().min(1).max(128) }),
        )
        .optional(),
    })
    .optional(),
});

export const WorkPackagesSchema = z.strictObject({
  schema_version: z.literal(1).meta({ type: 'integer' }),
  feature: FeatureSchema,
  contracts: ContractsSchema,
  defaults: DefaultsSchema.optional(),
  packages: z.array(WorkPackageSchema).min(1),
});

export type WorkPackagesParsed = z.infer<typeof WorkPackagesSchema>;

// Compile-time guarantee that the schema and the hand-written contract in types.ts agree
// in both directions; a mismatch fails `tsc`.
type AssertAssignable<A, B extends A> = B;
export type _SchemaFitsDoc = AssertAssignable<WorkPackagesDoc, WorkPackagesParsed>;
export type _DocFitsSchema = AssertAssignable<WorkPackagesParsed, WorkPackagesDoc>;

export const JSON_SCHEMA_ID = 'https://parallel-plan.dev/schemas/work-packages.schema.json';

/** The JSON Schema (draft 2020-12) of the format, derived from `WorkPackagesSchema`. */
export function workPackagesJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(WorkPackagesSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return { $schema, $id: JSON_SCHEMA_ID, title: 'work-packages.yaml (version 1)', ...rest };
}
