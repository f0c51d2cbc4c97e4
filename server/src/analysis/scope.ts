// What a variable means where it is used, as BuildKit decides it (docs/variables.md has each rule with its
// source in moby/buildkit's dockerfile2llb). Computed on request from the model's declarations; nothing here
// is stored, so the incremental re-parse needs nothing new.
import type { GlobalArg, Stage, StageModel } from './model';
import type { VariableDeclaration } from './model';
import { definiteValue, type Binding, type Evaluation } from './evaluate';
import { declarationBinding, evaluateBinding, globalScope, lastDeclaration, possibleDeclarations, stageBinding } from './bindings';
import { fromChain, parentStage, rootIsImage } from './chain';
import { AUTOMATIC_ARGS } from './automaticArgs';

export { AUTOMATIC_ARGS, PROXY_ARGS } from './automaticArgs';
export { effectivePlatform, fromChain, parentStage, patternBase, possibleAncestors, rootStage } from './chain';

/** An ARG or ENV declaration of a stage. */
export interface StageOrigin { readonly kind: 'arg' | 'env'; readonly stage: number; readonly declaration: VariableDeclaration }

/** One step of where a variable's value comes from, nearest first. */
export type VariableOrigin =
  | StageOrigin
  | { readonly kind: 'global-arg'; readonly arg: GlobalArg }
  | { readonly kind: 'automatic'; readonly name: string };

export interface VariableLookup {
  readonly name: string;
  /** The declaration that binds the use, then where its value comes from; empty when nothing binds it. */
  readonly chain: readonly VariableOrigin[];
  /** The value as far as the Dockerfile says; undefined where a build arg, BuildKit or the base image decides. */
  readonly value?: string;
  /** What `$NAME` expands to there: one value, a few, or what it depends on (computed when asked). */
  readonly evaluation: Evaluation;
  /** When nothing binds it: whether the stage's FROM chain ends at an image, whose ENV may set it. */
  readonly fromBaseImage?: boolean;
  /**
   * When nothing in the stage's FROM chain binds it, but the chain starts at a FROM built from ARGs (`FROM
   * ${BASE}`): the declarations in the stages that FROM may name, which set it on the builds that choose them.
   */
  readonly possibleOrigins: readonly StageOrigin[];
}

/** A use in the FROM line of a stage: global ARGs and the automatic ones only. */
export function lookupInFrom(model: StageModel, name: string): VariableLookup {
  const global = lastGlobal(model, name);
  const binding = () => globalScope(model.globalArgs)(name);
  if (global) return lookup(model, name, [{ kind: 'global-arg', arg: global }], binding);
  if (AUTOMATIC_ARGS.has(name)) return lookup(model, name, [{ kind: 'automatic', name }], binding);
  return lookup(model, name, [], binding);
}

/**
 * A use inside stage `stageIndex`, in an instruction starting on `line`: the stage's ARG/ENV declared before it,
 * else what the stage inherits through `FROM <stage>` (its ENV and, in BuildKit, its ARGs), nothing else.
 */
export function lookupInStage(model: StageModel, stageIndex: number, line: number, name: string): VariableLookup {
  const stage = model.stages[stageIndex];
  const stages = stage ? fromChain(model, stage) : [];
  const binding = (): Binding => (stage ? stageBinding(model, stage, line, name) : { kind: 'unset' });
  for (const current of stages) {
    const declaration = lastDeclaration(current, name, current.index === stageIndex ? line : Infinity);
    if (declaration) return lookup(model, name, originsOf(model, current, declaration), binding);
  }
  const root = stages[stages.length - 1];
  const possible = () => (stage ? possibleDeclarations(model, stage, name).map(({ stage: setter, declaration }) => origin(setter, declaration)) : []);
  return lookup(model, name, [], binding, root !== undefined && rootIsImage(root), possible);
}

/** What a stage's declaration itself holds: its own value, or (without a default) the global or inherited one. */
export function lookupDeclaration(model: StageModel, stageIndex: number, declaration: VariableDeclaration): VariableLookup {
  const stage = model.stages[stageIndex];
  return lookup(model, declaration.name, originsOf(model, stage, declaration), () => declarationBinding(model, stage, declaration));
}

/** A lookup whose value (and possible origins) are computed only when asked (rename and references want the chain alone). */
function lookup(model: StageModel, name: string, chain: readonly VariableOrigin[], binding: () => Binding, fromBaseImage?: boolean, possible = (): StageOrigin[] => []): VariableLookup {
  let evaluation: Evaluation | undefined;
  let possibleOrigins: readonly StageOrigin[] | undefined;
  return {
    name,
    chain,
    fromBaseImage,
    get evaluation() {
      return (evaluation ??= evaluateBinding(binding(), model.escapeCharacter));
    },
    get possibleOrigins() {
      return (possibleOrigins ??= possible());
    },
    get value() {
      return definiteValue(this.evaluation);
    },
  };
}

/** The declaration, then where a value-less one takes its value from: the global ARG, BuildKit, the parent stage. */
function originsOf(model: StageModel, stage: Stage, declaration: VariableDeclaration): VariableOrigin[] {
  const here = origin(stage, declaration);
  if (declaration.value !== undefined) return [here];
  const { name } = declaration;
  const global = lastGlobal(model, name);
  if (global) return [here, { kind: 'global-arg', arg: global }];
  if (AUTOMATIC_ARGS.has(name)) return [here, { kind: 'automatic', name }];
  const parent = parentStage(model, stage);
  return [here, ...(parent ? lookupInStage(model, parent.index, Infinity, name).chain : [])];
}

function origin(stage: Stage, declaration: VariableDeclaration): StageOrigin {
  return { kind: declaration.kind, stage: stage.index, declaration };
}

function lastGlobal(model: StageModel, name: string): GlobalArg | undefined {
  let found: GlobalArg | undefined;
  for (const arg of model.globalArgs) if (arg.name === name) found = arg;
  return found;
}
