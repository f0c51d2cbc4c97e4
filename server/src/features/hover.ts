// Hover: on a stage name or a reference, the stage card (on an image reference, that it is no stage); on a
// variable, its value and origin; on a copied path, what makes it; on a path of the build context, what a change
// to it re-runs.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { StageModel, StageReference } from '../analysis/model';
import { implicitStatesBefore } from '../analysis/dispatchStates';
import type { FeatureContext } from './featureContext';
import { firstAnswer, stagesOf, type StageSymbol } from './locate';
import { hoverVariable } from './variableHover';
import { hoverCopySource } from './copySources';
import { hoverCacheImpact } from './cacheImpact/cacheHover';
import { stageCard } from './stageCard';
import { stageLabel } from '../analysis/names';

export function hover(context: FeatureContext, position: Position): Hover | undefined {
  // A path the build context provides (a COPY source, a bind mount) is no symbol yet: what a change to it re-runs.
  return firstAnswer(context.model, position, (symbol) => {
    switch (symbol.kind) {
      case 'stage-declaration':
      case 'stage-reference':
        return hoverStage(context, symbol);
      case 'variable-use':
      case 'variable-declaration':
      case 'global-arg':
        return hoverVariable(context, symbol);
      case 'copied-path':
        return hoverCopySource(context.model, symbol);
    }
  }) ?? hoverCacheImpact(context, position);
}

export function hoverStage(context: FeatureContext, symbol: StageSymbol): Hover | undefined {
  const { model } = context;
  const range = symbol.kind === 'stage-declaration' ? symbol.stage.name!.range : symbol.reference.range;
  const stages = stagesOf(model, symbol);
  let value: string | undefined;
  if (stages.length === 1) value = stageCard(context, stages[0]);
  else if (stages.length > 1) value = `\`${(symbol as { reference: StageReference }).reference.text}\` is built from ARGs and may name any of: ${stages.map((s) => `**${stageLabel(s)}**`).join(', ')}`;
  else if (symbol.kind === 'stage-reference') value = namedContextText(context, symbol.reference) ?? unresolvedText(model, symbol.reference);
  return value === undefined ? undefined : { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** A name a build passes as a named build context (bake `contexts`): BuildKit takes that, not an image. */
function namedContextText({ reachability }: FeatureContext, reference: StageReference): string | undefined {
  if (reference.resolution.kind !== 'image' || reference.inStage < 0) return undefined;
  const setting = (reachability.builtBy[reference.inStage] ?? []).flatMap((target) => {
    const named = target.contexts?.[reference.text];
    return named ? [`- ${named.origin}: \`${named.value}\` for target \`${target.name}\``] : [];
  });
  if (setting.length === 0) return undefined;
  return [`\`${reference.text}\` is a named build context, not an image: BuildKit takes what the build passes for it.`, ...new Set(setting)].join('\n\n');
}

function unresolvedText(model: StageModel, reference: StageReference): string | undefined {
  switch (reference.resolution.kind) {
    case 'image':
      return reference.kind === 'from' ? undefined : `\`${reference.text}\` is an image or a named build context, not a stage of this Dockerfile.`;
    case 'mount-index':
      return `\`${reference.text}\`: mounts take stage names only, so this is an image called \`${reference.text}\`.`;
    case 'index-out-of-range': {
      // BuildKit's index goes on past the stages, over the images and mounts that name none (dispatchStates.ts).
      const state = implicitStatesBefore(model, reference)[Number(reference.text) - model.stages.length];
      if (!state) return `There is no stage #${reference.text}.`;
      return `There is no stage #${reference.text}: BuildKit's state ${reference.text} is ${state.name === 'scratch' && state.by === 'mount' ? 'the empty state a mount without `from=`' : `the image \`${state.name}\` that ${state.by === 'copy' ? 'COPY --from' : 'a mount'}`} on line ${state.line + 1} adds.`;
    }
    case 'variable':
      return `BuildKit does not expand variables in \`${reference.kind === 'mount-from' ? 'from=' : '--from='}\`.`;
    default:
      return undefined;
  }
}
