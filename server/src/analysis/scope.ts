// What a variable means where it is used, as BuildKit decides it (docs/variables.md has each rule with its
// source in moby/buildkit's dockerfile2llb). Computed on request from the model's declarations; nothing here
// is stored, so the incremental re-parse needs nothing new.
import type { GlobalArg, Stage, StageModel } from './model';
import type { VariableDeclaration } from './variables';
import { expandDefaults, globalArgDefaults } from './args';
import { comparePositions } from './positions';

/** BuildKit's automatic ARGs (dockerfile2llb/platform.go, defaultArgs): in the global scope, set for every build. */
export const AUTOMATIC_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'the platform being built for, e.g. `linux/arm64`'],
  ['TARGETOS', 'the OS of the platform being built for, e.g. `linux`'],
  ['TARGETOSVERSION', 'the OS version of the platform being built for (Windows), usually empty'],
  ['TARGETARCH', 'the architecture being built for, e.g. `arm64`'],
  ['TARGETVARIANT', 'the architecture variant being built for, e.g. `v7`, often empty'],
  ['BUILDPLATFORM', 'the platform of the machine running the build, e.g. `linux/amd64`'],
  ['BUILDOS', 'the OS of the machine running the build'],
  ['BUILDOSVERSION', 'the OS version of the machine running the build, usually empty'],
  ['BUILDARCH', 'the architecture of the machine running the build'],
  ['BUILDVARIANT', 'the architecture variant of the machine running the build'],
  ['TARGETSTAGE', 'the name of the stage being built (`--target`, else the last stage; `default` for an unnamed one)'],
]);

/**
 * ARGs that BuildKit hands to every RUN as environment variables when they are given as build args, declared
 * or not (dockerfile2llb proxyEnvFromBuildArgs): a `$HTTP_PROXY` in a RUN is never "not in scope".
 */
export const PROXY_ARGS: ReadonlySet<string> = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY']
  .flatMap((name) => [name, name.toLowerCase()]));

/** One step of where a variable's value comes from, nearest first. */
export type VariableOrigin =
  | { readonly kind: 'arg' | 'env'; readonly stage: number; readonly declaration: VariableDeclaration }
  | { readonly kind: 'global-arg'; readonly arg: GlobalArg }
  | { readonly kind: 'automatic'; readonly name: string };

export interface VariableLookup {
  readonly name: string;
  /** The declaration that binds the use, then where its value comes from; empty when nothing binds it. */
  readonly chain: readonly VariableOrigin[];
  /** The value as far as the Dockerfile says; undefined where a build arg, BuildKit or the base image decides. */
  readonly value?: string;
  /** When nothing binds it: whether the stage's FROM chain ends at an image, whose ENV may set it. */
  readonly fromBaseImage?: boolean;
}

/** A use in the FROM line of a stage: global ARGs and the automatic ones only. */
export function lookupInFrom(model: StageModel, name: string): VariableLookup {
  const global = lastGlobal(model, name);
  if (global) return { name, chain: [{ kind: 'global-arg', arg: global }], value: globalArgDefaults(model.globalArgs).get(name) };
  if (AUTOMATIC_ARGS.has(name)) return { name, chain: [{ kind: 'automatic', name }] };
  return { name, chain: [] };
}

/**
 * A use inside stage `stageIndex`, in an instruction starting on `line`: the stage's ARG/ENV declared before it,
 * else what the stage inherits through `FROM <stage>` (its ENV and, in BuildKit, its ARGs), nothing else.
 */
export function lookupInStage(model: StageModel, stageIndex: number, line: number, name: string): VariableLookup {
  const stages = model.stages[stageIndex] ? fromChain(model, model.stages[stageIndex]) : [];
  for (const stage of stages) {
    const declaration = lastDeclaration(stage, name, stage.index === stageIndex ? line : Infinity);
    if (declaration) return fromDeclaration(model, stage, declaration);
  }
  const root = stages[stages.length - 1];
  return { name, chain: [], fromBaseImage: root !== undefined && rootIsImage(root) };
}

/** What a stage's declaration itself holds: its own value, or (without a default) the global or inherited one. */
export function lookupDeclaration(model: StageModel, stageIndex: number, declaration: VariableDeclaration): VariableLookup {
  return fromDeclaration(model, model.stages[stageIndex], declaration);
}

function fromDeclaration(model: StageModel, stage: Stage, declaration: VariableDeclaration): VariableLookup {
  const { name } = declaration;
  const here: VariableOrigin = { kind: declaration.kind, stage: stage.index, declaration };
  if (declaration.value !== undefined) {
    return { name, chain: [here], value: expandDefaults(declaration.value, valuesSeenBy(model, stage, declaration)) };
  }
  // `ARG X` without a default takes the global X's value (dispatchArg), else keeps what the stage inherited.
  const global = lastGlobal(model, name);
  if (global) return { name, chain: [here, { kind: 'global-arg', arg: global }], value: globalArgDefaults(model.globalArgs).get(name) };
  if (AUTOMATIC_ARGS.has(name)) return { name, chain: [here, { kind: 'automatic', name }] };
  const parent = parentStage(model, stage);
  const inherited = parent && lookupInStage(model, parent.index, Infinity, name);
  return { name, chain: [here, ...(inherited?.chain ?? [])], value: inherited?.value };
}

/**
 * The values of the variables a declaration's value uses, as the stage sees them there: what earlier
 * instructions set, and for an ARG the earlier names of the same instruction too (dispatchArg expands each in
 * turn; an ENV expands all its values with what came before it).
 */
function valuesSeenBy(model: StageModel, stage: Stage, declaration: VariableDeclaration): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const use of stage.uses) {
    if (use.instructionLine !== declaration.instructionLine || values.has(use.name) || use.name === declaration.name) continue;
    const sameInstruction = declaration.kind === 'arg'
      ? stage.declarations.filter((d) => d.instructionLine === declaration.instructionLine && d.name === use.name && comparePositions(d.nameRange.start, declaration.nameRange.start) < 0).pop()
      : undefined;
    values.set(use.name, sameInstruction
      ? fromDeclaration(model, stage, sameInstruction).value
      : lookupInStage(model, stage.index, declaration.instructionLine, use.name).value);
  }
  return values;
}

function lastDeclaration(stage: Stage, name: string, beforeLine: number): VariableDeclaration | undefined {
  let found: VariableDeclaration | undefined;
  for (const declaration of stage.declarations) {
    if (declaration.instructionLine >= beforeLine) break;
    if (declaration.name === name) found = declaration;
  }
  return found;
}

function lastGlobal(model: StageModel, name: string): GlobalArg | undefined {
  let found: GlobalArg | undefined;
  for (const arg of model.globalArgs) if (arg.name === name) found = arg;
  return found;
}

/** The stage this one is built FROM, when its base is a stage of the file. */
export function parentStage(model: StageModel, stage: Stage): Stage | undefined {
  const resolution = model.baseReferences[stage.index]?.resolution;
  return resolution?.kind === 'stage' ? model.stages[resolution.stage] : undefined;
}

/** The stage, the stage it is built FROM, and so on up to the one built on an image; a FROM cycle ends it. */
export function fromChain(model: StageModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current && !chain.includes(current); current = parentStage(model, current)) chain.push(current);
  return chain;
}

/**
 * The first stage of a stage's FROM chain, the one built on an image (or `scratch`); undefined for a chain that
 * comes back on itself (a FROM cycle, which BuildKit rejects), which starts nowhere.
 */
export function rootStage(model: StageModel, stage: Stage): Stage | undefined {
  const root = fromChain(model, stage).pop()!;
  return parentStage(model, root) ? undefined : root;
}

/**
 * The platform a stage is built for: its own `--platform`, unless it is built FROM a stage, whose platform it
 * takes (dispatchState.init; its own flag is then ignored); else the target platform (undefined here).
 */
export function effectivePlatform(model: StageModel, stage: Stage): { readonly text: string; readonly stage: Stage } | undefined {
  const root = rootStage(model, stage);
  return root?.platform && { text: root.platform.text, stage: root };
}

/** A FROM chain that ends at an image (not `scratch`): the image's ENV is unknown here. */
function rootIsImage(root: Stage): boolean {
  return root.expandedBase?.toLowerCase() !== 'scratch';
}
