// Convert to a multi-stage build, the plan: whether a single-stage Dockerfile can become a build stage (its own
// instructions up to the last build step, on the same base) plus a runtime stage on the runtime base of the same
// ecosystem and C library (runtimeBases.ts) that copies each artifact to the path it had and keeps every
// runtime setting. Declined with the reason wherever that result is not certain to run the same program with
// the same settings: an unknown builder or output, packages the program may need, a RUN after the build, a
// setting that reads the builder image's environment, a start command that names what the runtime lacks.
import { posix } from '../../analysis/posixPath';
import type { InstructionInfo, Stage, StageModel } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { producedPaths, workdirAt } from '../../analysis/fileSketch';
import { lastDeclaration } from '../../analysis/bindings';
import { malformedFrom } from './refactor';
import { nativeArtifacts, readBuildSteps, type BuildSteps } from './buildSteps';
import { builderOf, managedArtifacts, readManagedBuild, type ManagedBuild } from './managedBuilds';
import { goRuntime, managedRuntime, rustRuntime, type Builder, type RuntimeBase, type RuntimeKind } from './runtimeBases';
import { readStart, type StartInstruction } from './startCommand';

export interface ConvertPlan {
  readonly stage: Stage;
  readonly builder: Builder;
  readonly runtime: RuntimeBase;
  /** The index of the last build step: the instructions after it move to the runtime stage. */
  readonly lastBuild: number;
  /** The absolute paths copied from the build stage, each to the same path. */
  readonly artifacts: readonly string[];
  /** The runtime settings up to the last build step, copied (in order) to the runtime stage. */
  readonly carried: readonly InstructionInfo[];
  /** The WORKDIR the builder image set, written in the runtime stage where the Dockerfile sets none. */
  readonly builderWorkdir?: string;
  /** Shell-form ENTRYPOINT/CMD that become exec form on a runtime base without a shell. */
  readonly execForms: readonly StartInstruction[];
}

export type ConvertPlanning = ConvertPlan | { readonly disabled: string };

/** Instructions that set the image's configuration (and the variables they read): kept in the runtime stage. */
const SETTINGS = new Set(['ARG', 'ENV', 'LABEL', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'SHELL', 'STOPSIGNAL', 'VOLUME', 'ONBUILD', 'USER', 'WORKDIR', 'MAINTAINER']);
const PACKAGE_INSTALL = /(?<![\w-])(?:apt-get\s+(?:\S+\s+)*install|apt\s+(?:\S+\s+)*install|apk\s+(?:\S+\s+)*add|yum\s+(?:\S+\s+)*install|dnf\s+(?:\S+\s+)*install|microdnf\s+(?:\S+\s+)*install|zypper\s+(?:\S+\s+)*(?:install|in))(?![\w-])/;

/** The build commands that make the action offered, by ecosystem; Node builds are offered and declined. */
const BUILDS: readonly { readonly ecosystem: string; readonly name: string; readonly builders?: string; readonly pattern: RegExp }[] = [
  { ecosystem: 'go', name: 'Go', builders: 'golang', pattern: /(?<![\w-])go\s+(?:build|install)(?![\w-])/ },
  { ecosystem: 'rust', name: 'Rust', builders: 'rust', pattern: /(?<![\w-])cargo\s+(?:build|install)(?![\w-])/ },
  { ecosystem: 'dotnet', name: '.NET', builders: 'mcr.microsoft.com/dotnet/sdk:X.Y', pattern: /(?<![\w-])dotnet\s+(?:publish|build)(?![\w-])/ },
  { ecosystem: 'java', name: 'Java', builders: 'eclipse-temurin\'s JDK, or maven or gradle on it', pattern: /(?<![\w-])(?:mvn|mvnw|gradle|gradlew)\s+(?:\S+\s+)*(?:package|install|build|bootJar|jar)(?![\w-])/ },
  { ecosystem: 'node', name: 'Node', pattern: /(?<![\w-])(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?build(?![\w-])/ },
];
const CONVERTED = new Set(['go', 'rust', 'dotnet', 'java']);

/** The file's only stage, when the FROM at `line` is its FROM and a RUN of it builds: where the action is offered. */
export function offersConvert(model: StageModel, line: number): Stage | undefined {
  if (model.stages.length !== 1) return undefined;
  const stage = model.stages[0];
  if (line < stage.fromRange.start.line || line > stage.fromRange.end.line) return undefined;
  return ecosystemsBuilt(stage).length > 0 ? stage : undefined;
}

function ecosystemsBuilt(stage: Stage): string[] {
  const runs = stage.instructions.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.buildkit?.rest ?? '');
  return BUILDS.filter(({ pattern }) => runs.some((run) => pattern.test(run))).map(({ ecosystem }) => ecosystem);
}

const nameOf = (ecosystem: string) => BUILDS.find((build) => build.ecosystem === ecosystem)!.name;

/** `kind`: the runtime base asked for (`--runtime`); `auto` is the table's choice. */
export function planConvert(model: StageModel, stage: Stage, kind: RuntimeKind = 'auto'): ConvertPlanning {
  const decline = (disabled: string) => ({ disabled });
  const malformed = malformedFrom(stage);
  if (malformed) return decline(malformed);
  if (model.openAtEnd) return decline('The last instruction of the file is not closed (a heredoc or a line continuation): close it first.');
  const built = ecosystemsBuilt(stage);
  if (!built.some((ecosystem) => CONVERTED.has(ecosystem))) return decline(`Converting a ${built.map(nameOf).join(', ')} build is not supported yet: its dependencies are not known to separate exactly from its sources (Go, Rust, Java with Maven or Gradle, and .NET builds are converted).`);
  const baseText = stage.expandedBase ?? stage.base!.text;
  if (hasVariable(baseText)) return decline(`The base ${baseText} depends on a build argument: the image, and so its C library, is not known.`);
  const builder = builderOf(baseText);
  if (!builder || !built.includes(builder.ecosystem)) {
    const known = BUILDS.filter((build) => CONVERTED.has(build.ecosystem) && built.includes(build.ecosystem));
    return decline(`The base ${baseText} is not a builder image known for this ${known.map((build) => `${build.name} build (${build.builders})`).join(' or ')}: its C library, its runtime image and what it holds are not known.`);
  }
  const install = stage.instructions.find((instruction) => instruction.keyword === 'RUN' && PACKAGE_INSTALL.test(instruction.buildkit?.rest ?? ''));
  if (install) return decline(`RUN on line ${install.range.start.line + 1} installs packages the program may need at run time (or link), which the runtime base would not have.`);
  const workdirs = builderWorkdirs(model, stage, builder);
  if (typeof workdirs === 'string') return decline(workdirs);
  const build = readBuild(stage, builder, workdirs.at, kind);
  if ('disabled' in build) return build;
  const runtimeBase = build.runtime;
  const lastBuild = build.last;
  const carried: InstructionInfo[] = [];
  for (const [index, instruction] of stage.instructions.entries()) {
    const line = instruction.range.start.line + 1;
    if (index <= lastBuild) {
      if (SETTINGS.has(instruction.keyword)) carried.push(instruction);
    } else if (instruction.keyword === 'RUN') {
      return decline(`RUN on line ${line} comes after the build and may need what the build stage has (tools, sources); the runtime base would not.`);
    } else if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && /--chown/i.test(instruction.buildkit?.flags.join(' ') ?? '--chown')) {
      return decline(`${instruction.keyword} on line ${line} sets an owner that may exist only in the builder image.`);
    }
  }
  const moved = stage.instructions.slice(lastBuild + 1);
  const user = [...carried, ...moved].find((instruction) => instruction.keyword === 'USER' && !isNumericOrRoot(instruction, runtimeBase.hasUsers));
  if (user) return decline(`USER on line ${user.range.start.line + 1} names a user that ${runtimeBase.image}${runtimeBase.hasUsers ? '\'s /etc/passwd may not have' : ' has no /etc/passwd to resolve'}.`);
  const zone = runtimeBase.hasTimeZones ? undefined : stage.declarations.find((d) => d.kind === 'env' && d.name === 'TZ');
  if (zone) return decline(`ENV TZ on line ${zone.instructionLine + 1} names a time zone the program reads from /usr/share/zoneinfo, which ${runtimeBase.image} lacks: use distroless (it has tzdata).`);
  const unset = readsBuilderEnvironment(stage, [...carried, ...moved]);
  if (unset) return decline(unset);
  const healthcheck = [...carried, ...moved].find((instruction) => instruction.keyword === 'HEALTHCHECK' && !/^none$/i.test(instruction.buildkit?.rest.trim() ?? ''));
  if (healthcheck) return decline(`HEALTHCHECK on line ${healthcheck.range.start.line + 1} runs a command the runtime base may lack.`);
  const volume = filledVolume(model, stage, [...carried, ...moved], stage.instructions[lastBuild].range.end.line);
  if (volume) return decline(volume);
  const copied = moved.flatMap((instruction) => copiedTo(instruction, workdirs.at(instruction.range.start.line)));
  if (builder.entrypoint && !stage.instructions.some((instruction) => instruction.keyword === 'ENTRYPOINT')) return decline(`${builder.image}'s image runs CMD through its ENTRYPOINT ${builder.entrypoint}, which ${runtimeBase.image} does not have: set ENTRYPOINT to the command.`);
  const made = (path: string) => [...producedPaths(model, stage)].some(([at, maker]) => at === path && stage.instructions.indexOf(maker.instruction) <= lastBuild && maker.instruction.keyword === 'RUN');
  const artifactsOf = (words: readonly string[], workdir: string) => (build.managed ? managedArtifacts(builder, build.managed, words, workdir, made) : nativeArtifacts(build.native!, words, workdir));
  const start = startCommand(stage, runtimeBase, artifactsOf, copied, workdirs.final);
  if ('disabled' in start) return start;
  return { stage, builder, runtime: runtimeBase, lastBuild, artifacts: start.artifacts, carried, builderWorkdir: workdirs.setsNone && builder.workdir !== '/' ? builder.workdir : undefined, execForms: start.execForms };
}

/**
 * The WORKDIR each instruction runs in, starting from the builder image's (analysis/files.ts walks from `/`,
 * which is right only where the first WORKDIR is absolute or the builder's is `/`).
 */
function builderWorkdirs(model: StageModel, stage: Stage, builder: Builder): { at: (line: number) => string | undefined; final: string | undefined; setsNone: boolean } | string {
  const first = stage.instructions.find((instruction) => instruction.keyword === 'WORKDIR');
  if (first && builder.workdir !== '/' && !first.workdir?.startsWith('/')) return `The WORKDIR on line ${first.range.start.line + 1} is relative to the builder image's (${builder.workdir}) or holds a variable.`;
  const at = (line: number) => (!first || first.range.start.line >= line ? builder.workdir : workdirAt(model, stage, line));
  return { at, final: at(Infinity), setsNone: !first };
}

/**
 * `root` or numeric ids: they mean the same on any base with /etc/passwd (numeric ids only without one). (COPY --from without --chown keeps the owner the build
 * gave a file, mapUserToChowner in solver/llbsolver/file/backend_unix.go, so a build run as another user is fine.)
 */
function isNumericOrRoot(instruction: InstructionInfo, rootResolves: boolean): boolean {
  const id = rootResolves ? '(?:root|\\d+)' : '\\d+';
  return new RegExp(`^${id}(?::${id})?$`).test(instruction.buildkit?.rest.trim() ?? '');
}

/** A variable a kept instruction reads that no ARG or ENV of the stage declares: the builder image's, gone at run time. */
function readsBuilderEnvironment(stage: Stage, kept: readonly InstructionInfo[]): string | undefined {
  const lines = new Set(kept.map((instruction) => instruction.range.start.line));
  const use = stage.uses.find((u) => lines.has(u.instructionLine) && !lastDeclaration(stage, u.name, u.instructionLine));
  return use && `${use.keyword} on line ${use.instructionLine + 1} reads $${use.name}, which the builder image sets (or nothing does) and the runtime base does not.`;
}

/** What a start command's words run, as the artifacts to copy, or why the runtime would not have it. */
type ArtifactsOf = (words: readonly string[], workdir: string) => string[] | { disabled: string };

/** The build steps and the runtime base of the builder's ecosystem (`kind` asked for). */
function readBuild(stage: Stage, builder: Builder, workdirAt: (line: number) => string | undefined, kind: RuntimeKind): { last: number; runtime: RuntimeBase; native?: BuildSteps; managed?: ManagedBuild } | { disabled: string } {
  if (builder.ecosystem === 'java' || builder.ecosystem === 'dotnet') {
    const managed = readManagedBuild(stage, builder, workdirAt);
    if ('disabled' in managed) return managed;
    const runtime = managedRuntime(builder, kind);
    return 'disabled' in runtime ? runtime : { last: managed.last, runtime: runtime.base, managed };
  }
  const build = readBuildSteps(stage, builder.ecosystem, workdirAt);
  if ('disabled' in build) return build;
  const runtime = builder.ecosystem === 'go' ? goRuntime(builder, build.steps.cgoDisabled, kind) : rustRuntime(builder, kind);
  return 'disabled' in runtime ? runtime : { last: build.steps.last, runtime: runtime.base, native: build.steps };
}

/** The artifacts the start command runs, and the shell forms to rewrite; declined where it names what the runtime lacks. */
function startCommand(stage: Stage, runtime: RuntimeBase, artifactsOf: ArtifactsOf, copied: readonly string[], workdir: string | undefined): { artifacts: string[]; execForms: StartInstruction[] } | { disabled: string } {
  const last = (keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword).pop();
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  const starts = [entrypoint, cmd].filter((instruction) => instruction !== undefined).map(readStart);
  if (starts.length === 0) return { disabled: 'There is no ENTRYPOINT or CMD: what the image runs would be the runtime base\'s.' };
  if (starts.some((start) => start === undefined)) return { disabled: 'The ENTRYPOINT or CMD is not one BuildKit accepts.' };
  const execForms: StartInstruction[] = [];
  for (const start of starts as StartInstruction[]) {
    const line = start.instruction.range.start.line + 1;
    if (!start.words) return { disabled: `${start.instruction.keyword} on line ${line} is a shell command (quotes, variables or operators): ${runtime.hasShell ? 'what it reads is not known' : `${runtime.image} has no shell`}.` };
    if (!start.shellForm || runtime.hasShell) continue;
    if (stage.instructions.some((instruction) => instruction.keyword === 'SHELL')) return { disabled: `${start.instruction.keyword} on line ${line} runs in the SHELL the Dockerfile sets, which ${runtime.image} lacks.` };
    // dispatchEntrypoint and dispatchCmd (dockerfile2llb/convert.go): a shell form is `sh -c` plus the words joined,
    // and the image runs ENTRYPOINT followed by CMD.
    if (start.instruction === entrypoint && cmd) return { disabled: `The shell-form ENTRYPOINT on line ${line} ignores CMD; in exec form, it would get CMD as arguments.` };
    if (start.instruction === cmd && entrypoint) return { disabled: `The shell-form CMD on line ${line} is passed to ENTRYPOINT as \`/bin/sh -c ...\`; in exec form, it would get other arguments.` };
    execForms.push(start);
  }
  const words = (starts as StartInstruction[]).flatMap((start) => start.words!);
  if (workdir === undefined) return { disabled: 'The WORKDIR the image runs in depends on a variable.' };
  const artifacts = artifactsOf(words, workdir);
  if ('disabled' in artifacts) return artifacts;
  const named = words.slice(1).find((word) => /^\.{0,2}\//.test(word) && ![...artifacts, ...copied].some((kept) => within(posix.resolve(workdir, word), kept)));
  if (named) return { disabled: `The start command names ${named}, which the runtime image would not have.` };
  return { artifacts, execForms };
}

/** A VOLUME over files the build stage made: the original image starts the volume with them, the runtime would not. */
function filledVolume(model: StageModel, stage: Stage, kept: readonly InstructionInfo[], buildEnd: number): string | undefined {
  const made = [...producedPaths(model, stage)].filter(([, maker]) => maker.instruction.range.end.line <= buildEnd).map(([path]) => path);
  for (const instruction of kept.filter((i) => i.keyword === 'VOLUME')) {
    const reading = instruction.buildkit;
    const paths = reading ? (reading.json ? reading.args : reading.rest.split(/\s+/)) : [];
    const filled = paths.find((path) => hasVariable(path) || made.some((m) => within(m, path)));
    if (filled !== undefined || !reading) return `VOLUME on line ${instruction.range.start.line + 1} holds what the build stage made (or depends on a variable): the runtime image would start it empty.`;
  }
  return undefined;
}

/** Where a COPY/ADD after the build puts its files (it moves to the runtime stage); none where a variable decides. */
function copiedTo(instruction: InstructionInfo, workdir: string | undefined): string[] {
  const destination = instruction.copyPaths?.destination.text;
  return destination && workdir !== undefined && !hasVariable(destination) ? [posix.resolve(workdir, destination)] : [];
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}
