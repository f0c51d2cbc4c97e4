// Find all references and document highlight: every place that names the stage at the cursor (and the build
// files' targets that build it), or every declaration and use of the variable's binding.
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Position } from 'vscode-languageserver-types';
import type { Range, StageModel } from '../analysis/model';
import type { FeatureContext } from './featureContext';
import { firstAnswer, stagesOf, type StageSymbol, type VariableSymbol } from './locate';
import { declarationRange } from './definition';
import { bindingOf } from './variableBinding';
import { targetLocations, targetsNamingSymbol, type BuildingTargets } from './buildFiles/stageTargets';

/** What a symbol's references are: written (declarations) and read (uses). */
interface Occurrences {
  readonly declarations: Range[];
  readonly references: Range[];
}

export function references(context: FeatureContext, position: Position, uri: string, includeDeclaration: boolean, building: BuildingTargets): Location[] | undefined {
  return firstAnswer(context.model, position, (symbol) => {
    switch (symbol.kind) {
      case 'stage-declaration':
      case 'stage-reference': {
        const found = stageOccurrences(context.model, symbol);
        if (!found) return undefined;
        const elsewhere = targetLocations(targetsNamingSymbol(context, symbol, building.targets()), building.uriOf);
        return [...locations(found, uri, includeDeclaration), ...elsewhere];
      }
      case 'variable-use':
      case 'variable-declaration':
      case 'global-arg': {
        const found = variableOccurrences(context.model, symbol);
        return found && locations(found, uri, includeDeclaration);
      }
      case 'copied-path':
        return undefined;
    }
  });
}

export function highlight({ model }: FeatureContext, position: Position): DocumentHighlight[] | undefined {
  return firstAnswer(model, position, (symbol) => {
    switch (symbol.kind) {
      case 'stage-declaration':
      case 'stage-reference':
        return highlights(stageOccurrences(model, symbol));
      case 'variable-use':
      case 'variable-declaration':
      case 'global-arg':
        return highlights(variableOccurrences(model, symbol));
      case 'copied-path':
        return undefined;
    }
  });
}

function stageOccurrences(model: StageModel, symbol: StageSymbol): Occurrences | undefined {
  const stages = stagesOf(model, symbol);
  if (stages.length === 0) return undefined;
  return {
    declarations: stages.map(declarationRange),
    references: stages.flatMap((stage) => model.referencesTo[stage.index].map((reference) => reference.range)),
  };
}

function variableOccurrences(model: StageModel, symbol: VariableSymbol): Occurrences | undefined {
  const binding = bindingOf(model, symbol);
  return binding && { declarations: binding.declarations.map((d) => d.nameRange), references: binding.uses.map((u) => u.nameRange) };
}

function locations(found: Occurrences, uri: string, includeDeclaration: boolean): Location[] {
  const ranges = includeDeclaration ? [...found.declarations, ...found.references] : found.references;
  return ranges.map((range) => ({ uri, range }));
}

function highlights(found: Occurrences | undefined): DocumentHighlight[] | undefined {
  return found && [
    ...found.declarations.map((range) => ({ range, kind: DocumentHighlightKind.Write })),
    ...found.references.map((range) => ({ range, kind: DocumentHighlightKind.Read })),
  ];
}
