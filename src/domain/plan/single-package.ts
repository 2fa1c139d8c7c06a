/**
 * A change too small to split (one boundary, documentation only, or no boundary at all) still
 * gets one complete, schema-valid package: it writes the contracts and every boundary involved.
 */
import type { Task } from '../draft.js';
import { featureLockKey } from '../workpackages/lock-keys.js';
import { contractsGlob } from './contracts-scope.js';
import { inFlightCollisions } from './in-flight.js';
import { impactScope, planScope, strayScope } from './impact-scope.js';
import { buildPackage, describeTasks } from './package-builders.js';
import { WHOLE_CHANGE_PACKAGE_ID } from './packaging-defaults.js';
import { inFlightNotes, type GenerateWorkPackagesInput, type PlannedPackages } from './packaging-types.js';
import { assignResourceOwners, ENV_RESOURCES, envKey, envNeedsOf } from './plan-locks.js';
import { ciWorkflows, docsVerification, integrationTestCommands, openSpecValidateStep, planVerification } from './verification-plan.js';
import { isDocsZone, makeZone, taskFilesOutside, unique, zoneGlobs, zoneTestCommands, type Zone } from './zones.js';

export function planSinglePackage(input: GenerateWorkPackagesInput, zones: readonly Zone[], tasks: readonly Task[], reason: string): PlannedPackages {
  const { draft, context } = input;
  const changeId = draft.changeId;
  const zone = zones.length > 0 ? makeZone(zones.flatMap((z) => z.boundaries)) : undefined;
  const packageId = zone?.packageId ?? WHOLE_CHANGE_PACKAGE_ID;
  const docsOnly = zone !== undefined && isDocsZone(zone);
  const resources = assignResourceOwners(draft, [], () => [], packageId).get(packageId) ?? [];
  const env = unique([...(zone ? envNeedsOf(zone, draft, resources, tasks) : []), ENV_RESOURCES.fullTestSuite]);
  const keys = [...resources, ...env.map(envKey), featureLockKey(changeId, 'implementation')];
  // The boundaries' globs plus whatever else the tasks name (with no real boundary, that is all).
  // The one package also takes the plan's write area outside its boundaries (a root changelog).
  const area = planScope(context);
  const zoneScope = zone ? (impactScope(zoneGlobs(zone), context, draft, { area, strays: strayScope(zoneGlobs(zone), area) }) ?? zoneGlobs(zone)) : [];
  const globs = [contractsGlob(changeId), ...zoneScope];
  const writeAllow = unique([...globs, ...taskFilesOutside(tasks, globs, [], []).filter((f) => !/[*?[{]/.test(f) || !zone)]);
  const openspec = openSpecValidateStep(packageId, changeId);
  const verification = docsOnly
    ? (({ tier_required, steps }) => ({ tier_required, steps: [openspec, ...steps] }))(docsVerification(packageId, changeId))
    : planVerification(
        packageId,
        integrationTestCommands(zone ? zoneTestCommands(zone) : [], context.testCommands),
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
    description: [`Build all of "${draft.title}": ${reason}, so it is not split into parallel packages.`, ...inFlightNotes(inFlight, packageId), describeTasks(tasks)],
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
