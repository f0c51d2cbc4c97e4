// The instructions of a Dockerfile as BuildKit's checks see them: each one's reading by BuildKit's parser
// (analysis/buildkitReading.ts) with where it stands, FROM lines included, stage by stage.
import type { BuildkitReading } from '../../analysis/buildkitReading';
import type { Range, Stage, StageModel } from '../../analysis/model';
import { lastAtOrBefore } from '../../analysis/positions';
import type { Finding, RuleCode } from './rules';

export interface ReadInstruction {
  readonly reading: BuildkitReading;
  /** The whole instruction: BuildKit reports its lines. */
  readonly range: Range;
  readonly keywordRange: Range;
  readonly stage: Stage;
  /** A stage's FROM line (else an instruction of its body). */
  readonly isFrom: boolean;
}

interface StageReading {
  /** Its body instructions that are read. */
  readonly body: readonly ReadInstruction[];
  /** Its FROM and body instructions; undefined when one of them is not read. */
  readonly all?: readonly ReadInstruction[];
}

/**
 * Read once per stage: a stage an edit left alone is the same object in the next version's model (with the
 * same index), and every BuildKit check goes over the same lists.
 */
const stageReadings = new WeakMap<Stage, StageReading>();

export function stageReading(stage: Stage): StageReading {
  let read = stageReadings.get(stage);
  if (!read) {
    const body: ReadInstruction[] = [];
    for (const instruction of stage.instructions) {
      if (instruction.buildkit) body.push({ reading: instruction.buildkit, range: instruction.range, keywordRange: instruction.keywordRange, stage, isFrom: false });
    }
    const complete = stage.fromReading !== undefined && body.length === stage.instructions.length;
    read = { body, all: complete ? [{ reading: stage.fromReading!, range: stage.fromRange, keywordRange: stage.fromKeyword.range, stage, isFrom: true }, ...body] : undefined };
    stageReadings.set(stage, read);
  }
  return read;
}

/** A stage's body instructions that are read (an unread one is left out: nothing is said about it). */
export function readBody(stage: Stage): readonly ReadInstruction[] {
  return stageReading(stage).body;
}

/** The instruction (FROM included) that starts on a line, for the quick fixes. */
export function instructionStartingAt(model: StageModel, line: number): ReadInstruction | undefined {
  const stage = lastAtOrBefore(model.stages, (candidate) => candidate.fromRange.start.line, line);
  if (!stage) return undefined;
  if (stage.fromRange.start.line === line) {
    return stage.fromReading && { reading: stage.fromReading, range: stage.fromRange, keywordRange: stage.fromKeyword.range, stage, isFrom: true };
  }
  return readBody(stage).find((instruction) => instruction.range.start.line === line);
}

/** A finding on the instruction's lines, as BuildKit reports it. */
export function findingOn(instruction: ReadInstruction, code: RuleCode, message: string): Finding {
  return { code, message, range: instruction.range, instructionLine: instruction.range.start.line, data: { stage: instruction.stage.index } };
}

/** The keywords BuildKit knows (instructions/parse.go); another one fails the build. */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label', 'maintainer', 'onbuild',
  'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
]);
