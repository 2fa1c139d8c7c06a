/**
 * The dispatch workflow's side effects: keeping the change's lock claim renewed in the lock
 * registry while packages are unfinished (a renewal names only those), and releasing it at the end.
 */
import type { PackageLocks } from '../shared/lock-messages.js';
import { coordinatorFactory, type CoordinatorFactory, type CoordinatorKind } from '../coordinator/index.js';

export interface RenewDispatchLocksInput {
  repository: string;
  changeId: string;
  revision: number;
  holder: string;
  ttlMs: number;
  coordinator: CoordinatorKind;
  /** The unfinished packages' locks; none releases the claim. */
  packages: PackageLocks[];
}

export type RenewDispatchLocksResult = { registered: true; expiresAt: string | null } | { registered: false; reason: string };

export function createDispatchActivities(deps: { coordinators?: CoordinatorFactory } = {}) {
  const coordinators = deps.coordinators ?? coordinatorFactory();
  return {
    async renewDispatchLocks(input: RenewDispatchLocksInput): Promise<RenewDispatchLocksResult> {
      const coordinator = coordinators(input.coordinator);
      if (input.packages.length === 0) {
        const { error } = await coordinator.releaseLocks({ changeId: input.changeId, repository: input.repository });
        return error ? { registered: false, reason: error } : { registered: true, expiresAt: null };
      }
      const result = await coordinator.claimLocks({
        repository: input.repository,
        changeId: input.changeId,
        revision: input.revision,
        holder: input.holder,
        packages: input.packages,
        ttlMs: input.ttlMs,
      });
      return result.registered ? { registered: true, expiresAt: result.claim.expiresAt } : { registered: false, reason: result.reason };
    },
    async releaseDispatchLocks(input: { repository: string; changeId: string; coordinator: CoordinatorKind }): Promise<{ released: number; error?: string }> {
      const { released, error } = await coordinators(input.coordinator).releaseLocks({ changeId: input.changeId, repository: input.repository });
      return { released: released.length, ...(error ? { error } : {}) };
    },
  };
}
