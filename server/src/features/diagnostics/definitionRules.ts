// InvalidDefinitionDescription, BuildKit's experimental check (instructions/parse.go,
// validateDefinitionDescription): the last comment line above a named stage's FROM, or above an ARG, must start
// with the name being defined (`# build compiles the service`), the way `--call=outline`/`targets` read it.
// The comments above an instruction are those since the previous instruction (blank lines do not end them, an
// empty `#` does: parser.go); the last one decides.
import type { Range, StageModel } from '../../analysis/model';
import type { Finding } from './rules';

interface Definition {
  readonly keyword: 'FROM' | 'ARG';
  readonly keys: readonly string[];
  readonly keywordRange: Range;
  readonly line: number;
}

export function checkDefinitionDescriptions(model: StageModel): Finding[] {
  const { definitions, ends } = definitionsAndEnds(model);
  const commentsByLine = new Map(model.comments.map((comment) => [comment.range.start.line, comment.text]));
  const directiveLines = new Set(model.directives.map((directive) => directive.range.start.line));
  const findings: Finding[] = [];
  for (const definition of definitions) {
    const last = lastComment(definition.line, ends, commentsByLine, directiveLines);
    if (last === undefined || definition.keys.includes(last.split(' ')[0])) continue;
    const example = definition.keys.length > 1 ? '<arg_key>' : definition.keys[0];
    findings.push({
      code: 'InvalidDefinitionDescription',
      range: definition.keywordRange,
      instructionLine: definition.line,
      message: `Comment for ${definition.keyword} should follow the format: \`# ${example} <description>\``,
    });
  }
  return findings;
}

/** The named FROMs and the ARGs (global and in stages), and the last line of every instruction. */
function definitionsAndEnds(model: StageModel): { definitions: Definition[]; ends: number[] } {
  const definitions: Definition[] = [];
  const ends: number[] = [];
  const globalArgs = new Map<number, { keys: string[]; range: Range }>();
  for (const arg of model.globalArgs) {
    const entry = globalArgs.get(arg.range.start.line) ?? { keys: [], range: arg.range };
    entry.keys.push(arg.name);
    globalArgs.set(arg.range.start.line, entry);
  }
  for (const [line, { keys, range }] of globalArgs) {
    definitions.push({ keyword: 'ARG', keys, keywordRange: { start: range.start, end: { line, character: range.start.character + 3 } }, line });
    ends.push(range.end.line);
  }
  for (const stage of model.stages) {
    if (stage.normalizedName !== undefined) definitions.push({ keyword: 'FROM', keys: [stage.normalizedName], keywordRange: stage.fromKeyword.range, line: stage.fromRange.start.line });
    ends.push(stage.fromRange.end.line);
    for (const instruction of stage.instructions) {
      ends.push(instruction.range.end.line);
      if (instruction.keyword !== 'ARG') continue;
      const line = instruction.range.start.line;
      const keys = stage.declarations.filter((d) => d.instructionLine === line).map((d) => d.name);
      if (keys.length > 0) definitions.push({ keyword: 'ARG', keys, keywordRange: instruction.keywordRange, line });
    }
  }
  return { definitions, ends: ends.sort((a, b) => a - b) };
}

/** The last comment line between the previous instruction and this one; undefined when there is none. */
function lastComment(line: number, ends: readonly number[], comments: ReadonlyMap<number, string>, directives: ReadonlySet<number>): string | undefined {
  const previousEnd = lastBelow(ends, line);
  for (let at = line - 1; at > previousEnd; at--) {
    const text = comments.get(at);
    if (text === undefined || directives.has(at)) continue;
    // An empty `#` ends the block: nothing after it counts, and it has no text.
    return text === '' ? undefined : text;
  }
  return undefined;
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
