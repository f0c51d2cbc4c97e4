// Rename a stage from a `target` value in a compose, bake or devcontainer file: the Dockerfile and every file
// that names the stage as a target change together.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import type { DiscoveredTarget } from '../../analysis/discoveredTarget';
import { RenameRefused, renameStageAndTargets } from '../rename';
import { buildAt, stagesBuiltBy, type DockerfileAt, type BuildFileContext } from './buildFileContext';

export function prepareTargetRename(context: BuildFileContext, position: Position): { range: Range; placeholder: string } | undefined {
  const found = buildAt(context, position);
  if (!found) return undefined;
  stageOf(found.dockerfile, found.target);
  return { range: found.target.range, placeholder: found.target.target };
}

/**
 * The edits by file path: the Dockerfile's and those of every target naming the stage. `targetsOf` gives a
 * Dockerfile's targets across the workspace, `textOf` a file's current text.
 */
export function renameFromTarget(
  context: BuildFileContext, position: Position, newName: string,
  targetsOf: (dockerfile: string) => readonly DiscoveredTarget[], textOf: (file: string) => string | undefined,
): Map<string, TextEdit[]> {
  const found = buildAt(context, position);
  if (!found) throw new RenameRefused('Only a stage named by a target can be renamed here.');
  const { target, dockerfile } = found;
  const renamed = renameStageAndTargets(dockerfile.context, stageOf(dockerfile, target), newName, targetsOf(target.dockerfile), textOf);
  return renamed.elsewhere.set(target.dockerfile, renamed.dockerfile);
}

function stageOf(dockerfile: DockerfileAt, target: DiscoveredTarget): Stage {
  const stages = stagesBuiltBy(dockerfile.context, target);
  if (stages.length === 0) throw new RenameRefused(`'${target.target}' names no stage of its Dockerfile.`);
  if (stages.length > 1) throw new RenameRefused(`'${target.target}' is a pattern that may name several stages: rename the stage itself.`);
  return stages[0];
}
