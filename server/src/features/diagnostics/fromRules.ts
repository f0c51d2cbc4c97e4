// BuildKit's checks on the variables of FROM lines, as dockerfile2llb decides them (convert.go,
// buildDispatchStates; validations.go), with BuildKit's names and messages, and PlatformOnStageReference (ours).
// BuildKit runs them on every stage, built or not.
import type { Stage, StageModel } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { parsePlatform } from '../../analysis/platforms';
import { AUTOMATIC_ARGS, parentStage } from '../../analysis/scope';
import type { Finding } from './rules';
import { buildkitSuggestion } from './similarity';
import { stageLabel } from '../../analysis/names';
import { basesAsBuilt, globalsAsBuilt } from './buildDefaults';
import { StageMemo } from './stageMemo';

export function checkFromLines(model: StageModel): Finding[] {
  const findings: Finding[] = [];
  const declared = [...new Set(model.globalArgs.map((arg) => arg.name))];
  const { failure } = globalsAsBuilt(model);
  const bases = basesAsBuilt(model);
  // validateBaseImagesWithDefaultArgs gives up on the first word the lexer fails on (`${X:?}` unset).
  let validating = !failure;
  for (const stage of model.stages) {
    const at = { instructionLine: stage.fromRange.start.line, data: { stage: stage.index } };
    // Every base, with variables or not (validateBaseImagesWithDefaultArgs): `FROM Builder` and `FROM alpine:` too.
    if (bases[stage.index]?.required) validating = false;
    const invalidDefault: Finding[] = validating && bases[stage.index]?.referenceError !== undefined
      ? [{ ...at, code: 'InvalidDefaultArgInFrom', range: stage.base!.range, message: `Default value for ARG ${stage.base!.text} results in empty or invalid base image name` }]
      : [];
    const [undefinedArgs, platformFindings] = BY_STAGE.get(model, stage, () => [
      undefinedArgsInFrom(stage, declared).map((finding) => ({ ...at, ...finding })),
      platformChecks(model, stage, at),
    ]);
    findings.push(...undefinedArgs, ...invalidDefault, ...platformFindings);
  }
  return findings;
}

/** Per stage, what its FROM line gets beside InvalidDefaultArgInFrom (which the stages before it decide). */
const BY_STAGE = new StageMemo<readonly [readonly Finding[], readonly Finding[]]>();

/** RedundantTargetPlatform, FromPlatformFlagConstDisallowed and PlatformOnStageReference on the FROM's `--platform`. */
function platformChecks(model: StageModel, stage: Stage, at: Pick<Finding, 'instructionLine' | 'data'>): Finding[] {
  const findings: Finding[] = [];
  const platform = stage.platform;
  if (platform) {
    if (/^\$(?:TARGETPLATFORM|\{TARGETPLATFORM(?::?-[^}]*)?\})$/.test(platform.text)) {
      findings.push({ ...at, code: 'RedundantTargetPlatform', range: platform.range, message: `Setting platform to predefined ${platform.text} in FROM is redundant as this is the default behavior` });
    }
    // A lone OS or architecture takes its other half from the builder: the name cannot be judged for it.
    const constant = hasVariable(platform.text) ? undefined : parsePlatform(platform.text);
    if (typeof constant === 'object' && constant.os !== undefined && constant.architecture !== undefined
      && !(stage.normalizedName ?? '').includes(constant.os) && !(stage.normalizedName ?? '').includes(constant.architecture)) {
      findings.push({ ...at, code: 'FromPlatformFlagConstDisallowed', range: platform.range, message: `FROM --platform flag should not use constant value "${platform.text}"` });
    }
    const from = parentStage(model, stage);
    if (from) {
      findings.push({
        ...at,
        code: 'PlatformOnStageReference',
        range: platform.range,
        message: `--platform is ignored on FROM ${stage.base!.text}: a stage built FROM another stage takes that stage's platform${from.platform ? ` (${from.platform.text})` : ''}. Set the platform on stage '${stageLabel(from)}' itself.`,
        data: { stage: stage.index },
      });
    }
  }
  return findings;
}

/**
 * UndefinedArgInFrom: a variable in FROM (image or --platform) that no global ARG declares and BuildKit does not
 * set (reportUnusedFromArgs); the suggestion from the declared and automatic names.
 */
function undefinedArgsInFrom(stage: Stage, declared: readonly string[]): Pick<Finding, 'code' | 'range' | 'message'>[] {
  const isKnown = (name: string) => AUTOMATIC_ARGS.has(name) || declared.includes(name);
  const reported = new Set<string>();
  return stage.uses.filter((use) => use.keyword === 'FROM' && !isKnown(use.name) && !reported.has(use.name) && reported.add(use.name)).map((use) => {
    const known = [...declared, ...AUTOMATIC_ARGS.keys()];
    const suggestion = buildkitSuggestion(use.name, known);
    return { code: 'UndefinedArgInFrom' as const, range: use.nameRange, message: `FROM argument '${use.name}' is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}` };
  });
}
