// Builds the stage model of one document version: parse once, read plain skeletons off the parse, then
// assemble them (resolution, edges, cycles) over the whole file.
import type { StageModel } from './model';
import { endsOpen, parseDockerfile } from './parse';
import { readParse, type ParsedFile, type StageSkeleton } from './stages';
import { assemble } from './assemble';

export function analyze(text: string, version = 0): StageModel {
  return assemble(parseFile(text), version).model;
}

export function parseFile(text: string): ParsedFile {
  const parsed = readParse(parseDockerfile(text), text);
  return { ...parsed, lineLengths: lineLengths(text), openAtEnd: isOpenAtEnd(text, parsed.stages, parsed.header.escapeCharacter) };
}

/** Re-parses the file's last instruction (a few lines) to see whether a line appended after it would join it. */
export function isOpenAtEnd(text: string, stages: readonly StageSkeleton[], escapeCharacter: string): boolean {
  const last = stages[stages.length - 1];
  if (!last) return false;
  const start = last.instructions.length > 0 ? last.instructions[last.instructions.length - 1].range.start : last.fromRange.start;
  let offset = 0;
  for (let line = 0; line < start.line; line++) offset = text.indexOf('\n', offset) + 1 || text.indexOf('\r', offset) + 1;
  return endsOpen(text.slice(offset + start.character), escapeCharacter);
}

export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

