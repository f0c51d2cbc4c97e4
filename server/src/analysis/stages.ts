// Stages, global ARGs, directives and comments, read off dockerfile-ast's parse.
import type { Arg, Dockerfile, From, Instruction, Onbuild } from 'dockerfile-ast';
import type { CommentLine, Directive, GlobalArg, InstructionInfo, Located, Range, Stage } from './model';
import { normalizeStageName } from './names';
import { expandDefaults } from './args';

/** A stage while it is being read: its FROM and the instructions that follow it. */
export interface StageSource {
  readonly from: From;
  readonly body: Instruction[];
}

export interface StageLayout {
  readonly globalArgs: GlobalArg[];
  readonly stageSources: StageSource[];
}

/** Splits the instruction list at each FROM; what stands before the first FROM is global. */
export function splitStages(dockerfile: Dockerfile): StageLayout {
  const globalArgs: GlobalArg[] = [];
  const stageSources: StageSource[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      stageSources.push({ from: instruction as From, body: [] });
    } else if (stageSources.length > 0) {
      stageSources[stageSources.length - 1].body.push(instruction);
    } else if (keyword === 'ARG') {
      globalArgs.push(...readArgs(instruction as Arg));
    }
  }
  return { globalArgs, stageSources };
}

function readArgs(arg: Arg): GlobalArg[] {
  return arg.getProperties().map((property) => ({
    name: property.getName(),
    nameRange: property.getNameRange(),
    defaultValue: property.getValue() ?? undefined,
    range: arg.getRange(),
  }));
}

export function readDirectives(dockerfile: Dockerfile): Directive[] {
  return dockerfile.getDirectives().map((directive) => ({
    name: directive.getName().toLowerCase(),
    value: directive.getValue(),
    range: directive.getRange(),
    valueRange: directive.getValueRange(),
  }));
}

export function readComments(dockerfile: Dockerfile): CommentLine[] {
  return dockerfile.getComments().map((comment) => ({ text: comment.getContent().trim(), range: comment.getRange() }));
}

export function buildStage(
  source: StageSource,
  index: number,
  argDefaults: ReadonlyMap<string, string | undefined>,
  commentsByLine: ReadonlyMap<number, CommentLine>,
): Stage {
  const { from, body } = source;
  const args = from.getArguments();
  const hasAlias = args.length >= 3 && args[1].getValue().toLowerCase() === 'as';
  const name = hasAlias ? located(args[2].getValue(), args[2].getRange()) : undefined;
  const base = args.length > 0 ? located(args[0].getValue(), args[0].getRange()) : undefined;
  const platformFlag = from.getPlatformFlag();
  const platformRange = platformFlag?.getValueRange();
  const last = body.length > 0 ? body[body.length - 1].getRange() : from.getRange();
  return {
    index,
    name,
    normalizedName: name && normalizeStageName(name.text),
    asKeyword: hasAlias ? located(args[1].getValue(), args[1].getRange()) : undefined,
    fromKeyword: located(from.getInstruction(), from.getInstructionRange()),
    fromRange: from.getRange(),
    range: { start: from.getRange().start, end: last.end },
    base,
    expandedBase: base && expandDefaults(base.text, argDefaults),
    platform: platformFlag && platformRange ? located(platformFlag.getValue() ?? '', platformRange) : undefined,
    docComment: docCommentAbove(from.getRange().start.line, commentsByLine),
    instructions: body.map(instructionInfo),
  };
}

function instructionInfo(instruction: Instruction): InstructionInfo {
  const keyword = instruction.getKeyword();
  const trigger = keyword === 'ONBUILD' ? (instruction as Onbuild).getTriggerWord() : null;
  return {
    keyword,
    keywordRange: instruction.getInstructionRange(),
    range: instruction.getRange(),
    triggerKeyword: trigger ? trigger.toUpperCase() : undefined,
  };
}

/** The block of comment lines right above FROM, top to bottom; `# check=` lines are configuration, not text. */
function docCommentAbove(fromLine: number, commentsByLine: ReadonlyMap<number, CommentLine>): string | undefined {
  const lines: string[] = [];
  for (let line = fromLine - 1; commentsByLine.has(line); line--) {
    const text = commentsByLine.get(line)!.text;
    if (/^check\s*=/i.test(text)) break;
    lines.unshift(text);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function located(text: string, range: Range): Located {
  return { text, range };
}
