/**
 * The guardrail rules, as data: what agents will run or write that a plan may not ask for.
 * One table per kind (commands, write scopes, SQL); the checks in check.ts apply them and the
 * corpus in test/guardrails/ holds the cases each rule must catch and must let through.
 */

/** A command rule matches one simple command (argv after environment assignments). */
export interface CommandRule {
  id: string;
  /** Program name (basename of argv[0]). */
  program: string | RegExp;
  /** git-style subcommand: the first argument that is not a global option. */
  sub?: string;
  /** Each group needs one of its flags (short letters like `r`, or long names like `recursive`). */
  allFlagGroups?: ReadonlyArray<ReadonlyArray<string>>;
  /** At least one of these flags. */
  anyFlag?: ReadonlyArray<string>;
  /** Or an argument with this prefix (a `+` refspec is a force push). */
  argPrefix?: string;
  why: string;
}

export const COMMAND_RULES: readonly CommandRule[] = [
  { id: 'rm-recursive-force', program: 'rm', allFlagGroups: [['r', 'R', 'recursive'], ['f', 'force']], why: 'deletes files recursively without asking' },
  { id: 'git-force-push', program: 'git', sub: 'push', anyFlag: ['f', 'force', 'force-with-lease', 'force-if-includes', 'mirror', 'delete'], argPrefix: '+', why: "rewrites or deletes the remote's history" },
  { id: 'git-reset-hard', program: 'git', sub: 'reset', anyFlag: ['hard'], why: 'discards uncommitted work' },
  { id: 'git-clean-force', program: 'git', sub: 'clean', anyFlag: ['f', 'force'], why: 'deletes untracked files' },
  { id: 'git-checkout-force', program: 'git', sub: 'checkout', anyFlag: ['f', 'force'], why: 'discards local changes' },
  { id: 'privilege-escalation', program: /^(sudo|su|doas)$/, why: 'runs as another user' },
  { id: 'disk-write', program: /^(mkfs(\..+)?|dd|shred|wipefs|fdisk)$/, why: 'writes disks or destroys file contents' },
  { id: 'chmod-recursive', program: /^(chmod|chown)$/, anyFlag: ['R', 'recursive'], why: 'changes permissions of a whole tree' },
];

/** Programs whose path arguments must stay inside the repository (a command that leaves it). */
export const LEAVES_REPOSITORY = { id: 'leaves-repository', why: 'works outside the repository' } as const;

/** Paths outside the repository a command may still name (devices that discard or read nothing). */
export const ALLOWED_OUTSIDE_PATHS: readonly string[] = ['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/stdin'];

/** Write globs that cover the whole repository: allowed only in the integration package. */
export const WHOLE_REPOSITORY_GLOBS: readonly string[] = ['**', '**/*', '*', './**', './**/*', '.', './', '/**'];
export const WHOLE_REPOSITORY_PACKAGE = 'wp-integration';
export const WHOLE_REPOSITORY_SCOPE = { id: 'whole-repository-scope', why: `a write scope over the whole repository (only ${WHOLE_REPOSITORY_PACKAGE} may have one)` } as const;

/** SQL statements that destroy data in tables the repository already has. */
export const SQL_RULES = {
  drop: { id: 'sql-drop-existing-table', why: 'drops a table the repository already has' },
  truncate: { id: 'sql-truncate-existing-table', why: 'empties a table the repository already has' },
  deleteAll: { id: 'sql-delete-all-rows', why: 'deletes every row of a table the repository already has (DELETE without WHERE)' },
} as const;

/** Text worth handing to the SQL parser (a command argument like `psql -c "..."`). */
export const SQL_HINT = /\b(drop|truncate|delete)\b/i;
