// The comments BuildKit attaches to an instruction (parser.Parse, Node.PrevComment): the comment lines since the
// previous instruction ended, top to bottom, where an empty `#` drops those before it (blank lines do not) and the
// parser directives at the top are none. InvalidDefinitionDescription reads the last of them, a `# check=` among
// them configures the linter for that instruction (linter.WithMergedConfigFromComments).
import type { StageModel } from '../../analysis/model';

const CACHE = new WeakMap<StageModel, InstructionComments>();

export class InstructionComments {
  /** One per model (a model never changes): the `# check=` configuration and InvalidDefinitionDescription share it. */
  static of(model: StageModel): InstructionComments {
    let comments = CACHE.get(model);
    if (!comments) CACHE.set(model, comments = new InstructionComments(model));
    return comments;
  }

  /** The last line of every instruction, in file order (so sorted). */
  private readonly ends: number[];
  private readonly byLine: ReadonlyMap<number, string>;

  private constructor(model: StageModel) {
    const ends = model.globalArgs.map((arg) => arg.range.end.line);
    for (const stage of model.stages) {
      ends.push(stage.fromRange.end.line);
      for (const instruction of stage.instructions) ends.push(instruction.range.end.line);
    }
    this.ends = ends;
    const directiveLines = new Set([...model.directives, ...(model.repeatedDirective ? [model.repeatedDirective] : [])].map((d) => d.range.start.line));
    this.byLine = new Map(model.comments.filter((c) => !directiveLines.has(c.range.start.line)).map((c) => [c.range.start.line, c.text]));
  }

  /** The comments of the instruction starting on `line`, top to bottom. */
  above(line: number): string[] {
    const comments: string[] = [];
    for (let at = lastBelow(this.ends, line) + 1; at < line; at++) {
      const text = this.byLine.get(at);
      if (text === '') comments.length = 0;
      else if (text !== undefined) comments.push(text);
    }
    return comments;
  }
}

/** The greatest value under `line` in the sorted list, or -1; binary search (a 1,000-stage file has 10,000). */
function lastBelow(sorted: readonly number[], line: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < line) {
      found = sorted[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
