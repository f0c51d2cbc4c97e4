// Quick fixes for the stage diagnostics, each computed from the model (never from the diagnostic's text).
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../../analysis/model';
import { rangesOverlap } from '../../analysis/positions';
import type { FeatureContext } from '../featureContext';
import { ruleInfo, SOURCE, type FindingData, type RuleCode } from '../diagnostics/rules';
import { freshStageName, stageRenameEdits } from '../rename';
import { stageLabel } from '../../analysis/names';
import { ignoreRuleEdit } from './ignoreRule';
import { moveStageAbove } from './moveStage';
import { declareArg, renumberIndices, stageLines, wholeLines } from './edits';
import { commentBlockAbove, DocumentText } from '../documentText';
import { stageMissedByCase } from '../diagnostics/referenceRules';
import { adoptIncumbentDiagnostic } from './otherServers';
import { buildkitFixes } from './buildkitFixes';
import { dependenciesFirstFixes } from './dependencyFixes';

/** Commands the client runs after an edit (VS Code: client/src/extension.ts). */
export const COMMANDS = {
  addTarget: 'dockerfileStages.addTarget',
  renameAt: 'dockerfileStages.renameAt',
} as const;

export function quickFixes(context: FeatureContext, uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const given of diagnostics) {
    // Another server's diagnostic of a fact we report too gets our fix, not our "Ignore" (it is not ours).
    const adopted = adoptIncumbentDiagnostic(context.model, given);
    const diagnostic = adopted ?? given;
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const code = diagnostic.code as RuleCode;
    const fix = (title: string, edits: TextEdit[], extra: Partial<CodeAction> = {}): CodeAction =>
      ({ title, kind: CodeActionKind.QuickFix, diagnostics: [given], edit: { changes: { [uri]: edits } }, ...extra });
    const fixes = fixesFor(context, uri, code, diagnostic, fix);
    // An unused stage may be built by something the workspace reader did not see: what keeps it (treat as a
    // target, ignore) comes first, removing it last and never preferred.
    const destructive = code === 'UnusedStage' ? fixes.filter((action) => action.edit) : [];
    actions.push(...fixes.filter((action) => !destructive.includes(action)));
    // `# check=skip` cannot hide what makes BuildKit fail (checkDirectives.ts): no "Ignore" for it.
    if (!adopted && !ruleInfo(code).fails) actions.push(fix(`Ignore ${code} in this file`, [ignoreRuleEdit(context, code)]));
    actions.push(...destructive);
  }
  return actions;
}

type MakeFix = (title: string, edits: TextEdit[], extra?: Partial<CodeAction>) => CodeAction;

function fixesFor(context: FeatureContext, uri: string, code: RuleCode, diagnostic: Diagnostic, fix: MakeFix): CodeAction[] {
  const { model } = context;
  const data = (diagnostic.data ?? {}) as FindingData;
  const stage = data.stage !== undefined ? model.stages[data.stage] : undefined;
  switch (code) {
    case 'UndefinedStage':
    case 'FromStageCasing':
    case 'CopyFromRelativePath':
    case 'CopyFromMissingPath':
      return (data.suggestions ?? []).map((name, i) =>
        fix(`Change to '${name}'`, [{ range: diagnostic.range, newText: name }], { isPreferred: i === 0 }));
    case 'StageNameCasing':
      return stage?.name ? [fix(`Rename '${stage.name.text}' to '${stage.normalizedName}' everywhere`, lowerCaseStageEdits(model, stage), { isPreferred: true })] : [];
    case 'FromAsCasing':
      return fromAsCasingFix(model, diagnostic, fix);
    case 'DuplicateStageName':
      return stage?.name ? [renameDuplicate(model, uri, stage, fix)] : [];
    case 'UnusedStage':
      return stage ? unusedStageFixes(model, stage, fix) : [];
    case 'ArgNotInScope':
      return stage && data.variable ? [fix(`Declare 'ARG ${data.variable}' in this stage`, [declareArg(model, stage, data.variable)], { isPreferred: true })] : [];
    case 'ArgAfterFrom':
      return stage && data.variable ? moveArgAboveFirstFrom(context, stage, data.variable, fix) : [];
    case 'CopyFromAncestor': {
      const copy = stage?.instructions.find((i) => i.range.start.line === diagnostic.range.start.line);
      return copy ? [fix('Remove this COPY', [{ range: wholeLines(model, copy.range.start.line, copy.range.end.line), newText: '' }])] : [];
    }
    case 'PlatformOnStageReference':
      return stage ? platformFixes(model, stage, fix) : [];
    case 'StageForwardReference': {
      const user = model.references.find((r) => r.range.start.line === diagnostic.range.start.line && r.range.start.character === diagnostic.range.start.character);
      const edits = stage && user && moveStageAbove(context, stage, model.stages[user.inStage]);
      return edits ? [fix(`Move stage '${stageLabel(stage)}' above '${stageLabel(model.stages[user.inStage])}'`, edits, { isPreferred: true })] : [];
    }
    case 'DependenciesAfterSource':
      return dependenciesFirstFixes(context, diagnostic.range.start.line, fix);
    default:
      return buildkitFixes(model, code, diagnostic, fix);
  }
}

/**
 * The name lower-cased where it is declared and wherever it is meant: every reference bound to it, and the
 * `FROM Builder` lines that only their case keeps from naming it (FromStageCasing).
 */
function lowerCaseStageEdits(model: StageModel, stage: Stage): TextEdit[] {
  const missed = model.references.filter((reference) => stageMissedByCase(model, reference) === stage);
  return [...stageRenameEdits(model, stage, stage.normalizedName!), ...missed.map((reference) => ({ range: reference.range, newText: stage.normalizedName! }))];
}

function fromAsCasingFix(model: StageModel, diagnostic: Diagnostic, fix: MakeFix): CodeAction[] {
  const stage = model.stages.find((s) => s.asKeyword && rangesOverlap(s.asKeyword.range, diagnostic.range));
  if (!stage) return [];
  const upper = stage.fromKeyword.text === stage.fromKeyword.text.toUpperCase();
  const keyword = upper ? 'AS' : 'as';
  return [fix(`Write '${keyword}' to match '${stage.fromKeyword.text}'`, [{ range: stage.asKeyword!.range, newText: keyword }], { isPreferred: true })];
}

/** The ARG line, as written, moved to before the first FROM (and the comments above it); only an ARG of one name. */
function moveArgAboveFirstFrom(context: FeatureContext, stage: Stage, name: string, fix: MakeFix): CodeAction[] {
  const { model } = context;
  const declaration = stage.declarations.find((d) => d.kind === 'arg' && d.name === name);
  const instruction = stage.instructions.find((i) => i.range.start.line === declaration?.instructionLine);
  if (!declaration || !instruction || stage.declarations.filter((d) => d.instructionLine === declaration.instructionLine).length !== 1) return [];
  const document = new DocumentText(context.text);
  const first = model.stages[0];
  const at = { line: commentBlockAbove(model, first.fromRange.start.line), character: 0 };
  const moved = document.slice(instruction.range) + document.eol;
  return [fix(`Move 'ARG ${name}' above the first FROM`, [
    { range: { start: at, end: at }, newText: moved },
    { range: wholeLines(model, instruction.range.start.line, instruction.range.end.line), newText: '' },
  ], { isPreferred: true })];
}

/** Drop the ignored `--platform`, or move it to the FROM of the stage it starts from, if that has none. */
function platformFixes(model: StageModel, stage: Stage, fix: MakeFix): CodeAction[] {
  const flag = stage.platformFlagRange;
  const parent = model.baseReferences[stage.index]?.resolution;
  if (!flag || !stage.platform || !stage.base || parent?.kind !== 'stage') return [];
  const remove: TextEdit = { range: { start: flag.start, end: stage.base.range.start }, newText: '' };
  const actions = [fix(`Remove the ignored --platform=${stage.platform.text}`, [remove], { isPreferred: true })];
  const from = model.stages[parent.stage];
  if (!from.platform) {
    const at = from.fromKeyword.range.end;
    actions.push(fix(`Move --platform=${stage.platform.text} to stage '${stageLabel(from)}'`, [{ range: { start: at, end: at }, newText: ` --platform=${stage.platform.text}` }, remove]));
  }
  return actions;
}

/** Gives this definition (and what binds to it) a fresh name, then lets the user type the real one. */
function renameDuplicate(model: StageModel, uri: string, stage: Stage, fix: MakeFix): CodeAction {
  const fresh = freshStageName(model, stage.normalizedName!);
  return fix(`Rename this definition to '${fresh}'`, stageRenameEdits(model, stage, fresh), {
    command: { title: 'Rename stage', command: COMMANDS.renameAt, arguments: [uri, stage.name!.range.start] },
  });
}

function unusedStageFixes(model: StageModel, stage: Stage, fix: MakeFix): CodeAction[] {
  const actions: CodeAction[] = [];
  // Only a stage nothing names can go without changing another stage.
  if (model.referencesTo[stage.index].length === 0) {
    actions.push(fix(`Remove unused stage '${stageLabel(stage)}'`, [
      { range: stageLines(model, stage), newText: '' },
      ...renumberIndices(model, (index) => (index > stage.index ? index - 1 : undefined), stage.index),
    ]));
  }
  if (stage.name) {
    actions.push({
      title: `Treat '${stage.name.text}' as a build target`,
      kind: CodeActionKind.QuickFix,
      command: { title: 'Add build target', command: COMMANDS.addTarget, arguments: [stage.normalizedName] },
    });
  }
  return actions;
}
