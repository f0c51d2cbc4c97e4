// A document version's parse step (`parseFile`: parse once, read plain skeletons off the parse) and the whole
// analysis of a text (`analyze`: then assemble them, resolution, edges and cycles, over the whole file).
import type { StageModel } from './model';
import { endsOpen, parseDockerfile } from './parse';
import { readParse, type ParsedFile, type StageSkeleton } from './stages';
import { assemble } from './assemble';
import { lineTable, type LineTable } from './lines';

export function analyze(text: string, version = 0): StageModel {
  return assemble(parseFile(text), version).model;
}

export function parseFile(text: string): ParsedFile {
  const parsed = readParse(parseDockerfile(text), text);
  const lines = lineTable(text);
  return { ...parsed, lines, openAtEnd: isOpenAtEnd(text, lines, parsed.stages, parsed.header.escapeCharacter) };
}

/** Re-parses the file's last instruction (a few lines) to see whether a line appended after it would join it. */
export function isOpenAtEnd(text: string, lines: LineTable, stages: readonly StageSkeleton[], escapeCharacter: string): boolean {
  const last = stages[stages.length - 1];
  if (!last) return false;
  const start = last.instructions.length > 0 ? last.instructions[last.instructions.length - 1].range.start : last.fromRange.start;
  return endsOpen(text.slice(lines.starts[start.line] + start.character), escapeCharacter);
}

