// Find references and highlight for a variable: its binding's declarations (written) and uses (read).
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Position } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import { variableAt } from './locateVariable';
import { bindingOf } from './variableBinding';

export function findVariableReferences({ model }: FeatureContext, position: Position, uri: string, includeDeclaration: boolean): Location[] | undefined {
  const symbol = variableAt(model, position);
  const binding = symbol && bindingOf(model, symbol);
  if (!binding) return undefined;
  const ranges = [...(includeDeclaration ? binding.declarations.map((d) => d.nameRange) : []), ...binding.uses.map((u) => u.nameRange)];
  return ranges.map((range) => ({ uri, range }));
}

export function highlightVariable({ model }: FeatureContext, position: Position): DocumentHighlight[] | undefined {
  const symbol = variableAt(model, position);
  const binding = symbol && bindingOf(model, symbol);
  if (!binding) return undefined;
  return [
    ...binding.declarations.map((d) => ({ range: d.nameRange, kind: DocumentHighlightKind.Write })),
    ...binding.uses.map((u) => ({ range: u.nameRange, kind: DocumentHighlightKind.Read })),
  ];
}
