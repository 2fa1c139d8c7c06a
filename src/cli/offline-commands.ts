/**
 * Commands that read files only and load none of the Temporal packages: `parallel-plan validate`
 * starts in about node's own start-up time. No imports: bin/parallel-plan.js reads this list to
 * pick the bundled offline CLI (dist/offline-cli.mjs) for them.
 */
export const OFFLINE_COMMANDS: readonly string[] = ['validate', 'zones', 'graph'];
