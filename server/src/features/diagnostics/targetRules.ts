// A build target that names no stage: BuildKit fails `--target bulid` with
// `target stage "bulid" could not be found (did you mean build?)` (dockerfile2llb/convert.go, resolveTarget;
// the suggestion from util/suggest, `buildkitSuggestion`).
import type { StageModel } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { stagesMatchingTarget } from '../../analysis/graph';
import type { FeatureContext } from '../featureContext';
import type { Finding } from './rules';
import { buildkitSuggestion } from './similarity';
import { TARGETS_SETTING } from '../../settings';

export interface UndefinedTarget {
  readonly name: string;
  /** BuildKit's error, word for word. */
  readonly message: string;
  /** The stage BuildKit suggests, if any. */
  readonly suggestion?: { readonly stage: number; readonly name: string };
}

/** The targets (as `--target` takes them) that name no stage; names built from variables are left alone. */
export function undefinedTargets(model: StageModel, names: readonly string[]): UndefinedTarget[] {
  return names
    .filter((name) => !hasVariable(name) && stagesMatchingTarget(model.stages, name).length === 0)
    .map((name) => {
      const suggestion = suggestStage(model, name);
      const message = `target stage "${name}" could not be found${suggestion ? ` (did you mean ${suggestion.name}?)` : ''}`;
      return { name, message, suggestion };
    });
}

/** BuildKit's suggestion among the stage names as stored (lower-cased). */
function suggestStage(model: StageModel, name: string): UndefinedTarget['suggestion'] {
  const named = model.stages.filter((stage) => stage.normalizedName !== undefined);
  const suggestion = buildkitSuggestion(name, named.map((stage) => stage.normalizedName!));
  const stage = named.find((s) => s.normalizedName === suggestion);
  return stage && { stage: stage.index, name: suggestion! };
}

/**
 * The `dockerfileStages.targets` setting applies to every Dockerfile of the workspace, so a name that is no
 * stage here may well be one of another Dockerfile's: only a name BuildKit would correct to a stage of this
 * file is reported, on that stage's name.
 */
export function checkTargetSetting({ model, reachability }: FeatureContext): Finding[] {
  const fromSetting = reachability.targets.filter((target) => target.origin === TARGETS_SETTING).map((target) => target.name);
  return undefinedTargets(model, fromSetting).flatMap(({ name, message, suggestion }) => {
    if (!suggestion) return [];
    const stage = model.stages[suggestion.stage];
    return [{
      code: 'UndefinedTargetSetting' as const,
      range: stage.name!.range,
      instructionLine: stage.fromRange.start.line,
      message: `${TARGETS_SETTING} names '${name}', which is no stage of this Dockerfile: building it would fail with ${message}.`,
      data: { stage: stage.index, suggestions: [suggestion.name] },
    }];
  });
}
