// What the features of compose, bake and devcontainer files are given: the targets the file names (read from
// its current text) and access to the Dockerfiles they build.
import { posix } from '../../analysis/posixPath';
import type { Position } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import { stagesMatchingTarget } from '../../analysis/graph';
import { rangeContains } from '../../analysis/positions';
import type { DiscoveredTarget } from '../../analysis/discoveredTarget';
import type { FeatureContext } from '../featureContext';

/** A Dockerfile a target builds: where it is and its analysis. */
export interface DockerfileAt {
  readonly uri: string;
  readonly context: FeatureContext;
}

export interface BuildFileContext {
  /** The targets this file names, in order. */
  readonly targets: readonly DiscoveredTarget[];
  /** The Dockerfile at an absolute path, when it exists and can be read. */
  dockerfile(path: string): DockerfileAt | undefined;
}

/** The target whose value the position is in (or right after: an empty value is completed there). */
export function targetAt(targets: readonly DiscoveredTarget[], position: Position): DiscoveredTarget | undefined {
  return targets.find((target) => rangeContains(target.range, position)
    || (target.target === '' && target.range.start.line === position.line && position.character >= target.range.start.character));
}

/** The stages a target builds: the last one of that name, in any case; any matching one for a pattern. */
export function stagesBuiltBy(context: FeatureContext, target: DiscoveredTarget): Stage[] {
  return stagesMatchingTarget(context.model.stages, target.target).map((index) => context.model.stages[index]);
}

/** The written target at the position and the Dockerfile it builds, when that Dockerfile can be read. */
export function buildAt(context: BuildFileContext, position: Position): { target: DiscoveredTarget; dockerfile: DockerfileAt } | undefined {
  const target = targetAt(context.targets, position);
  const dockerfile = target && target.target !== '' ? context.dockerfile(target.dockerfile) : undefined;
  return target && dockerfile ? { target, dockerfile } : undefined;
}

/** The Dockerfile's path as the user would write it from the file naming the target. */
export function dockerfileLabel(target: DiscoveredTarget): string {
  return posix.relative(posix.dirname(slashed(target.file)), slashed(target.dockerfile));
}

/** A workspace path with `/` between its parts: Windows paths (`C:\a\b`) are the host's on the desktop. */
function slashed(path: string): string {
  return /^[A-Za-z]:\\/.test(path) ? path.replace(/\\/g, '/') : path;
}
