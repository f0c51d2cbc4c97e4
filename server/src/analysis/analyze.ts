// Builds the stage model of one document version: parse once, read plain skeletons off the parse, then
// assemble them (resolution, edges, cycles) over the whole file.
import type { CommentLine, StageModel, StageReference } from './model';
import { parseDockerfile } from './parse';
import { readParse, type ParsedFile } from './stages';
import { StageResolver } from './resolve';
import { expandDefaults, globalArgDefaults } from './args';
import { buildEdges, circularReferences, referencesByTarget } from './graph';

export function analyze(text: string, version = 0): StageModel {
  return assemble(parseFile(text), version);
}

export function parseFile(text: string): ParsedFile {
  return { ...readParse(parseDockerfile(text)), lineLengths: lineLengths(text) };
}

export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/** Everything that depends on more than one stage, recomputed on every version: it is cheap. */
export function assemble(parsed: ParsedFile, version: number): StageModel {
  const { header } = parsed;
  const commentsByLine = new Map<number, CommentLine>(parsed.comments.map((c) => [c.range.start.line, c]));
  const argDefaults = globalArgDefaults(header.globalArgs);
  const stages = parsed.stages.map(({ references: _, ...skeleton }, index) => ({
    ...skeleton,
    index,
    expandedBase: skeleton.base && expandDefaults(skeleton.base.text, argDefaults),
    docComment: docCommentAbove(skeleton.fromRange.start.line, commentsByLine),
  }));
  const resolver = new StageResolver(stages, argDefaults);
  const references = parsed.stages.flatMap((skeleton, index) => skeleton.references.map((raw) => resolver.resolve(raw, index)));
  const edges = buildEdges(references, stages.length);
  return {
    version,
    lineLengths: parsed.lineLengths,
    escapeCharacter: header.escapeCharacter,
    directives: header.directives,
    comments: parsed.comments,
    globalArgs: header.globalArgs,
    stages,
    references,
    edges,
    referencesTo: referencesByTarget(references, stages.length),
    baseReferences: baseReferences(references, stages.length),
    circular: circularReferences(edges, stages.length),
  };
}

/** The block of comment lines right above FROM, top to bottom; `# check=` lines are configuration, not text. */
function docCommentAbove(fromLine: number, commentsByLine: ReadonlyMap<number, CommentLine>): string | undefined {
  const lines: string[] = [];
  for (let line = fromLine - 1; commentsByLine.has(line); line--) {
    const text = commentsByLine.get(line)!.text;
    if (/^check\s*=/i.test(text)) break;
    lines.unshift(text);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function baseReferences(references: readonly StageReference[], stageCount: number): (StageReference | undefined)[] {
  const bases = new Array<StageReference | undefined>(stageCount).fill(undefined);
  for (const reference of references) if (reference.kind === 'from') bases[reference.inStage] = reference;
  return bases;
}
