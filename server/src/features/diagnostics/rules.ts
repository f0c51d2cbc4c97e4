// The stage rules: their codes, default severities and documentation links.
import { DiagnosticSeverity, DiagnosticTag, type Range } from 'vscode-languageserver-types';

export const SOURCE = 'dockerfile-stages';

/** Our rules are documented in the README; BuildKit's own checks on docs.docker.com. */
const README = 'https://github.com/dockerfile-stages/dockerfile-stages/blob/main/README.md';
const BUILDKIT = 'https://docs.docker.com/go/dockerfile/rule';

export const RULES = {
  UnusedStage: { severity: DiagnosticSeverity.Hint, href: `${README}#unusedstage` },
  UndefinedStage: { severity: DiagnosticSeverity.Warning, href: `${README}#undefinedstage` },
  StageForwardReference: { severity: DiagnosticSeverity.Error, href: `${README}#stageforwardreference` },
  CircularStageDependency: { severity: DiagnosticSeverity.Error, href: `${README}#circularstagedependency` },
  StageIndexOutOfRange: { severity: DiagnosticSeverity.Error, href: `${README}#stageindexoutofrange` },
  MountFromIndex: { severity: DiagnosticSeverity.Error, href: `${README}#mountfromindex` },
  VariableInStageReference: { severity: DiagnosticSeverity.Error, href: `${README}#variableinstagereference` },
  FromStageCasing: { severity: DiagnosticSeverity.Error, href: `${README}#fromstagecasing` },
  // BuildKit's rule page says error, but its code only warns and builds (linter/ruleset.go, convert.go).
  DuplicateStageName: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/duplicate-stage-name/` },
  InvalidStageName: { severity: DiagnosticSeverity.Error, href: `${README}#invalidstagename` },
  ReservedStageName: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/reserved-stage-name/` },
  StageNameCasing: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/stage-name-casing/` },
  FromAsCasing: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/from-as-casing/` },
  UndefinedTarget: { severity: DiagnosticSeverity.Error, href: `${README}#undefinedtarget` },
  UndefinedTargetSetting: { severity: DiagnosticSeverity.Warning, href: `${README}#undefinedtargetsetting` },
  InvalidSourceDateEpochStage: { severity: DiagnosticSeverity.Error, href: `${README}#invalidsourcedateepochstage` },
  ArgNotInScope: { severity: DiagnosticSeverity.Warning, href: `${README}#argnotinscope` },
  ArgAfterFrom: { severity: DiagnosticSeverity.Warning, href: `${README}#argafterfrom` },
  PlatformOnStageReference: { severity: DiagnosticSeverity.Warning, href: `${README}#platformonstagereference` },
  PlatformArgDefault: { severity: DiagnosticSeverity.Warning, href: `${README}#platformargdefault` },
  CrossCompileWithoutTarget: { severity: DiagnosticSeverity.Hint, href: `${README}#crosscompilewithouttarget` },
  UndefinedArgInFrom: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/undefined-arg-in-from/` },
  InvalidDefaultArgInFrom: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/invalid-default-arg-in-from/` },
  RedundantTargetPlatform: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/redundant-target-platform/` },
  FromPlatformFlagConstDisallowed: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/from-platform-flag-const-disallowed/` },
  InvalidDefinitionDescription: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/invalid-definition-description/` },
  CopyFromRelativePath: { severity: DiagnosticSeverity.Warning, href: `${README}#copyfromrelativepath` },
  CopyFromAncestor: { severity: DiagnosticSeverity.Hint, href: `${README}#copyfromancestor` },
  CopyFromMissingPath: { severity: DiagnosticSeverity.Warning, href: `${README}#copyfrommissingpath` },
  UndefinedVar: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/undefined-var/` },
} as const;

export type RuleCode = keyof typeof RULES;

/**
 * BuildKit's experimental checks: off unless `# check=experimental=` names them (or the rules setting gives them
 * a level).
 */
export const EXPERIMENTAL_RULES: ReadonlySet<string> = new Set<RuleCode>(['InvalidDefinitionDescription']);

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/** What a rule found, before settings and `# check=` directives decide whether and how it is shown. */
export interface Finding {
  readonly code: RuleCode;
  readonly range: Range;
  readonly message: string;
  /** The first line of the instruction it is about: a `# check=skip=` comment right above silences it. */
  readonly instructionLine: number;
  readonly tags?: DiagnosticTag[];
  /** What the quick fixes need (candidate names, the stage concerned). */
  readonly data?: FindingData;
}

export interface FindingData {
  readonly stage?: number;
  /** The variable a finding is about. */
  readonly variable?: string;
  readonly suggestions?: readonly string[];
}
