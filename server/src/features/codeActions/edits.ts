// Edits shared by the code actions: whole-line ranges and renumbering of `--from=N` after stages move.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Position, Range, StageModel } from '../../analysis/model';

/** From the start of `first` to the start of the line after `last` (or the end of the text). */
export function wholeLines(model: StageModel, first: number, last: number): Range {
  const end: Position = last + 1 < model.lineLengths.length
    ? { line: last + 1, character: 0 }
    : { line: last, character: model.lineLengths[last] };
  return { start: { line: first, character: 0 }, end };
}

/**
 * Rewrites every numeric `--from=K` whose stage moves: `newIndex(K)` is where stage K ends up, undefined
 * when it keeps its place. Mounts take no index, so only COPY --from counts. References inside `removedStage`
 * are left alone: that text goes away.
 */
export function renumberIndices(model: StageModel, newIndex: (index: number) => number | undefined, removedStage?: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const reference of model.references) {
    if (reference.inStage === removedStage) continue;
    const { resolution } = reference;
    if (resolution.kind !== 'stage' || resolution.by !== 'index') continue;
    const moved = newIndex(resolution.stage);
    if (moved !== undefined && moved !== resolution.stage) edits.push({ range: reference.range, newText: String(moved) });
  }
  return edits;
}
