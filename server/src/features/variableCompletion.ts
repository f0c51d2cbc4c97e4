// Completion after `$` and `${`: the variables in scope there, with value and origin; in a stage, also the
// global and automatic ARGs it does not declare, marked so, whose accept adds `ARG NAME` to the stage (the slot:
// completionSlot.ts).
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { AUTOMATIC_ARGS, fromChain, lookupInFrom, lookupInStage, possibleAncestors, type VariableLookup } from '../analysis/scope';
import type { FeatureContext } from './featureContext';
import type { VariableSlot } from './completionSlot';
import { originText } from './variableHover';
import { declareArg } from './codeActions/edits';
import { valueText } from './valueText';

export function completeVariables(context: FeatureContext, { range, stage }: VariableSlot): CompletionItem[] {
  const { model } = context;
  const line = range.start.line;
  const item = (lookup: VariableLookup, outOfScope?: Stage): CompletionItem => ({
    label: lookup.name,
    kind: CompletionItemKind.Variable,
    detail: outOfScope ? `not in scope here: accepting adds ARG ${lookup.name} to the stage` : lookup.value !== undefined ? `= ${lookup.value}` : originText(model, lookup.chain[0]),
    documentation: lookup.chain.map((origin) => originText(model, origin)).join('\n'),
    sortText: `${outOfScope ? 1 : 0}${lookup.name}`,
    textEdit: { range, newText: lookup.name },
    additionalTextEdits: outOfScope ? [declareArg(model, outOfScope, lookup.name)] : undefined,
  });
  // Before the first FROM, a global ARG's default sees the ones declared above it.
  const globals = [...new Set([...model.globalArgs.filter((arg) => stage !== undefined || arg.range.start.line < line).map((arg) => arg.name), ...AUTOMATIC_ARGS.keys()])];
  // In a FROM line or before the first FROM, only the global and automatic ARGs are in scope.
  if (!stage || line <= stage.fromRange.end.line) return globals.map((name) => item(lookupInFrom(model, name)));
  const visible = namesVisibleIn(model, stage, line);
  const inScope = visible.map((name) => lookupInStage(model, stage.index, line, name)).filter((lookup) => lookup.chain.length > 0);
  const possible = namesPossiblyInherited(model, stage).filter((name) => !visible.includes(name)).map((name) => lookupInStage(model, stage.index, line, name)).filter((lookup) => lookup.chain.length === 0 && lookup.possibleOrigins.length > 0);
  const outside = globals.filter((name) => !visible.includes(name) && !possible.some((lookup) => lookup.name === name)).map((name) => item(lookupInFrom(model, name), stage));
  return [...inScope.map((lookup) => item(lookup)), ...possible.map((lookup) => possibleItem(lookup)), ...outside];

  /** A name only some of the stages a FROM built from ARGs may name set: its value depends on the build. */
  function possibleItem(lookup: VariableLookup): CompletionItem {
    const text = valueText(lookup.evaluation);
    return {
      label: lookup.name,
      kind: CompletionItemKind.Variable,
      detail: text.kind === 'depends' ? text.text : 'depends on the stage this one is built on',
      documentation: lookup.possibleOrigins.map((origin) => originText(model, origin)).join('\n'),
      sortText: `0${lookup.name}`,
      textEdit: { range, newText: lookup.name },
    };
  }
}

/** The names declared in the stages a FROM built from ARGs may build this one on (none for a chain that starts on an image). */
function namesPossiblyInherited(model: StageModel, stage: Stage): string[] {
  const names = new Set<string>();
  for (const index of possibleAncestors(model, stage)) for (const declaration of model.stages[index].declarations) names.add(declaration.name);
  return [...names];
}

/** The names the stage's own declarations before the line, and those of the stages it is built FROM, declare. */
function namesVisibleIn(model: StageModel, stage: Stage, line: number): string[] {
  const names = new Set<string>();
  for (const current of fromChain(model, stage)) {
    for (const declaration of current.declarations) if (current !== stage || declaration.instructionLine < line) names.add(declaration.name);
  }
  return [...names];
}
