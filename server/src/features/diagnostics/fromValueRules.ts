// What BuildKit fails on when it expands the global ARGs and each FROM line with them (buildMetaArgs and
// buildDispatchStates in dockerfile2llb/convert.go): a `${X:?}` whose X is unset (the lexer's error,
// RequiredArgUnset), and a `--platform` that expands to no platform (InvalidPlatform: empty, or what containerd's
// platforms.Parse rejects: analysis/platforms.ts). Like the
// base name's failures (baseNameRules.ts): an error where no build arg avoids it, else a warning naming them.
import type { Located, Stage, StageModel } from '../../analysis/model';
import { asBuilt, basesAsBuilt, globalsAsBuilt, requiredVariableError, settableVariables } from './buildDefaults';
import { failure } from './baseNameRules';
import { parsePlatform } from '../../analysis/platforms';
import type { Finding } from './rules';

export function checkFromValues(model: StageModel): Finding[] {
  const { values, failure: globalFailure } = globalsAsBuilt(model);
  if (globalFailure) {
    const { arg, message } = globalFailure;
    // `--build-arg NAME` replaces the default, which is then never expanded.
    return [{ code: 'RequiredArgUnset', range: arg.valueRange ?? arg.nameRange, instructionLine: arg.range.start.line, phase: 'metaArgs', ...failure([arg.name], message) }];
  }
  const bases = basesAsBuilt(model);
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    if (stage.malformed) continue;
    const at = (part: Located) => ({ range: part.range, instructionLine: stage.fromRange.start.line, data: { stage: stage.index } });
    const baseError = bases[stage.index]?.required;
    if (stage.base && baseError) findings.push({ code: 'RequiredArgUnset', ...at(stage.base), ...failure(settableVariables(model, stage, stage.base), baseError.message) });
    if (baseError || !stage.platform) continue;
    const platform = checkPlatform(model, stage, stage.platform, values);
    if (platform) findings.push({ ...at(stage.platform), ...platform });
  }
  return findings;
}

function checkPlatform(model: StageModel, stage: Stage, platform: Located, values: ReadonlyMap<string, string | undefined>): Pick<Finding, 'code' | 'message' | 'severity' | 'phase'> | undefined {
  const settable = () => settableVariables(model, stage, platform);
  const required = requiredVariableError(platform.text, values);
  if (required) return { code: 'RequiredArgUnset', ...failure(settable(), `failed to process arguments for platform : ${required.message}`) };
  const value = asBuilt(platform.text, values);
  if (value === '') return { code: 'InvalidPlatform', ...failure(settable(), `empty platform value from expression ${platform.text}`) };
  const parsed = value === undefined ? undefined : parsePlatform(value);
  return typeof parsed === 'string' ? { code: 'InvalidPlatform', ...failure(settable(), `failed to parse platform ${platform.text}: ${parsed}`) } : undefined;
}
