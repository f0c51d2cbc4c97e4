// Folding: each stage as a whole, each instruction that spans lines (continuations, heredocs), and blocks of
// two or more comment lines.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Range, StageModel } from '../analysis/model';

export function foldingRanges(model: StageModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const fold = (range: Range, kind?: FoldingRangeKind) => {
    if (range.end.line > range.start.line) ranges.push({ startLine: range.start.line, endLine: range.end.line, kind });
  };
  for (const stage of model.stages) {
    fold(stage.range, FoldingRangeKind.Region);
    for (const instruction of stage.instructions) fold(instruction.range);
  }
  let blockStart: number | undefined;
  let previous = -2;
  for (const comment of model.comments) {
    const line = comment.range.start.line;
    if (line !== previous + 1) {
      if (blockStart !== undefined) fold({ start: { line: blockStart, character: 0 }, end: { line: previous, character: 0 } }, FoldingRangeKind.Comment);
      blockStart = line;
    }
    previous = line;
  }
  if (blockStart !== undefined) fold({ start: { line: blockStart, character: 0 }, end: { line: previous, character: 0 } }, FoldingRangeKind.Comment);
  return ranges;
}
