// BuildKit's own verdicts (../shared/peer/buildkit-oracle/cases.json, produced by its dockerfile2llb) against our
// findings, as BuildKit's order of phases allows: BuildKit stops at its first error, so what we find after that
// point (a later phase, or later in the same phase) is neither confirmed nor refuted.
// Compared: every rule of ours that is a BuildKit check (by name), and every rule of ours that says BuildKit fails
// (`fails` in the rule table) against BuildKit's error. A plain build (`build` mode) dispatches only the stages
// the default target needs: what the dispatch phase finds elsewhere is not expected there.
import { AnalyzedDocument } from '../../server/src/analysis/document';
import type { StageModel } from '../../server/src/analysis/model';
import { featureContext } from '../../server/src/features/featureContext';
import { shownFindings } from '../../server/src/features/diagnostics';
import { BUILDKIT_CHECKS, phaseIndex, type BuildkitPhase } from '../../server/src/features/diagnostics/buildkitPhases';
import { failingPhase, RULE_CODES } from '../../server/src/features/diagnostics/rules';
import { CheckConfiguration } from '../../server/src/features/diagnostics/checkDirectives';
import { asBuilt, defaultsAsBuilt } from '../../server/src/features/diagnostics/buildDefaults';
import { checkUndefinedVar } from '../../server/src/features/diagnostics/undefinedVarRules';
import { checkBaseNames, impliedByInvalidDefaultArg } from '../../server/src/features/diagnostics/baseNameRules';

export interface OracleRange {
  readonly startLine: number;
  readonly endLine: number;
}

export interface OracleWarning extends OracleRange {
  readonly rule: string;
  readonly message: string;
}

export interface OracleError extends OracleRange {
  readonly message: string;
  readonly ranges?: readonly OracleRange[];
}

export interface OracleResult {
  readonly warnings: readonly OracleWarning[];
  readonly error: OracleError | null;
}

export type OracleMode = 'check' | 'build';

export interface OracleCase {
  readonly id: string;
  readonly corpusFile: string;
  readonly mutations: readonly string[];
  /** The mutant's text; a corpus case's is the corpus file. */
  readonly dockerfile?: string;
  readonly check: OracleResult;
  readonly build: OracleResult;
}

/** `# check=error=true` with any warning of BuildKit's checks shown: the build fails at its end. */
const LINT_VIOLATION = 'lint violation';

/**
 * BuildKit's errors: the phase that fails with each (or, met in an ONBUILD trigger, in resolveStages), and the
 * rules of ours that find it. parser.Parse places its
 * errors at the number of lines it read before the one at fault (withLocation(err, currentLine, 0)): one less.
 */
const BUILDKIT_ERRORS: readonly { readonly pattern: RegExp; readonly phase: BuildkitPhase; readonly otherPhase?: BuildkitPhase; readonly codes: readonly string[]; readonly lineOffset?: number }[] = [
  { pattern: /^failed to parse check options/, phase: 'checkDirective', codes: ['InvalidCheckDirective'] },
  { pattern: /^only one \w+ parser directive can be used/, phase: 'parse', codes: ['DuplicateParserDirective'], lineOffset: 1 },
  { pattern: /invalid name for build stage/, phase: 'instructions', codes: ['InvalidStageName'] },
  { pattern: /FROM requires either one or three arguments/, phase: 'instructions', codes: ['MalformedFrom'] },
  { pattern: /'from' doesn't support variable expansion/, phase: 'instructions', codes: ['VariableInStageReference'] },
  { pattern: /^invalid SOURCE_DATE_EPOCH|^SOURCE_DATE_EPOCH stage/, phase: 'sourceDateEpoch', codes: ['InvalidSourceDateEpochStage'] },
  { pattern: /^base name \(.*\) should not be blank/, phase: 'fromLines', codes: ['BlankBaseName'] },
  { pattern: /^failed to process arguments for platform|^empty platform value|^failed to parse platform/, phase: 'fromLines', codes: ['InvalidPlatform', 'RequiredArgUnset'] },
  { pattern: /^target stage .* could not be found/, phase: 'target', codes: ['UndefinedTarget'] },
  { pattern: /^invalid stage index/, phase: 'dependencies', codes: ['StageIndexOutOfRange'], otherPhase: 'onbuild' },
  { pattern: /^variable expansion is not supported for --from/, phase: 'dependencies', codes: ['VariableInStageReference'], otherPhase: 'onbuild' },
  { pattern: /^circular dependency detected on stage/, phase: 'cycles', codes: ['CircularStageDependency'] },
  { pattern: /^failed to parse stage name/, phase: 'baseImages', codes: ['FromStageCasing', 'InvalidImageReference'], otherPhase: 'onbuild' },
  { pattern: /^cannot copy from stage|^cannot mount from stage/, phase: 'dispatch', codes: ['StageForwardReference'] },
  { pattern: /^lint violation found for rules/, phase: 'lintError', codes: [LINT_VIOLATION] },
  // The lexer's own error on `${X:?}`: in a global ARG's default (buildMetaArgs) or in a FROM line.
  { pattern: /^failed to process "/, phase: 'fromLines', codes: ['RequiredArgUnset'], otherPhase: 'metaArgs' },
];

/** Our rules that BuildKit also checks, by name. */
export const COMPARED_CHECKS: ReadonlySet<string> = new Set(RULE_CODES.filter((code) => code in BUILDKIT_CHECKS));

/** One finding on either side, placed in BuildKit's order: its phase and its instruction's first line (1-based). */
interface Placed {
  readonly rule: string;
  readonly line: number;
  readonly phase: number;
  readonly message: string;
  /**
   * Found only where a base image is taken to set no ENV, as the oracle's stubbed images do: BuildKit reading the
   * real image would not report it, so the product does not (UndefinedVar on a stage built on an image).
   */
  readonly stubbedImages?: true;
}

/** Where BuildKit stopped: nothing at or after this point is judged. */
interface Cut {
  readonly phase: number;
  readonly line: number;
  /** Whether the phase visits instructions in file order and stops at the first failing one. */
  readonly ordered: boolean;
}

export interface Comparison {
  readonly agree: string[];
  readonly buildkitOnly: string[];
  readonly productOnly: string[];
  /** Findings of both sides with different messages. */
  readonly messages: string[];
  /** BuildKit's findings that only its stubbed images make (see Placed.stubbedImages): different on purpose. */
  readonly stubbedImages: string[];
  /** BuildKit's warnings of checks no rule of ours implements, by rule. */
  readonly notCompared: Map<string, number>;
  /** Our findings after BuildKit's first error. */
  unjudged: number;
}

export function compareWithBuildkit(text: string, mode: OracleMode, result: OracleResult): Comparison {
  const document = AnalyzedDocument.fromText(text);
  const context = featureContext(document);
  const built = mode === 'build' ? builtWithDefaults(context.model) : undefined;
  // ONBUILD triggers are read for the stages the default target needs only, with --check too (resolveStages).
  const triggerBuilt = builtWithDefaults(context.model);
  const needed = (line: number, triggered?: boolean) => triggered ? builtAt(context.model, triggerBuilt, line) : !built || builtAt(context.model, built, line);
  const warnings: Placed[] = [];
  const errors: Placed[] = [];
  const checks = new CheckConfiguration(context.model);
  const shown = shownFindings(context, {}).map((item) => item.finding);
  for (const finding of shown) {
    const line = (finding.reportedLine ?? finding.instructionLine) + 1;
    if (COMPARED_CHECKS.has(finding.code)) {
      const phase = BUILDKIT_CHECKS[finding.code];
      if (phase !== 'dispatch' || needed(line, finding.triggered)) warnings.push({ rule: finding.code, line, phase: phaseIndex(phase), message: finding.message });
    }
    const failing = failingPhase(finding);
    if (failing && ((failing !== 'dispatch' && !finding.triggered) || needed(line, finding.triggered))) errors.push({ rule: finding.code, line, phase: phaseIndex(failing), message: finding.message });
  }
  // The warning that a build without some --build-arg fails on a base is not shown beside BuildKit's
  // InvalidDefaultArgInFrom on the same base (impliedByInvalidDefaultArg): that warning says the failure. It is
  // counted here as said, at its own phase and line, so that BuildKit's failure on the base is matched as before.
  for (const finding of checkBaseNames(context.model)) {
    if (checks.isSkipped(finding.code, finding.instructionLine) || !impliedByInvalidDefaultArg(finding, shown)) continue;
    errors.push({ rule: finding.code, line: finding.instructionLine + 1, phase: phaseIndex(failingPhase(finding)!), message: finding.message });
  }
  if (checks.warningsAreErrors && warnings.length > 0) {
    errors.push({ rule: LINT_VIOLATION, line: 0, phase: phaseIndex('lintError'), message: `for rules: ${[...new Set(warnings.map((w) => w.rule))].join(', ')}` });
  }
  errors.sort((a, b) => a.phase - b.phase || a.line - b.line);
  // UndefinedVar as the oracle's images make it (they set no ENV), where the product, not knowing the image, is silent.
  const said = new Set(warnings.map((w) => `${w.rule}@${w.line}: ${w.message}`));
  for (const finding of checkUndefinedVar(context.model, { imagesSetNothing: true }).filter((f) => !checks.isSkipped(f.code, f.instructionLine))) {
    const placed: Placed = { rule: finding.code, line: finding.instructionLine + 1, phase: phaseIndex('dispatch'), message: finding.message, stubbedImages: true };
    if (!said.has(`${placed.rule}@${placed.line}: ${placed.message}`) && needed(placed.line)) warnings.push(placed);
  }
  const comparison: Comparison = { agree: [], buildkitOnly: [], productOnly: [], messages: [], stubbedImages: [], notCompared: new Map(), unjudged: 0 };
  const cut = compareErrors(result.error, errors, comparison);
  const judged = (item: Placed) => !cut || item.phase < cut.phase || (item.phase === cut.phase && cut.ordered && item.line < cut.line);
  const theirs: Placed[] = [];
  for (const warning of result.warnings) {
    const phase = BUILDKIT_CHECKS[warning.rule];
    if (!COMPARED_CHECKS.has(warning.rule)) comparison.notCompared.set(warning.rule, (comparison.notCompared.get(warning.rule) ?? 0) + 1);
    else theirs.push({ rule: warning.rule, line: warning.startLine, phase: phaseIndex(phase), message: warning.message });
  }
  comparison.unjudged += warnings.filter((w) => !judged(w) && !w.stubbedImages).length;
  compareWarnings(theirs.filter(judged), warnings.filter(judged), comparison);
  return comparison;
}

/**
 * The stages a plain build of the default target dispatches, without build args: what the last stage reaches, a
 * FROM built from ARGs following its default only (the product counts every stage it may name).
 */
function builtWithDefaults(model: StageModel): Set<number> {
  const defaults = defaultsAsBuilt(model);
  const bases = model.stages.map((stage) => stage.base && asBuilt(stage.base.text, defaults));
  const built = new Set<number>();
  const pending = model.stages.length > 0 ? [model.stages.length - 1] : [];
  while (pending.length > 0) {
    const stage = pending.pop()!;
    if (built.has(stage)) continue;
    built.add(stage);
    for (const edge of model.edges) {
      if (edge.from === stage && (!edge.possible || model.stages[edge.to].normalizedName === bases[stage])) pending.push(edge.to);
    }
  }
  return built;
}

/** Whether the stage holding this line (1-based) is built; a line before every stage is. */
function builtAt(model: StageModel, built: ReadonlySet<number>, line: number): boolean {
  const stage = [...model.stages].reverse().find((s) => s.range.start.line < line);
  return !stage || built.has(stage.index);
}

/** BuildKit's error against our first: where BuildKit stopped, or undefined when it did not fail. */
function compareErrors(error: OracleError | null, ours: readonly Placed[], comparison: Comparison): Cut | undefined {
  if (!error) {
    for (const item of ours) comparison.productOnly.push(`error ${item.rule}@${item.line}: ${item.message}`);
    return undefined;
  }
  const described = `error@${error.startLine}: ${error.message}`;
  const known = BUILDKIT_ERRORS.find((entry) => entry.pattern.test(error.message));
  if (!known) {
    comparison.buildkitOnly.push(`${described} (not modelled)`);
    comparison.unjudged += ours.length;
    return { phase: -1, line: 0, ordered: false };
  }
  const phases = [known.phase, ...(known.otherPhase ? [known.otherPhase] : [])].map(phaseIndex);
  // Resolving base images runs concurrently; the cycle check reports one cycle, at the last instruction of each
  // edge (dispatchState.deps keeps one per source stage): which finding of ours it matches is not an order.
  const ordered = known.phase !== 'baseImages' && known.phase !== 'cycles';
  const offset = known.lineOffset ?? 0;
  const lines = (error.ranges ?? []).filter((range) => range.startLine > 0 || offset > 0)
    .map((range) => ({ startLine: range.startLine + offset, endLine: range.endLine + offset }));
  const at = (item: Placed) => lines.length === 0 || lines.some((range) => item.line >= range.startLine && item.line <= range.endLine);
  const match = ours.find((item) => phases.includes(item.phase) && known.codes.includes(item.rule) && at(item));
  const phase = match?.phase ?? phases[0];
  const line = match?.line ?? (lines.length > 0 ? Math.min(...lines.map((range) => range.startLine)) : 0);
  // Ours that BuildKit would meet first: we say it fails where it does not.
  const earlier = ours.filter((item) => item !== match && (item.phase < phase || (item.phase === phase && ordered && item.line < line)));
  for (const item of earlier) comparison.productOnly.push(`error ${item.rule}@${item.line}: ${item.message}`);
  if (match && earlier.length === 0) comparison.agree.push(`error ${match.rule}@${match.line}`);
  else comparison.buildkitOnly.push(described);
  comparison.unjudged += ours.length - earlier.length - (match ? 1 : 0);
  return { phase, line, ordered };
}

/** BuildKit's warnings and ours, matched by rule and line; the messages of matched pairs must be the same. */
function compareWarnings(theirs: readonly Placed[], ours: readonly Placed[], comparison: Comparison): void {
  const left = [...ours];
  for (const warning of theirs) {
    const candidates = left.filter((item) => item.rule === warning.rule && item.line === warning.line);
    const match = candidates.find((item) => item.message === warning.message) ?? candidates[0];
    if (!match) {
      comparison.buildkitOnly.push(`${warning.rule}@${warning.line}: ${warning.message}`);
      continue;
    }
    left.splice(left.indexOf(match), 1);
    (match.stubbedImages ? comparison.stubbedImages : comparison.agree).push(`${warning.rule}@${warning.line}`);
    if (match.message !== warning.message) comparison.messages.push(`${warning.rule}@${warning.line}: BuildKit "${warning.message}", ours "${match.message}"`);
  }
  for (const item of left) comparison.productOnly.push(`${item.rule}@${item.line}: ${item.message}`);
}
