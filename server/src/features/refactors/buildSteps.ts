// What a single-stage build compiles, read from its RUN lines: the last build step, and for Go the binaries
// `go build -o` writes and whether cgo is off; for Rust the folder `cargo build` writes to. Only forms whose
// output is certain from the text are read: anything that moves the output elsewhere (`cd`, `go -C`,
// `--target`, `CARGO_TARGET_DIR`, a variable) declines.
import { posix } from '../../analysis/posixPath';
import type { InstructionInfo, Stage } from '../../analysis/model';
import { lastDeclaration } from '../../analysis/bindings';
import { RUNTIME_PATH, type Ecosystem } from './runtimeBases';

export interface BuildSteps {
  /** The index (in the stage's instructions) of the last RUN that builds. */
  readonly last: number;
  /** Go: the absolute paths `go build -o` writes. */
  readonly binaries: readonly string[];
  /** Go: every `go build` runs with CGO_ENABLED=0. */
  readonly cgoDisabled: boolean;
  /** Rust: the absolute folder `cargo build` writes the binaries to (`<WORKDIR>/target/release`). */
  readonly targetFolder?: string;
}

const GO_BUILD = /(?<![\w-])go\s+(build|install)(?![\w-])/g;
const CARGO_BUILD = /(?<![\w-])cargo\s+(build|install)(?![\w-])/g;
/** A command separator: the rest of a command after a match ends there. */
const SEPARATOR = /[;&|\n()]/;
/** A command that moves or deletes files: after a build, the output may no longer be where `-o` put it. */
const MOVES_FILES = /(?<![\w-])(?:mv|rm|rmdir)\s/;
/** A `cd`, or an option that runs a build in another folder. */
const MOVES_FOLDER = /(?<![\w-])(?:cd|pushd)\s|\s-C(?:\s|=)|--manifest-path|--target-dir|CARGO_TARGET_DIR/;

export type BuildReading = { readonly steps: BuildSteps } | { readonly disabled: string };

/** The text BuildKit runs for a RUN (continuations joined); undefined for heredocs and exec form. */
function runScript(instruction: InstructionInfo): string | undefined {
  const reading = instruction.buildkit;
  if (!reading || reading.json || reading.rest.includes('<<')) return undefined;
  return reading.rest;
}

/** The build steps of `stage` for the ecosystem; `workdirAt(line)` the absolute WORKDIR a RUN there runs in. */
export function readBuildSteps(stage: Stage, ecosystem: Ecosystem, workdirAt: (line: number) => string | undefined): BuildReading {
  const pattern = ecosystem === 'go' ? GO_BUILD : CARGO_BUILD;
  const builds = stage.instructions.map((instruction, index) => ({ instruction, index })).filter(({ instruction }) => instruction.keyword === 'RUN' && new RegExp(pattern.source).test(instruction.buildkit?.rest ?? ''));
  if (builds.length === 0) return { disabled: ecosystem === 'go' ? 'No RUN builds with go build.' : 'No RUN builds with cargo build.' };
  const binaries: string[] = [];
  let cgoDisabled = true;
  let targetFolder: string | undefined;
  const first = builds[0].index;
  const last = builds[builds.length - 1].index;
  const between = stage.instructions.slice(first + 1, last).find((instruction) => instruction.keyword === 'RUN' && MOVES_FILES.test(instruction.buildkit?.rest ?? ''));
  if (between) return { disabled: `RUN on line ${between.range.start.line + 1} moves or removes files between the builds: what they made may not stay where they put it.` };
  for (const { instruction } of builds) {
    const line = instruction.range.start.line + 1;
    const script = runScript(instruction);
    if (script === undefined) return { disabled: `The build on line ${line} is a heredoc or in exec form: its commands are not read.` };
    if (MOVES_FOLDER.test(script)) return { disabled: `The build on line ${line} changes folder or target folder: where its output lands is not certain.` };
    const dir = workdirAt(instruction.range.start.line);
    if (dir === undefined) return { disabled: `The WORKDIR of the build on line ${line} depends on a variable.` };
    for (const match of script.matchAll(pattern)) {
      const command = match[1];
      if (command === 'install') return { disabled: `${ecosystem === 'go' ? 'go' : 'cargo'} install on line ${line} puts binaries where the toolchain's settings say: build with ${ecosystem === 'go' ? 'go build -o PATH' : 'cargo build --release'} instead.` };
      const after = script.slice(match.index! + match[0].length);
      if (MOVES_FILES.test(after)) return { disabled: `The build on line ${line} moves or removes files after it builds: its output may not stay where it was written.` };
      const rest = after.split(SEPARATOR)[0];
      const before = script.slice(0, match.index);
      if (ecosystem === 'go') {
        const output = /(?:^|\s)-o(?:=|\s+)("[^"]+"|'[^']+'|\S+)/.exec(rest)?.[1].replace(/^["']|["']$/g, '');
        if (!output) return { disabled: `go build on line ${line} has no -o: the binary's name comes from go.mod, which the Dockerfile does not show.` };
        if (/[$*?[\]{}~]/.test(output)) return { disabled: `go build on line ${line} writes to ${output}, which holds a variable or a pattern.` };
        binaries.push(posix.resolve(dir, output));
        cgoDisabled &&= cgoOff(stage, instruction, before);
      } else {
        if (/\s--target[\s=]/.test(` ${rest}`)) return { disabled: `cargo build on line ${line} cross-compiles (--target): the runtime base is not certain.` };
        const folder = posix.resolve(dir, 'target', /\s--release(?!\S)|\s-r(?!\S)/.test(` ${rest}`) ? 'release' : 'debug');
        if (targetFolder !== undefined && targetFolder !== folder) return { disabled: 'The cargo builds write to different folders.' };
        targetFolder = folder;
      }
    }
  }
  if (ecosystem === 'rust' && stage.declarations.some((d) => d.name === 'CARGO_TARGET_DIR')) return { disabled: 'CARGO_TARGET_DIR moves where cargo writes its binaries.' };
  return { steps: { last: builds[builds.length - 1].index, binaries, cgoDisabled, targetFolder } };
}

/** CGO_ENABLED=0 for this command: set before it in the same RUN, or by ENV (and not set otherwise in the RUN). */
function cgoOff(stage: Stage, instruction: InstructionInfo, before: string): boolean {
  const inline = [...before.matchAll(/(?<![\w-])CGO_ENABLED=(\S*)/g)].pop();
  if (inline) return inline[1] === '0' || inline[1] === '"0"' || inline[1] === "'0'";
  const declared = lastDeclaration(stage, 'CGO_ENABLED', instruction.range.start.line);
  return declared?.kind === 'env' && declared.value === '0';
}

/**
 * The binaries a start command's words run, as the artifacts to copy: what `go build -o` wrote, and for cargo the
 * binary in the target folder the program names; a bare name must be one of them in the runtime's PATH.
 */
export function nativeArtifacts({ binaries, targetFolder }: BuildSteps, words: readonly string[], workdir: string): string[] | { disabled: string } {
  const program = words[0];
  const path = program.includes('/') ? posix.resolve(workdir, program) : undefined;
  const artifacts = [...binaries];
  if (targetFolder !== undefined && path && path.startsWith(`${targetFolder}/`) && !path.slice(targetFolder.length + 1).includes('/')) artifacts.push(path);
  const found = path ? artifacts.some((artifact) => path === artifact || path.startsWith(`${artifact}/`)) : artifacts.some((artifact) => RUNTIME_PATH.includes(posix.dirname(artifact)) && posix.basename(artifact) === program);
  if (found) return artifacts;
  const made = targetFolder ? `a binary in ${targetFolder}` : binaries.join(', ');
  return { disabled: `The image runs ${program}, which is not what the build makes (${made})${path ? '' : ' in the runtime\'s PATH'}: the runtime image would not have it.` };
}
