// From a stage to the places in other files that build it as a target: for references and rename.
import type { Location } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { stagesMatchingTarget } from '../../analysis/graph';
import type { DiscoveredTarget } from '../../analysis/discoveredTarget';
import type { FeatureContext } from '../featureContext';
import { stagesOf, type StageSymbol } from '../locate';

/** The targets (of this Dockerfile) that name the stage exactly: patterns may build it but do not name it. */
export function targetsNaming(context: FeatureContext, stage: Stage, targets: readonly DiscoveredTarget[]): DiscoveredTarget[] {
  return targets.filter((target) => target.target !== '' && !target.computed && !hasVariable(target.target)
    && stagesMatchingTarget(context.model.stages, target.target).includes(stage.index));
}

export function targetLocations(targets: readonly DiscoveredTarget[], uriOf: (file: string) => string): Location[] {
  return targets.map((target) => ({ uri: uriOf(target.file), range: target.range }));
}

/** The build files' targets of a Dockerfile, for the requests that reach them: references and rename. */
export interface BuildingTargets {
  /** Asked only when a stage is named (it looks across the workspace). */
  targets(): readonly DiscoveredTarget[];
  /** The URI to use for a file: the open document's, else a `file:` URI. */
  uriOf(file: string): string;
  /** A file's current text: the open document's, else the saved file's. */
  textOf(file: string): string | undefined;
}

/** The targets naming the stage of a symbol (a stage name or a reference to it). */
export function targetsNamingSymbol(context: FeatureContext, symbol: StageSymbol, targets: readonly DiscoveredTarget[]): DiscoveredTarget[] {
  return stagesOf(context.model, symbol).flatMap((stage) => targetsNaming(context, stage, targets));
}
