// What ships in a target's image, as plain data (`ShipsReport` of protocol.ts): the provenance of analysis/ships/provenance.ts with stages named
// as every view names them and instructions as 1-based lines and their text. What `dockerfile-stages ships
// --format json` prints (its schema is in the README) and what `dockerfileStages/ships` answers.
import type { StageModel } from '../../analysis/model';
import { stageLabel } from '../../analysis/names';
import { stagesMatchingTarget } from '../../analysis/graph';
import { imageProvenance, type ChainBase, type ShipStep, type SourcePath, type StepSource } from '../../analysis/ships/provenance';
import { valueText } from '../valueText';
import type { BaseReport, ShipsReport, SourcePathReport, SourceReport, StepReport } from '../../protocol';

export type { BaseReport, ShipsReport, SourcePathReport, SourceReport, StepReport };
import type { FeatureContext } from '../featureContext';

/** The stage a target builds: the last one by default, else the stage `--target` names; undefined when none. */
export function targetStage(model: StageModel, target?: string): number | undefined {
  if (target === undefined) return model.stages.length > 0 ? model.stages.length - 1 : undefined;
  return stagesMatchingTarget(model.stages, target)[0];
}

/** What the server answers to `dockerfileStages/ships`: null where the target names no stage. */
export function whatShips({ model }: FeatureContext, target?: string): ShipsReport | null {
  const stage = targetStage(model, target);
  return stage === undefined ? null : shipsReport(model, stage);
}

export function shipsReport(model: StageModel, stageIndex: number): ShipsReport {
  const stage = model.stages[stageIndex];
  const provenance = imageProvenance(model, stage);
  return { target: stageLabel(stage), base: baseReport(model, provenance.base), steps: provenance.steps.map((step) => stepReport(model, step)) };
}

function baseReport(model: StageModel, base: ChainBase): BaseReport {
  const at = base.stage === undefined ? {} : { line: model.stages[base.stage].fromRange.start.line + 1, stage: stageLabel(model.stages[base.stage]) };
  if (base.kind === 'image') return { kind: base.kind, image: base.image, ...at };
  if (base.kind === 'depends') {
    const told = base.evaluation && valueText(base.evaluation);
    return { kind: base.kind, image: told?.kind === 'depends' ? `${base.written}: ${told.text}` : base.written, ...at };
  }
  return { kind: base.kind, ...at };
}

function stepReport(model: StageModel, step: ShipStep): StepReport {
  const { instruction } = step;
  return {
    line: instruction.range.start.line + 1,
    stage: stageLabel(model.stages[step.stage]),
    instruction: `${instruction.keyword} ${instruction.summary.replace(/\s*\\$/, '')}`.trim(),
    paths: step.paths,
    pathsComplete: !step.pathsIncomplete,
    source: sourceReport(model, step.source),
  };
}

function sourceReport(model: StageModel, source: StepSource): SourceReport {
  const label = (index: number) => stageLabel(model.stages[index]);
  switch (source.kind) {
    case 'stage': return { kind: 'stage', stage: label(source.stage), paths: source.paths.map((path) => sourcePathReport(model, path)) };
    case 'depends': return { kind: 'depends', written: source.written, stages: source.stages.map(label) };
    case 'image': return { kind: 'image', image: source.image, paths: source.paths };
    default: return source;
  }
}

function sourcePathReport(model: StageModel, path: SourcePath): SourcePathReport {
  return {
    path: path.path ?? path.written,
    from: path.steps.map(({ step, relation }) => ({ ...stepReport(model, step), relation })),
    base: baseReport(model, path.base),
  };
}
