// What variable stands at a position: a `$X` use, or an ARG/ENV declaration (in a stage or before the first FROM).
import type { GlobalArg, Position, Stage, StageModel } from '../analysis/model';
import { rangeContains } from '../analysis/positions';
import { lookupInFrom, lookupInStage, type VariableLookup } from '../analysis/scope';
import type { VariableDeclaration, VariableUse } from '../analysis/model';
import { enclosingStage } from './locate';

export type VariableSymbol =
  | { readonly kind: 'use'; readonly stage: Stage; readonly use: VariableUse }
  | { readonly kind: 'declaration'; readonly stage: Stage; readonly declaration: VariableDeclaration }
  | { readonly kind: 'global'; readonly arg: GlobalArg };

export function variableAt(model: StageModel, position: Position): VariableSymbol | undefined {
  const stage = enclosingStage(model, position.line);
  if (!stage) {
    const arg = model.globalArgs.find((a) => rangeContains(a.nameRange, position));
    return arg && { kind: 'global', arg };
  }
  // The whole `${X:-y}` counts for a use, the name for a declaration.
  const use = stage.uses.find((u) => rangeContains(u.range, position));
  if (use) return { kind: 'use', stage, use };
  const declaration = stage.declarations.find((d) => rangeContains(d.nameRange, position));
  return declaration && { kind: 'declaration', stage, declaration };
}

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
