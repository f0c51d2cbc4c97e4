// The stage refactors as code actions. Listing them only plans (cheap); the edit is computed when the client
// resolves the chosen action (`codeAction/resolve`), and carries a command that starts a rename of the new name.
import type { CodeAction, Command, Range } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import type { FeatureContext } from '../featureContext';
import { stageAtLine, stageSymbolAt } from '../locate';
import { shownSelection } from '../../analysis/positions';
import { COMMANDS } from '../codeActions/quickFixes';
import { extractStage, planExtract } from './extractStage';
import { inlineStage, planInline } from './inlineStage';
import { nameStage, planName } from './nameStage';
import { planDependencyStage } from './dependencyStage';
import type { RefactorResult } from './refactor';
import { offersConvert, planConvert } from './convertPlan';
import { convertStage } from './convertStage';
import { planDependenciesFirst } from './goDependenciesFirst';

export const REFACTOR_KINDS = {
  extract: 'refactor.extract.stage',
  inline: 'refactor.inline.stage',
  name: 'refactor.rewrite.stage.name',
  convert: 'refactor.rewrite.multiStage',
  convertDependenciesFirst: 'refactor.rewrite.multiStage.dependenciesFirst',
  dependencies: 'refactor.extract.dependencies',
} as const;

type Refactor = keyof typeof REFACTOR_KINDS;

const TITLES: Record<Refactor, string> = {
  extract: 'Extract to new stage',
  inline: 'Inline stage into the stage built from it',
  name: 'Name this stage',
  convert: 'Convert to a multi-stage build',
  convertDependenciesFirst: 'Convert to a multi-stage build (download dependencies first)',
  dependencies: 'Move dependencies into their own stage',
};

/** Carried by a listed action so that resolve can find it again. */
export interface RefactorData {
  readonly uri: string;
  readonly refactor: Refactor;
  readonly range: Range;
}

type Planned = { run: () => RefactorResult; detail?: string } | { disabled: string };

function plan(context: FeatureContext, refactor: Refactor, range: Range): Planned | undefined {
  if (refactor === 'convert' || refactor === 'convertDependenciesFirst') {
    const stage = offersConvert(context.model, range.start.line);
    const convert = stage && planConvert(context.model, stage);
    if (!convert || 'disabled' in convert) return refactor === 'convert' ? convert : undefined;
    // The download first is an option, listed only where it is certain; otherwise nothing more is listed.
    const dependencies = refactor === 'convertDependenciesFirst' ? planDependenciesFirst(context, convert) : undefined;
    if (dependencies && 'disabled' in dependencies) return undefined;
    return { run: () => convertStage(context.model, context.text, convert, dependencies), detail: `: runtime ${convert.runtime.image} with only ${convert.artifacts.join(', ')}` };
  }
  if (refactor === 'extract') {
    const extract = planExtract(context, range);
    return extract && ('disabled' in extract ? extract : { run: () => extractStage(context, extract) });
  }
  if (refactor === 'dependencies') {
    const extract = planDependencyStage(context, range);
    return extract && ('disabled' in extract ? extract : { run: () => extractStage(context, extract) });
  }
  const stage = stageAt(context, range);
  if (!stage) return undefined;
  if (refactor === 'inline') {
    const inline = planInline(context, stage);
    return inline && ('disabled' in inline ? inline : { run: () => inlineStage(context, inline) });
  }
  const name = planName(stage);
  return name && ('disabled' in name ? name : { run: () => nameStage(context, name) });
}

/** The stage a cursor on its FROM line, its name, or a reference to it stands for. */
function stageAt({ model }: FeatureContext, range: Range): Stage | undefined {
  const symbol = stageSymbolAt(model, range.start);
  if (symbol?.kind === 'stage-declaration') return symbol.stage;
  if (symbol?.kind === 'stage-reference' && symbol.reference.resolution.kind === 'stage') return model.stages[symbol.reference.resolution.stage];
  const stage = stageAtLine(model, range.start.line);
  return stage && range.start.line <= stage.fromRange.end.line ? stage : undefined;
}

export function listRefactors(context: FeatureContext, uri: string, selection: Range, only?: readonly string[]): CodeAction[] {
  const range = shownSelection(selection, (line) => context.model.lineLengths[line] ?? 0);
  const actions: CodeAction[] = [];
  for (const refactor of Object.keys(REFACTOR_KINDS) as Refactor[]) {
    const kind = REFACTOR_KINDS[refactor];
    if (only && !only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`))) continue;
    const planned = plan(context, refactor, range);
    if (!planned) continue;
    const data: RefactorData = { uri, refactor, range };
    actions.push('disabled' in planned
      ? { title: TITLES[refactor], kind, disabled: { reason: planned.disabled } }
      : { title: TITLES[refactor] + (planned.detail ?? ''), kind, data });
  }
  return actions;
}

export function resolveRefactor(context: FeatureContext, action: CodeAction): CodeAction {
  const data = action.data as RefactorData;
  const planned = plan(context, data.refactor, data.range);
  if (!planned || 'disabled' in planned) return action;
  const { edits, renamePosition } = planned.run();
  const command: Command | undefined = renamePosition && { title: 'Rename stage', command: COMMANDS.renameAt, arguments: [data.uri, renamePosition] };
  return { ...action, edit: { changes: { [data.uri]: edits } }, command };
}

export function isRefactorAction(action: CodeAction): boolean {
  return typeof action.data === 'object' && action.data !== null && 'refactor' in action.data;
}
