// From a stage to the places in other files that build it as a target: for references and rename.
import type { Location, Position, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Stage } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { stagesMatchingTarget } from '../../analysis/graph';
import type { DiscoveredTarget } from '../../analysis/discoveredTarget';
import type { FeatureContext } from '../context';
import { RenameRefused, renameStageTo, stageToRename } from '../rename';
import { stagesOf, symbolAt } from '../locate';

/** The targets (of this Dockerfile) that name the stage exactly: patterns may build it but do not name it. */
function targetsNaming(context: FeatureContext, stage: Stage, targets: readonly DiscoveredTarget[]): DiscoveredTarget[] {
  return targets.filter((target) => target.target !== '' && !target.computed && !hasVariable(target.target)
    && stagesMatchingTarget(context.model.stages, target.target).includes(stage.index));
}

export function targetLocations(targets: readonly DiscoveredTarget[], uriOf: (file: string) => string): Location[] {
  return targets.map((target) => ({ uri: uriOf(target.file), range: target.range }));
}

/**
 * The edits, by file, that write the new name at each target. A file's text is read again first: a file that
 * changed since it was scanned is refused rather than edited at the wrong place.
 */
function targetRenameEdits(targets: readonly DiscoveredTarget[], newName: string, textOf: (file: string) => string | undefined): Map<string, TextEdit[]> {
  const edits = new Map<string, TextEdit[]>();
  for (const target of targets) {
    const text = textOf(target.file);
    if (text === undefined || TextDocument.create('', '', 0, text).getText(target.range) !== target.target) {
      throw new RenameRefused(`${target.origin} changed since it was read: save it, then rename again.`);
    }
    edits.set(target.file, [...edits.get(target.file) ?? [], { range: target.range, newText: newName }]);
  }
  return edits;
}

/** The targets naming the stage at the position (a stage name or a reference to it). */
export function targetsNamingAt(context: FeatureContext, position: Position, targets: readonly DiscoveredTarget[]): DiscoveredTarget[] {
  const symbol = symbolAt(context.model, position);
  if (!symbol) return [];
  return stagesOf(context.model, symbol).flatMap((stage) => targetsNaming(context, stage, targets));
}

/**
 * Rename from the Dockerfile: its own edits, and by file path those of every target naming the stage.
 * `textOf` gives a file's current text, to check each target is still where it was read.
 */
export function renameWithTargets(
  context: FeatureContext, position: Position, newName: string,
  targets: readonly DiscoveredTarget[], textOf: (file: string) => string | undefined,
): { dockerfile: TextEdit[]; elsewhere: Map<string, TextEdit[]> } {
  return renameStageAndTargets(context, stageToRename(context.model, position), newName, targets, textOf);
}

/** The stage's rename in its Dockerfile and, by file path, at every target naming it. */
export function renameStageAndTargets(
  context: FeatureContext, stage: Stage, newName: string,
  targets: readonly DiscoveredTarget[], textOf: (file: string) => string | undefined,
): { dockerfile: TextEdit[]; elsewhere: Map<string, TextEdit[]> } {
  const dockerfile = renameStageTo(context.model, stage, newName);
  return { dockerfile, elsewhere: targetRenameEdits(targetsNaming(context, stage, targets), newName, textOf) };
}
