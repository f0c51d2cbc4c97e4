// All stage diagnostics of a document: the rules' findings, filtered by `# check=` and the rules setting.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { RuleLevel } from '../../settings';
import type { FeatureContext } from '../context';
import { EXPERIMENTAL_RULES, RULES, SOURCE, type Finding, type RuleCode } from './rules';
import { checkStageDeclarations } from './stageRules';
import { checkReferences } from './referenceRules';
import { checkUnusedStages } from './unusedStage';
import { checkTargetSetting } from './targetRules';
import { checkSourceDateEpochStage } from './sourceDateEpochRules';
import { checkArgAfterFrom, checkArgScope } from './argScopeRules';
import { checkFromLines } from './fromRules';
import { checkPlatformArgs } from './platformRules';
import { checkDefinitionDescriptions } from './definitionRules';
import { checkCopyFromPaths } from './copyRules';
import { checkUndefinedVar } from './undefinedVarRules';
import { isSkipped, readCheckConfiguration } from './checkDirectives';

const LEVELS: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

export function computeDiagnostics(context: FeatureContext, ruleLevels: Readonly<Record<string, RuleLevel>>): Diagnostic[] {
  const undefinedVars = checkUndefinedVar(context.model);
  const findings = [...checkStageDeclarations(context.model), ...checkReferences(context.model), ...checkUnusedStages(context), ...checkTargetSetting(context),
    ...checkSourceDateEpochStage(context.model), ...checkArgScope(context.model, undefinedVars), ...checkArgAfterFrom(context.model), ...checkFromLines(context.model),
    ...checkPlatformArgs(context.model), ...checkDefinitionDescriptions(context.model),
    ...checkCopyFromPaths(context.model), ...undefinedVars];
  const checks = readCheckConfiguration(context.model);
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    let severity = severityOf(finding.code, ruleLevels);
    // An experimental rule that the settings give a level is on, as `# check=experimental=` would turn it on.
    const turnedOn = EXPERIMENTAL_RULES.has(finding.code) && ruleLevels[finding.code] !== undefined;
    if (severity === undefined || (!turnedOn && isSkipped(checks, finding.code, finding.instructionLine))) continue;
    if (checks.warningsAreErrors && severity === DiagnosticSeverity.Warning) severity = DiagnosticSeverity.Error;
    diagnostics.push(toDiagnostic(finding, severity));
  }
  return diagnostics.sort(byPosition);
}

/** The rule's severity as the settings make it; undefined when turned off. */
export function severityOf(code: RuleCode, ruleLevels: Readonly<Record<string, RuleLevel>>): DiagnosticSeverity | undefined {
  const level = ruleLevels[code];
  if (level === 'off') return undefined;
  return level ? LEVELS[level] : RULES[code].severity;
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
