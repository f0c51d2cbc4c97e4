// What `COPY --from=N` indexes: BuildKit's list of dispatch states (dockerfile2llb/convert.go,
// dispatchStates.findStateByIndex), which holds every stage and then the implicit states that
// buildStageDependencyGraph appends as it meets them, stage by stage, instruction by instruction: the image a
// `COPY --from=<name>` names when no stage has that name (toCommand), and the source of each RUN mount that names
// no stage, a mount without `from=` standing for `scratch` (detectRunMount); and once more each time a
// `COPY --from=N` names such a state, since every source still marked unregistered is appended again. So an index
// past the last stage may be an image, or an empty state, or no state at all ("invalid stage index"), depending
// on what came before it.
import type { Stage, StageModel, StageReference } from './model';
import { isStageIndex, normalizeStageName } from './names';

/** A state BuildKit adds for a name that is no stage. */
export interface ImplicitState {
  /** The image or named context pulled, or `scratch` (empty) for a mount without `from=`. */
  readonly name: string;
  /** `COPY --from` or a RUN mount. */
  readonly by: 'copy' | 'mount';
  /** The line of the instruction that adds it. */
  readonly line: number;
}

/**
 * The implicit states BuildKit has added when it meets `reference`, in order (state `stageCount + i` is the i-th).
 * Only COPY and RUN instructions of the stages before, and of its own stage before it, add any; ONBUILD triggers
 * are read later, where they run.
 */
export function implicitStatesBefore(model: StageModel, reference: StageReference): ImplicitState[] {
  return implicitStatesUntil(model, reference.inStage, reference.instructionLine);
}

/** Every implicit state the stages add: what an ONBUILD trigger's index counts, read once they all are. */
export function implicitStates(model: StageModel): ImplicitState[] {
  return implicitStatesUntil(model, model.stages.length - 1, Number.POSITIVE_INFINITY);
}

function implicitStatesUntil(model: StageModel, lastStage: number, beforeLine: number): ImplicitState[] {
  const names = new Set(model.stages.flatMap((stage) => stage.normalizedName === undefined ? [] : [stage.normalizedName]));
  const copyFrom = new Map(model.references.filter((r) => r.kind === 'copy-from' && !r.onbuild).map((r) => [`${r.inStage}:${r.instructionLine}`, r]));
  const states: ImplicitState[] = [];
  for (const stage of model.stages.slice(0, lastStage + 1)) {
    for (const instruction of stage.instructions) {
      const line = instruction.range.start.line;
      if (stage.index === lastStage && line >= beforeLine) return states;
      const copy = instruction.keyword === 'COPY' ? copyFrom.get(`${stage.index}:${line}`) : undefined;
      if (copy && isStageIndex(copy.text)) {
        const named = states[Number(copy.text) - model.stages.length];
        if (named) states.push(named);
      } else if (copy && copy.text !== '' && !names.has(normalizeStageName(copy.text))) {
        states.push({ name: copy.text, by: 'copy', line });
      }
      for (const mount of instruction.mounts ?? []) {
        const from = mount.from ?? 'scratch';
        if (!names.has(normalizeStageName(from))) states.push({ name: from, by: 'mount', line });
      }
    }
  }
  return states;
}

/** The last stage named `scratch`, found without copying the stages (this runs on every edit). */
function lastStageNamedScratch(stages: readonly Stage[]): Stage | undefined {
  for (let i = stages.length - 1; i >= 0; i--) if (stages[i].normalizedName === 'scratch') return stages[i];
  return undefined;
}

/**
 * Where a stage is named `scratch` (the last such, as findStateByName keeps it), every RUN mount without `from=`
 * depends on it: detectRunMount looks `scratch` up by name before it falls back to the empty image. A cache mount
 * then mounts it (dispatchRunMounts), so it must be defined before; any mount makes it a dependency.
 */
export function scratchMountReferences(stages: readonly Stage[]): StageReference[] {
  const scratch = lastStageNamedScratch(stages);
  if (!scratch) return [];
  const references: StageReference[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      for (const mount of instruction.mounts ?? []) {
        if (mount.from !== undefined) continue;
        const order = scratch.index === stage.index ? 'self' : scratch.index > stage.index ? 'forward' : 'ok';
        references.push({
          kind: 'mount-from', onbuild: false, text: 'scratch', range: mount.range, inStage: stage.index, instructionLine: instruction.range.start.line,
          resolution: { kind: 'stage', stage: scratch.index, by: 'name' }, order, implicit: true,
        });
      }
    }
  }
  return references;
}
