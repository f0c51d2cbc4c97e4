// One variable binding across the stages it flows into: the declarations that pass one value along (a global
// `ARG GO=1.22`, each stage's `ARG GO` that takes it, an ENV or ARG a child stage inherits) and every `$GO` that
// reads it. What references, highlight and rename work on.
import type { GlobalArg, StageModel } from '../analysis/model';
import { lookupDeclaration, type VariableOrigin } from '../analysis/scope';
import type { VariableDeclaration, VariableUse } from '../analysis/model';
import { lookupUse } from './locateVariable';
import type { VariableSymbol } from './locate';

type Declared = VariableDeclaration | GlobalArg;

export interface VariableBinding {
  readonly name: string;
  readonly declarations: readonly Declared[];
  readonly uses: readonly VariableUse[];
}

function declaredOf(origin: VariableOrigin): Declared | undefined {
  return origin.kind === 'global-arg' ? origin.arg : origin.kind === 'automatic' ? undefined : origin.declaration;
}

/** The binding of the variable at a symbol; undefined for a name nothing declares (automatic ARGs, unset names). */
export function bindingOf(model: StageModel, symbol: VariableSymbol): VariableBinding | undefined {
  const name = symbol.kind === 'variable-use' ? symbol.use.name : symbol.kind === 'global-arg' ? symbol.arg.name : symbol.declaration.name;
  const group = new Set<Declared>();
  if (symbol.kind === 'variable-use') lookupUse(model, symbol.stage, symbol.use).chain.forEach((origin) => addOrigin(group, origin));
  else if (symbol.kind === 'global-arg') group.add(symbol.arg);
  else lookupDeclaration(model, symbol.stage.index, symbol.declaration).chain.forEach((origin) => addOrigin(group, origin));
  if (group.size === 0) return undefined;
  // Grow to a fixed point: a stage's `ARG GO` that takes the global value joins it, and so do its readers.
  const uses = new Set<VariableUse>();
  for (let grew = true; grew;) {
    grew = false;
    for (const stage of model.stages) {
      for (const declaration of stage.declarations) {
        if (declaration.name !== name || group.has(declaration)) continue;
        if (lookupDeclaration(model, stage.index, declaration).chain.some((origin) => group.has(declaredOf(origin)!))) {
          group.add(declaration);
          grew = true;
        }
      }
      for (const use of stage.uses) {
        if (use.name !== name || uses.has(use) || use.shellLiteral) continue;
        if (lookupUse(model, stage, use).chain.some((origin) => group.has(declaredOf(origin)!))) uses.add(use);
      }
    }
  }
  return { name, declarations: [...group], uses: [...uses] };
}

function addOrigin(group: Set<Declared>, origin: VariableOrigin): void {
  const declared = declaredOf(origin);
  if (declared) group.add(declared);
}
