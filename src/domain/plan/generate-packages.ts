/**
 * Step 5: the plan draft and the gathered context become work-packages.yaml.
 *
 * Shape of a split plan: `wp-contracts` first; one package per repository boundary (boundaries
 * whose globs overlap are merged); `wp-integration` last. A change too small to split gets one
 * package. Everything that costs parallelism is explained in `report.whyNotParallel`.
 * Pure and deterministic: the same input gives the same document, byte for byte once serialised.
 */
import type { ContextSummary } from '../context/types.js';
import type { PlanDraft, Task } from '../draft.js';
import type { WorkPackage, WorkPackagesDoc } from '../workpackages/types.js';
import { featureLockKey } from '../workpackages/lock-keys.js';
import { contractsDir, contractsSection } from '../contracts/manifest.js';
import { dependsOn, reduceTransitively, serializeHolders, type DependencyEdge } from './dependencies.js';
import { assignHubFiles, type HubAssignment } from './hub-files.js';
import { inFlightCollisions, type InFlightCollision } from './in-flight.js';
import { buildPackage, describeTasks } from './package-builders.js';
import {
  CONTRACTS_PACKAGE_ID,
  CONTRACTS_TASK_BOUNDARY,
  documentDefaults,
  INTEGRATION_PACKAGE_ID,
  INTEGRATION_TASK_BOUNDARY,
  PACKAGING_DEFAULTS,
  WHOLE_CHANGE_PACKAGE_ID,
} from './packaging-defaults.js';
import { assignResourceOwners, ENV_RESOURCES, envKey, envNeedsOf, featureOwnershipKey, type EnvResource } from './plan-locks.js';
import { assertValidPlan } from './parallel-safety.js';
import { numberTasks } from './task-groups.js';
import { checkCoverage, checkTraceability, TraceabilityError } from './traceability.js';
import { ciWorkflows, docsVerification, openSpecValidateStep, planVerification } from './verification-plan.js';
import {
  isDocsZone,
  makeZone,
  mergeOverlappingBoundaries,
  resolveBoundaries,
  unique,
  zoneGlobs,
  zoneKinds,
  zoneTestCommands,
  type BoundaryMerge,
  type Zone,
} from './zones.js';

export interface GenerateWorkPackagesInput {
  draft: PlanDraft;
  context: ContextSummary;
  planRevision: number;
  contractsRevision: number;
  /** ISO date-time; passed in because domain code reads no clock. */
  createdAt?: string;
}

export interface PackagingReport {
  /** One sentence per decision that reduces parallelism (for the proposal's "Why not parallel"). */
  whyNotParallel: string[];
  /** Boundaries merged into one package because their write scopes overlap. */
  merges: BoundaryMerge[];
  /** Hub files that need an owner (shared, or outside the globs of the one package needing them). */
  hubFiles: HubAssignment[];
  /** Task id (as numbered in tasks.md) -> package id. */
  taskPackages: Record<string, string>;
  /** Collisions with other changes in flight. */
  inFlight: InFlightCollision[];
  /** Resolution notes: dropped globs, stand-in boundaries, tasks sent to integration. */
  notes: string[];
  /** Set when the change is packaged as one package, with the reason. */
  singlePackageReason?: string;
}

export interface GeneratedWorkPackages {
  doc: WorkPackagesDoc;
  report: PackagingReport;
}

/** Throws TraceabilityError when a requirement, scenario or task cannot be traced. */
export function generateWorkPackages(input: GenerateWorkPackagesInput): GeneratedWorkPackages {
  const { draft, context } = input;
  const coverage = checkCoverage(draft);
  if (coverage.length > 0) throw new TraceabilityError(coverage);

  const resolution = resolveBoundaries(draft, context);
  const { zones, merges } = mergeOverlappingBoundaries(resolution.boundaries);
  const tasks = numberTasks(draft);
  const singleReason = tooSmallToSplit(zones, draft);
  const contracts = contractsSection(draft.changeId, draft, input.contractsRevision);
  const planned = {
    contracts,
    ...(singleReason
      ? planSinglePackage(input, zones, tasks, singleReason)
      : planSplit(input, contracts, zones, tasks, resolution.unresolved)),
  };

  const doc: WorkPackagesDoc = {
    schema_version: 1,
    feature: {
      id: draft.changeId,
      plan_revision: input.planRevision,
      title: draft.title,
      created_by: PACKAGING_DEFAULTS.createdBy,
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
    },
    contracts: planned.contracts,
    defaults: documentDefaults(),
    packages: planned.packages,
  };
  const traceability = checkTraceability(draft, doc);
  if (traceability.length > 0) throw new TraceabilityError(traceability);
  assertValidPlan(doc);

  const mergeLines = merges.map(explainMerge);
  const report: PackagingReport = {
    whyNotParallel: [
      ...(singleReason ? [`Not split into parallel packages: ${singleReason}; one package builds the whole change.`] : []),
      ...mergeLines,
      ...planned.whyNotParallel,
      ...planned.inFlight.map((c) => `${c.detail}.`),
    ],
    merges,
    hubFiles: planned.hubFiles,
    taskPackages: planned.taskPackages,
    inFlight: planned.inFlight,
    notes: resolution.notes,
    ...(singleReason ? { singlePackageReason: singleReason } : {}),
  };
  return { doc, report };
}

interface PlannedPackages {
  packages: WorkPackage[];
  whyNotParallel: string[];
  hubFiles: HubAssignment[];
  taskPackages: Record<string, string>;
  inFlight: InFlightCollision[];
}

/** Why the change gets one package, or undefined when it splits. */
function tooSmallToSplit(zones: readonly Zone[], draft: PlanDraft): string | undefined {
  if (zones.length === 0) return 'no task names a boundary of the repository';
  if (zones.length === 1) {
    const ids = zones[0]!.boundaries.map((b) => b.id);
    return ids.length === 1 ? `all of its work lies in one boundary (${ids[0]})` : `its boundaries (${ids.join(', ')}) overlap and form one write area`;
  }
  const hasInterface = draft.operations.length + draft.entities.length + draft.events.length > 0;
  if (!hasInterface && zones.every(isDocsZone)) return 'it changes documentation only';
  return undefined;
}

function explainMerge(merge: BoundaryMerge): string {
  const clashes = merge.clashes.map(({ left, right, clash }) => `${left} ${clash.a} overlaps ${right} ${clash.b} (${clash.modes.join(' and ')} glob mode)`);
  return `${merge.packageId} builds boundaries ${merge.boundaries.join(', ')} together because their write scopes overlap: ${clashes.join('; ')}.`;
}

const kindsLabel = (zone: Zone): string => zoneKinds(zone).join(' + ');

/** Write scope of the contracts package: everything under the change's contracts folder. */
const contractsGlob = (changeId: string): string => `${contractsDir(changeId)}/**`;

/** Depth-based priority: contracts 1, each wave after it one more (capped at the format's 10). */
function priorities(ids: readonly string[], edges: readonly DependencyEdge[]): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const d = Math.max(-1, ...dependsOn(id, edges).map(visit)) + 1;
    depth.set(id, d);
    return d;
  };
  return new Map(ids.map((id) => [id, Math.min(10, 1 + visit(id))]));
}

function planSplit(
  input: GenerateWorkPackagesInput,
  contractsDoc: WorkPackagesDoc['contracts'],
  zones: readonly Zone[],
  tasks: readonly Task[],
  unresolved: readonly string[],
): PlannedPackages {
  const { draft, context } = input;
  const changeId = draft.changeId;
  const zoneOfBoundary = new Map(zones.flatMap((z) => z.boundaries.map((b) => [b.id, z.packageId] as const)));
  const route = (task: Task): string =>
    task.boundary === CONTRACTS_TASK_BOUNDARY ? CONTRACTS_PACKAGE_ID : (zoneOfBoundary.get(task.boundary) ?? INTEGRATION_PACKAGE_ID);
  const tasksIn = (packageId: string): Task[] => tasks.filter((t) => route(t) === packageId);
  const tasksOf = (zone: Zone): Task[] => tasksIn(zone.packageId);

  const owners = assignResourceOwners(draft, zones, tasksOf, INTEGRATION_PACKAGE_ID);
  const resourceKeys = (id: string): string[] => owners.keys.get(id) ?? [];
  const hubs = assignHubFiles(context.hubFiles, zones, tasksOf);
  const envNeeds = new Map(zones.map((z) => [z.packageId, envNeedsOf(z, draft, resourceKeys(z.packageId))]));

  // Edges, each with the reason it costs parallelism.
  const zoneIds = zones.map((z) => z.packageId);
  const edges: DependencyEdge[] = [
    ...zoneIds.map((id) => ({ from: id, to: CONTRACTS_PACKAGE_ID, reason: 'contracts' })),
    ...Object.values(ENV_RESOURCES).flatMap((resource) =>
      serializeHolders(
        zoneIds.filter((id) => envNeeds.get(id)!.includes(resource)),
        envKey(resource),
      ),
    ),
    ...zoneIds.map((id) => ({ from: INTEGRATION_PACKAGE_ID, to: id, reason: 'integration' })),
  ];
  const allIds = [CONTRACTS_PACKAGE_ID, ...zoneIds, INTEGRATION_PACKAGE_ID];
  const reduced = reduceTransitively(allIds, edges);
  const priority = priorities(allIds, reduced);
  const ci = ciWorkflows(context);
  const purposes = new Set<string>();
  const contractsDeny = contractsGlob(changeId);

  const zonePackages = zones.map((zone) => {
    const id = zone.packageId;
    const owned = hubs.filter((h) => h.owner === id);
    const foreign = hubs.filter((h) => h.others.includes(id));
    const keys = [...resourceKeys(id), ...envNeeds.get(id)!.map(envKey), featureOwnershipKey(changeId, zone.boundaries.map((b) => b.id).join(''), purposes)];
    const writeAllow = [...zoneGlobs(zone), ...owned.filter((h) => h.addedToScope).map((h) => h.file)];
    const otherGlobs = zones.filter((z) => z !== zone).flatMap(zoneGlobs);
    const verification = isDocsZone(zone)
      ? docsVerification(id, changeId)
      : planVerification(id, zoneTestCommands(zone), ci, `No local test command was found for ${zone.boundaries.map((b) => b.id).join(', ')}: check every task against its scenarios, then prove it in CI or with local tests.`);
    return {
      id,
      writeAllow,
      keys,
      pkg: {
        changeId,
        packageId: id,
        role: isDocsZone(zone) ? ('docs' as const) : ('implementation' as const),
        taskType: isDocsZone(zone) ? 'documentation' : 'implementation',
        title: `${kindsLabel(zone)}: ${draft.title}`,
        description: [
          `Build the ${kindsLabel(zone)} part of "${draft.title}" inside ${zoneGlobs(zone).join(', ')}.`,
          `Work against the frozen contracts in ${contractsDir(changeId)}${zoneKinds(zone).includes('frontend') && contractsDoc.mocks?.prism?.command ? ` (Prism mock of the API: ${contractsDoc.mocks.prism.command})` : ''}, never against another package's work in progress.`,
          describeTasks(tasksOf(zone)),
          owned.length > 0 ? `Hub files this package owns (other packages hand their edits to it): ${owned.map((h) => h.file).join(', ')}.` : '',
          foreign.length > 0
            ? `Hub files owned by another package (do not edit; record the change you need in your handoff): ${foreign.map((h) => `${h.file} (${h.owner})`).join(', ')}.`
            : '',
        ],
        dependsOn: dependsOn(id, reduced),
        priority: priority.get(id)!,
        keys,
        files: owned.map((h) => h.file),
        writeAllow,
        deny: [contractsDeny, ...otherGlobs, ...foreign.map((h) => h.file)],
        verification,
        tasks: tasksOf(zone),
      },
    };
  });

  const inFlight = zonePackages.flatMap((z) => inFlightCollisions({ packageId: z.id, writeAllow: z.writeAllow, keys: z.keys, files: z.pkg.files }, context.changesInFlight));
  const withInFlight = zonePackages.map((z) => {
    const notes = inFlight.filter((c) => c.packageId === z.id).map((c) => `${c.detail}.`);
    return buildPackage({ ...z.pkg, description: [...z.pkg.description, ...notes] });
  });

  const integrationTasks = tasksIn(INTEGRATION_PACKAGE_ID);
  const allEnv = unique([...[...envNeeds.values()].flat(), ENV_RESOURCES.fullTestSuite as EnvResource]);
  const integration = buildPackage({
    changeId,
    packageId: INTEGRATION_PACKAGE_ID,
    role: 'integration',
    taskType: 'integration',
    title: `Integrate and verify: ${draft.title}`,
    description: [
      `Merge the work of ${zoneIds.join(', ')} for "${draft.title}", resolve what crosses their boundaries, and run the repository's full checks.`,
      unresolved.length > 0 ? `Tasks of boundaries the repository does not have (${unresolved.join(', ')}) are done here.` : '',
      describeTasks(integrationTasks),
    ],
    dependsOn: dependsOn(INTEGRATION_PACKAGE_ID, reduced),
    priority: priority.get(INTEGRATION_PACKAGE_ID)!,
    keys: [...resourceKeys(INTEGRATION_PACKAGE_ID), ...allEnv.map(envKey), featureLockKey(changeId, 'integration')],
    files: [],
    writeAllow: [...zonePackages.flatMap((z) => z.writeAllow), ...integrationTasks.flatMap((t) => t.files)],
    deny: [contractsDeny],
    verification: planVerification(
      INTEGRATION_PACKAGE_ID,
      context.testCommands,
      ci,
      'No test command was found for the repository: walk through every scenario of the change by hand.',
      [openSpecValidateStep(INTEGRATION_PACKAGE_ID, changeId)],
    ),
    tasks: integrationTasks,
  });

  const contractsTasks = tasksIn(CONTRACTS_PACKAGE_ID);
  const contracts = buildPackage({
    changeId,
    packageId: CONTRACTS_PACKAGE_ID,
    role: 'contracts',
    taskType: 'contracts',
    title: `Contracts: ${draft.title}`,
    description: [
      `Finish and freeze the contracts of "${draft.title}" (OpenAPI, generated types, SQL schema, event schemas, Prism mock). Every other package builds against them, which is what lets them run in parallel.`,
      describeTasks(contractsTasks),
    ],
    dependsOn: [],
    priority: priority.get(CONTRACTS_PACKAGE_ID)!,
    keys: [featureLockKey(changeId, 'contracts')],
    files: [contractsDoc.openapi.primary],
    writeAllow: [contractsGlob(changeId)],
    deny: zones.flatMap(zoneGlobs),
    verification: { tier_required: 'A', steps: [openSpecValidateStep(CONTRACTS_PACKAGE_ID, changeId)] },
    tasks: contractsTasks,
  });

  const taskPackages = Object.fromEntries(tasks.map((t) => [t.id, route(t)]));
  return {
    packages: [contracts, ...withInFlight, integration],
    whyNotParallel: explainEdges(edges, reduced, hubs),
    hubFiles: hubs,
    taskPackages,
    inFlight,
  };
}

function explainEdges(edges: readonly DependencyEdge[], reduced: readonly DependencyEdge[], hubs: readonly HubAssignment[]): string[] {
  const lines: string[] = [];
  const waiting = edges.filter((e) => e.reason === 'contracts').map((e) => e.from);
  if (waiting.length > 0) {
    lines.push(`${waiting.join(', ')} wait for ${CONTRACTS_PACKAGE_ID}: they build against its frozen contracts and the Prism mock, so they never wait for each other's code.`);
  }
  for (const edge of edges.filter((e) => e.reason.startsWith('env:'))) {
    const kept = reduced.some((r) => r.from === edge.from && r.to === edge.to);
    lines.push(
      `${edge.from} runs after ${edge.to}: both need the shared resource ${edge.reason} for their checks, and two packages cannot hold it at once${kept ? '' : ' (already implied by another dependency)'}.`,
    );
  }
  lines.push(`${INTEGRATION_PACKAGE_ID} runs last: it merges every package and runs the full test suite (${envKey(ENV_RESOURCES.fullTestSuite)}).`);
  for (const hub of hubs.filter((h) => h.others.length > 0)) {
    lines.push(`${hub.file} is a hub file that ${[hub.owner, ...hub.others].join(' and ')} all need: only ${hub.owner} edits it; ${hub.others.join(', ')} hand their changes to it.`);
  }
  return lines;
}

function planSinglePackage(input: GenerateWorkPackagesInput, zones: readonly Zone[], tasks: readonly Task[], reason: string): PlannedPackages {
  const { draft, context } = input;
  const changeId = draft.changeId;
  const zone = zones.length > 0 ? makeZone(zones.flatMap((z) => z.boundaries)) : undefined;
  const packageId = zone?.packageId ?? WHOLE_CHANGE_PACKAGE_ID;
  const docsOnly = zone !== undefined && isDocsZone(zone);
  const owners = assignResourceOwners(draft, [], () => [], packageId);
  const env = zone ? envNeedsOf(zone, draft, owners.keys.get(packageId) ?? []) : [];
  const keys = [
    ...(owners.keys.get(packageId) ?? []),
    ...unique([...env, ENV_RESOURCES.fullTestSuite as EnvResource]).map(envKey),
    featureLockKey(changeId, 'implementation'),
  ];
  const writeAllow = [contractsGlob(changeId), ...(zone ? zoneGlobs(zone) : []), ...(zone ? [] : tasks.flatMap((t) => t.files))];
  const openspec = openSpecValidateStep(packageId, changeId);
  const verification = docsOnly
    ? { ...docsVerification(packageId, changeId), steps: [openspec, ...docsVerification(packageId, changeId).steps] }
    : planVerification(
        packageId,
        unique([...(zone ? zoneTestCommands(zone) : []), ...context.testCommands]),
        ciWorkflows(context),
        'No test command was found for the repository: walk through every scenario of the change by hand.',
        [openspec],
      );
  const inFlight = inFlightCollisions({ packageId, writeAllow, keys, files: [] }, context.changesInFlight);
  const pkg = buildPackage({
    changeId,
    packageId,
    role: docsOnly ? 'docs' : 'whole',
    taskType: docsOnly ? 'documentation' : 'implementation',
    title: draft.title,
    description: [
      `Build all of "${draft.title}": ${reason}, so it is not split into parallel packages.`,
      describeTasks(tasks),
      ...inFlight.map((c) => `${c.detail}.`),
    ],
    dependsOn: [],
    priority: 1,
    keys,
    files: [],
    writeAllow,
    deny: [],
    verification,
    tasks,
  });
  return {
    packages: [pkg],
    whyNotParallel: [],
    hubFiles: [],
    taskPackages: Object.fromEntries(tasks.map((t) => [t.id, packageId])),
    inFlight,
  };
}
