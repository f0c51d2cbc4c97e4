// Rules about references: what BuildKit fails on, and names it would silently pull as images.
import type { MountInfo, Stage, StageModel, StageReference } from '../../analysis/model';
import type { FeatureContext } from '../featureContext';
import { hasVariable } from '../../analysis/args';
import { implicitStatesBefore } from '../../analysis/dispatchStates';
import { closeStageNames } from './similarity';
import type { Finding } from './rules';
import { stageLabel } from '../../analysis/names';

const REFERENCE_NAME: Record<StageReference['kind'], string> = {
  'from': 'FROM',
  'copy-from': '--from',
  'mount-from': 'mount from=',
  'source-date-epoch': 'ARG SOURCE_DATE_EPOCH',
};

export function checkReferences({ model, reachability }: FeatureContext): Finding[] {
  const findings: Finding[] = [];
  for (const reference of [...model.references, ...model.scratchMounts]) {
    const finding = checkReference(model, reference);
    if (!finding) continue;
    // A forward reference fails where its stage is built (dispatchStages): always with --check, which builds
    // every stage, and in a build whose target needs that stage.
    const unbuilt = finding.code === 'StageForwardReference' && reachability.builtBy[reference.inStage].length === 0;
    const message = unbuilt ? `${finding.message} No target builds '${stageLabel(model.stages[reference.inStage])}': \`docker build --check\` fails, and so does a build whose target needs it.` : finding.message;
    findings.push({ range: reference.range, instructionLine: reference.instructionLine, ...finding, message });
  }
  return findings;
}

function checkReference(model: StageModel, reference: StageReference): Omit<Finding, 'range' | 'instructionLine'> | undefined {
  const { resolution, text } = reference;
  // Only a reference inside a stage can be circular or forward (the SOURCE_DATE_EPOCH one is in none).
  if (model.circular.has(reference) || reference.order === 'self') {
    const through = reference.implicit ? 'a mount without from=, which BuildKit resolves to the stage named scratch' : `'${text}'`;
    return { code: 'CircularStageDependency', message: `Circular dependency: stage '${stageLabel(model.stages[reference.inStage])}' depends on itself through ${through}.` };
  }
  // What a trigger fails on is said where it runs (triggerRules.ts).
  if (reference.onbuild && (resolution.kind === 'index-out-of-range' || resolution.kind === 'variable')) return undefined;
  switch (resolution.kind) {
    case 'stage':
      return reference.order === 'forward' ? forwardReference(model, reference, resolution.stage) : undefined;
    case 'index-out-of-range':
      return checkIndexPastStages(model, reference);
    case 'mount-index':
      return { code: 'MountFromIndex', message: `Mounts take stage names, not indices: from=${text} pulls an image called '${text}'.` };
    case 'variable':
      // A mount's from= is refused when the RUN is parsed (instructions/commands_runmount.go, parseMount).
      return { code: 'VariableInStageReference', message: `BuildKit does not expand variables in ${REFERENCE_NAME[reference.kind]}: '${text}' is used literally.`, ...(reference.kind === 'mount-from' ? { phase: 'instructions' as const } : {}) };
    case 'image':
      return reference.kind === 'from' ? checkFromImage(model, reference) : checkUndefinedStage(model, reference);
    default:
      return undefined;
  }
}

/**
 * A reference to a later stage: BuildKit fails when it dispatches the instruction, before that stage is
 * (dispatch in convert.go: "cannot copy from stage", dispatchRunMounts: "cannot mount from stage"). A mount
 * without `from=` fails so only as a cache mount, the one kind BuildKit mounts `scratch` for.
 */
function forwardReference(model: StageModel, reference: StageReference, stage: number): Omit<Finding, 'range' | 'instructionLine'> | undefined {
  const target = model.stages[stage];
  const user = stageLabel(model.stages[reference.inStage]);
  if (reference.implicit) {
    if (mountOf(model, reference)?.type !== 'cache') return undefined;
    return { code: 'StageForwardReference', message: `This cache mount has no from=, so BuildKit mounts the stage named 'scratch' (line ${target.fromRange.start.line + 1}), which is defined after '${user}': BuildKit requires it to be defined before.`, data: { stage } };
  }
  return { code: 'StageForwardReference', message: `Stage '${target.name?.text ?? reference.text}' is defined after '${user}' (line ${target.fromRange.start.line + 1}): BuildKit requires it to be defined before.`, data: { stage } };
}

function mountOf(model: StageModel, reference: StageReference): MountInfo | undefined {
  const instruction = model.stages[reference.inStage].instructions.find((i) => i.range.start.line === reference.instructionLine);
  return instruction?.mounts?.find((mount) => mount.range.start.line === reference.range.start.line && mount.range.start.character === reference.range.start.character);
}

/**
 * `--from=N` past the last stage: BuildKit's index also counts the implicit states added before it
 * (analysis/dispatchStates.ts), so it may copy from an image or an empty state rather than fail.
 */
export function checkIndexPastStages(model: StageModel, reference: StageReference, implicit = implicitStatesBefore(model, reference)): Omit<Finding, 'range' | 'instructionLine'> {
  const count = model.stages.length;
  const state = implicit[Number(reference.text) - count];
  if (!state) {
    const also = implicit.length === 0 ? ''
      : implicit.length === 1 ? `, and BuildKit counts the image or mount before this line that names no stage as state ${count}`
        : `, and BuildKit counts the ${implicit.length} images and mounts before this line that name no stage as states ${count}–${count + implicit.length - 1}`;
    return { code: 'StageIndexOutOfRange', message: `There is no stage ${reference.text}: this Dockerfile has ${count} stage${count === 1 ? '' : 's'} (0–${count - 1})${also}.` };
  }
  const adds = state.by === 'copy' ? `COPY --from=${state.name}` : `RUN --mount${state.name === 'scratch' ? ' without from=' : `,from=${state.name}`}`;
  const what = state.name === 'scratch' && state.by === 'mount'
    ? 'the empty state that it adds: nothing is in it, so the build fails when it copies a path from it'
    : `the image '${state.name}' that it pulls, so this copies from that image`;
  return { code: 'ImplicitStageIndex', message: `There is no stage ${reference.text}: BuildKit counts the images and mounts that name no stage after the ${count} stages, and state ${reference.text} is the ${adds} on line ${state.line + 1}; this --from names ${what}.` };
}

/**
 * The stage a `FROM` pulled as an image names but for case: `FROM Builder` after `AS builder` (or `AS Builder`,
 * stored as `builder`). FROM compares as written, so this is an image pull that fails.
 */
export function stageMissedByCase(model: StageModel, reference: StageReference): Stage | undefined {
  if (reference.kind !== 'from' || reference.resolution.kind !== 'image' || hasVariable(reference.text)) return undefined;
  const lower = reference.text.toLowerCase();
  const earlier = model.stages.slice(0, reference.inStage).filter((s) => s.normalizedName === lower);
  return earlier[earlier.length - 1];
}

function checkFromImage(model: StageModel, reference: StageReference): Omit<Finding, 'range' | 'instructionLine'> | undefined {
  const stage = stageMissedByCase(model, reference);
  if (!stage) return checkUndefinedStage(model, reference);
  return {
    code: 'FromStageCasing',
    message: `FROM compares stage names case-sensitively: '${reference.text}' does not match stage '${stage.normalizedName}' and would be pulled as an image.`,
    data: { stage: stage.index, suggestions: [stage.normalizedName!] },
  };
}

/**
 * A name close to a stage's that is no stage: BuildKit would pull it as an image. Image references (a tag, a
 * digest or a registry path) and names close to no stage (named build contexts) are left alone.
 */
function checkUndefinedStage(model: StageModel, reference: StageReference): Omit<Finding, 'range' | 'instructionLine'> | undefined {
  const { text } = reference;
  if (text === '' || /[:/@]/.test(text) || hasVariable(text)) return undefined;
  // FROM may only name earlier stages; --from may name any stage but its own.
  const candidates = reference.kind === 'from'
    ? model.stages.slice(0, reference.inStage)
    : model.stages.filter((s) => s.index !== reference.inStage);
  // FROM lines name images far more often than stages: only a typo-sized distance counts there, not a part.
  const suggestions = closeStageNames(text, candidates, reference.kind !== 'from');
  if (suggestions.length === 0) return undefined;
  return {
    code: 'UndefinedStage',
    message: `'${text}' is not a stage of this Dockerfile and would be pulled as an image: did you mean '${suggestions[0]}'?`,
    data: { suggestions },
  };
}
