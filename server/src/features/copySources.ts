// Hover and definition on a source path of `COPY --from=x`: the instruction of x (or of the stages it is built
// FROM) that makes it, the latest and most specific; else what is known of where it could come from (a folder a
// COPY fills, a copy into the root such as `COPY --from=xx / /`, the RUNs, whose writes are known only in part, or
// the base image). A folder a WORKDIR or a RUN makes is where the path is, never what made it.
import { posix } from '../analysis/posixPath';
import { MarkupKind, type Hover, type LocationLink } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { copyFromReference, isInside, makersOf, producedPaths, type PathMakers, type ProducedPath } from '../analysis/fileSketch';
import { fromChain, rootStage } from '../analysis/scope';
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
  const line = (maker: ProducedPath) => `line ${maker.instruction.range.start.line + 1} (\`${maker.instruction.keyword} ${maker.instruction.summary}\`)${maker.stage === from ? '' : ` of stage ${stageLabel(maker.stage)}`}`;
  const runs = mayWrite(model, from);
  const within = made ? undefined : inside(model, from, absolute);
  let value: string;
  if (made && made.path === absolute) {
    value = `${where}: made by ${line(made)}`;
  } else if (made && (made.instruction.keyword === 'COPY' || made.instruction.keyword === 'ADD')) {
    // A folder copied in holds what its source holds: the path may come from there.
    value = `${where}: inside \`${made.path}\`, which ${line(made)} fills: it may come from there`;
  } else if (made) {
    // A folder a WORKDIR or a RUN makes says nothing of what is put in it.
    value = `${where}: inside \`${made.path}\`, made by ${line(made)}; no instruction is known to make the path itself${runs}`;
  } else if (within) {
    // A folder something is made in exists (moby's `mkdir -p /dir/subdir`, then `COPY --from=x /dir`).
    value = `${where}: ${line(within[1])} makes \`${within[0]}\` inside it`;
  } else if (rootCopies.length > 0) {
    const copies = rootCopies.map((copy) => rootCopyLabel(model, from, copy));
    value = `${where}: no instruction of ${stageLabel(from)} is known to make it; it may come from ${[...copies, ...(root ? [`its base image \`${root}\``] : [])].join(', or from ')}`;
  } else {
    value = `${where}: ${runs ? `no instruction of ${stageLabel(from)} is known to make it${runs}` : `not made by any instruction of ${stageLabel(from)}`}${root ? ` (it may come from its base image \`${root}\`)` : ''}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: symbol.path.range };
}

/** The first path the stage's FROM chain makes inside `folder`, with its maker. */
function inside(model: StageModel, stage: Stage, folder: string): [string, ProducedPath] | undefined {
  for (const entry of producedPaths(model, stage)) if (isInside(entry[0], folder)) return entry;
  return undefined;
}

/** `: RUN lines 13, 14 may write it`: what a RUN writes is known only for the outputs it names (runOutputs.ts). */
function mayWrite(model: StageModel, stage: Stage): string {
  const lines = fromChain(model, stage).reverse().flatMap((current) => current.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.range.start.line + 1));
  if (lines.length === 0) return '';
  const shown = lines.length > 3 ? `${lines.slice(0, 3).join(', ')} and ${lines.length - 3} more` : lines.join(', ');
  return `; RUN line${lines.length === 1 ? '' : 's'} ${shown} may write it`;
}

/** `xx's root (line 3)` for `COPY --from=xx / /`, else `what line 3 copies (\`COPY . /\`)`; with its stage when inherited. */
function rootCopyLabel(model: StageModel, from: Stage, copy: ProducedPath): string {
  const line = copy.instruction.range.start.line + 1;
  const inherited = copy.stage === from ? '' : `, stage ${stageLabel(copy.stage)}`;
  const reference = copyFromReference(model, copy.stage, copy.instruction);
  const wholeRoot = reference && copy.instruction.copyPaths!.sources.every((source) => posix.resolve('/', source.text) === '/');
  const verb = copy.instruction.keyword === 'ADD' ? 'adds' : copy.instruction.keyword === 'RUN' ? 'writes' : 'copies';
  return wholeRoot ? `${reference.text}'s root (line ${line}${inherited})` : `what line ${line} ${verb} (\`${copy.instruction.keyword} ${copy.instruction.summary}\`${inherited})`;
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
