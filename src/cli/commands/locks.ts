import type { Command } from 'commander';
import { listLocks, releaseChangeLocks } from '../../service/locks.js';
import { withInlineWorker } from '../../service/inline-worker.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

interface LocksOptions {
  repo?: string;
  json?: boolean;
  stateDir?: string;
}

export function register(program: Command): void {
  program
    .command('locks')
    .description("list the lock claims approved plans hold in the lock registry")
    .option('--repo <dir>', 'only claims of this repository')
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document')
    .action(
      action(async (opts: LocksOptions) =>
        withSession(opts, async ({ client, target, stateDir }) => {
          // The registry answers through a worker; a workflow-only one runs here when none polls.
          const listing = await withInlineWorker({ target, client, stateDir, activities: false }, () => listLocks(client, { repo: opts.repo }));
          if (opts.json) printJson(listing);
          else if (listing.claims.length === 0) printLines(listing.running ? 'No lock claims held.' : 'No lock registry yet: no plan has been approved with lock claims.');
          else {
            printLines(
              listing.claims.flatMap((c) => [
                `${c.changeId} r${c.revision} (${c.repository}) until ${c.expiresAt}${c.holder ? ` — ${c.holder}` : ''}`,
                ...c.packages.map((p) => `  ${p.packageId}: ${[...p.keys, ...p.files].join(', ') || '(nothing)'}`),
              ]),
            );
          }
          return EXIT.ok;
        }),
      ),
    );
  program
    .command('release-locks')
    .description("release a change's lock claims (e.g. after it landed or was abandoned)")
    .argument('<change-id>', 'change id')
    .option('--repo <dir>', 'only its claims in this repository')
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document')
    .action(
      action(async (changeId: string, opts: LocksOptions) =>
        withSession(opts, async ({ client, target, stateDir }) => {
          const released = await withInlineWorker({ target, client, stateDir, activities: false }, () => releaseChangeLocks(client, changeId, { repo: opts.repo }));
          if (opts.json) printJson({ changeId, released });
          else printLines(released.length ? `Released the lock claims of ${changeId} (revision ${released.map((c) => c.revision).join(', ')}).` : `${changeId} held no lock claims.`);
          return EXIT.ok;
        }),
      ),
    );
}
