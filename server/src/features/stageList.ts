// The file's stages as a list, for the client's quick picks ("Go to Stage...", "Build Stage...") and its
// status bar: `dockerfileStages/stages`.
import type { Range } from '../analysis/model';
import type { FeatureContext } from './context';
import { declarationRange } from './definition';
import { stageLabel } from '../analysis/names';

export const STAGES_REQUEST = 'dockerfileStages/stages';

export interface StageSummary {
  readonly label: string;
  readonly index: number;
  /** The name `--target` takes; absent for an unnamed stage. */
  readonly name?: string;
  readonly base?: string;
  /** The whole stage, and its name (or FROM keyword). */
  readonly range: Range;
  readonly selectionRange: Range;
  /** The targets that build it, e.g. `release (default target)`; empty when unused. */
  readonly builtBy: readonly string[];
}

export interface StageList {
  readonly stages: readonly StageSummary[];
  /** The stage `docker build` builds without `--target`: the last one. */
  readonly defaultTarget?: string;
}

export function stageList({ model, reachability }: FeatureContext): StageList {
  const stages = model.stages.map((stage): StageSummary => ({
    label: stageLabel(stage),
    index: stage.index,
    name: stage.name?.text,
    base: stage.expandedBase ?? stage.base?.text,
    range: stage.range,
    selectionRange: declarationRange(stage),
    builtBy: reachability.builtBy[stage.index].map((target) => `${target.name} (${target.origin})`),
  }));
  return { stages, defaultTarget: stages[stages.length - 1]?.label };
}
