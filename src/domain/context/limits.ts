/**
 * Caps on everything that enters workflow history. Full lists go to files in the run folder;
 * these keep the summary a few KB whatever the size of the repository.
 */
export const SUMMARY_LIMITS = {
  topFiles: 20,
  symbolsPerFile: 8,
  relatedSpecs: 8,
  requirementsPerSpec: 5,
  changes: 20,
  globsPerChange: 20,
  conflicts: 30,
  hubFiles: 40,
  docs: 20,
  frameworks: 20,
  testCommands: 10,
  languages: 12,
  problems: 10,
  apiRoutes: 12,
  apiOperations: 24,
} as const;
