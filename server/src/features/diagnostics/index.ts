// All stage diagnostics of a document: the rules' findings, filtered by `# check=` and the rules setting.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { RuleLevel } from '../../settings';
import type { FeatureContext } from '../featureContext';
import type { StageModel } from '../../analysis/model';
import { EXPERIMENTAL_RULES, RULES, SOURCE, type Finding, type RuleCode } from './rules';
import { checkStageDeclarations } from './stageRules';
import { checkReferences } from './referenceRules';
import { checkTriggers } from './triggerRules';
import { checkUnusedStages } from './unusedStage';
import { checkTargetSetting } from './targetRules';
import { checkSourceDateEpochStage } from './sourceDateEpochRules';
import { checkArgAfterFrom, checkArgScope } from './argScopeRules';
import { checkFromLines } from './fromRules';
import { checkPlatformArgs } from './platformRules';
import { checkDefinitionDescriptions } from './definitionRules';
import { checkCopyFromPaths } from './copyRules';
import { checkBaseNames, impliedByInvalidDefaultArg } from './baseNameRules';
import { checkFromValues } from './fromValueRules';
import { CheckConfiguration } from './checkDirectives';
import { checkDirectives } from './directiveRules';
import { checkInstructionText } from './instructionRules';
import { checkImageConfig } from './imageConfigRules';
import { checkExpose } from './exposeRules';
import { checkIgnoredFiles } from './ignoredFileRules';
import { checkUndefinedVar } from './undefinedVarRules';
import { checkDependenciesAfterSource } from './dependencyRules';
import { checkWhatShips } from './shipsRules';

const LEVELS: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

export function computeDiagnostics(context: FeatureContext, ruleLevels: Readonly<Record<string, RuleLevel>>): Diagnostic[] {
  return shownFindings(context, ruleLevels).map(({ finding, severity }) => toDiagnostic(finding, severity)).sort(byPosition);
}

/** A finding the user is shown, at the severity the settings and `# check=` give it. */
export interface ShownFinding {
  readonly finding: Finding;
  readonly severity: DiagnosticSeverity;
}

/** Every rule's findings, those that settings and `# check=` leave, in the rules' order. */
export function shownFindings(context: FeatureContext, ruleLevels: Readonly<Record<string, RuleLevel>>): ShownFinding[] {
  const { checks, findings: ofModel } = modelFindings(context.model);
  const findings = [...ofModel.beforeTargets, ...checkReferences(context), ...checkTriggers(context), ...checkUnusedStages(context), ...checkTargetSetting(context),
    ...ofModel.afterTargets, ...checkIgnoredFiles(context.model, context.dockerignore), ...ofModel.undefinedVars,
    ...checkDependenciesAfterSource(context), ...checkWhatShips(context.model, context.dockerignore, context.buildContext)];
  const shown: ShownFinding[] = [];
  for (const finding of findings) {
    let severity = severityOf(finding.code, ruleLevels, finding.severity);
    // An experimental rule that the settings give a level is on, as `# check=experimental=` would turn it on.
    const turnedOn = EXPERIMENTAL_RULES.has(finding.code) && ruleLevels[finding.code] !== undefined;
    if (severity === undefined || (!turnedOn && checks.isSkipped(finding.code, finding.instructionLine))) continue;
    if (checks.warningsAreErrors && severity === DiagnosticSeverity.Warning) severity = DiagnosticSeverity.Error;
    shown.push({ finding, severity });
  }
  const findingsShown = shown.map((item) => item.finding);
  return shown.filter((item) => !impliedByInvalidDefaultArg(item.finding, findingsShown));
}

interface ModelFindings {
  readonly checks: CheckConfiguration;
  /** The findings of the rules that read the model alone, around those that read the targets too, in the rules' order. */
  readonly findings: { readonly beforeTargets: readonly Finding[]; readonly afterTargets: readonly Finding[]; readonly undefinedVars: readonly Finding[] };
}

/** Once per model (a model never changes): publishing again for new targets, settings or a scan reruns only the rest. */
const MODEL_FINDINGS = new WeakMap<StageModel, ModelFindings>();

function modelFindings(model: StageModel): ModelFindings {
  for (const _ of prepareDiagnostics(model)) { /* all at once */ }
  return MODEL_FINDINGS.get(model)!;
}

/**
 * Runs the rules that read the model alone one at a time, keeping their findings with the model: the server
 * yields to the requests between two steps (a rule over 1,000 stages takes milliseconds, all of them a hundred).
 */
export function* prepareDiagnostics(model: StageModel): Generator<void, void> {
  if (MODEL_FINDINGS.has(model)) return;
  const checks = new CheckConfiguration(model);
  yield;
  const undefinedVars = checkUndefinedVar(model);
  const beforeTargets = [...checkDirectives(model, checks), ...checkStageDeclarations(model)];
  const afterTargets: Finding[] = [];
  for (const rule of [checkSourceDateEpochStage, (m: StageModel) => checkArgScope(m, undefinedVars), checkArgAfterFrom, checkFromLines, checkPlatformArgs,
    checkDefinitionDescriptions, checkCopyFromPaths, checkBaseNames, checkFromValues, checkInstructionText, checkImageConfig, checkExpose]) {
    yield;
    afterTargets.push(...rule(model));
  }
  MODEL_FINDINGS.set(model, { checks, findings: { beforeTargets, afterTargets, undefinedVars } });
}

/** The rule's severity as the settings make it (else the finding's own, else the rule's); undefined when turned off. */
export function severityOf(code: RuleCode, ruleLevels: Readonly<Record<string, RuleLevel>>, findingSeverity?: DiagnosticSeverity): DiagnosticSeverity | undefined {
  const level = ruleLevels[code];
  if (level === 'off') return undefined;
  return level ? LEVELS[level] : findingSeverity ?? RULES[code].severity;
}

export function toDiagnostic(finding: Finding, severity: DiagnosticSeverity): Diagnostic {
  return {
    range: finding.range,
    severity,
    source: SOURCE,
    code: finding.code,
    codeDescription: { href: RULES[finding.code].href },
    message: finding.message,
    tags: finding.tags,
    data: finding.data,
  };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
