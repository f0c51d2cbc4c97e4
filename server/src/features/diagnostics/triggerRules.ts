// What an ONBUILD trigger fails on, said where BuildKit says it: a trigger is read only when a stage built FROM its
// stage is (initOnBuildTriggers, for the stages the target needs, with --check too), with that stage's FROM as its
// location. So each failure is reported at the FROM of each stage built from the trigger's stage: a later stage
// named (it is not yet built there: dispatch), an index past every state, a variable, an image name that is no
// reference (resolveStages reads them before anything is dispatched).
import type { StageModel, StageReference } from '../../analysis/model';
import { imageReferenceError } from '../../analysis/imageReference';
import { implicitStates } from '../../analysis/dispatchStates';
import type { FeatureContext } from '../featureContext';
import { stageLabel } from '../../analysis/names';
import { checkIndexPastStages } from './referenceRules';
import { goQuote } from '../../analysis/goFormat';
import type { Finding } from './rules';

export function checkTriggers({ model, reachability }: FeatureContext): Finding[] {
  const findings: Finding[] = [];
  const triggers = model.references.filter((reference) => reference.onbuild && model.builtFrom[reference.inStage].length > 0);
  for (const reference of triggers) {
    for (const child of model.builtFrom[reference.inStage]) {
      const base = model.baseReferences[child];
      if (!base || base.resolution.kind !== 'stage') continue;
      const failure = triggerFailure(model, reference, child, triggers.length === 1);
      if (!failure) continue;
      const where = stageLabel(model.stages[child]);
      const unbuilt = reachability.builtBy[child].length === 0
        ? ' No target builds it: only a build whose target needs it fails (`docker build --check` runs no trigger of a stage the last stage does not need).' : '';
      findings.push({
        ...failure,
        range: base.range,
        instructionLine: base.instructionLine,
        message: `The ONBUILD trigger of '${stageLabel(model.stages[reference.inStage])}' on line ${reference.instructionLine + 1} runs here, in '${where}': ${failure.message}${unbuilt}`,
        triggered: true,
      });
    }
  }
  return findings;
}

function triggerFailure(model: StageModel, reference: StageReference, child: number, onlyTrigger: boolean): Omit<Finding, 'range' | 'instructionLine'> | undefined {
  const { resolution, text } = reference;
  switch (resolution.kind) {
    case 'stage': {
      const named = model.stages[resolution.stage];
      if (named.index <= child) return undefined;
      return { code: 'StageForwardReference', message: `it names '${stageLabel(named)}', defined after it (line ${named.fromRange.start.line + 1}): BuildKit fails when it builds '${stageLabel(model.stages[child])}'.`, data: { stage: named.index } };
    }
    case 'index-out-of-range': {
      // Other triggers may add states first, in an order BuildKit does not fix: then nothing is certain.
      if (!onlyTrigger) return undefined;
      const found = checkIndexPastStages(model, reference, implicitStates(model));
      return found.code === 'StageIndexOutOfRange' ? { ...found, phase: 'onbuild' } : undefined;
    }
    case 'variable':
      return { code: 'VariableInStageReference', message: `BuildKit does not expand variables in ${reference.kind === 'mount-from' ? 'from=' : '--from'}: '${text}' fails there.`, phase: 'onbuild' };
    case 'image': {
      const error = reference.kind === 'from' ? undefined : imageReferenceError(text);
      return error === undefined ? undefined : { code: 'InvalidImageReference', message: `failed to parse stage name ${goQuote(text)}: ${error}`, phase: 'onbuild' };
    }
    default:
      return undefined;
  }
}
