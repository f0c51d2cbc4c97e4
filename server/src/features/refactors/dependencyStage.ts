// Move dependencies into their own stage: where a stage copies its manifests and installs from them before the
// rest of the source (`COPY go.mod go.sum ./`, `RUN go mod download`, `COPY . .`), everything up to the install
// becomes a stage of its own (named `deps` by Extract), which the stage is then built FROM, so that other stages
// can start FROM it too. It is Extract to new stage of those instructions, and keeps every target's build the
// same for the same reasons (extractStage.ts).
import type { Range } from '../../analysis/model';
import type { FeatureContext } from '../featureContext';
import { enclosingStage } from '../locate';
import { contextRead } from '../cacheImpact/contextReads';
import { installsOf } from '../diagnostics/dependencyRules';
import { planExtract, type ExtractPlan } from './extractStage';

/** The plan for the install RUN at the cursor; undefined where the action is not offered. */
export function planDependencyStage(context: FeatureContext, range: Range): ExtractPlan | undefined {
  const { model } = context;
  const stage = enclosingStage(model, range.start.line);
  const index = stage?.instructions.findIndex((i) => i.range.start.line <= range.start.line && range.start.line <= i.range.end.line) ?? -1;
  if (!stage || index < 0 || index === stage.instructions.length - 1) return undefined;
  const run = stage.instructions[index];
  if (installsOf(run).length === 0) return undefined;
  // The manifests come in before, and the rest of the source after: the context is read on both sides.
  const reads = stage.instructions.map((instruction) => contextRead(model, stage, instruction));
  const before = reads.slice(0, index).filter((read) => read !== undefined);
  if (before.length === 0 || before.some((read) => read.paths.includes('.') || read.unknown)) return undefined;
  if (!reads.slice(index + 1).some((read) => read !== undefined)) return undefined;
  return planExtract(context, { start: stage.instructions[0].range.start, end: run.range.end });
}
