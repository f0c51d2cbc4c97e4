// What one parse says about the file: directives, global ARGs, comments, and a skeleton of each stage.
// Skeletons hold plain data only, so that the stages an edit did not touch can be reused as they are.
import type { LineTable } from './lines';
import type { Add, Arg, Dockerfile, From, Instruction, ModifiableInstruction, Onbuild } from 'dockerfile-ast';
import type { CommentLine, GlobalArg, InstructionInfo, Located, MountInfo, Range, Stage, VariableUse } from './model';
import { readDirectiveBlock, type DirectiveBlock } from './directives';
import { normalizeStageName } from './names';
import { collectReferences, type RawReference } from './references';
import { rawValues, readArgProperties, readDeclarations, readUses } from './variables';
import { copyWords, shellWords, unquoted } from './words';
import { runOutputs } from './runOutputs';
import { comparePositions } from './positions';
import type { BuildkitReading } from './buildkitReading';
import type { DispatchStep } from './dispatchSteps';
import { buildkitReadings, type BuildkitReadings, type InstructionSource } from './instructionReading';

/** A stage as far as its own text tells: no index, nothing that depends on other parts of the file. */
export interface StageSkeleton extends Omit<Stage, 'index' | 'expandedBase' | 'baseEvaluation' | 'docComment'> {
  readonly references: readonly RawReference[];
}

/** The part of the file before the first FROM: its parser directives as BuildKit reads them, its global ARGs. */
export interface FileHeader extends DirectiveBlock {
  readonly escapeCharacter: string;
  readonly globalArgs: readonly GlobalArg[];
  /** The instructions before the first FROM as BuildKit reads them (those dockerfile-ast ends where it does). */
  readonly globalReadings: readonly BuildkitReading[];
}

export interface ParsedFile {
  readonly header: FileHeader;
  readonly stages: readonly StageSkeleton[];
  readonly comments: readonly CommentLine[];
  /** Where each line starts and its length (lines.ts). */
  readonly lines: LineTable;
  /** The last instruction is still open (unterminated heredoc, trailing continuation): see `endsOpen`. */
  readonly openAtEnd: boolean;
}

/**
 * After an edit that added or removed lines: the stages from index `from` on are the previous parse's stages at
 * the same index, only moved by `lines` lines (incremental.ts says so; assemble.ts moves their resolved
 * references along).
 */
export interface MovedStages {
  readonly from: number;
  readonly lines: number;
}

/** Reads the whole parse of `text`: what stands before the first FROM is global. */
export function readParse(dockerfile: Dockerfile, text: string): Omit<ParsedFile, 'lines' | 'openAtEnd'> {
  const globalArgs: GlobalArg[] = [];
  const globalReadings: BuildkitReading[] = [];
  const stages: StageSkeleton[] = [];
  let from: From | undefined;
  let body: Instruction[] = [];
  const escapeCharacter = dockerfile.getEscapeCharacter();
  const all = dockerfile.getInstructions();
  // BuildKit ends the file's last instruction where the file ends, continuation or not.
  const source = (instruction: Instruction, content = instruction.getTextContent()): InstructionSource =>
    ({ text: content, start: instruction.getRange().start, escape: escapeCharacter, lastInFile: instruction === all[all.length - 1], dispatched: needsDispatch(instruction, content) });
  for (const instruction of all) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      if (from) stages.push(readStage(from, body, source));
      from = instruction as From;
      body = [];
    } else if (from) {
      body.push(instruction);
    } else {
      const { buildkit, dispatch } = buildkitReadings(source(instruction));
      if (buildkit) globalReadings.push(buildkit);
      if (keyword === 'ARG') globalArgs.push(...readArgs(instruction as Arg, dispatch ?? []));
    }
  }
  if (from) stages.push(readStage(from, body, source));
  return {
    header: { escapeCharacter, ...readDirectiveBlock(text), globalArgs, globalReadings },
    stages,
    comments: dockerfile.getComments().map((comment) => ({ text: comment.getContent().trim(), range: comment.getRange() })),
  };
}

function readArgs(arg: Arg, steps: readonly DispatchStep[]): GlobalArg[] {
  const properties = readArgProperties(arg);
  const raw = rawValues(properties, steps);
  return properties.map((property, i) => ({
    name: property.name,
    nameRange: property.nameRange,
    defaultValue: property.value,
    rawDefault: raw[i],
    valueRange: property.valueRange,
    range: arg.getRange(),
  }));
}

function readStage(from: From, body: Instruction[], source: (instruction: Instruction) => InstructionSource): StageSkeleton {
  const args = from.getArguments();
  const hasAlias = args.length >= 3 && args[1].getValue().toLowerCase() === 'as';
  const name = hasAlias ? located(args[2].getValue(), args[2].getRange()) : undefined;
  const platformFlag = from.getPlatformFlag();
  const platformRange = platformFlag?.getValueRange();
  const last = body.length > 0 ? body[body.length - 1].getRange() : from.getRange();
  const instructions = body.map((instruction) => instructionInfo(instruction, buildkitReadings(source(instruction))));
  const references = collectReferences(from, body);
  const fromSource = source(from);
  return {
    name,
    normalizedName: name && normalizeStageName(name.text),
    asKeyword: hasAlias ? located(args[1].getValue(), args[1].getRange()) : undefined,
    fromKeyword: located(from.getInstruction(), from.getInstructionRange()),
    fromRange: from.getRange(),
    fromReading: buildkitReadings({ ...fromSource, dispatched: false }).buildkit,
    range: { start: from.getRange().start, end: last.end },
    base: args.length > 0 ? located(args[0].getValue(), args[0].getRange()) : undefined,
    malformed: !(args.length === 1 || (hasAlias && args.length === 3)) || undefined,
    platform: platformFlag && platformRange ? located(platformFlag.getValue() ?? '', platformRange) : undefined,
    platformFlagRange: platformFlag?.getRange(),
    instructions,
    references,
    // An ONBUILD trigger runs in the stages built FROM this one: its variables are theirs.
    declarations: body.flatMap((instruction, i) => readDeclarations(instruction, instructions[i].dispatch ?? [])),
    uses: withoutStageNames(stageUses(from, body, fromSource.escape), references),
  };
}

/** The `$X` of the FROM line and the body (not ONBUILD triggers'), each RUN's read under the SHELL set before it in the stage. */
function stageUses(from: From, body: readonly Instruction[], escape: string): VariableUse[] {
  let posixShell = true;
  return [from, ...body].flatMap((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword === 'SHELL') posixShell = isPosixShell(instruction);
    return keyword === 'ONBUILD' ? [] : readUses(instruction, escape, posixShell);
  });
}

/** `SHELL ["/bin/bash", "-c"]` and the like; not PowerShell (`powershell`, `pwsh`) or `cmd`. */
function isPosixShell(shell: Instruction): boolean {
  const program = /^\s*\[\s*"([^"]*)"/.exec(shell.getTextContent().replace(/^\s*SHELL\s*/i, ''))?.[1] ?? '';
  return /(?:^|[\\/])(?:sh|bash|ash|dash|zsh|ksh|mksh)$/i.test(program);
}

/**
 * `COPY --from=a-$V` and `--mount=from=a-$V` read no variable: BuildKit refuses the instruction ("variable
 * expansion is not supported for --from": dockerfile2llb's toCommand; parseMount for from=), which
 * VariableInStageReference says. So `$V` there is no use of V.
 */
function withoutStageNames(uses: VariableUse[], references: readonly RawReference[]): VariableUse[] {
  const names = references.filter((reference) => reference.kind !== 'from' && reference.text.includes('$'));
  const inside = (use: VariableUse, name: RawReference) => comparePositions(name.range.start, use.range.start) <= 0 && comparePositions(use.range.end, name.range.end) <= 0;
  return names.length === 0 ? uses : uses.filter((use) => !names.some((name) => inside(use, name)));
}

/** A RUN's `--mount` flags in order: type (`bind` unless given), from= and target as written; keys are case-insensitive. */
function mountsOf(run: ModifiableInstruction): MountInfo[] {
  return run.getFlags().filter((flag) => flag.getName() === 'mount').map((flag) => {
    const options = new Map(flag.getOptions().map((option) => [option.getName().toLowerCase(), option.getValue() ?? '']));
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    return { type: (options.get('type') ?? 'bind').toLowerCase(), from: options.get('from') || undefined, target, range: flag.getRange() };
  });
}

/** ARG and ENV set variables; the other instructions matter to dispatch only where they expand one. */
function needsDispatch(instruction: Instruction, text: string): boolean {
  const keyword = instruction.getKeyword();
  if (keyword === 'ARG' || keyword === 'ENV') return true;
  const trigger = keyword === 'ONBUILD' ? (instruction as Onbuild).getTriggerWord()?.toUpperCase() : undefined;
  return trigger === 'ARG' || trigger === 'ENV' || text.includes('$');
}

/** What the instruction says, with BuildKit's readings of it (instructionReading.ts). */
function instructionInfo(instruction: Instruction, { buildkit, dispatch }: BuildkitReadings): InstructionInfo {
  const keyword = instruction.getKeyword();
  const trigger = keyword === 'ONBUILD' ? (instruction as Onbuild).getTriggerWord() : null;
  return {
    keyword,
    keywordRange: instruction.getInstructionRange(),
    range: instruction.getRange(),
    triggerKeyword: trigger ? trigger.toUpperCase() : undefined,
    summary: summaryOf(instruction),
    addSources: keyword === 'ADD' ? addSources(instruction as Add) : undefined,
    compiler: keyword === 'RUN' ? NATIVE_COMPILER.exec(instruction.getTextContent())?.[0].replace(/\s+/g, ' ') : undefined,
    copyPaths: keyword === 'COPY' || keyword === 'ADD' ? copyPaths(instruction) : undefined,
    workdir: keyword === 'WORKDIR' ? workdirPath(instruction) : undefined,
    outputs: keyword === 'RUN' ? runOutputs(instruction.getTextContent()) : undefined,
    mounts: keyword === 'RUN' ? mountsOf(instruction as ModifiableInstruction) : undefined,
    buildkit,
    dispatch,
  };
}

/** Every argument but the destination, in shell or JSON form; a heredoc shows as its `<<EOF` (and its body). */
function addSources(add: Add): string[] {
  const json = add.getJSONStrings();
  const values = json.length > 0 ? json.map((string) => string.getJSONValue()) : add.getArguments().map((argument) => argument.getValue());
  return values.slice(0, -1);
}

/** WORKDIR's one path, quotes removed. */
function workdirPath(instruction: Instruction): string | undefined {
  const words = shellWords(instruction.getArguments());
  return words.length === 1 ? unquoted(words[0]).text : undefined;
}

/**
 * COPY's and ADD's paths; undefined for a heredoc, a half-typed instruction, and `--parents`, which keeps each
 * source's directories under the destination (not modelled: what it makes is unknown here).
 */
function copyPaths(instruction: Instruction): InstructionInfo['copyPaths'] {
  const flags = (instruction as ModifiableInstruction).getFlags().map((flag) => flag.getName());
  if (flags.includes('parents')) return undefined;
  const words = copyWords(instruction);
  if (words.some((word) => word.text.startsWith('<<'))) return heredocCopyPaths(instruction);
  if (words.length < 2) return undefined;
  const setsOwnerOrMode = flags.includes('chown') || flags.includes('chmod');
  return { sources: words.slice(0, -1), destination: words[words.length - 1], ...(setsOwnerOrMode ? { setsOwnerOrMode } : {}) };
}

/**
 * `COPY <<EOF /path` writes the file /path: its destination is the last word of the first line, and it has no
 * source path. Several heredocs, or a destination directory, are left unknown.
 */
function heredocCopyPaths(instruction: Instruction): InstructionInfo['copyPaths'] {
  const start = instruction.getRange().start;
  const first = instruction.getTextContent().split(/\r\n|\r|\n/)[0];
  const words = [...first.matchAll(/\S+/g)].slice(1).filter((word) => !word[0].startsWith('--'));
  const last = words[words.length - 1];
  if (words.filter((word) => word[0].startsWith('<<')).length !== 1 || !last || last[0].startsWith('<<') || last[0].endsWith('/')) return undefined;
  const character = start.character + last.index!;
  return { sources: [], destination: { text: last[0], range: { start: { line: start.line, character }, end: { line: start.line, character: character + last[0].length } } } };
}

/** Commands whose output is for one architecture, the build platform's unless told otherwise. */
const NATIVE_COMPILER = /(?<![\w-])(?:go\s+(?:build|install)|cargo\s+(?:build|install)|rustc|gcc|g\+\+|clang\+\+|clang|cc|c\+\+|zig\s+build|swift\s+build|dotnet\s+publish)(?![\w-])/;

const SUMMARY_LENGTH = 60;

/** The arguments' first line, shortened: `RUN --mount=type=cache,… go build` reads well in an outline. */
function summaryOf(instruction: Instruction): string {
  const firstLine = instruction.getTextContent().split(/\r?\n|\r/, 1)[0];
  const afterKeyword = firstLine.trim().slice(instruction.getInstruction().length).trim();
  return afterKeyword.length > SUMMARY_LENGTH ? `${afterKeyword.slice(0, SUMMARY_LENGTH - 1)}…` : afterKeyword;
}

function located(text: string, range: Range): Located {
  return { text, range };
}
