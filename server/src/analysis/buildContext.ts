// What the rules on what ships need to know of a build context, as plain data: read from disk by
// workspace/buildContext.ts, checked by features/diagnostics/contextSecretsRules.ts.
export interface BuildContextListing {
  /**
   * Every `.git` folder and credential file (ships/credentials.ts) of the context, relative to its root with `/`.
   * Only from a walk of the whole context: where the walk could not finish, there is no listing at all.
   */
  readonly sensitive: readonly string[];
  /** The patterns of the .dockerignore that applies; empty when none does. */
  readonly dockerignore: readonly string[];
}
