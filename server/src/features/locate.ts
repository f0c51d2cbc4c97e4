// What stands at a position, classified once: a stage's declaration or a reference to a stage, a variable (a
// `$X` use, an ARG/ENV declaration, a global ARG), a source path of `COPY --from`. Every request asks
// `symbolsAt` and switches on the kind; the order of the list is the one precedence of every request.
import { posix } from '../analysis/posixPath';
import { BEFORE_FIRST_STAGE, type GlobalArg, type Located, type Position, type Stage, type StageModel, type StageReference, type VariableDeclaration, type VariableUse } from '../analysis/model';
import { hasVariable } from '../analysis/args';
import { copyFromReference } from '../analysis/fileSketch';
import { stagesNamedBy } from '../analysis/graph';
import { comparePositions, lastAtOrBefore, rangeContains } from '../analysis/positions';

export type StageSymbol =
  | { readonly kind: 'stage-declaration'; readonly stage: Stage }
  | { readonly kind: 'stage-reference'; readonly reference: StageReference };

export type VariableSymbol =
  | { readonly kind: 'variable-use'; readonly stage: Stage; readonly use: VariableUse }
  | { readonly kind: 'variable-declaration'; readonly stage: Stage; readonly declaration: VariableDeclaration }
  | { readonly kind: 'global-arg'; readonly arg: GlobalArg };

/** A source path of `COPY --from=x` (without variables, x a stage): the path BuildKit reads in x. */
export interface CopiedPathSymbol {
  readonly kind: 'copied-path';
  readonly path: Located;
  /** The source resolved against the root of the stage copied from. */
  readonly absolute: string;
  readonly from: Stage;
}

export type DockerfileSymbol = StageSymbol | VariableSymbol | CopiedPathSymbol;

/**
 * Everything that stands at the position, in the order requests answer on it: the stage symbol, then the
 * variable, then the copied path. A position may hold two (`FROM ${BASE}` is a reference to a stage and a
 * variable use): a request answers on the first one it has an answer for (hover on `FROM ${BASE}` that names
 * an image shows the variable), rename on the first one.
 */
export function* symbolsAt(model: StageModel, position: Position): Generator<DockerfileSymbol> {
  // Lazy: a request that answers on the first symbol never looks for the others.
  for (const classify of [stageSymbolAt, variableAt, copiedPathAt]) {
    const symbol = classify(model, position);
    if (symbol) yield symbol;
  }
}

/** The first of `symbolsAt` that `answer` has an answer for. */
export function firstAnswer<T>(model: StageModel, position: Position, answer: (symbol: DockerfileSymbol) => T | undefined): T | undefined {
  for (const symbol of symbolsAt(model, position)) {
    const found = answer(symbol);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function stageSymbolAt(model: StageModel, position: Position): StageSymbol | undefined {
  const stage = stageAtLine(model, position.line);
  if (stage?.name && rangeContains(stage.name.range, position)) return { kind: 'stage-declaration', stage };
  // Before the first FROM too: `ARG SOURCE_DATE_EPOCH=<stage>`.
  const reference = referenceAt(model, position);
  return reference && { kind: 'stage-reference', reference };
}

export function variableAt(model: StageModel, position: Position): VariableSymbol | undefined {
  const stage = enclosingStage(model, position.line);
  if (!stage) {
    const arg = model.globalArgs.find((a) => rangeContains(a.nameRange, position));
    return arg && { kind: 'global-arg', arg };
  }
  // The whole `${X:-y}` counts for a use, the name for a declaration; in `${A:-${B:-1}}`, the innermost (B on B).
  let use: VariableUse | undefined;
  for (const u of stage.uses) if (rangeContains(u.range, position) && (!use || comparePositions(u.range.start, use.range.start) > 0)) use = u;
  if (use) return { kind: 'variable-use', stage, use };
  const declaration = stage.declarations.find((d) => rangeContains(d.nameRange, position));
  return declaration && { kind: 'variable-declaration', stage, declaration };
}

export function copiedPathAt(model: StageModel, position: Position): CopiedPathSymbol | undefined {
  const stage = stageAtLine(model, position.line);
  const instruction = stage?.instructions.find((i) => i.copyPaths && rangeContains(i.range, position));
  const path = instruction?.copyPaths!.sources.find((source) => rangeContains(source.range, position));
  if (!stage || !instruction || !path || hasVariable(path.text)) return undefined;
  const reference = copyFromReference(model, stage, instruction);
  if (reference?.resolution.kind !== 'stage') return undefined;
  return { kind: 'copied-path', path, absolute: posix.resolve('/', path.text), from: model.stages[reference.resolution.stage] };
}

/** The reference whose value contains the position (an empty `--from=` value included). */
export function referenceAt(model: StageModel, position: Position): StageReference | undefined {
  // A reference lies in its instruction, inside its stage's span; those before the first FROM come first.
  const stage = enclosingStage(model, position.line);
  if (stage) return model.referencesIn[stage.index].find((reference) => rangeContains(reference.range, position));
  for (const reference of model.references) {
    if (reference.inStage !== BEFORE_FIRST_STAGE) return undefined;
    if (rangeContains(reference.range, position)) return reference;
  }
  return undefined;
}

/** The stages a symbol stands for: the declared one, or every stage the reference may name. */
export function stagesOf(model: StageModel, symbol: StageSymbol): Stage[] {
  if (symbol.kind === 'stage-declaration') return [symbol.stage];
  return stagesNamedBy(symbol.reference).map((index) => model.stages[index]);
}

/** The stage whose FROM...last-instruction span holds the line. */
export function stageAtLine(model: StageModel, line: number): Stage | undefined {
  const stage = enclosingStage(model, line);
  return stage && line <= stage.range.end.line ? stage : undefined;
}

/** The stage a position belongs to, including the lines between its last instruction and the next FROM. */
export function enclosingStage(model: StageModel, line: number): Stage | undefined {
  return lastAtOrBefore(model.stages, (stage) => stage.range.start.line, line);
}
