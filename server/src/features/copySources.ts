// Hover and definition on a source path of `COPY --from=x`: the instruction of x (or of the stages it is built
// FROM) that makes it, or what is known of where it could come from.
import { posix } from 'node:path';
import { MarkupKind, type Hover, type LocationLink, type Position } from 'vscode-languageserver-types';
import type { Located, Stage, StageModel } from '../analysis/model';
import { hasVariable } from '../analysis/args';
import { rangeContains } from '../analysis/positions';
import { copyFromReference, producedPaths, type ProducedPath } from '../analysis/files';
import { rootStage } from '../analysis/scope';
import type { FeatureContext } from './context';
import { stageAtLine } from './locate';
import { stageLabel } from './stageCard';

interface CopySource {
  readonly path: Located;
  /** The path BuildKit reads: the source resolved against the root of the stage copied from. */
  readonly absolute: string;
  readonly from: Stage;
  /** The instruction that makes it, or a directory it is in. */
  readonly made?: { readonly path: string } & ProducedPath;
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
  const produced = producedPaths(model, from);
  // The path itself, or the nearest directory above it that an instruction made.
  for (let at = absolute; ; at = posix.dirname(at)) {
    const made = produced.get(at);
    if (made) return { path, absolute, from, made: { path: at, ...made } };
    if (at === '/') return { path, absolute, from };
  }
}

export function hoverCopySource({ model }: FeatureContext, position: Position): Hover | undefined {
  const source = copySourceAt(model, position);
  if (!source) return undefined;
  const { absolute, from, made } = source;
  const where = `\`${absolute}\` in stage **${stageLabel(from)}**`;
  let value: string;
  if (made) {
    const what = made.path === absolute ? 'made' : `inside \`${made.path}\`, made`;
    value = `${where}: ${what} by line ${made.instruction.range.start.line + 1} (\`${made.instruction.keyword} ${made.instruction.summary}\`)${made.stage === from ? '' : ` of stage ${stageLabel(made.stage)}`}`;
  } else {
    const root = rootBase(model, from);
    value = `${where}: not made by any instruction of ${stageLabel(from)}${root ? ` (it may come from its base image \`${root}\`)` : ''}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: source.path.range };
}

export function findCopySourceDefinition({ model }: FeatureContext, position: Position, uri: string): LocationLink[] | undefined {
  const source = copySourceAt(model, position);
  if (!source?.made) return undefined;
  const { instruction } = source.made;
  return [{ originSelectionRange: source.path.range, targetUri: uri, targetRange: instruction.range, targetSelectionRange: instruction.range }];
}

/** The image a stage's FROM chain starts from, expanded; undefined for `scratch` and a FROM cycle. */
function rootBase(model: StageModel, stage: Stage): string | undefined {
  const root = rootStage(model, stage);
  const base = root && (root.expandedBase ?? root.base?.text);
  return base?.toLowerCase() === 'scratch' ? undefined : base;
}
