// Go to definition from a `$X` use: the declaration that binds it there, and those its value comes from
// (the stage's `ARG X`, then the global `ARG X=default`).
import type { LocationLink, Position } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import { lookupUse, variableAt } from './locateVariable';

export function findVariableDefinition({ model }: FeatureContext, position: Position, uri: string): LocationLink[] | undefined {
  const symbol = variableAt(model, position);
  if (symbol?.kind !== 'use') return undefined;
  const links = lookupUse(model, symbol.stage, symbol.use).chain.flatMap((origin): LocationLink[] => {
    if (origin.kind === 'automatic') return [];
    const declared = origin.kind === 'global-arg' ? origin.arg : origin.declaration;
    const targetRange = origin.kind === 'global-arg' ? origin.arg.range : { start: declared.nameRange.start, end: origin.declaration.valueRange?.end ?? declared.nameRange.end };
    return [{ originSelectionRange: symbol.use.nameRange, targetUri: uri, targetRange, targetSelectionRange: declared.nameRange }];
  });
  return links.length > 0 ? links : undefined;
}
