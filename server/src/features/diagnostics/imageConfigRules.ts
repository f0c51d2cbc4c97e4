// BuildKit's checks of the image config a stage builds up (convert.go, as each stage is dispatched), with
// BuildKit's names and messages: JSONArgsRecommended (a shell-form CMD or ENTRYPOINT while no SHELL is set),
// MultipleInstructionsDisallowed (a second CMD, ENTRYPOINT or HEALTHCHECK in a stage: the first is reported,
// validateUsedOnce) and WorkdirRelativePath (the first WORKDIR of a FROM chain is relative). A stage takes its
// SHELL and whether a WORKDIR was set from the stage it is built FROM (dispatchState.init); an image is taken to
// set neither (BuildKit would read its config: an image whose config sets a SHELL is not known here).
import type { Stage, StageModel } from '../../analysis/model';
import type { Finding } from './rules';
import { findingOn, readBody, type ReadInstruction } from './buildkitInstructions';
import { goQuote } from '../../analysis/goFormat';
import { literalWord } from './shellWord';
import { StageMemo } from './stageMemo';

export function checkImageConfig(model: StageModel): Finding[] {
  const inherited = inheritedStates(model);
  return model.stages.flatMap((stage) => {
    const start = inherited[stage.index];
    // Every instruction counts (a CMD not read could be the first one): a stage with one not read is left alone.
    if (!start || readBody(stage).length !== stage.instructions.length) return [];
    return BY_STAGE.keyed(stage, [start.shellSet, start.workdirSet], () => stageFindings(stage, start, model.escapeCharacter));
  });
}

/** A stage's findings depend on its own instructions and what it starts with alone. */
const BY_STAGE = new StageMemo<readonly Finding[]>();

function stageFindings(stage: Stage, start: ConfigState, escape: string): Finding[] {
  const findings: Finding[] = [];
  let { shellSet, workdirSet } = start;
  const lastOf = new Map<string, ReadInstruction>();
  for (const instruction of readBody(stage)) {
    const { reading } = instruction;
    const keyword = reading.written.toLowerCase();
    if ((keyword === 'cmd' || keyword === 'entrypoint') && !reading.json && shellSet === false) {
      findings.push(findingOn(instruction, 'JSONArgsRecommended', `JSON arguments recommended for ${reading.written} to prevent unintended behavior related to OS signals`));
    }
    if (keyword === 'cmd' || keyword === 'entrypoint' || keyword === 'healthcheck') {
      const previous = lastOf.get(keyword);
      // The instruction that is ignored is reported; the comments above the later one decide the skip.
      const message = `Multiple ${reading.written} instructions should not be used in the same stage because only the last one will be used`;
      if (previous) findings.push({ ...findingOn(instruction, 'MultipleInstructionsDisallowed', message), range: previous.range, reportedLine: previous.range.start.line });
      lastOf.set(keyword, instruction);
    }
    if (keyword === 'shell') shellSet = true;
    if (keyword === 'workdir') {
      if (workdirSet === false) findings.push(...relativeWorkdir(instruction, escape));
      workdirSet = true;
    }
  }
  return findings;
}

/** Whether a SHELL, a WORKDIR has been set; undefined where it depends on what the build passes. */
interface ConfigState {
  readonly shellSet?: boolean;
  readonly workdirSet?: boolean;
}

/** An image, as taken here: no SHELL in its config, and no WORKDIR set by this Dockerfile. */
const IMAGE: ConfigState = { shellSet: false, workdirSet: false };

/**
 * What each stage starts with from its base (dispatchState.init), in file order (a FROM names an earlier stage).
 * A base built from ARGs may be any of the stages it could name or an image: the state is known where they all
 * agree. Undefined where a base has ONBUILD triggers (they run first in the stage and are not followed here).
 */
function inheritedStates(model: StageModel): (ConfigState | undefined)[] {
  const after: (ConfigState | undefined)[] = [];
  return model.stages.map((stage) => {
    const resolution = model.baseReferences[stage.index]?.resolution;
    const bases = resolution?.kind === 'stage' ? [resolution.stage] : resolution?.kind === 'pattern' ? resolution.stages : stagesItMayName(model, stage);
    const states = [...(resolution?.kind === 'stage' ? [] : [IMAGE]), ...bases.map((index) => index < stage.index ? after[index] : undefined)];
    const known = bases.every((index) => !keywordsSet(model.stages[index]).onbuild)
      && states.every((state): state is ConfigState => state !== undefined);
    const inherited = known ? { shellSet: agreed(states.map((state) => state!.shellSet)), workdirSet: agreed(states.map((state) => state!.workdirSet)) } : undefined;
    after.push(inherited && stateAfter(stage, inherited));
    return inherited;
  });
}

/** A base whose variables have no default here (`${TARGETOS}`) may name any earlier stage its pattern matches. */
function stagesItMayName(model: StageModel, stage: Stage): number[] {
  const evaluation = stage.baseEvaluation;
  if (!evaluation || stage.expandedBase !== undefined) return [];
  const pattern = new RegExp(`^(?:${evaluation.pattern})$`);
  return model.stages.slice(0, stage.index).filter((earlier) => earlier.normalizedName !== undefined && pattern.test(earlier.normalizedName)).map((earlier) => earlier.index);
}

function agreed(values: readonly (boolean | undefined)[]): boolean | undefined {
  return values.every((value) => value === values[0]) ? values[0] : undefined;
}

function stateAfter(stage: Stage, inherited: ConfigState): ConfigState {
  const sets = keywordsSet(stage);
  return { shellSet: sets.shell || inherited.shellSet, workdirSet: sets.workdir || inherited.workdirSet };
}

const KEYWORDS_SET = new WeakMap<Stage, { shell?: true; workdir?: true; onbuild?: true }>();

/** Whether a stage has a SHELL, a WORKDIR, an ONBUILD (looked at once per stage, as every version asks again). */
function keywordsSet(stage: Stage): { shell?: true; workdir?: true; onbuild?: true } {
  let sets = KEYWORDS_SET.get(stage);
  if (!sets) {
    const has = (keyword: string) => stage.instructions.some((instruction) => instruction.keyword === keyword) || undefined;
    KEYWORDS_SET.set(stage, sets = { shell: has('SHELL'), workdir: has('WORKDIR'), onbuild: has('ONBUILD') });
  }
  return sets;
}

/**
 * WORKDIR's path after variable expansion (unknown with variables): relative unless it starts with `/`. A
 * Windows path (`C:\app`, `\app`) is absolute or not depending on the platform, and is left alone.
 */
function relativeWorkdir(instruction: ReadInstruction, escape: string): Finding[] {
  const { args } = instruction.reading;
  const path = args.length === 1 ? literalWord(args[0], escape) : undefined;
  if (path === undefined || path.startsWith('/') || /^[A-Za-z]:|^\\/.test(path)) return [];
  return [findingOn(instruction, 'WorkdirRelativePath', `Relative workdir ${goQuote(path)} can have unexpected results if the base image changes`)];
}
