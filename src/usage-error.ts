/**
 * An error the user can fix: a bad option, no manifest, a manifest that is not YAML, a bad policy.
 * It carries a code and data, worded by the CLI in the user's language (src/cli/messages.ts);
 * the CLI prints one line on stderr and exits 2.
 */
export class UsageError extends Error {
  constructor(
    readonly code: UsageErrorCode,
    readonly data: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(data)}`)
    this.name = 'UsageError'
  }
}

export type UsageErrorCode =
  | 'bad-option'
  | 'bad-date'
  | 'no-target'
  | 'no-manifest'
  | 'no-manifest-batch'
  | 'manifest-not-yaml'
  | 'manifest-too-large'
  | 'manifest-encoding'
  | 'policy-not-found'
  | 'policy-invalid'
  | 'unknown-rule'
  | 'unknown-command'
  | 'output-inside-package'
  | 'fix-out-inside'
  | 'fix-out-not-empty'
  | 'fix-out-not-ours'
  | 'no-examples'
  | 'no-example-packages'
  | 'would-overwrite'
  | 'no-packages'
  | 'zip-invalid'
  | 'zip-unsafe-path'
  | 'zip-too-large'
  | 'zip-no-manifest'
  | 'package-crashed'
  | 'reports-written'
  // init, and targets that are not a package (issue 7)
  | 'not-a-manifest'
  | 'not-a-folder'
  | 'batch-not-a-folder'
  | 'manifest-exists'
  | 'no-terminal'
  | 'cancelled'
  // hostile packages (issue 15)
  | 'manifest-outside'
  | 'manifest-unreadable'
  | 'manifest-policy-file'
  | 'init-symlink'
  // the applicant's rough edges (issue 18)
  | 'stdout-failed'
  | 'report-written'
  // batch: rows for what cannot be checked, shards and merge (issue 18)
  | 'folder-no-manifest'
  | 'archive-unsupported'
  | 'bad-shard-report'
  | 'shards-mismatch'
  | 'bad-since-report'
