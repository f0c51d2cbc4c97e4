// Hover and definition on a source path of `COPY --from=x`: the instruction of x (or of the stages it is built
// FROM) that makes it, the latest and most specific; else what is known of where it could come from (a copy into
// the root, such as `COPY --from=xx / /`, or the base image).
import { posix } from 'node:path';
import { MarkupKind, type Hover, type LocationLink, type Position } from 'vscode-languageserver-types';
import type { Located, Stage, StageModel } from '../analysis/model';
import { hasVariable } from '../analysis/args';
import { rangeContains } from '../analysis/positions';
import { copyFromReference, makersOf, type PathMakers, type ProducedPath } from '../analysis/files';
import { rootStage } from '../analysis/scope';
import type { FeatureContext } from './context';
import { stageAtLine } from './locate';
import { stageLabel } from '../analysis/names';

interface CopySource extends PathMakers {
  readonly path: Located;
  /** The path BuildKit reads: the source resolved against the root of the stage copied from. */
  readonly absolute: string;
  readonly from: Stage;
}

function copySourceAt(model: StageModel, position: Position): CopySource | undefined {
  const stage = stageAtLine(model, position.line);
  const instruction = stage?.instructions.find((i) => i.copyPaths && rangeContains(i.range, position));
  const path = instruction?.copyPaths!.sources.find((source) => rangeContains(source.range, position));
  if (!stage || !instruction || !path || hasVariable(path.text)) return undefined;
  const reference = copyFromReference(model, stage, instruction);
  if (reference?.resolution.kind !== 'stage') return undefined;
  const from = model.stages[reference.resolution.stage];
  const absolute = posix.resolve('/', path.text);
  return { path, absolute, from, ...makersOf(model, from, absolute) };
}

export function hoverCopySource({ model }: FeatureContext, position: Position): Hover | undefined {
  const source = copySourceAt(model, position);
  if (!source) return undefined;
  const { absolute, from, made, rootCopies } = source;
  const where = `\`${absolute}\` in stage **${stageLabel(from)}**`;
  const root = rootBase(model, from);
  let value: string;
  if (made) {
    const what = made.path === absolute ? 'made' : `inside \`${made.path}\`, made`;
    value = `${where}: ${what} by line ${made.instruction.range.start.line + 1} (\`${made.instruction.keyword} ${made.instruction.summary}\`)${made.stage === from ? '' : ` of stage ${stageLabel(made.stage)}`}`;
  } else if (rootCopies.length > 0) {
    const copies = rootCopies.map((copy) => rootCopyLabel(model, from, copy));
    value = `${where}: not made by any instruction of ${stageLabel(from)}; it may come from ${[...copies, ...(root ? [`its base image \`${root}\``] : [])].join(', or from ')}`;
  } else {
    value = `${where}: not made by any instruction of ${stageLabel(from)}${root ? ` (it may come from its base image \`${root}\`)` : ''}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: source.path.range };
}

/** `xx's root (line 3)` for `COPY --from=xx / /`, else `what line 3 copies (\`COPY . /\`)`; with its stage when inherited. */
function rootCopyLabel(model: StageModel, from: Stage, copy: ProducedPath): string {
  const line = copy.instruction.range.start.line + 1;
  const inherited = copy.stage === from ? '' : `, stage ${stageLabel(copy.stage)}`;
  const reference = copyFromReference(model, copy.stage, copy.instruction);
  const wholeRoot = reference && copy.instruction.copyPaths!.sources.every((source) => posix.resolve('/', source.text) === '/');
  return wholeRoot ? `${reference.text}'s root (line ${line}${inherited})` : `what line ${line} ${copy.instruction.keyword === 'ADD' ? 'adds' : 'copies'} (\`${copy.instruction.keyword} ${copy.instruction.summary}\`${inherited})`;
}

export function findCopySourceDefinition({ model }: FeatureContext, position: Position, uri: string): LocationLink[] | undefined {
  const source = copySourceAt(model, position);
  // The maker, else the copies into the root it may come from (latest first).
  const instructions = source?.made ? [source.made.instruction] : source?.rootCopies.map((copy) => copy.instruction) ?? [];
  if (!source || instructions.length === 0) return undefined;
  return instructions.map((instruction) => ({ originSelectionRange: source.path.range, targetUri: uri, targetRange: instruction.range, targetSelectionRange: instruction.range }));
}

/** The image a stage's FROM chain starts from, expanded; undefined for `scratch` and a FROM cycle. */
function rootBase(model: StageModel, stage: Stage): string | undefined {
  const root = rootStage(model, stage);
  const base = root && (root.expandedBase ?? root.base?.text);
  return base?.toLowerCase() === 'scratch' ? undefined : base;
}
