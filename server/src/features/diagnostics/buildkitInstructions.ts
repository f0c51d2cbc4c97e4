// The instructions of a Dockerfile as BuildKit's checks see them: each one's reading by BuildKit's parser
// (analysis/buildkitReading.ts) with where it stands, FROM lines included, in file order.
import type { BuildkitReading } from '../../analysis/buildkitReading';
import type { Range, Stage, StageModel } from '../../analysis/model';

export interface ReadInstruction {
  readonly reading: BuildkitReading;
  /** The whole instruction: BuildKit reports its lines. */
  readonly range: Range;
  readonly keywordRange: Range;
  readonly stage: Stage;
  /** A stage's FROM line (else an instruction of its body). */
  readonly isFrom: boolean;
}

/** Every stage's FROM and body instructions; undefined when one of them is not read (see `readInstruction`). */
export function stageInstructions(model: StageModel): ReadInstruction[] | undefined {
  const read: ReadInstruction[] = [];
  for (const stage of model.stages) {
    if (!stage.fromReading) return undefined;
    read.push({ reading: stage.fromReading, range: stage.fromRange, keywordRange: stage.fromKeyword.range, stage, isFrom: true });
    for (const instruction of stage.instructions) {
      if (!instruction.buildkit) return undefined;
      read.push({ reading: instruction.buildkit, range: instruction.range, keywordRange: instruction.keywordRange, stage, isFrom: false });
    }
  }
  return read;
}

/** A stage's body instructions that are read (an unread one is left out: nothing is said about it). */
export function readBody(stage: Stage): ReadInstruction[] {
  return stage.instructions.flatMap((instruction) => instruction.buildkit
    ? [{ reading: instruction.buildkit, range: instruction.range, keywordRange: instruction.keywordRange, stage, isFrom: false }]
    : []);
}

/** The instruction (FROM included) that starts on a line, for the quick fixes. */
export function instructionStartingAt(model: StageModel, line: number): ReadInstruction | undefined {
  let stage: Stage | undefined;
  for (const candidate of model.stages) if (candidate.fromRange.start.line <= line) stage = candidate;
  if (!stage) return undefined;
  if (stage.fromRange.start.line === line) {
    return stage.fromReading && { reading: stage.fromReading, range: stage.fromRange, keywordRange: stage.fromKeyword.range, stage, isFrom: true };
  }
  return readBody(stage).find((instruction) => instruction.range.start.line === line);
}

/** The keywords BuildKit knows (instructions/parse.go); another one fails the build. */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label', 'maintainer', 'onbuild',
  'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
]);
