// One BuildKit reading per instruction, made with the instruction and kept on the stage's skeleton as plain data
// (the stages an edit leaves alone keep theirs): BuildKit's checks take the placed reading (buildkitReading.ts),
// variables and UndefinedVar the dispatch steps (dispatchSteps.ts), both of one parse of the text. They were read
// on first use, through a pair of getters defined on each instruction; but getters of their own give each object a
// shape of its own, and V8 keeps such objects' properties in dictionaries: after analysing the 1,000-stage file of
// `npm run bench` (11,000 instructions) the heap held 52 MB with the getters and 32 MB without, and every full
// garbage collection walks all of it. The diagnostics read every instruction's readings anyway, right after each
// analysis.
import type { BuildkitReading } from './buildkitReading';
import { parseInstruction, placedReading } from './buildkitReading';
import { dispatchSteps, type DispatchStep } from './dispatchSteps';
import type { Position } from './model';

/** An instruction's text and where it stands: all its reading needs, so that the syntax tree is not kept. */
export interface InstructionSource {
  /** From its keyword through its last line, heredoc bodies included (`getTextContent()`). */
  readonly text: string;
  readonly start: Position;
  readonly escape: string;
  /** No line follows it: BuildKit ends it where the file ends, continuation or not. */
  readonly lastInFile: boolean;
  /** Whether dispatch's steps are wanted (ARG, ENV, and the others that hold a `$`). */
  readonly dispatched: boolean;
}

export interface BuildkitReadings {
  /** The instruction as BuildKit's parser reads it; undefined where it would not end it where dockerfile-ast does. */
  readonly buildkit?: BuildkitReading;
  /** What BuildKit's dispatch does with its words; an ONBUILD's are its trigger's. */
  readonly dispatch?: readonly DispatchStep[];
}

/** `buildkit` and `dispatch`, read from one parse of the source. */
export function buildkitReadings(source: InstructionSource): BuildkitReadings {
  const parsed = parseInstruction(source.text, source.escape);
  return { buildkit: placedReading(parsed, source.start, source.lastInFile), dispatch: source.dispatched ? dispatchSteps(parsed) : undefined };
}
