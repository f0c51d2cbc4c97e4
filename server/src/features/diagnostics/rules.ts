// The stage rules: their codes, default severities and documentation links.
import { DiagnosticSeverity, DiagnosticTag, type Range } from 'vscode-languageserver-types';
import type { BuildkitPhase } from './buildkitPhases';

export const SOURCE = 'dockerfile-stages';

/** Our rules are documented in the README; BuildKit's own checks on docs.docker.com. */
const README = 'https://github.com/dockerfile-stages/dockerfile-stages/blob/main/README.md';
const BUILDKIT = 'https://docs.docker.com/go/dockerfile/rule';

export interface RuleInfo {
  readonly severity: DiagnosticSeverity;
  readonly href: string;
  /**
   * The rule finds what makes BuildKit fail, and the phase where it fails (buildkitPhases.ts): such a finding is
   * never hidden by `# check=skip`, which silences BuildKit's warnings only.
   */
  readonly fails?: BuildkitPhase;
}

export const RULES = {
  DuplicateParserDirective: { severity: DiagnosticSeverity.Error, href: `${README}#duplicateparserdirective`, fails: 'parse' },
  InvalidCheckDirective: { severity: DiagnosticSeverity.Error, href: `${README}#invalidcheckdirective`, fails: 'checkDirective' },
  UnusedStage: { severity: DiagnosticSeverity.Hint, href: `${README}#unusedstage` },
  UndefinedStage: { severity: DiagnosticSeverity.Warning, href: `${README}#undefinedstage` },
  StageForwardReference: { severity: DiagnosticSeverity.Error, href: `${README}#stageforwardreference`, fails: 'dispatch' },
  CircularStageDependency: { severity: DiagnosticSeverity.Error, href: `${README}#circularstagedependency`, fails: 'cycles' },
  StageIndexOutOfRange: { severity: DiagnosticSeverity.Error, href: `${README}#stageindexoutofrange`, fails: 'dependencies' },
  ImplicitStageIndex: { severity: DiagnosticSeverity.Warning, href: `${README}#implicitstageindex` },
  MountFromIndex: { severity: DiagnosticSeverity.Error, href: `${README}#mountfromindex` },
  // A mount's `from=$X` fails earlier, when the RUN is parsed: its finding says so (Finding.phase).
  VariableInStageReference: { severity: DiagnosticSeverity.Error, href: `${README}#variableinstagereference`, fails: 'dependencies' },
  FromStageCasing: { severity: DiagnosticSeverity.Error, href: `${README}#fromstagecasing`, fails: 'baseImages' },
  // BuildKit's rule page says error, but its code only warns and builds (linter/ruleset.go, convert.go).
  DuplicateStageName: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/duplicate-stage-name/` },
  MalformedFrom: { severity: DiagnosticSeverity.Error, href: `${README}#malformedfrom`, fails: 'instructions' },
  InvalidStageName: { severity: DiagnosticSeverity.Error, href: `${README}#invalidstagename`, fails: 'instructions' },
  ReservedStageName: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/reserved-stage-name/` },
  StageNameCasing: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/stage-name-casing/` },
  FromAsCasing: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/from-as-casing/` },
  // Errors where no build arg can avoid them, warnings naming the build args otherwise (Finding.severity).
  BlankBaseName: { severity: DiagnosticSeverity.Error, href: `${README}#blankbasename`, fails: 'fromLines' },
  RequiredArgUnset: { severity: DiagnosticSeverity.Error, href: `${README}#requiredargunset`, fails: 'fromLines' },
  InvalidPlatform: { severity: DiagnosticSeverity.Error, href: `${README}#invalidplatform`, fails: 'fromLines' },
  InvalidImageReference: { severity: DiagnosticSeverity.Error, href: `${README}#invalidimagereference`, fails: 'baseImages' },
  UndefinedTarget: { severity: DiagnosticSeverity.Error, href: `${README}#undefinedtarget` },
  UndefinedTargetSetting: { severity: DiagnosticSeverity.Warning, href: `${README}#undefinedtargetsetting` },
  InvalidSourceDateEpochStage: { severity: DiagnosticSeverity.Error, href: `${README}#invalidsourcedateepochstage`, fails: 'sourceDateEpoch' },
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
  NoEmptyContinuation: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/no-empty-continuation/` },
  ConsistentInstructionCasing: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/consistent-instruction-casing/` },
  MaintainerDeprecated: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/maintainer-deprecated/` },
  LegacyKeyValueFormat: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/legacy-key-value-format/` },
  SecretsUsedInArgOrEnv: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/secrets-used-in-arg-or-env/` },
  JSONArgsRecommended: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/json-args-recommended/` },
  MultipleInstructionsDisallowed: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/multiple-instructions-disallowed/` },
  WorkdirRelativePath: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/workdir-relative-path/` },
  ExposeProtoCasing: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/expose-proto-casing/` },
  ExposeInvalidFormat: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/expose-invalid-format/` },
  CopyIgnoredFile: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/copy-ignored-file/` },
  UndefinedVar: { severity: DiagnosticSeverity.Warning, href: `${BUILDKIT}/undefined-var/` },
  DependenciesAfterSource: { severity: DiagnosticSeverity.Information, href: `${README}#dependenciesaftersource` },
  SecretShipped: { severity: DiagnosticSeverity.Warning, href: `${README}#secretshipped` },
  ContextShipsSecrets: { severity: DiagnosticSeverity.Warning, href: `${README}#contextshipssecrets` },
  WholeStageCopied: { severity: DiagnosticSeverity.Information, href: `${README}#wholestagecopied` },
  BuildToolsShipped: { severity: DiagnosticSeverity.Information, href: `${README}#buildtoolsshipped` },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;

/**
 * BuildKit's experimental checks: off unless `# check=experimental=` names them (or the rules setting gives them
 * a level).
 */
export const EXPERIMENTAL_RULES: ReadonlySet<string> = new Set<RuleCode>(['InvalidDefinitionDescription',
  // Ours (issue 26), off until shown on the corpus: BuildToolsShipped's hits are mostly development, CI and test
  // images; WholeStageCopied has none left after its fixes, so nothing yet says it is worth showing.
  'BuildToolsShipped', 'WholeStageCopied']);

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/** BuildKit's own checks, under BuildKit's names (documented on docs.docker.com). */
export const BUILDKIT_RULES: ReadonlySet<RuleCode> = new Set(RULE_CODES.filter((code) => RULES[code].href.startsWith(BUILDKIT)));

export function ruleInfo(code: RuleCode): RuleInfo {
  return RULES[code];
}

/** The phase where BuildKit fails on what this finding found; undefined for a finding BuildKit builds past. */
export function failingPhase(finding: Finding): BuildkitPhase | undefined {
  const phase = ruleInfo(finding.code).fails;
  return phase && (finding.phase ?? phase);
}

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
  /** For a rule that `fails`: the phase where BuildKit fails on this finding, where it is not the rule's. */
  readonly phase?: BuildkitPhase;
  /**
   * Found in an ONBUILD trigger where it runs: BuildKit reads it only in the stages the target needs
   * (resolveStages), even with --check.
   */
  readonly triggered?: true;
  /** The severity where it is not the rule's (unless the settings give one): a failure a build arg avoids warns. */
  readonly severity?: DiagnosticSeverity;
  /**
   * The line BuildKit reports it on, where that is not `instructionLine`: MultipleInstructionsDisallowed names the
   * instruction that is ignored, and is skipped by the comments of the one that ignores it.
   */
  readonly reportedLine?: number;
}

export interface FindingData {
  readonly stage?: number;
  /** The variable a finding is about. */
  readonly variable?: string;
  readonly suggestions?: readonly string[];
}
