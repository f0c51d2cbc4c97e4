// The file's stages as a list, for the client's quick picks ("Go to Stage...", "Build Stage...") and its
// status bar: `dockerfileStages/stages`.
import type { StageList, StageSummary } from '../protocol';
import type { FeatureContext } from './featureContext';
import { declarationRange } from './definition';
import { stageLabel } from '../analysis/names';

export function stageList({ model, reachability }: FeatureContext): StageList {
  const stages = model.stages.map((stage): StageSummary => ({
    label: stageLabel(stage),
    index: stage.index,
    name: stage.name?.text,
    base: stage.expandedBase ?? stage.base?.text,
    range: stage.range,
    selectionRange: declarationRange(stage),
    builtBy: reachability.builtBy[stage.index].map((target) => {
      // Reached only where a name built from ARGs names it: said so (`release (default target), if binaries-$TARGETOS names it`).
      const via = reachability.mayBuild[stage.index]?.get(target);
      return `${target.name} (${target.origin}${via ? `, if ${via.text} names it` : ''})`;
    }),
  }));
  return { stages, defaultTarget: stages[stages.length - 1]?.label };
}
