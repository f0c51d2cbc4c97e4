// The command line of `dockerfile-stages`: the commands, their options, and the usage text.
import { RUNTIME_KINDS, type RuntimeKind } from '../features/refactors/runtimeBases';
export const USAGE = `usage: dockerfile-stages check FILE|FOLDER... [--format text|json|sarif|github] [--target NAME]... [--workspace DIR]
                               [--fix | --fix-unsafe] [--diff]
       dockerfile-stages graph FILE [--format mermaid|dot|json] [--target NAME]... [--workspace DIR]
       dockerfile-stages convert FILE [--runtime auto|distroless|scratch|alpine|slim] [--deps-first] [--diff | --write]
       dockerfile-stages ships [FILE] [--format text|json] [--target NAME]

check reports stage problems in Dockerfiles: unused stages, references that name no stage, forward references,
cycles, BuildKit's checks (as docker build --check, offline; CopyIgnoredFile with the .dockerignore of the build
context), ARGs out of scope, dependency installs after the whole source (npm, yarn and pnpm with the package.json
and lock file of the build context: the file's folder, or the folder every build --workspace shows of it names;
none where they disagree). --target adds a build target besides the last stage; --workspace adds the targets
that DIR's bake, compose, devcontainer, VS Code task and launch, workflow files, Makefiles and scripts build. A
FOLDER is checked as a workspace: every Dockerfile under it, with the targets its files build.
--fix applies the fixes that cannot change what any target builds (keyword and stage-name casing, an ignored
--platform, key=value, EXPOSE protocol case and host part, empty continuation lines); --fix-unsafe also those
that change it on purpose (did-you-mean, declaring an ARG, moving an ARG or a stage, MAINTAINER as a label, the
exec form of a plain CMD, ...), never removing anything: an unused stage may be built by something check did not
read. --diff prints the change as a unified diff instead of writing it. What was fixed goes to stderr ("nothing
to fix" when nothing was); the report and the exit status are about what remains.
-h, --help prints this text.
Exit status: 1 if any error was found, 2 on bad usage, an unreadable file or a --target that names no stage
(as BuildKit fails: target stage "x" could not be found), 0 otherwise.

graph prints the stages and their FROM, COPY --from, mount, ONBUILD edges, with targets and unused stages
marked: Mermaid (GitHub renders it), Graphviz DOT, or JSON. DOT and JSON also mark the stages and edges whose
files ship in the image of the first --target (of the last stage without one).

convert turns a single-stage Go, Rust, Java or .NET build into a build stage and a runtime stage that keeps only
the binary, jar or published folder (the editor's Convert to a multi-stage build): it prints the result (--diff: as a unified diff; --write: writes
the file) and says on stderr what the new image no longer has. --runtime chooses a Go or Rust build's runtime
base (auto: the table's, as the editor; distroless, scratch with the CA certificates copied, alpine or Debian
slim of the builder's version), declined where that base would not run the binary. --deps-first also copies
go.mod (and go.sum, where there is one) of the build context (as for check) and runs go mod download before the build stage's
COPY . ., so that the download stays cached until they change; declined where the download may read more or
differ from the build's. Exit status 2 with the reason where it declines.

ships prints what the image of a target (the last stage, or --target) holds and where each part comes from: the
base image, then every instruction of its FROM chain that adds files, with the build context paths, URLs, or the
stage it copies from and the lines of that stage that made each path (followed through COPY --from). What the
Dockerfile alone cannot tell is said so: a base image's contents, what a RUN writes besides the outputs it names,
a path with a build arg. FILE defaults to ./Dockerfile.`;

export class UsageError extends Error {}

/** `--help` or `-h` anywhere: the usage on standard output, exit status 0. */
export class HelpRequested extends Error {}

const FORMATS = { check: ['text', 'json', 'sarif', 'github'], graph: ['mermaid', 'dot', 'json'], convert: ['dockerfile'], ships: ['text', 'json'] } as const;
export type Command = keyof typeof FORMATS;

export interface Options {
  readonly command: Command;
  readonly files: string[];
  readonly format: string;
  readonly targets: string[];
  readonly workspaces: string[];
  readonly fix?: 'safe' | 'unsafe';
  readonly diff?: boolean;
  /** convert: write the result to the file. */
  readonly write?: boolean;
  /** convert: the runtime base asked for. */
  readonly runtime?: RuntimeKind;
  /** convert: download the dependencies before the build stage copies the whole context. */
  readonly depsFirst?: boolean;
}

export function parseArguments(args: readonly string[]): Options {
  if (args.includes('--help') || args.includes('-h')) throw new HelpRequested();
  const command = args[0];
  if (command !== 'check' && command !== 'graph' && command !== 'convert' && command !== 'ships') throw new UsageError(args.length === 0 ? 'missing command' : `unknown command '${command}'`);
  const files: string[] = [];
  const targets: string[] = [];
  const workspaces: string[] = [];
  let format: string = FORMATS[command][0];
  let fix: Options['fix'];
  let diff = false;
  let write = false;
  let runtime: RuntimeKind = 'auto';
  let depsFirst = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') format = value();
    else if (flag === '--target') targets.push(value());
    else if (flag === '--workspace') workspaces.push(value());
    else if (command === 'check' && arg === '--fix') fix = fix ?? 'safe';
    else if (command === 'check' && arg === '--fix-unsafe') fix = 'unsafe';
    else if (command !== 'graph' && arg === '--diff') diff = true;
    else if (command === 'convert' && arg === '--write') write = true;
    else if (command === 'convert' && flag === '--runtime') runtime = runtimeKind(value());
    else if (command === 'convert' && arg === '--deps-first') depsFirst = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else files.push(arg);
  }
  const formats: readonly string[] = FORMATS[command];
  if (!formats.includes(format)) throw new UsageError(`unknown format '${format}' (${formats.join(', ')})`);
  if (command === 'ships' && files.length === 0) files.push('Dockerfile');
  if (files.length === 0) throw new UsageError('no file given');
  if (command !== 'check' && files.length > 1) throw new UsageError(`${command} takes one file`);
  if (command === 'convert') {
    if (diff && write) throw new UsageError('convert takes --diff or --write, not both');
    if (write && files.includes('-')) throw new UsageError('--write cannot write to standard input');
    return { command, files, format, targets, workspaces, diff, write, runtime, depsFirst };
  }
  if (command === 'ships' && targets.length > 1) throw new UsageError('ships takes one --target');
  if (command === 'ships' && workspaces.length > 0) throw new UsageError('ships takes no --workspace');
  if (diff && !fix) fix = 'safe';
  if (fix && !diff && files.includes('-')) throw new UsageError('--fix cannot write to standard input: add --diff');
  return { command, files, format, targets, workspaces, fix, diff };
}

function runtimeKind(value: string): RuntimeKind {
  if (!(RUNTIME_KINDS as readonly string[]).includes(value)) throw new UsageError(`unknown runtime '${value}' (${RUNTIME_KINDS.join(', ')})`);
  return value as RuntimeKind;
}
