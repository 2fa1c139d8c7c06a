/**
 * Where the CLI and worker connect: a real cluster when TEMPORAL_ADDRESS is set (address,
 * namespace, TLS and API key come from the SDK's environment configuration), otherwise the
 * embedded dev server, started on demand.
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { ensureDevServer, serverStatus } from './dev-server.js';
import { toolFailed } from '../errors.js';

export interface TemporalTarget {
  address: string;
  namespace: string;
  connectionOptions: NativeConnectionOptions;
  embedded: boolean;
  /** Base URL of the web UI when known. */
  uiUrl?: string;
}

export interface TargetOptions {
  stateDir: string;
  /** Start the embedded server when it is not running (default true). */
  start?: boolean;
}

export async function resolveTarget(opts: TargetOptions): Promise<TemporalTarget> {
  if (process.env.TEMPORAL_ADDRESS) {
    const cfg = loadClientConnectConfig();
    const namespace = cfg.namespace ?? 'default';
    return {
      address: cfg.connectionOptions.address ?? process.env.TEMPORAL_ADDRESS,
      namespace,
      connectionOptions: cfg.connectionOptions,
      embedded: false,
      uiUrl: process.env.TEMPORAL_UI_URL,
    };
  }
  if (opts.start === false) {
    const status = await serverStatus(opts.stateDir);
    if (!status.running || !status.info) {
      throw toolFailed('the embedded Temporal server is not running; start it with `parallel-plan server start`');
    }
    return {
      address: status.info.address,
      namespace: 'default',
      connectionOptions: { address: status.info.address },
      embedded: true,
      uiUrl: status.info.uiUrl,
    };
  }
  const info = await ensureDevServer({ stateDir: opts.stateDir });
  return {
    address: info.address,
    namespace: 'default',
    connectionOptions: { address: info.address },
    embedded: true,
    uiUrl: info.uiUrl,
  };
}

export function workflowUiLink(target: TemporalTarget, workflowId: string): string | undefined {
  if (!target.uiUrl) return undefined;
  return `${target.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(target.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
