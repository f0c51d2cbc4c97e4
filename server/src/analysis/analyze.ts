// Builds the stage model of one document version: parse once, then read stages, references and edges off it.
import type { CommentLine, StageModel, StageReference } from './model';
import { parseDockerfile } from './parse';
import { buildStage, readComments, readDirectives, splitStages } from './stages';
import { collectReferences } from './references';
import { StageResolver } from './resolve';
import { globalArgDefaults } from './args';
import { buildEdges, circularReferences, referencesByTarget } from './graph';

export function analyze(text: string, version = 0): StageModel {
  const dockerfile = parseDockerfile(text);
  const { globalArgs, stageSources } = splitStages(dockerfile);
  const comments = readComments(dockerfile);
  const commentsByLine = new Map<number, CommentLine>(comments.map((c) => [c.range.start.line, c]));
  const argDefaults = globalArgDefaults(globalArgs);
  const stages = stageSources.map((source, index) => buildStage(source, index, argDefaults, commentsByLine));
  const resolver = new StageResolver(stages, argDefaults);
  const references = stageSources.flatMap((source, index) => collectReferences(source, index)).map((raw) => resolver.resolve(raw));
  const edges = buildEdges(references, stages.length);
  return {
    version,
    lineLengths: text.split(/\r\n|\r|\n/).map((line) => line.length),
    escapeCharacter: dockerfile.getEscapeCharacter(),
    directives: readDirectives(dockerfile),
    comments,
    globalArgs,
    stages,
    references,
    edges,
    referencesTo: referencesByTarget(references, stages.length),
    baseReferences: baseReferences(references, stages.length),
    circular: circularReferences(edges, stages.length),
  };
}

function baseReferences(references: readonly StageReference[], stageCount: number): (StageReference | undefined)[] {
  const bases = new Array<StageReference | undefined>(stageCount).fill(undefined);
  for (const reference of references) if (reference.kind === 'from') bases[reference.inStage] = reference;
  return bases;
}
