// Hover and definition on a source path of `COPY --from=x`: the instruction of x (or of the stages it is built
// FROM) that makes it, the latest and most specific; else what is known of where it could come from (a copy into
// the root, such as `COPY --from=xx / /`, or the base image).
import { posix } from '../analysis/posixPath';
import { MarkupKind, type Hover, type LocationLink } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { copyFromReference, makersOf, type PathMakers, type ProducedPath } from '../analysis/fileSketch';
import { rootStage } from '../analysis/scope';
import type { CopiedPathSymbol } from './locate';
import { stageLabel } from '../analysis/names';

/** The path and the instructions that make it, or the copies into the root it may come from. */
function makersAt(model: StageModel, symbol: CopiedPathSymbol): PathMakers {
  return makersOf(model, symbol.from, symbol.absolute);
}

export function hoverCopySource(model: StageModel, symbol: CopiedPathSymbol): Hover {
  const { absolute, from } = symbol;
  const { made, rootCopies } = makersAt(model, symbol);
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
  return { contents: { kind: MarkupKind.Markdown, value }, range: symbol.path.range };
}

/** `xx's root (line 3)` for `COPY --from=xx / /`, else `what line 3 copies (\`COPY . /\`)`; with its stage when inherited. */
function rootCopyLabel(model: StageModel, from: Stage, copy: ProducedPath): string {
  const line = copy.instruction.range.start.line + 1;
  const inherited = copy.stage === from ? '' : `, stage ${stageLabel(copy.stage)}`;
  const reference = copyFromReference(model, copy.stage, copy.instruction);
  const wholeRoot = reference && copy.instruction.copyPaths!.sources.every((source) => posix.resolve('/', source.text) === '/');
  return wholeRoot ? `${reference.text}'s root (line ${line}${inherited})` : `what line ${line} ${copy.instruction.keyword === 'ADD' ? 'adds' : 'copies'} (\`${copy.instruction.keyword} ${copy.instruction.summary}\`${inherited})`;
}

export function findCopySourceDefinition(model: StageModel, symbol: CopiedPathSymbol, uri: string): LocationLink[] | undefined {
  const { made, rootCopies } = makersAt(model, symbol);
  // The maker, else the copies into the root it may come from (latest first).
  const instructions = made ? [made.instruction] : rootCopies.map((copy) => copy.instruction);
  if (instructions.length === 0) return undefined;
  return instructions.map((instruction) => ({ originSelectionRange: symbol.path.range, targetUri: uri, targetRange: instruction.range, targetSelectionRange: instruction.range }));
}

/** The image a stage's FROM chain starts from, expanded; undefined for `scratch` and a FROM cycle. */
function rootBase(model: StageModel, stage: Stage): string | undefined {
  const root = rootStage(model, stage);
  const base = root && (root.expandedBase ?? root.base?.text);
  return base?.toLowerCase() === 'scratch' ? undefined : base;
}
