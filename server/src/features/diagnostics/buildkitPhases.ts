// The order in which BuildKit's Dockerfile frontend decides things: toDispatchState in dockerfile2llb/convert.go
// (moby/buildkit 73ed682) runs these phases one after the other and stops at the first error, so a warning or an
// error of a later phase is never reported once an earlier one failed. Within a phase, instructions and stages are
// visited in file order (baseImages excepted: it resolves every stage's base concurrently).
export const BUILDKIT_PHASES = [
  /** newRuleLinter: the file's `# check=` directive (linter.ParseLintOptions). */
  'checkDirective',
  /** parser.Parse: parser directives (each at most once: parser/directives.go), lines, heredocs. */
  'parse',
  /** The parser's empty-continuation warnings, reported once the whole file parsed. */
  'continuations',
  /** instructions.Parse: each instruction in file order (stage names, FROM/AS casing, mount flags, descriptions). */
  'instructions',
  /** validateStageNames and validateCommandCasing, over every stage. */
  'stageNames',
  /** validateBaseImagesWithDefaultArgs: every base with the global ARGs' defaults only. */
  'defaultArgs',
  /** buildMetaArgs: the global ARGs expanded with the build args. */
  'metaArgs',
  /** resolveSourceDateEpochValue (dockerfile2llb/epoch.go): the stage `ARG SOURCE_DATE_EPOCH=<stage>` names. */
  'sourceDateEpoch',
  /** buildDispatchStates: each stage's base name and `--platform`, expanded with the global ARGs, in file order. */
  'fromLines',
  /** resolveTarget: `--target`. */
  'target',
  /** buildStageDependencyGraph (toCommand, detectRunMount): each `COPY --from` and mount source, in file order. */
  'dependencies',
  /** validateCircularDependency, over the COPY --from and mount edges. */
  'cycles',
  /** resolveStages → resolveBaseImage: every base parsed as an image reference, concurrently. */
  'baseImages',
  /** resolveStages → initOnBuildTriggers: the ONBUILD triggers of the stages the target needs. */
  'onbuild',
  /** dispatchStages: each stage (a plain build: each stage the target needs), each instruction, in file order. */
  'dispatch',
  /** finalizeResultImage: `# check=error=true` turns any warning into the build's error. */
  'lintError',
] as const;

export type BuildkitPhase = typeof BUILDKIT_PHASES[number];

/**
 * Every check of BuildKit's linter (linter/ruleset.go) and the phase that reports it (the `lint.Run` call sites),
 * whether this project implements it or not.
 */
export const BUILDKIT_CHECKS: Readonly<Record<string, BuildkitPhase>> = {
  NoEmptyContinuation: 'continuations',
  StageNameCasing: 'instructions',
  FromAsCasing: 'instructions',
  MaintainerDeprecated: 'instructions',
  InvalidDefinitionDescription: 'instructions',
  ReservedStageName: 'stageNames',
  DuplicateStageName: 'stageNames',
  ConsistentInstructionCasing: 'stageNames',
  InvalidDefaultArgInFrom: 'defaultArgs',
  UndefinedArgInFrom: 'fromLines',
  RedundantTargetPlatform: 'fromLines',
  FromPlatformFlagConstDisallowed: 'fromLines',
  InvalidBaseImagePlatform: 'baseImages',
  UndefinedVar: 'dispatch',
  LegacyKeyValueFormat: 'dispatch',
  SecretsUsedInArgOrEnv: 'dispatch',
  WorkdirRelativePath: 'dispatch',
  JSONArgsRecommended: 'dispatch',
  MultipleInstructionsDisallowed: 'dispatch',
  ExposeProtoCasing: 'dispatch',
  ExposeInvalidFormat: 'dispatch',
  CopyIgnoredFile: 'dispatch',
};

/**
 * Whether a `# check=` comment right above an instruction applies to what this phase reports there: the phases
 * that run the linter merged with the instruction's comments (ParseInstructionWithLinter, buildDispatchStates,
 * dispatch: linter.WithMergedConfigFromComments) do; the others run the file's linter alone.
 */
export function readsInstructionComments(phase: BuildkitPhase): boolean {
  return phase === 'instructions' || phase === 'fromLines' || phase === 'dispatch';
}

export function phaseIndex(phase: BuildkitPhase): number {
  return BUILDKIT_PHASES.indexOf(phase);
}
