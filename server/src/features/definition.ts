// Go to definition: from a stage reference to the stage's name in `FROM ... AS name` (or its FROM line), from a
// `$X` to the declarations it binds to, from a copied path to the instruction that makes it.
import type { LocationLink, Position } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import type { FeatureContext } from './featureContext';
import { firstAnswer, stagesOf, type StageSymbol } from './locate';
import { findVariableDefinition } from './variableDefinition';
import { findCopySourceDefinition } from './copySources';

export function definition({ model }: FeatureContext, position: Position, uri: string): LocationLink[] | undefined {
  return firstAnswer(model, position, (symbol) => {
    switch (symbol.kind) {
      case 'stage-declaration':
      case 'stage-reference':
        return findDefinition(model, symbol, uri);
      case 'variable-use':
        return findVariableDefinition(model, symbol, uri);
      case 'variable-declaration':
      case 'global-arg':
        return undefined;
      case 'copied-path':
        return findCopySourceDefinition(model, symbol, uri);
    }
  });
}

export function findDefinition(model: StageModel, symbol: StageSymbol, uri: string): LocationLink[] | undefined {
  const origin = symbol.kind === 'stage-declaration' ? symbol.stage.name!.range : symbol.reference.range;
  const stages = stagesOf(model, symbol);
  if (stages.length === 0) return undefined;
  return stages.map((stage) => ({
    originSelectionRange: origin,
    targetUri: uri,
    targetRange: stage.fromRange,
    targetSelectionRange: declarationRange(stage),
  }));
}

/** Where a stage is declared: its name, or for an unnamed stage the FROM keyword. */
export function declarationRange(stage: Stage) {
  return stage.name?.range ?? stage.fromKeyword.range;
}
