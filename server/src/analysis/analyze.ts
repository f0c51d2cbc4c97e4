// Builds the stage model of one document version: parse once, read plain skeletons off the parse, then
// assemble them (resolution, edges, cycles) over the whole file.
import type { StageModel } from './model';
import { parseDockerfile } from './parse';
import { readParse, type ParsedFile } from './stages';
import { assemble } from './assemble';

export function analyze(text: string, version = 0): StageModel {
  return assemble(parseFile(text), version).model;
}

export function parseFile(text: string): ParsedFile {
  return { ...readParse(parseDockerfile(text)), lineLengths: lineLengths(text) };
}

export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

