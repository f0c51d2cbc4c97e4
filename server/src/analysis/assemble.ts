// Assembles the stage model from the parse: everything that depends on more than one stage (indices, ARG
// expansion, resolution, edges, cycles). Runs on every version; when the previous version had the same stage
// names, the stages an edit did not touch keep their resolved references (the common case while typing).
import { BEFORE_FIRST_STAGE, type CommentLine, type Stage, type StageModel, type StageReference } from './model';
import type { MovedStages, ParsedFile, StageSkeleton } from './stages';
import { StageResolver } from './resolve';
import { globalArgDefaults } from './args';
import { definiteValue, evaluate, type Evaluation, type Scope } from './evaluate';
import { globalScope } from './bindings';
import { buildEdges, circularReferences, referencesTo, stagesBuiltFrom } from './graph';
import { sourceDateEpochReference } from './sourceDateEpoch';
import { scratchMountReferences } from './dispatchStates';
import { countAtOrBefore, moveLines } from './positions';

/** A model with what it was built from, so that the next version can reuse its parts. */
export interface Assembled {
  readonly parsed: ParsedFile;
  readonly model: StageModel;
  /** Per stage, its resolved references (the model's `references`, split by stage). */
  readonly referencesIn: readonly (readonly StageReference[])[];
  readonly resolver: StageResolver;
}

/** `moved`: the stages an edit only moved since `previous` (incremental.ts). */
export function assemble(parsed: ParsedFile, version: number, previous?: Assembled, moved?: MovedStages): Assembled {
  const { header } = parsed;
  const docCommentOf = (skeleton: StageSkeleton, index: number) => {
    // Its comment lines lie after the stage before it: where neither was re-parsed, they are the previous version's.
    const kept = previous?.parsed.stages[index] === skeleton && (index === 0 ? previous.parsed.header === header : previous.parsed.stages[index - 1] === parsed.stages[index - 1]);
    if (kept) return previous.model.stages[index].docComment;
    return docCommentAbove(skeleton.fromRange.start.line, parsed.comments);
  };
  const argDefaults = globalArgDefaults(header.globalArgs);
  const fromScope = globalScope(header.globalArgs);
  // Many stages share a base (`FROM golang:${GO}`): each text is expanded once.
  const bases = new Map<string, Pick<Stage, 'expandedBase' | 'baseEvaluation'>>();
  const baseOf = (text: string) => bases.get(text) ?? bases.set(text, expandBase(text, fromScope, header.escapeCharacter)).get(text)!;
  const reusable = previous && sameResolutionInputs(previous.parsed, parsed) ? previous : undefined;
  const stages = parsed.stages.map((skeleton, index) => {
    const docComment = docCommentOf(skeleton, index);
    const old = reusable?.model.stages[index];
    if (old && reusable!.parsed.stages[index] === skeleton && old.docComment === docComment) return old;
    return stageOf(skeleton, index, docComment, skeleton.base && baseOf(skeleton.base.text));
  });
  // It indexes every stage's name: with the same names and global ARGs the previous version's answers alike.
  const resolver = reusable?.resolver ?? new StageResolver(stages, argDefaults);
  const referencesIn = parsed.stages.map((skeleton, index) => {
    const old = reusable?.referencesIn[index];
    if (old && reusable!.parsed.stages[index] === skeleton) return old;
    // A stage an edit above moved: the same names resolve its references alike, on other lines.
    if (old && moved && index >= moved.from) return moveLines(old, moved.lines);
    const resolved = skeleton.references.map((raw) => resolver.resolve(raw, index));
    // Typing inside a stage seldom changes what it references: then the old objects, and all that hangs on them, stay.
    return old && sameReferences(resolved, old) ? old : resolved;
  });
  const epoch = sourceDateEpochReference(header.globalArgs, argDefaults, stages);
  const scratchMounts = scratchMountReferences(stages);
  const before = reusable?.model;
  const linksUnchanged = before !== undefined && referencesIn.every((list, i) => list === reusable!.referencesIn[i])
    && sameReferences(epoch ? [epoch] : [], before.references[0]?.inStage === BEFORE_FIRST_STAGE ? [before.references[0]] : [])
    && sameReferences(scratchMounts, before.scratchMounts);
  const links = linksUnchanged ? before : linksOf(epoch ? [epoch, ...referencesIn.flat()] : referencesIn.flat(), scratchMounts, referencesIn);
  const model: StageModel = {
    version,
    lineLengths: parsed.lines.lengths,
    lineStarts: parsed.lines.starts,
    escapeCharacter: header.escapeCharacter,
    directives: header.directives,
    repeatedDirective: header.repeated,
    checkOptions: header.checkOptions,
    comments: parsed.comments,
    globalArgs: header.globalArgs,
    globalReadings: header.globalReadings,
    stages,
    references: links.references,
    referencesIn,
    scratchMounts: links.scratchMounts,
    edges: links.edges,
    builtFrom: links.builtFrom,
    referencesTo: links.referencesTo,
    baseReferences: links.baseReferences,
    circular: links.circular,
    openAtEnd: parsed.openAtEnd,
  };
  return { parsed, model, referencesIn, resolver };
}

type Links = Pick<StageModel, 'references' | 'scratchMounts' | 'edges' | 'builtFrom' | 'referencesTo' | 'baseReferences' | 'circular'>;

/** Everything that hangs on the references: edges, cycles, and the indices by stage. */
function linksOf(references: readonly StageReference[], scratchMounts: readonly StageReference[], referencesIn: readonly (readonly StageReference[])[]): Links {
  const stageCount = referencesIn.length;
  const builtFrom = stagesBuiltFrom(references, stageCount);
  const edges = buildEdges([...references, ...scratchMounts], builtFrom);
  return {
    references,
    scratchMounts,
    edges,
    builtFrom,
    referencesTo: referencesTo(references, stageCount),
    baseReferences: referencesIn.map((list) => list.find((r) => r.kind === 'from')),
    circular: circularReferences(edges, stageCount),
  };
}

/** The same references, field by field (a stage's few, compared after it was re-parsed). */
function sameReferences(a: readonly StageReference[], b: readonly StageReference[]): boolean {
  return a.length === b.length && a.every((reference, i) => JSON.stringify(reference) === JSON.stringify(b[i]));
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
  const baseEvaluation = withoutEmptyName(evaluate(text, scope, escapeToken), text);
  return { expandedBase: definiteValue(baseEvaluation) || undefined, baseEvaluation };
}

/** An empty base is no possible base: BuildKit refuses the build ("base name (...) should not be blank", buildDispatchStates). */
function withoutEmptyName(evaluation: Evaluation, text: string): Evaluation {
  if (!evaluation.values.includes('')) return evaluation;
  const { forms, opaque, dependsOn, pattern } = evaluation;
  return { values: evaluation.values.filter((value) => value !== ''), forms, opaque, errors: [...evaluation.errors, `base name (${text}) should not be blank`], dependsOn, pattern };
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

/**
 * The block of comment lines right above FROM, top to bottom; `# check=` lines are configuration, not text.
 * `comments` are in line order: found by binary search, not indexed (a map of 1,000 comments on every edit).
 */
function docCommentAbove(fromLine: number, comments: readonly CommentLine[]): string | undefined {
  const lines: string[] = [];
  let line = fromLine - 1;
  for (let i = countAtOrBefore(comments, (c) => c.range.start.line, line) - 1; i >= 0 && comments[i].range.start.line === line; i--, line--) {
    if (/^check\s*=/i.test(comments[i].text)) break;
    lines.unshift(comments[i].text);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}
