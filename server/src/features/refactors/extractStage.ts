// Extract to new stage: the selected instructions of a stage become a stage of their own, built FROM the part
// before them, and the rest keeps the stage's name, FROM the new stage. Equivalent because a child inherits
// everything of its parent (../shared/docs/stage-semantics.md, "What a child stage inherits"): refused where
// that is not so (ONBUILD in the parent parts), and every numeric --from that points past the insertion moves.
import type { TextEdit } from 'vscode-languageserver-types';
import type { InstructionInfo, Range, Stage, StageModel } from '../../analysis/model';
import type { FeatureContext } from '../featureContext';
import { renumberIndices } from '../codeActions/edits';
import { freshStageName } from '../rename';
import { enclosingStage } from '../locate';
import { commentBlockAbove, DocumentText } from '../documentText';
import { asKeyword, fromLine, malformedFrom, type RefactorResult } from './refactor';

export type ExtractPlan =
  | { readonly stage: Stage; readonly first: number; readonly last: number }
  | { readonly disabled: string };

/** What a selection (or the cursor's instruction) would extract; undefined where the action is not offered. */
export function planExtract({ model }: FeatureContext, range: Range): ExtractPlan | undefined {
  const stage = enclosingStage(model, range.start.line);
  if (!stage) return undefined;
  const isCursor = range.start.line === range.end.line && range.start.character === range.end.character;
  if (range.start.line <= stage.fromRange.end.line) return isCursor ? undefined : { disabled: 'The selection includes a FROM: select instructions of one stage.' };
  if (range.end.line > stage.range.end.line && model.stages[stage.index + 1]?.fromRange.start.line <= range.end.line) {
    return { disabled: 'The selection spans two stages: select instructions of one stage.' };
  }
  if (stage.instructions.length === 0) return { disabled: 'The stage has no instructions.' };
  const malformed = malformedFrom(stage);
  if (malformed) return { disabled: malformed };
  const touched = stage.instructions
    .map((instruction, index) => ({ instruction, index }))
    .filter(({ instruction }) => instruction.range.start.line <= range.end.line && instruction.range.end.line >= range.start.line);
  if (touched.length === 0) return undefined;
  const first = touched[0].index;
  const last = touched[touched.length - 1].index;
  // Instructions up to the selection's end become parents: their ONBUILD triggers would run in the next part.
  if (stage.instructions.slice(0, last + 1).some((i) => i.keyword === 'ONBUILD')) {
    return { disabled: 'ONBUILD instructions would run in the new stage instead: move them out of the selection and above it first.' };
  }
  if (isFilesLastInstruction(model, stage, stage.instructions[last]) && model.openAtEnd) {
    return { disabled: 'The last instruction of the file is not closed (a heredoc or a line continuation): close it first.' };
  }
  return { stage, first, last };
}

function isFilesLastInstruction(model: StageModel, stage: Stage, instruction: InstructionInfo): boolean {
  return stage.index === model.stages.length - 1 && instruction === stage.instructions[stage.instructions.length - 1];
}

export function extractStage(context: FeatureContext, plan: { stage: Stage; first: number; last: number }): RefactorResult {
  const { model } = context;
  const { stage, first, last } = plan;
  const document = new DocumentText(context.text);
  const eol = document.eol;
  const ownName = stage.name?.text;
  // Lower case: FROM compares names as written with the lower-cased names, so `FROM Build-base` would miss.
  const label = stage.normalizedName ?? `stage-${stage.index}`;
  const wanted = defaultName(document, stage.instructions.slice(first, last + 1), label);
  const newName = freshStageName(model, wanted);
  const baseName = first > 0 ? freshStageName(model, `${label}-base`, [newName]) : undefined;


  // The stage's own comments (description, `# check=`) stay with the part that keeps its name: the last one.
  const ownCommentsStart = commentBlockAbove(model, stage.fromRange.start.line, previousStageEnd(model, stage));
  const fromStart = stage.fromRange.start.line;
  const ownComments = ownCommentsStart < fromStart ? document.lines(ownCommentsStart, fromStart - 1) : '';
  const firstFrom = fromLine(document, stage, baseName ?? newName);
  // The stage has instructions, so a line follows its FROM.
  const edits: TextEdit[] = [{
    range: { start: document.lineStart(ownCommentsStart), end: { line: stage.fromRange.end.line + 1, character: 0 } },
    newText: firstFrom + eol,
  }];
  const linesRemoved = stage.fromRange.end.line + 1 - ownCommentsStart;
  let renamePosition = { line: ownCommentsStart, character: document.lineStart(ownCommentsStart).character + firstFrom.length - newName.length };
  if (baseName) {
    const selectionStart = commentBlockAbove(model, stage.instructions[first].range.start.line, stage.instructions[first - 1].range.end.line + 1);
    const middleFrom = `${stage.fromKeyword.text} ${baseName} ${asKeyword(stage)} ${newName}`;
    edits.push({ range: emptyAt(selectionStart), newText: middleFrom + eol });
    renamePosition = { line: selectionStart - linesRemoved + 1, character: middleFrom.length - newName.length };
  }
  const after = document.afterLine(stage.instructions[last].range.end.line);
  const lastFrom = `${stage.fromKeyword.text} ${newName}${ownName ? ` ${asKeyword(stage)} ${ownName}` : ''}`;
  edits.push({ range: { start: after.position, end: after.position }, newText: after.prefix + ownComments + lastFrom + eol });
  const inserted = baseName ? 2 : 1;
  edits.push(...renumberIndices(model, (index) => (index >= stage.index ? index + inserted : undefined)));
  return { edits, renamePosition };
}

function emptyAt(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** The last line that belongs to the previous stage (its comments above this FROM are this stage's). */
function previousStageEnd(model: StageModel, stage: Stage): number {
  const previous = model.stages[stage.index - 1];
  return previous ? previous.range.end.line + 1 : 0;
}

/** A name from the work moved: `build`, `deps` or `test` when a RUN obviously does that, else `<s>-part`. */
function defaultName(document: DocumentText, moved: readonly InstructionInfo[], label: string): string {
  const runs = moved.filter((i) => i.keyword === 'RUN').map((i) => document.slice(i.range).toLowerCase());
  if (runs.some((run) => /\b(test|pytest|jest|vitest)\b/.test(run))) return 'test';
  if (runs.some((run) => /\b(build|compile|make|tsc|webpack|vite)\b/.test(run))) return 'build';
  if (runs.some((run) => /\b(install|download|fetch|restore|ci|apk add|apt-get)\b/.test(run))) return 'deps';
  return `${label}-part`;
}
