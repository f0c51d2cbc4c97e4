// One BuildKit reading per instruction, made on first use and kept with the instruction: BuildKit's checks take the
// placed reading (buildkitReading.ts), variables and UndefinedVar the dispatch steps (dispatchSteps.ts), both of one
// parse of the text. Lazy, so that an analysis no check asks for reads no instruction again; kept on the stage's
// skeleton, so that the stages an edit leaves alone keep theirs (incremental.ts reads it when it shifts a stage).
import type { BuildkitReading } from './buildkitReading';
import { parseInstruction, placedReading, type ParsedInstruction } from './buildkitReading';
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

/** `info` with `buildkit` and `dispatch` as properties read from one parse of the source, on first use. */
export function withBuildkitReadings<T extends object>(info: T, source: InstructionSource): T & BuildkitReadings {
  let parsed: ParsedInstruction | undefined;
  const parse = () => (parsed ??= parseInstruction(source.text, source.escape));
  let reading: { readonly value?: BuildkitReading } | undefined;
  let steps: readonly DispatchStep[] | undefined;
  return Object.defineProperties(info, {
    buildkit: { enumerable: true, get: () => (reading ??= { value: placedReading(parse(), source.start, source.lastInFile) }).value },
    dispatch: { enumerable: true, get: () => (source.dispatched ? (steps ??= dispatchSteps(parse())) : undefined) },
  }) as T & BuildkitReadings;
}
