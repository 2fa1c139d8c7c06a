/** What every command that talks to Temporal needs: the target, a client, and clean-up. */
import type { Client } from '@temporalio/client';
import { stateDir as defaultStateDir } from '../config/paths.js';
import { resolveTarget, type TemporalTarget } from '../server/target.js';
import { openClient } from '../service/plans.js';

export interface GlobalOptions {
  stateDir?: string;
  json?: boolean;
}

export interface Session {
  stateDir: string;
  target: TemporalTarget;
  client: Client;
}

export async function withSession<T>(opts: GlobalOptions & { start?: boolean }, fn: (s: Session) => Promise<T>): Promise<T> {
  const stateDir = defaultStateDir(opts.stateDir);
  const target = await resolveTarget({ stateDir, start: opts.start });
  const client = await openClient(target);
  try {
    return await fn({ stateDir, target, client });
  } finally {
    await client.connection.close();
  }
}
