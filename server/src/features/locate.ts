// What stands at a position: a stage's name where it is declared, or a reference to a stage.
import type { Position, Stage, StageModel, StageReference } from '../analysis/model';
import { lastAtOrBefore, rangeContains } from '../analysis/positions';
import { targetsOf } from '../analysis/graph';

export type StageSymbol =
  | { readonly kind: 'declaration'; readonly stage: Stage }
  | { readonly kind: 'reference'; readonly reference: StageReference };

export function symbolAt(model: StageModel, position: Position): StageSymbol | undefined {
  const stage = stageAtLine(model, position.line);
  if (stage?.name && rangeContains(stage.name.range, position)) return { kind: 'declaration', stage };
  // Before the first FROM too: `ARG SOURCE_DATE_EPOCH=<stage>`.
  const reference = referenceAt(model, position);
  return reference && { kind: 'reference', reference };
}

/** The reference whose value contains the position (an empty `--from=` value included). */
export function referenceAt(model: StageModel, position: Position): StageReference | undefined {
  return model.references.find((reference) => rangeContains(reference.range, position));
}

/** The stages a symbol stands for: the declared one, or every stage the reference may name. */
export function stagesOf(model: StageModel, symbol: StageSymbol): Stage[] {
  if (symbol.kind === 'declaration') return [symbol.stage];
  return targetsOf(symbol.reference).map((index) => model.stages[index]);
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
