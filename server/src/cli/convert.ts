// `dockerfile-stages convert FILE [--runtime KIND] [--deps-first] [--diff | --write]`: the editor's *Convert to a
// multi-stage build* on a file, on the runtime base asked for; --deps-first is its option to download the
// dependencies first, from the file's build context (check.ts's `contextOf`: its go.mod and go.sum). The result goes to stdout (or a unified diff, or the file), what the new image no longer has to stderr; where
// the conversion is declined or not offered, the reason goes to stderr and the exit status is 2.
import { writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { AnalyzedDocument } from '../analysis/document';
import { offersConvert, planConvert } from '../features/refactors/convertPlan';
import { convertStage, lostNote } from '../features/refactors/convertStage';
import type { Options } from './arguments';
import { contextOf, readSource, type FileToCheck } from './check';
import { planDependenciesFirst } from '../features/refactors/goDependenciesFirst';
import { applyEdits } from './fix';

export function convertFile({ file, builds }: FileToCheck, options: Options): number {
  const original = readSource(file);
  const { model } = AnalyzedDocument.fromText(original);
  const stage = model.stages.length === 1 ? offersConvert(model, model.stages[0].fromRange.start.line) : undefined;
  if (!stage) {
    process.stderr.write(`${file}: nothing to convert: the file is not one stage that builds (go build, cargo build, ...)\n`);
    return 2;
  }
  const plan = planConvert(model, stage, options.runtime);
  if ('disabled' in plan) {
    process.stderr.write(`${file}: not converted: ${plan.disabled}\n`);
    return 2;
  }
  const dependencies = options.depsFirst ? planDependenciesFirst(contextOf(file, builds, model.stages), plan) : undefined;
  if (dependencies && 'disabled' in dependencies) {
    process.stderr.write(`${file}: not converted with the dependencies downloaded first: ${dependencies.disabled}\n`);
    return 2;
  }
  const text = applyEdits(original, convertStage(model, original, plan, dependencies).edits);
  process.stderr.write(`${file}: ${lostNote(plan)}\n`);
  if (options.diff) process.stdout.write(createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text));
  else if (options.write && file !== '-') writeFileSync(file, text);
  else process.stdout.write(text);
  return 0;
}
