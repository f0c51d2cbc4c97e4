// What each name holds where a word is expanded, as BuildKit's environment holds it there (docs/variables.md):
// FROM lines see the global ARGs and the automatic ones (buildMetaArgs); a stage sees its ARG and ENV
// declarations and what its FROM chain gives it (dispatchArg, dispatchEnv, dispatchState.init), else what its
// base image sets (unknown here) or, on `scratch`, only the PATH BuildKit sets. A value is a declaration's raw
// word, expanded where it is declared; defaults count as the values (a `--build-arg` may change them).
import type { GlobalArg, Stage, StageModel } from './model';
import type { VariableDeclaration } from './model';
import { AUTOMATIC_ARGS, automaticValue, baseStageValue, buildArgValue, DEFAULT_PATH, imageValue } from './automaticArgs';
import { evaluate, type Binding, type Evaluation, type Scope, type UnknownValue } from './evaluate';
import { fromChain, parentStage, patternBase, patternFrom, possibleAncestors, rootIsImage } from './chain';

const UNSET: Binding = { kind: 'unset' };

function unknown(value: UnknownValue): Binding {
  return { kind: 'unknown', unknown: value };
}

/** A word of a FROM line (the base, `--platform`), expanded with the global ARGs. */
export function evaluateInFrom(model: StageModel, word: string): Evaluation {
  return evaluate(word, globalScope(model.globalArgs), model.escapeCharacter);
}

/** A word of an instruction of a stage that starts on `line`, expanded with what the stage sees there. */
export function evaluateInStage(model: StageModel, stage: Stage, line: number, word: string): Evaluation {
  return evaluate(word, (name) => stageBinding(model, stage, line, name), model.escapeCharacter);
}

/** What `$X` expands to for a binding of X. */
export function evaluateBinding(binding: Binding, escapeToken: string): Evaluation {
  return evaluate('${_}', () => binding, escapeToken);
}

/** What FROM lines see, or (with `before`) what the default of the global ARG at that index sees. */
export function globalScope(args: readonly GlobalArg[], before = args.length): Scope {
  return (name) => globalBinding(args, name, before) ?? (AUTOMATIC_ARGS.has(name) ? unknown(automaticValue(name)) : UNSET);
}

/**
 * The latest default among the global declarations of the name (`ARG X` without one keeps an earlier value); a
 * name declared without any default is a build argument; undefined for a name no global ARG declares, or an
 * automatic one declared without a default (BuildKit's value stays).
 */
function globalBinding(args: readonly GlobalArg[], name: string, before: number): Binding | undefined {
  let declared = false;
  for (let i = before - 1; i >= 0; i--) {
    const arg = args[i];
    if (arg.name !== name) continue;
    if (arg.defaultValue !== undefined) return { kind: 'word', word: arg.rawDefault ?? arg.defaultValue, scope: globalScope(args, i) };
    declared = true;
  }
  return declared && !AUTOMATIC_ARGS.has(name) ? unknown(buildArgValue(name)) : undefined;
}

/** What a name holds in a stage before the instruction on `line` (Infinity: after the stage's last). */
export function stageBinding(model: StageModel, stage: Stage, line: number, name: string): Binding {
  const chain = fromChain(model, stage);
  for (const current of chain) {
    const declaration = lastDeclaration(current, name, current === stage ? line : Infinity);
    if (declaration) return declarationBinding(model, current, declaration);
  }
  const root = chain[chain.length - 1];
  if (parentStage(model, root)) return UNSET;
  const fromPattern = patternBinding(model, stage, root, name);
  if (fromPattern) return fromPattern;
  if (rootIsImage(root)) return unknown(imageValue(name));
  // `scratch`: BuildKit sets PATH for a stage whose image has none (a scratch stage is built for the target
  // platform, whatever its own --platform says: resolveReachableStages).
  return name === 'PATH' ? { kind: 'value', value: DEFAULT_PATH } : UNSET;
}

/** What a declaration sets: its value expanded where it stands; for `ARG X` alone, the global, inherited or build value. */
export function declarationBinding(model: StageModel, stage: Stage, declaration: VariableDeclaration): Binding {
  const { name } = declaration;
  if (declaration.value !== undefined) return { kind: 'word', word: declaration.rawValue ?? declaration.value, scope: declarationScope(model, stage, declaration) };
  if (declaration.kind === 'env') return { kind: 'value', value: '' };
  const global = globalBinding(model.globalArgs, name, model.globalArgs.length);
  if (global?.kind === 'word') return global;
  if (AUTOMATIC_ARGS.has(name)) return unknown(automaticValue(name));
  const parent = parentStage(model, stage);
  const inherited = parent ? stageBinding(model, parent, Infinity, name) : patternBinding(model, stage, stage, name);
  return inherited && inherited.kind !== 'unset' && !(inherited.kind === 'unknown' && inherited.unknown.source === 'image') ? inherited : unknown(buildArgValue(name));
}

/** What a declaration's value sees: the instructions before it, and for an ARG the names before it in the same one. */
function declarationScope(model: StageModel, stage: Stage, declaration: VariableDeclaration): Scope {
  return (name) => {
    if (declaration.kind === 'arg') {
      const index = stage.declarations.indexOf(declaration);
      for (let i = index - 1; i >= 0 && stage.declarations[i].instructionLine === declaration.instructionLine; i--) {
        if (stage.declarations[i].name === name) return declarationBinding(model, stage, stage.declarations[i]);
      }
    }
    return stageBinding(model, stage, declaration.instructionLine, name);
  };
}

/**
 * Where the stage's chain (whose first stage is `first`) starts at a FROM built from ARGs and a stage it may name
 * sets the name: what that stage sets. On a chain that starts on an image, one look at `first`'s base.
 */
function patternBinding(model: StageModel, stage: Stage, first: Stage, name: string): Binding | undefined {
  const base = patternFrom(model, first);
  return base && declarationsInPossibleBases(model, stage, name).length > 0 ? unknown(baseStageValue(name, base.text)) : undefined;
}

/**
 * The last ARG or ENV declaration of the name in each stage a FROM built from ARGs may build this one on, directly
 * or through others (`FROM ${BASE}`), by stage: whether its value reaches this stage depends on `--build-arg`.
 */
export function possibleDeclarations(model: StageModel, stage: Stage, name: string): { readonly stage: Stage; readonly declaration: VariableDeclaration }[] {
  return patternBase(model, stage) ? declarationsInPossibleBases(model, stage, name) : [];
}

function declarationsInPossibleBases(model: StageModel, stage: Stage, name: string): { readonly stage: Stage; readonly declaration: VariableDeclaration }[] {
  return [...possibleAncestors(model, stage)].sort((a, b) => a - b).flatMap((index) => {
    const declaration = lastDeclaration(model.stages[index], name, Infinity);
    return declaration ? [{ stage: model.stages[index], declaration }] : [];
  });
}

export function lastDeclaration(stage: Stage, name: string, beforeLine: number): VariableDeclaration | undefined {
  let found: VariableDeclaration | undefined;
  for (const declaration of stage.declarations) {
    if (declaration.instructionLine >= beforeLine) break;
    if (declaration.name === name) found = declaration;
  }
  return found;
}
