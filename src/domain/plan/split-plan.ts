/**
 * The split plan: `wp-contracts`, one package per zone, `wp-integration`. Dependencies are only
 * those that something forces (contracts first, a shared env resource, tasks writing the same
 * files, integration last), then reduced to the minimal set; each one is explained.
 */
import { contractsDir } from '../contracts/manifest.js';
import type { Task } from '../draft.js';
import { featureLockKey } from '../workpackages/lock-keys.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import { contractsGlob } from './contracts-scope.js';
import { dependsOn, reduceTransitively, serializeHolders, type DependencyEdge } from './dependencies.js';
import { assignHubFiles, type HubAssignment } from './hub-files.js';
import { inFlightCollisions } from './in-flight.js';
import { buildPackage, describeTasks, type PackageSpec } from './package-builders.js';
import { CONTRACTS_PACKAGE_ID, CONTRACTS_TASK_BOUNDARY, INTEGRATION_PACKAGE_ID } from './packaging-defaults.js';
import { inFlightNotes, type GenerateWorkPackagesInput, type PlannedPackages } from './packaging-types.js';
import { assignResourceOwners, ENV_RESOURCES, envKey, envNeedsOf, featureOwnershipKey, type EnvResource } from './plan-locks.js';
import { firstClash, globClash, pathInScope } from './scope-overlap.js';
import { matchesAnyGlob } from '../repository-model/glob-match.js';
import { impactScope, leadZoneIndex, literalGlob, planScope, strayScope, zoneBudget } from './impact-scope.js';
import { ciWorkflows, docsVerification, integrationTestCommands, openSpecValidateStep, planVerification, type CiWorkflow } from './verification-plan.js';
import { isDocsZone, taskFilesOutside, unique, zoneGlobs, zoneKinds, zoneTestCommands, type Zone } from './zones.js';

const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|go\.sum|poetry\.lock|Pipfile\.lock|uv\.lock|Cargo\.lock|composer\.lock|Gemfile\.lock)$/;

/** Everything the package builders of one split plan share. */
interface SplitPlan {
  input: GenerateWorkPackagesInput;
  contractsDoc: WorkPackagesDoc['contracts'];
  zones: readonly Zone[];
  tasksIn: (packageId: string) => Task[];
  resourceKeys: (packageId: string) => string[];
  envNeeds: Map<string, EnvResource[]>;
  hubs: HubAssignment[];
  /** Write scope of each zone package. */
  scopes: Map<string, string[]>;
  reduced: DependencyEdge[];
  priority: Map<string, number>;
  ci: CiWorkflow[];
}

export function planSplit(
  input: GenerateWorkPackagesInput,
  contractsDoc: WorkPackagesDoc['contracts'],
  zones: readonly Zone[],
  tasks: readonly Task[],
  unresolved: readonly string[],
): PlannedPackages {
  const { draft, context } = input;
  const zoneOfBoundary = new Map(zones.flatMap((z) => z.boundaries.map((b) => [b.id, z.packageId] as const)));
  // Tasks of boundaries the repository does not have fall to integration, which may write broadly.
  const route = (task: Task): string =>
    task.boundary === CONTRACTS_TASK_BOUNDARY ? CONTRACTS_PACKAGE_ID : (zoneOfBoundary.get(task.boundary) ?? INTEGRATION_PACKAGE_ID);
  const tasksIn = (packageId: string): Task[] => tasks.filter((t) => route(t) === packageId);
  const tasksOfZone = (zone: Zone): Task[] => tasksIn(zone.packageId);

  const owners = assignResourceOwners(draft, zones, tasksOfZone, INTEGRATION_PACKAGE_ID);
  const resourceKeys = (id: string): string[] => owners.get(id) ?? [];
  const envNeeds = new Map(zones.map((z) => [z.packageId, envNeedsOf(z, draft, resourceKeys(z.packageId), tasksOfZone(z))]));
  const hubs = assignHubFiles(context.hubFiles, zones, tasksOfZone);
  // The plan's write area outside every zone goes to the zone the change lands in most, leaving
  // out hub files (they have owners of their own) and files another zone's tasks name (that zone
  // writes them).
  const area = planScope(context);
  const lead = leadZoneIndex(zones.map(zoneGlobs), context);
  const elsewhere = [...hubs.map((h) => h.file), ...zones.flatMap((z, i) => (i === lead ? [] : tasksOfZone(z).flatMap((t) => t.files)))];
  const strays = strayScope(zones.flatMap(zoneGlobs), area).filter((g) => !elsewhere.some((f) => matchesAnyGlob(f, [g])));
  const scopes = new Map(
    zones.map((z, i) => [z.packageId, zoneWriteScope(z, tasksOfZone(z), hubs, context.hubFiles, contractsGlob(draft.changeId), input, { area, strays: i === lead ? strays : [] })]),
  );
  const edges = [...forcedEdges(zones, envNeeds), ...sharedFileEdges(zones, scopes)];
  const allIds = [CONTRACTS_PACKAGE_ID, ...zones.map((z) => z.packageId), INTEGRATION_PACKAGE_ID];
  const reduced = reduceTransitively(allIds, edges);
  const plan: SplitPlan = {
    input,
    contractsDoc,
    zones,
    tasksIn,
    resourceKeys,
    envNeeds,
    hubs,
    scopes,
    reduced,
    priority: priorities(allIds, reduced),
    ci: ciWorkflows(context),
  };

  const purposes = new Set(['contracts', 'integration']);
  const zoneSpecs = zones.map((zone) => zonePackageSpec(plan, zone, purposes));
  const inFlight = zoneSpecs.flatMap((spec) => inFlightCollisions({ packageId: spec.packageId, writeAllow: spec.writeAllow, keys: spec.keys, files: spec.files }, context.changesInFlight));
  const zonePackages = zoneSpecs.map((spec) => {
    const [lead, ...rest] = spec.description;
    return buildPackage({ ...spec, description: [lead!, ...inFlightNotes(inFlight, spec.packageId), ...rest] });
  });
  return {
    packages: [buildPackage(contractsPackageSpec(plan)), ...zonePackages, buildPackage(integrationPackageSpec(plan, zoneSpecs, unresolved))],
    whyNotParallel: explainEdges(edges, reduced, plan.hubs),
    hubFiles: plan.hubs,
    taskPackages: Object.fromEntries(tasks.map((t) => [t.id, route(t)])),
    inFlight,
  };
}

/**
 * Write scope of a zone: its boundaries' globs, the hubs it owns, and the files its tasks name
 * outside those globs (existing tests in a shared test folder, for example). Hubs of other owners
 * and the contracts folder are never added: they are handled by ownership and by wp-contracts.
 */
function zoneWriteScope(
  zone: Zone,
  tasks: readonly Task[],
  hubs: readonly HubAssignment[],
  hubFiles: readonly string[],
  contracts: string,
  input: GenerateWorkPackagesInput,
  plan: { area: readonly string[]; strays: readonly string[] },
): string[] {
  const globs = zoneGlobs(zone);
  let ownedHubs = hubs.filter((h) => h.owner === zone.packageId && h.addedToScope).map((h) => h.file);
  // With the repository model: the files the change reaches inside the zone, not the whole zone.
  const impacted = impactScope(globs, input.context, input.draft, { dataZone: zone.boundaries.every((b) => b.kind === 'data'), ...plan });
  if (input.context.impact) {
    const base = impacted ?? [];
    // Hub files join the scope only when the change reaches them (a lockfile never does unless the
    // request is about dependencies: the impact leaves it out then too).
    const reached = new Set([...input.context.impact.files.map((f) => f.path), ...tasks.flatMap((t) => t.files)]);
    // Inside its own boundaries a hub was covered by the boundary's glob; now it must be named.
    ownedHubs = hubs.filter((h) => h.owner === zone.packageId).map((h) => h.file).filter((h) => reached.has(h));
    // Files the tasks name join the scope (their brackets escaped: `app/posts/[id]/page.tsx`); new
    // files with wildcards (`*_add_tags.sql`) are already there as the zone's new files.
    const named = unique(tasks.flatMap((t) => t.files))
      .filter((f) => !hubs.some((h) => h.file === f && h.owner !== zone.packageId) && !/[*?]/.test(f))
      .map(literalGlob)
      .filter((g) => !pathInScope(g, [contracts]) && !base.includes(g) && !base.some((b) => b.endsWith('/**') && g.startsWith(b.slice(0, -2))));
    const scope = unique([...base, ...ownedHubs, ...named]);
    // A zone the impact does not reach at all: small ones are allowed whole, large ones are not.
    if (scope.length === 0) return zone.boundaries.reduce((n, b) => n + (input.context.boundaries.find((c) => c.id === b.id)?.files ?? Infinity), 0) <= zoneBudget(input) ? globs : [];
    return scope;
  }
  return [...globs, ...ownedHubs, ...taskFilesOutside(tasks, globs, hubFiles, [contracts])];
}

/** The dependencies something forces, in a fixed order of reasons. */
function forcedEdges(zones: readonly Zone[], envNeeds: Map<string, EnvResource[]>): DependencyEdge[] {
  const ids = zones.map((z) => z.packageId);
  return [
    ...ids.map((id) => ({ from: id, to: CONTRACTS_PACKAGE_ID, reason: { kind: 'contracts' as const } })),
    ...Object.values(ENV_RESOURCES).flatMap((resource) =>
      serializeHolders(
        ids.filter((id) => envNeeds.get(id)!.includes(resource)),
        { kind: 'env', key: envKey(resource) },
      ),
    ),
    ...ids.map((id) => ({ from: INTEGRATION_PACKAGE_ID, to: id, reason: { kind: 'integration' as const } })),
  ];
}

/**
 * Zones whose tasks write the same files (their scopes overlap only through task-named files,
 * since overlapping boundary globs were merged) run one after the other in plan order: the
 * later waits. Ordering keeps two small, separately verified packages where merging would not.
 */
function sharedFileEdges(zones: readonly Zone[], scopes: Map<string, string[]>): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  zones.forEach((later, j) => {
    zones.slice(0, j).forEach((earlier) => {
      const clash = firstClash(scopes.get(later.packageId)!, scopes.get(earlier.packageId)!);
      if (clash) edges.push({ from: later.packageId, to: earlier.packageId, reason: { kind: 'shared-files', clash } });
    });
  });
  return edges;
}

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

const kindsLabel = (zone: Zone): string => zoneKinds(zone).join(' + ');
const boundaryList = (zone: Zone): string => zone.boundaries.map((b) => b.id).join(', ');

function zonePackageSpec(plan: SplitPlan, zone: Zone, purposes: Set<string>): PackageSpec {
  const { draft } = plan.input;
  const changeId = draft.changeId;
  const id = zone.packageId;
  const owned = plan.hubs.filter((h) => h.owner === id);
  const foreign = plan.hubs.filter((h) => h.others.includes(id));
  const prism = plan.contractsDoc.mocks?.prism;
  const mockHint = zoneKinds(zone).includes('frontend') && prism?.enabled && prism.command ? ` (Prism mock of the API: ${prism.command})` : '';
  const tasks = plan.tasksIn(id);
  const scope = plan.scopes.get(id)!;
  return {
    changeId,
    packageId: id,
    role: isDocsZone(zone) ? 'docs' : 'implementation',
    taskType: isDocsZone(zone) ? 'documentation' : 'implementation',
    title: `${kindsLabel(zone)}: ${draft.title}`,
    // Constraints come before the task list: a long list may be clipped, the rules must not be.
    description: [
      `Build the ${kindsLabel(zone)} part of "${draft.title}" inside ${zoneGlobs(zone).join(', ')}.`,
      `Work against the frozen contracts in ${contractsDir(changeId)}${mockHint}, never against another package's work in progress.`,
      owned.length > 0 ? `Hub files this package owns (other packages hand their edits to it): ${owned.map((h) => h.file).join(', ')}.` : '',
      foreign.length > 0
        ? `Hub files owned by another package (do not edit; record the change you need in your handoff): ${foreign.map((h) => `${h.file} (${h.owner})`).join(', ')}.`
        : '',
      describeTasks(tasks),
    ],
    dependsOn: dependsOn(id, plan.reduced),
    priority: plan.priority.get(id)!,
    keys: [
      ...plan.resourceKeys(id),
      ...plan.envNeeds.get(id)!.map(envKey),
      featureOwnershipKey(changeId, zone.boundaries.map((b) => b.id).join(''), purposes),
    ],
    files: owned.map((h) => h.file),
    writeAllow: scope,
    // Other zones' folders are denied, except where this package's tasks name a file inside one
    // (that file is in its write scope, and the ordering above keeps the two apart).
    deny: [
      contractsGlob(changeId),
      ...plan.zones
        .filter((z) => z !== zone)
        .flatMap(zoneGlobs)
        .filter((g) => !scope.some((w) => globClash(g, w))),
      ...foreign.map((h) => h.file),
    ],
    verification: isDocsZone(zone)
      ? docsVerification(id, changeId)
      : planVerification(
          id,
          zoneTestCommands(zone),
          plan.ci,
          `No local test command was found for ${boundaryList(zone)}: check every task against its scenarios, then prove it in CI or with local tests.`,
        ),
    tasks,
  };
}

function contractsPackageSpec(plan: SplitPlan): PackageSpec {
  const { draft } = plan.input;
  const glob = contractsGlob(draft.changeId);
  return {
    changeId: draft.changeId,
    packageId: CONTRACTS_PACKAGE_ID,
    role: 'contracts',
    taskType: 'contracts',
    title: `Contracts: ${draft.title}`,
    description: [
      `Finish and freeze the contracts of "${draft.title}" in ${contractsDir(draft.changeId)} (OpenAPI, generated types, SQL schema, event schemas, Prism mock). Every other package builds against them, which is what lets them run in parallel.`,
      describeTasks(plan.tasksIn(CONTRACTS_PACKAGE_ID)),
    ],
    dependsOn: [],
    priority: plan.priority.get(CONTRACTS_PACKAGE_ID)!,
    keys: [featureLockKey(draft.changeId, 'contracts')],
    files: [plan.contractsDoc.openapi.primary],
    writeAllow: [glob],
    // Deny the code folders, except a glob that would also deny the contracts' own files (`**/*.py`).
    deny: plan.zones.flatMap(zoneGlobs).filter((g) => !globClash(g, glob)),
    verification: { tier_required: 'A', steps: [openSpecValidateStep(CONTRACTS_PACKAGE_ID, draft.changeId)] },
    tasks: plan.tasksIn(CONTRACTS_PACKAGE_ID),
  };
}

function integrationPackageSpec(plan: SplitPlan, zoneSpecs: readonly PackageSpec[], unresolved: readonly string[]): PackageSpec {
  const { draft, context } = plan.input;
  const tasks = plan.tasksIn(INTEGRATION_PACKAGE_ID);
  const env = unique([...[...plan.envNeeds.values()].flat(), ENV_RESOURCES.fullTestSuite]);
  return {
    changeId: draft.changeId,
    packageId: INTEGRATION_PACKAGE_ID,
    role: 'integration',
    taskType: 'integration',
    title: `Integrate and verify: ${draft.title}`,
    description: [
      `Merge the work of ${zoneSpecs.map((s) => s.packageId).join(', ')} for "${draft.title}", resolve what crosses their boundaries, apply the hub file edits other packages handed over, and run the repository's full checks.`,
      unresolved.length > 0 ? `Tasks of boundaries the repository does not have (${unresolved.join(', ')}) are done here.` : '',
      describeTasks(tasks),
    ],
    dependsOn: dependsOn(INTEGRATION_PACKAGE_ID, plan.reduced),
    priority: plan.priority.get(INTEGRATION_PACKAGE_ID)!,
    keys: [...plan.resourceKeys(INTEGRATION_PACKAGE_ID), ...env.map(envKey), featureLockKey(draft.changeId, 'integration')],
    files: [],
    // Broad but real: every package's scope, the shared hubs, the repository's test folders (for
    // end-to-end tests) and files named by tasks of boundaries the repository does not have.
    writeAllow: [
      ...zoneSpecs.flatMap((s) => s.writeAllow),
      // With the repository model, integration takes the hubs the change reaches (never a lockfile it does not).
      ...plan.hubs.map((h) => h.file).filter((f) => !context.impact || context.impact.files.some((x) => x.path === f) || !LOCKFILE.test(f)),
      ...context.boundaries.filter((b) => b.kind === 'tests').flatMap((b) => b.globs),
      ...tasks.flatMap((t) => t.files),
    ],
    deny: [contractsGlob(draft.changeId)],
    verification: planVerification(
      INTEGRATION_PACKAGE_ID,
      integrationTestCommands(plan.zones.flatMap(zoneTestCommands), context.testCommands),
      plan.ci,
      'No test command was found for the repository: walk through every scenario of the change by hand.',
      [openSpecValidateStep(INTEGRATION_PACKAGE_ID, draft.changeId)],
    ),
    tasks,
  };
}

function explainEdges(edges: readonly DependencyEdge[], reduced: readonly DependencyEdge[], hubs: readonly HubAssignment[]): string[] {
  const lines: string[] = [];
  const waiting = edges.filter((e) => e.reason.kind === 'contracts').map((e) => e.from);
  if (waiting.length > 0) {
    lines.push(`${waiting.join(', ')} wait for ${CONTRACTS_PACKAGE_ID}: they build against its frozen contracts and the Prism mock, so they never wait for each other's code.`);
  }
  for (const edge of edges) {
    const implied = reduced.some((r) => r.from === edge.from && r.to === edge.to) ? '' : ' (already implied by another dependency)';
    if (edge.reason.kind === 'env') {
      lines.push(`${edge.from} runs after ${edge.to}: both need the shared resource ${edge.reason.key} for their checks, and two packages cannot hold it at once${implied}.`);
    } else if (edge.reason.kind === 'shared-files') {
      const { a, b } = edge.reason.clash;
      const what = a === b ? a : `${a} and ${b}`;
      lines.push(`${edge.from} runs after ${edge.to}: their tasks both write ${what}${implied}.`);
    }
  }
  lines.push(`${INTEGRATION_PACKAGE_ID} runs last: it merges every package and runs the full test suite (${envKey(ENV_RESOURCES.fullTestSuite)}).`);
  for (const hub of hubs.filter((h) => h.others.length > 0)) {
    lines.push(`${hub.file} is a hub file needed by ${[hub.owner, ...hub.others].join(', ')}: only ${hub.owner} edits it, the others hand their changes to it.`);
  }
  return lines;
}
