// Go to definition: from any reference to the stage's name in `FROM ... AS name` (or its FROM line).
import type { LocationLink, Position } from 'vscode-languageserver-types';
import type { Stage } from '../analysis/model';
import type { FeatureContext } from './context';
import { stagesOf, symbolAt } from './locate';

export function findDefinition({ model }: FeatureContext, position: Position, uri: string): LocationLink[] | undefined {
  const symbol = symbolAt(model, position);
  if (!symbol) return undefined;
  const origin = symbol.kind === 'declaration' ? symbol.stage.name!.range : symbol.reference.range;
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
