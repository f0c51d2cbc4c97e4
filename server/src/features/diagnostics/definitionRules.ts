// InvalidDefinitionDescription, BuildKit's experimental check (instructions/parse.go,
// validateDefinitionDescription): the last comment line above a named stage's FROM, or above an ARG, must start
// with the name being defined (`# build compiles the service`), the way `--call=outline`/`targets` read it.
// The comments above an instruction are BuildKit's (instructionComments.ts); the last one decides.
import type { Range, Stage, StageModel } from '../../analysis/model';
import type { Finding } from './rules';
import { InstructionComments } from './instructionComments';

interface Definition {
  readonly keyword: 'FROM' | 'ARG';
  readonly keys: readonly string[];
  readonly keywordRange: Range;
  readonly line: number;
}

export function checkDefinitionDescriptions(model: StageModel): Finding[] {
  const comments = InstructionComments.of(model);
  const findings: Finding[] = [];
  for (const definition of definitions(model)) {
    const last = comments.above(definition.line).pop();
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

/** The named FROMs and the ARGs (global and in stages). */
function definitions(model: StageModel): Definition[] {
  const found: Definition[] = [];
  const globalArgs = new Map<number, { keys: string[]; range: Range }>();
  for (const arg of model.globalArgs) {
    const entry = globalArgs.get(arg.range.start.line) ?? { keys: [], range: arg.range };
    entry.keys.push(arg.name);
    globalArgs.set(arg.range.start.line, entry);
  }
  for (const [line, { keys, range }] of globalArgs) {
    found.push({ keyword: 'ARG', keys, keywordRange: { start: range.start, end: { line, character: range.start.character + 3 } }, line });
  }
  for (const stage of model.stages) found.push(...stageDefinitions(stage));
  return found;
}

/** A stage's are its own (and a stage an edit left alone is the same object in the next version's model). */
const STAGE_DEFINITIONS = new WeakMap<Stage, readonly Definition[]>();

function stageDefinitions(stage: Stage): readonly Definition[] {
  let found = STAGE_DEFINITIONS.get(stage);
  if (!found) {
    const definitions: Definition[] = [];
    if (stage.normalizedName !== undefined) definitions.push({ keyword: 'FROM', keys: [stage.normalizedName], keywordRange: stage.fromKeyword.range, line: stage.fromRange.start.line });
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'ARG') continue;
      const line = instruction.range.start.line;
      const keys = stage.declarations.filter((d) => d.instructionLine === line).map((d) => d.name);
      if (keys.length > 0) definitions.push({ keyword: 'ARG', keys, keywordRange: instruction.keywordRange, line });
    }
    STAGE_DEFINITIONS.set(stage, found = definitions);
  }
  return found;
}
