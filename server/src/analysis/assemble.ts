// Assembles the stage model from the parse: everything that depends on more than one stage (indices, ARG
// expansion, resolution, edges, cycles). Runs on every version; when the previous version had the same stage
// names, the stages an edit did not touch keep their resolved references (the common case while typing).
import type { CommentLine, Stage, StageModel, StageReference } from './model';
import type { ParsedFile, StageSkeleton } from './stages';
import { StageResolver } from './resolve';
import { globalArgDefaults } from './args';
import { definiteValue, evaluate, type Evaluation, type Scope } from './evaluate';
import { globalScope } from './bindings';
import { buildEdges, circularReferences, referencesByTarget, stagesBuiltFrom } from './graph';
import { sourceDateEpochReference } from './sourceDateEpoch';
import { scratchMountReferences } from './dispatchStates';

/** A model with what it was built from, so that the next version can reuse its parts. */
export interface Assembled {
  readonly parsed: ParsedFile;
  readonly model: StageModel;
  /** Per stage, its resolved references (the model's `references`, split by stage). */
  readonly referencesByStage: readonly (readonly StageReference[])[];
}

export function assemble(parsed: ParsedFile, version: number, previous?: Assembled): Assembled {
  const { header } = parsed;
  const commentsByLine = new Map<number, CommentLine>(parsed.comments.map((c) => [c.range.start.line, c]));
  const argDefaults = globalArgDefaults(header.globalArgs);
  const fromScope = globalScope(header.globalArgs);
  // Many stages share a base (`FROM golang:${GO}`): each text is expanded once.
  const bases = new Map<string, Pick<Stage, 'expandedBase' | 'baseEvaluation'>>();
  const baseOf = (text: string) => bases.get(text) ?? bases.set(text, expandBase(text, fromScope, header.escapeCharacter)).get(text)!;
  const reusable = previous && sameResolutionInputs(previous.parsed, parsed) ? previous : undefined;
  const stages = parsed.stages.map((skeleton, index) => {
    const docComment = docCommentAbove(skeleton.fromRange.start.line, commentsByLine);
    const old = reusable?.model.stages[index];
    if (old && reusable!.parsed.stages[index] === skeleton && old.docComment === docComment) return old;
    return stageOf(skeleton, index, docComment, skeleton.base && baseOf(skeleton.base.text));
  });
  const resolver = new StageResolver(stages, argDefaults);
  const referencesByStage = parsed.stages.map((skeleton, index) =>
    reusable && reusable.parsed.stages[index] === skeleton
      ? reusable.referencesByStage[index]
      : skeleton.references.map((raw) => resolver.resolve(raw, index)));
  const epoch = sourceDateEpochReference(header.globalArgs, argDefaults, stages);
  const references = epoch ? [epoch, ...referencesByStage.flat()] : referencesByStage.flat();
  const builtFrom = stagesBuiltFrom(references, stages.length);
  const scratchMounts = scratchMountReferences(stages);
  const edges = buildEdges([...references, ...scratchMounts], builtFrom);
  const model: StageModel = {
    version,
    lineLengths: parsed.lines.lengths,
    escapeCharacter: header.escapeCharacter,
    directives: header.directives,
    repeatedDirective: header.repeated,
    checkOptions: header.checkOptions,
    comments: parsed.comments,
    globalArgs: header.globalArgs,
    globalReadings: header.globalReadings,
    stages,
    references,
    scratchMounts,
    edges,
    builtFrom,
    referencesTo: referencesByTarget(references, stages.length),
    baseReferences: referencesByStage.map((list) => list.find((r) => r.kind === 'from')),
    circular: circularReferences(edges, stages.length),
    openAtEnd: parsed.openAtEnd,
  };
  return { parsed, model, referencesByStage };
}

/** Resolution reads the global ARGs and every stage's name and index: when those are unchanged, so is it. */
function sameResolutionInputs(before: ParsedFile, after: ParsedFile): boolean {
  return before.header === after.header && before.stages.length === after.stages.length
    && before.stages.every((stage, i) => stage.normalizedName === after.stages[i].normalizedName);
}

/**
 * The base as BuildKit expands it in the global scope: its one value (not an empty one, which names no image:
 * BuildKit refuses it), and what it depends on where it holds variables.
 */
function expandBase(text: string, scope: Scope, escapeToken: string): Pick<Stage, 'expandedBase' | 'baseEvaluation'> {
  if (!text.includes('$')) return { expandedBase: text };
  const baseEvaluation: Evaluation = evaluate(text, scope, escapeToken);
  return { expandedBase: definiteValue(baseEvaluation) || undefined, baseEvaluation };
}

function stageOf(skeleton: StageSkeleton, index: number, docComment: string | undefined, base: Pick<Stage, 'expandedBase' | 'baseEvaluation'> | undefined): Stage {
  return {
    index,
    name: skeleton.name,
    normalizedName: skeleton.normalizedName,
    asKeyword: skeleton.asKeyword,
    fromKeyword: skeleton.fromKeyword,
    fromRange: skeleton.fromRange,
    fromReading: skeleton.fromReading,
    range: skeleton.range,
    base: skeleton.base,
    malformed: skeleton.malformed,
    expandedBase: base?.expandedBase,
    baseEvaluation: base?.baseEvaluation,
    platform: skeleton.platform,
    platformFlagRange: skeleton.platformFlagRange,
    docComment,
    instructions: skeleton.instructions,
    declarations: skeleton.declarations,
    uses: skeleton.uses,
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
