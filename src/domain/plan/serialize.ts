/**
 * work-packages.yaml text from a document: deterministic, keys in the order the format document
 * lists its fields, no anchors or aliases (other tools read these files), no line folding so long
 * commands and descriptions stay intact on one logical line, and the same value under YAML 1.1 and
 * 1.2 readers (`feature.created_at` is a quoted string: PyYAML would load a bare one as a datetime).
 */
import { portableYaml } from '../portable-yaml.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';

/** Field order of an object, and the order of its nested objects' fields. */
interface Shape {
  keys: readonly string[];
  children?: Readonly<Record<string, Shape>>;
  /** Shape of every item when the field is an array of objects. */
  items?: Shape;
  /** Keys of a free-form map: sorted. */
  sortedMap?: boolean;
}

const STEP: Shape = {
  keys: ['name', 'kind', 'evidence', 'command', 'cwd', 'env', 'expect_exit_code', 'ci', 'manual_instructions'],
  children: {
    evidence: { keys: ['artifacts', 'result_keys'] },
    env: { keys: [], sortedMap: true },
    ci: { keys: ['provider', 'workflow', 'required_checks'] },
  },
};

const PACKAGE: Shape = {
  keys: [
    'package_id',
    'task_type',
    'description',
    'depends_on',
    'priority',
    'locks',
    'scope',
    'worktree',
    'timeout_minutes',
    'retry_budget',
    'min_trust_level',
    'verification',
    'outputs',
    'title',
    'role',
    'decomposition',
    'stack_position',
    'archetype',
    'metadata',
    'inputs',
    'context_impact',
  ],
  children: {
    locks: { keys: ['files', 'keys', 'ttl_minutes', 'reason'] },
    scope: { keys: ['write_allow', 'read_allow', 'deny'] },
    worktree: { keys: ['name', 'mode'] },
    verification: { keys: ['tier_required', 'steps'], children: { steps: { keys: [], items: STEP } } },
    outputs: { keys: ['result_keys', 'artifacts'] },
    metadata: { keys: ['loc_estimate', 'alternatives_count', 'complexity', 'package_kind'] },
    inputs: { keys: [], sortedMap: true },
    context_impact: { keys: ['surfaces', 'rationale'], children: { rationale: { keys: [], sortedMap: true } } },
  },
};

const DOCUMENT: Shape = {
  keys: ['schema_version', 'feature', 'contracts', 'defaults', 'packages'],
  children: {
    feature: { keys: ['id', 'plan_revision', 'title', 'created_by', 'created_at'] },
    contracts: {
      keys: ['revision', 'openapi', 'generated', 'mocks', 'cdc'],
      children: {
        openapi: { keys: ['primary', 'files'] },
        generated: { keys: ['pydantic_dir', 'typescript_dir'] },
        mocks: { keys: ['prism'], children: { prism: { keys: ['enabled', 'command', 'base_url'] } } },
        cdc: { keys: ['pact'], children: { pact: { keys: ['enabled', 'broker_url', 'consumer_dir'] } } },
      },
    },
    defaults: {
      keys: ['priority', 'lock_ttl_minutes', 'timeout_minutes', 'retry_budget', 'verification_tier_required', 'min_trust_level'],
    },
    packages: { keys: [], items: PACKAGE },
  },
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `value` with keys in shape order; keys the shape does not know come last, sorted. */
function ordered(value: unknown, shape: Shape | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, shape?.items));
  if (!isPlainObject(value)) return value;
  const known = shape?.sortedMap ? [] : (shape?.keys ?? []);
  const rest = Object.keys(value)
    .filter((k) => !known.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    if (value[key] === undefined) continue;
    out[key] = ordered(value[key], shape?.children?.[key]);
  }
  return out;
}

export function toWorkPackagesYaml(doc: WorkPackagesDoc): string {
  return portableYaml(ordered(doc, DOCUMENT));
}
