// Definition and hover on a `target` value: the stage it builds in its Dockerfile.
import { MarkupKind, type Hover, type LocationLink, type Position } from 'vscode-languageserver-types';
import { declarationRange } from '../definition';
import { stageCard } from '../stageCard';
import { buildAt, dockerfileLabel, stagesBuiltBy, type BuildFileContext } from './buildFileContext';

export function findTargetDefinition(context: BuildFileContext, position: Position): LocationLink[] | undefined {
  const found = buildAt(context, position);
  if (!found) return undefined;
  const { target, dockerfile } = found;
  return stagesBuiltBy(dockerfile.context, target).map((stage) => ({
    originSelectionRange: target.range,
    targetUri: dockerfile.uri,
    targetRange: stage.fromRange,
    targetSelectionRange: declarationRange(stage),
  }));
}

export function hoverTarget(context: BuildFileContext, position: Position): Hover | undefined {
  const found = buildAt(context, position);
  if (!found) return undefined;
  const { target, dockerfile } = found;
  const stages = stagesBuiltBy(dockerfile.context, target);
  if (stages.length === 0) return undefined;
  const cards = stages.map((stage) => stageCard(dockerfile.context, stage)).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value: `Stage of \`${dockerfileLabel(target)}\`\n\n${cards}` }, range: target.range };
}
