// Find all references and document highlight: every place that names the stage at the cursor.
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Position } from 'vscode-languageserver-types';
import type { Range } from '../analysis/model';
import type { FeatureContext } from './context';
import { stagesOf, symbolAt } from './locate';
import { declarationRange } from './definition';

interface Occurrences {
  readonly declarations: Range[];
  readonly references: Range[];
}

function occurrencesAt({ model }: FeatureContext, position: Position): Occurrences | undefined {
  const symbol = symbolAt(model, position);
  if (!symbol) return undefined;
  const stages = stagesOf(model, symbol);
  if (stages.length === 0) return undefined;
  return {
    declarations: stages.map(declarationRange),
    references: stages.flatMap((stage) => model.referencesTo[stage.index].map((reference) => reference.range)),
  };
}

export function findReferences(context: FeatureContext, position: Position, uri: string, includeDeclaration: boolean): Location[] | undefined {
  const found = occurrencesAt(context, position);
  if (!found) return undefined;
  const ranges = includeDeclaration ? [...found.declarations, ...found.references] : found.references;
  return ranges.map((range) => ({ uri, range }));
}

export function highlightStage(context: FeatureContext, position: Position): DocumentHighlight[] | undefined {
  const found = occurrencesAt(context, position);
  if (!found) return undefined;
  return [
    ...found.declarations.map((range) => ({ range, kind: DocumentHighlightKind.Write })),
    ...found.references.map((range) => ({ range, kind: DocumentHighlightKind.Read })),
  ];
}
