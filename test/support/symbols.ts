// The features of one kind of symbol, asked at a position as the tests ask them: the classifier's symbol of that
// kind there (features/locate.ts), then the feature; undefined where no such symbol stands.
import type { Position } from '../../server/src/analysis/model';
import type { FeatureContext } from '../../server/src/features/featureContext';
import { copiedPathAt, stageSymbolAt, variableAt, type CopiedPathSymbol, type StageSymbol, type VariableSymbol } from '../../server/src/features/locate';
import type { BuildingTargets } from '../../server/src/features/buildFiles/stageTargets';

export function onStage<T>(context: FeatureContext, position: Position, answer: (symbol: StageSymbol) => T): T | undefined {
  const symbol = stageSymbolAt(context.model, position);
  return symbol && answer(symbol);
}

export function onVariable<T>(context: FeatureContext, position: Position, answer: (symbol: VariableSymbol) => T): T | undefined {
  const symbol = variableAt(context.model, position);
  return symbol && answer(symbol);
}

export function onCopiedPath<T>(context: FeatureContext, position: Position, answer: (symbol: CopiedPathSymbol) => T): T | undefined {
  const symbol = copiedPathAt(context.model, position);
  return symbol && answer(symbol);
}

/** A Dockerfile no build file builds. */
export const NO_BUILD_FILES: BuildingTargets = { targets: () => [], uriOf: (file) => `file://${file}`, textOf: () => undefined };
