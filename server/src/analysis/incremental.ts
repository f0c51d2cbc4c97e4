// Re-parsing only what an edit touched. A stage's text runs from its FROM line to the line before the next
// FROM; an edit inside such spans re-parses just those stages, and the stages around them are reused with
// their lines shifted. Anything that could change how the rest of the file parses (the part before the first
// FROM, a heredoc or continuation left open into the next stage, a FROM line that stops being one) falls back
// to a full parse. test/analysis/incremental.test.ts checks the result against a full parse on random edits.
import type { CommentLine } from './model';
import { parseDockerfile } from './parse';
import { isOpenAtEnd, parseFile } from './parseFile';
import { changeLines, lineCount } from './lines';
import { readParse, type MovedStages, type ParsedFile, type StageSkeleton } from './stages';
import { countAtOrBefore, moveLines } from './positions';

const commentLine = (comment: CommentLine) => comment.range.start.line;

export interface Reparse {
  readonly parsed: ParsedFile;
  readonly moved?: MovedStages;
}

/** The parse of `text`, reusing `previous` (the parse of `previousText`) where the edit left stages alone. */
export function reparse(previous: ParsedFile, previousText: string, text: string): Reparse {
  return reparseStages(previous, previousText, text) ?? { parsed: parseFile(text) };
}

function reparseStages(previous: ParsedFile, previousText: string, text: string): Reparse | undefined {
  const stages = previous.stages;
  if (stages.length === 0) return undefined;
  const { prefix, oldEnd, newEnd, table } = changeLines(previous.lines, previousText, text);
  const oldCount = lineCount(previous.lines, previousText);
  const newCount = lineCount(table, text);
  const delta = newCount - oldCount;
  // The line before the change joins in: a continuation there could take the changed line with it.
  const first = stageHoldingLine(stages, Math.max(prefix - 1, 0));
  const last = stageHoldingLine(stages, Math.max(oldEnd - 1, prefix));
  if (first === undefined || last === undefined || prefix <= stages[0].fromRange.start.line) return undefined;
  const startLine = stages[first].fromRange.start.line;
  const next = stages[last + 1];
  const endLine = next ? next.fromRange.start.line + delta : newCount;
  if (endLine < newEnd) return undefined;
  // Up to the next stage's FROM line, its line end included.
  const partEnd = next ? table.starts[endLine + 1] ?? text.length : text.length;
  const part = parsePart(text.slice(table.starts[startLine], partEnd), startLine, previous.header.escapeCharacter);
  if (!part) return undefined;
  const reparsed = [...part.stages];
  if (next) {
    // The next FROM must still start an instruction, and be the last one: then nothing spilled over it.
    const nextFrom = reparsed.pop();
    if (!nextFrom || nextFrom.fromRange.start.line !== endLine) return undefined;
  }
  const firstOld = stages[first].fromRange.start.line;
  const afterOld = next ? next.fromRange.start.line : oldCount;
  // Whole-file arrays are copied as blocks (the comments are in line order): an edit at 1,000 stages allocates
  // the three arrays it returns and the stages it re-parsed, little else, so the garbage collector has less to do.
  const after = stages.slice(last + 1);
  const newStages = stages.slice(0, first).concat(reparsed, delta === 0 ? after : after.map((stage) => moveLines(stage, delta)));
  const commentsAfter = previous.comments.slice(countAtOrBefore(previous.comments, commentLine, afterOld - 1));
  const parsed: ParsedFile = {
    header: previous.header,
    stages: newStages,
    comments: previous.comments.slice(0, countAtOrBefore(previous.comments, commentLine, firstOld - 1)).concat(
      part.comments.filter((c) => c.range.start.line >= startLine && c.range.start.line < endLine),
      delta === 0 ? commentsAfter : commentsAfter.map((c) => moveLines(c, delta)),
    ),
    lines: table,
    // With a stage after the edit, the file's end is text the edit left alone.
    openAtEnd: next ? previous.openAtEnd : isOpenAtEnd(text, table, newStages, previous.header.escapeCharacter),
  };
  // As many stages as before: each after the edit keeps its index, and its text, on other lines.
  const moved = delta !== 0 && next && reparsed.length === last - first + 1 ? { from: last + 1, lines: delta } : undefined;
  return { parsed, moved };
}

/** The stage whose span (its FROM line up to the next FROM) holds the line. */
function stageHoldingLine(stages: readonly StageSkeleton[], line: number): number | undefined {
  const count = countAtOrBefore(stages, (stage) => stage.fromRange.start.line, line);
  return count > 0 ? count - 1 : undefined;
}

/**
 * Parses a run of stages on its own. The file's escape character is given as a directive on a line of its
 * own before the text, so the text's first line is never read as a directive. Undefined unless the text
 * starts with FROM: what came before a FROM would be read as global.
 */
function parsePart(text: string, startLine: number, escapeCharacter: string): Pick<ParsedFile, 'stages' | 'comments'> | undefined {
  const source = `# escape=${escapeCharacter}\n${text}`;
  const parsed = readParse(parseDockerfile(source), source);
  const firstStage = parsed.stages[0];
  if (!firstStage || firstStage.fromRange.start.line !== 1 || parsed.header.globalArgs.length > 0) return undefined;
  const delta = startLine - 1;
  return { stages: parsed.stages.map((stage) => moveLines(stage, delta)), comments: parsed.comments.map((c) => moveLines(c, delta)) };
}
