// Edits shared by the code actions: whole-line ranges, renumbering of `--from=N` after stages move, `ARG` lines.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Position, Range, Stage, StageModel } from '../../analysis/model';
import type { DocumentText } from '../documentText';

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
    // An index past the last stage moves too, so that it stays past it instead of naming a stage.
    const index = resolution.kind === 'stage' && resolution.by === 'index' ? resolution.stage
      : resolution.kind === 'index-out-of-range' ? Number(reference.text) : undefined;
    if (index === undefined) continue;
    const moved = newIndex(index);
    if (moved !== undefined && moved !== index) edits.push({ range: reference.range, newText: String(moved) });
  }
  return edits;
}

/**
 * The stage's lines: its description comment, FROM through the last instruction, and one blank line after it.
 * Between a stage's last instruction and the next FROM there are only comments and blank lines.
 */
export function stageLines(model: StageModel, stage: Stage): Range {
  const commentLines = stage.docComment ? stage.docComment.split('\n').length : 0;
  const last = stage.range.end.line;
  const next = last + 1;
  const nextStage = model.stages[stage.index + 1];
  const blankAfter = next < model.lineLengths.length && model.lineLengths[next] === 0 && (!nextStage || nextStage.fromRange.start.line > next);
  return wholeLines(model, stage.fromRange.start.line - commentLines, blankAfter ? next : last);
}

/** Lines `first` to `last` as they read once the edits that fall inside them are applied. */
export function textWithEdits(document: DocumentText, first: number, last: number, edits: readonly TextEdit[]): string {
  const start = document.offset(document.lineStart(first));
  const text = document.lines(first, last);
  const inside = edits
    .map((edit) => ({ from: document.offset(edit.range.start) - start, to: document.offset(edit.range.end) - start, newText: edit.newText }))
    .filter((edit) => edit.from >= 0 && edit.to <= text.length)
    .sort((a, b) => b.from - a.from);
  return inside.reduce((result, edit) => result.slice(0, edit.from) + edit.newText + result.slice(edit.to), text);
}

/** `ARG NAME` on a line of its own after the stage's FROM and the ARG lines right below it. */
export function declareArg(model: StageModel, stage: Stage, name: string): TextEdit {
  let last = stage.fromRange;
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'ARG') break;
    last = instruction.range;
  }
  const line = last.end.line;
  // After the last line of the file there is no next line to insert before.
  if (line + 1 >= model.lineLengths.length) {
    const end = { line, character: model.lineLengths[line] };
    return { range: { start: end, end }, newText: `\nARG ${name}` };
  }
  const start = { line: line + 1, character: 0 };
  return { range: { start, end: start }, newText: `ARG ${name}\n` };
}
