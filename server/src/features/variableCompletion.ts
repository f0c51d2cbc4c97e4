// Completion after `$` and `${`: the variables in scope there, with value and origin; in a stage, also the
// global and automatic ARGs it does not declare, marked so, whose accept adds `ARG NAME` to the stage.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { AUTOMATIC_ARGS, fromChain, lookupInFrom, lookupInStage, type VariableLookup } from '../analysis/scope';
import type { FeatureContext } from './context';
import { enclosingStage, referenceAt } from './locate';
import { originText } from './variableHover';
import { declareArg } from './codeActions/edits';
import { DocumentText } from './documentText';

export function completeVariables(context: FeatureContext, position: Position): CompletionItem[] | undefined {
  const { model } = context;
  // `--from=$X` and mount `from=$X` are never expanded (VariableInStageReference); FROM's image is.
  const reference = referenceAt(model, position);
  if (reference && reference.kind !== 'from') return undefined;
  const document = new DocumentText(context.text);
  if (position.line >= document.lineCount) return undefined;
  const line = document.lineText(position.line);
  // A client may ask past the end of the line.
  const character = Math.min(position.character, line.length);
  const typed = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(line.slice(0, character));
  if (!typed) return undefined;
  const rest = /^[A-Za-z0-9_]*/.exec(line.slice(character))![0];
  const range = { start: { line: position.line, character: character - (typed[1]?.length ?? 0) }, end: { line: position.line, character: character + rest.length } };
  const stage = enclosingStage(model, position.line);
  const inFrom = !stage || position.line <= stage.fromRange.end.line;
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
  const globals = [...new Set([...model.globalArgs.filter((arg) => stage !== undefined || arg.range.start.line < position.line).map((arg) => arg.name), ...AUTOMATIC_ARGS.keys()])];
  if (inFrom) return globals.map((name) => item(lookupInFrom(model, name)));
  const visible = namesVisibleIn(model, stage, position.line);
  const inScope = visible.map((name) => lookupInStage(model, stage.index, position.line, name)).filter((lookup) => lookup.chain.length > 0);
  const outside = globals.filter((name) => !visible.includes(name)).map((name) => item(lookupInFrom(model, name), stage));
  return [...inScope.map((lookup) => item(lookup)), ...outside];
}

/** The names the stage's own declarations before the line, and those of the stages it is built FROM, declare. */
function namesVisibleIn(model: StageModel, stage: Stage, line: number): string[] {
  const names = new Set<string>();
  for (const current of fromChain(model, stage)) {
    for (const declaration of current.declarations) if (current !== stage || declaration.instructionLine < line) names.add(declaration.name);
  }
  return [...names];
}
