// What a variable use means where it stands, and the uses a declaration reaches (the symbol itself is found by
// locate.ts).
import type { GlobalArg, Stage, StageModel } from '../analysis/model';
import { lookupInFrom, lookupInStage, type VariableLookup } from '../analysis/scope';
import type { VariableDeclaration, VariableUse } from '../analysis/model';

/** What a use means where it stands. */
export function lookupUse(model: StageModel, stage: Stage, use: VariableUse): VariableLookup {
  return use.keyword === 'FROM' ? lookupInFrom(model, use.name) : lookupInStage(model, stage.index, use.instructionLine, use.name);
}

/** Every use, in any stage, whose value comes from the declaration (directly or through `ARG X` without default). */
export function usesOf(model: StageModel, declared: VariableDeclaration | GlobalArg): { stage: Stage; use: VariableUse }[] {
  const found: { stage: Stage; use: VariableUse }[] = [];
  for (const stage of model.stages) {
    for (const use of stage.uses) {
      if (use.name !== declared.name) continue;
      const chain = lookupUse(model, stage, use).chain;
      if (chain.some((origin) => ('declaration' in origin && origin.declaration === declared) || ('arg' in origin && origin.arg === declared))) found.push({ stage, use });
    }
  }
  return found;
}
