// Go to definition from a `$X` use: the declaration that binds it there, and those its value comes from
// (the stage's `ARG X`, then the global `ARG X=default`).
import type { LocationLink } from 'vscode-languageserver-types';
import type { StageModel } from '../analysis/model';
import type { VariableSymbol } from './locate';
import { lookupUse } from './locateVariable';

export function findVariableDefinition(model: StageModel, symbol: Extract<VariableSymbol, { kind: 'variable-use' }>, uri: string): LocationLink[] | undefined {
  const links = lookupUse(model, symbol.stage, symbol.use).chain.flatMap((origin): LocationLink[] => {
    if (origin.kind === 'automatic') return [];
    const declared = origin.kind === 'global-arg' ? origin.arg : origin.declaration;
    const targetRange = origin.kind === 'global-arg' ? origin.arg.range : { start: declared.nameRange.start, end: origin.declaration.valueRange?.end ?? declared.nameRange.end };
    return [{ originSelectionRange: symbol.use.nameRange, targetUri: uri, targetRange, targetSelectionRange: declared.nameRange }];
  });
  return links.length > 0 ? links : undefined;
}
