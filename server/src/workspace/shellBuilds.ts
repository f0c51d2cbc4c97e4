// The build targets of shell text (a script, a Makefile's recipe, a workflow's `run:`): the text is parsed and
// followed (shell/interpreter.ts), each container build it runs is read (buildCommands.ts), and its Dockerfile
// is found among the workspace's files. A target the script computes is tied to where its value is written
// (`T=base` ... `--target "$T"`: the `base`); one it cannot know (`--target "$1"`, `$EXTRA_FLAGS`) becomes a
// pattern that any stage matches, said as unresolved: the stages it may build are then never reported unused.
import { dirname, isAbsolute, resolve, sep, basename } from 'node:path';
import { PARSE_BUDGET_MS, parseShell, shellParserLoaded } from '../shell/parser';
import { followScript, type ScriptContext } from '../shell/interpreter';
import { displayText, escapeRegExp, isUnknown, knownText, writtenRange, type Value } from '../shell/values';
import { buildCommands, type BuildCommand } from './buildCommands';
import { exportsFiles, isRemoteContext, NotFollowed, uniqueTargets, type DiscoveredTarget, type FileIndex, type TargetSource } from './discovered';

export type ShellContext = Omit<ScriptContext, 'paths'>;

const PATHS = { resolve, dirname, basename };
/**
 * Text that runs no container build needs no parse: a build verb and a container tool's name (or a variable
 * named like one, as buildCommands.ts recognizes them) must both be there.
 */
export function mayBuild(text: string): boolean {
  return /\b(build|bud|bake)\b/.test(text) && /docker|podman|buildah|nerdctl|depot|buildx|container|engine|oci/i.test(text);
}
/** Any Dockerfile of the workspace, for a build whose Dockerfile the script does not say (bake `--set`). */
export const ANY_DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.(dockerfile|containerfile|Dockerfile)$/;

export function shellTargets(text: string, context: ShellContext, source: TargetSource, files: FileIndex): DiscoveredTarget[] {
  if (!mayBuild(text)) return [];
  if (text.includes('\r')) return shellTargets(...withoutCarriageReturns(text, context), source, files);
  const builds: BuildCommand[] = [];
  const followed = parseShell(text, (root) => {
    followScript(root, { ...context, paths: PATHS }, (command) => builds.push(...buildCommands(command)));
    return true;
  });
  if (!followed) throw new NotFollowed(shellParserLoaded() ? `its shell took over ${PARSE_BUDGET_MS} ms to parse` : 'the shell parser could not be loaded');
  return uniqueTargets(builds.flatMap((build) => buildTargets(build, context, source, files)));
}

/** CRLF line ends read as the shell on Windows (Git Bash, WSL with autocrlf) reads them: `\` then CRLF continues the line. */
function withoutCarriageReturns(text: string, context: ShellContext): [string, ShellContext] {
  const origins: number[] = [];
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    clean += text[i];
    origins.push(context.origin ? context.origin(i) ?? -1 : i);
  }
  return [clean, { ...context, origin: (offset) => ((origins[offset] ?? -1) >= 0 ? origins[offset] : undefined) }];
}

function buildTargets(build: BuildCommand, context: ShellContext, source: TargetSource, files: FileIndex): DiscoveredTarget[] {
  const given = build.target ?? build.spread ?? { value: [], start: build.start, end: build.start };
  const map = (offset: number) => (context.origin ? context.origin(offset) : offset);
  const start = map(given.start) ?? map(build.start) ?? 0;
  const end = map(given.end - 1) !== undefined ? map(given.end - 1)! + 1 : start;
  const args = Object.fromEntries([...build.args].map(([name, value]) => [name, patternText(value)]));
  const spread = build.spread ? displayText(build.spread.value) : undefined;
  if (build.tool === 'bake' && !build.target) return [];
  // Every output files (`-o ./out`, `type=local`, `type=tar`): the build's result is no image.
  const exports = build.outputs.length > 0 && build.outputs.every((output) => exportsFiles(knownText(output) ?? 'type=unknown'));
  const dockerfiles = buildFilesOf(build, context, files).map((file) => (exports ? { ...file, exportsFiles: true } : file));
  return targetsOf(dockerfiles, build.target?.value, { start, end }, args, source, build.target ? undefined : spread, build.tool === 'bake');
}

/** A Dockerfile a build may use, with its build context folder where that is known, and whether it exports files. */
export interface BuildFile {
  readonly dockerfile: string;
  readonly context?: string;
  readonly exportsFiles?: boolean;
}

/** Dockerfiles whose build context is not known. */
export function withoutContext(dockerfiles: readonly string[]): BuildFile[] {
  return dockerfiles.map((dockerfile) => ({ dockerfile }));
}

/**
 * The targets a build names in each of its Dockerfiles. `target`: its value (undefined: none given, but
 * `spread`, an argument list the script does not know, may give one). `word`: the build's own word for it.
 */
export function targetsOf(
  dockerfiles: readonly BuildFile[], target: Value | undefined, word: { start: number; end: number },
  args: Record<string, string>, source: TargetSource, spread?: string, anyDockerfile = false,
): DiscoveredTarget[] {
  const name = target && knownText(target);
  const written = target && writtenRange(target);
  // Which Dockerfile is not said, nor the stage: nothing to tie it to (every stage of every Dockerfile is not a finding).
  if (anyDockerfile && name === undefined) return [];
  return dockerfiles.map(({ dockerfile, ...build }) => {
    // No target and nothing that may give one: the default target, with its build args.
    if (!target && !spread) return source.target(dockerfile, '', word.start, word.start, args, { defaultTarget: true, ...build });
    // Named without its Dockerfile (bake `--set`): a stage of that name in any Dockerfile.
    if (anyDockerfile) return source.target(dockerfile, name!, written?.start ?? word.start, written?.end ?? word.end, args, { computed: true, ifStageExists: true });
    if (name !== undefined && written) return source.target(dockerfile, name, written.start, written.end, args, build);
    if (name !== undefined) return source.target(dockerfile, name, word.start, word.end, args, { computed: true, ...build });
    const unresolved = target ? `the target is ${displayText(target)}, known only when it runs` : `${spread} may give --target`;
    return source.target(dockerfile, target ? patternText(target) : '${TARGET}', word.start, word.end, args, { computed: true, unresolved, ...build });
  });
}

/**
 * Text with unknown parts (a Makefile's expanded recipe, a workflow's `run:` with its expressions) as a shell
 * script: known text as it is, with each character's offset in the file; each unknown part a shell variable
 * of its own, whose value is that unknown part (so that it shows as it is written).
 */
export function asShellScript(value: Value): { text: string; origin: (offset: number) => number | undefined; variables: Map<string, Value[]> } {
  let text = '';
  const origins: number[] = [];
  const variables = new Map<string, Value[]>();
  for (const piece of value) {
    if (isUnknown(piece)) {
      const name = `UNKNOWN_PART_${variables.size}`;
      variables.set(name, [[piece]]);
      const reference = `\${${name}}`;
      text += reference;
      origins.push(...reference.split('').map(() => -1));
      continue;
    }
    text += piece.text;
    origins.push(...piece.text.split('').map((_, i) => (piece.at === undefined ? -1 : piece.at + i)));
  }
  return { text, origin: (offset) => ((origins[offset] ?? -1) >= 0 ? origins[offset] : undefined), variables };
}

/** A value with unknown parts as a target pattern: each unknown part becomes `${NAME}` (any text). */
export function patternText(value: Value): string {
  return value.map((piece) => (isUnknown(piece) ? `\${${/[A-Za-z_]\w*/.exec(piece.unknown)?.[0] ?? 'VALUE'}}` : piece.text)).join('');
}

/**
 * The Dockerfiles the build may use: `-f` from the folder it runs in, else `Dockerfile` in its context; each with
 * its context folder where the context operand is known and the Dockerfile is found from one folder only.
 */
function buildFilesOf(build: BuildCommand, context: ShellContext, files: FileIndex): BuildFile[] {
  if (build.tool === 'bake') return withoutContext(files.matching(ANY_DOCKERFILE));
  const contextText = build.context && knownText(build.context.value);
  const contextOf = (base: string) => (contextText === undefined || contextText === '-' || isRemoteContext(contextText) ? undefined : resolve(base, contextText));
  if (!build.file && !build.context) return build.spread ? withoutContext(files.matching(ANY_DOCKERFILE)) : [];
  const contexts = new Map<string, Set<string | undefined>>();
  for (const base of folders(build, context)) {
    for (const dockerfile of dockerfilesOf(build, base, files)) contexts.set(dockerfile, (contexts.get(dockerfile) ?? new Set()).add(contextOf(base)));
  }
  return [...contexts].map(([dockerfile, folders]) => {
    const [only] = folders;
    return folders.size === 1 && only !== undefined ? { dockerfile, context: only } : { dockerfile };
  });
}

/** The Dockerfiles the build may use from one folder it may run in. */
function dockerfilesOf(build: BuildCommand, base: string, files: FileIndex): string[] {
  const names = build.tool === 'podman' ? ['Containerfile', 'Dockerfile'] : ['Dockerfile'];
  if (build.file) {
    const text = knownText(build.file.value);
    return text === '-' || build.file.spread ? [] : existing(build.file.value, [base], files);
  }
  const buildContext = build.context;
  if (!buildContext) return [];
  const text = knownText(buildContext.value);
  if (text === '-' || (text !== undefined && isRemoteContext(text))) return [];
  const inContext = names.flatMap((name) => existing([...buildContext.value, { text: `/${name}` }], [base], files));
  // Arguments the script does not know may hold `-f`: any Dockerfile in the context may be the one.
  const anyInContext = build.spread ? existing([...buildContext.value, { text: '/' }, { unknown: '*' }], [base], files).filter((file) => ANY_DOCKERFILE.test(file.split(sep).join('/'))) : [];
  return [...new Set([...inContext, ...anyInContext])];
}


/** The folders the build may run in: the one it `cd`s to, else the script's folder or one of its parents up to the workspace folder. */
function folders(build: BuildCommand, context: ShellContext): string[] {
  const known = build.cwd?.map(knownText);
  if (known && known.every((folder) => folder !== undefined)) return known as string[];
  const result: string[] = [];
  for (let folder = context.cwd ?? dirname(context.scriptPath); ; folder = dirname(folder)) {
    result.push(folder);
    if (folder === context.root || dirname(folder) === folder || !folder.startsWith(context.root)) break;
  }
  return result;
}

/** The workspace's files the path may be, from any of the folders (unknown parts match anything). */
export function existing(path: Value, bases: readonly string[], files: FileIndex): string[] {
  const text = knownText(path);
  const found = new Set<string>();
  for (const base of bases) {
    if (text !== undefined) {
      const absolute = isAbsolute(text) ? resolve(text) : resolve(base, text);
      if (files.has(absolute)) found.add(absolute);
      continue;
    }
    // A file name the script leaves unknown is some Dockerfile, not any file.
    const lastSlash = path.map((piece) => !isUnknown(piece) && piece.text.includes('/')).lastIndexOf(true);
    const nameUnknown = path.slice(lastSlash + 1).some(isUnknown);
    for (const file of files.matching(pathPattern(path, base))) {
      if (!nameUnknown || ANY_DOCKERFILE.test(file.split(sep).join('/'))) found.add(file);
    }
  }
  return [...found];
}

/** A path with unknown parts as a pattern over `/`-separated absolute paths. */
function pathPattern(path: Value, base: string): RegExp {
  const firstUnknown = path.findIndex(isUnknown);
  const prefix = path.slice(0, firstUnknown).map((piece) => (piece as { text: string }).text).join('');
  const rest = path.slice(firstUnknown).map((piece) => (isUnknown(piece) ? '.*' : escapeRegExp(piece.text))).join('');
  if (prefix === '' && firstUnknown === 0) return new RegExp(`^.*${rest}$`);
  const cut = prefix.lastIndexOf('/') + 1;
  const folder = resolve(isAbsolute(prefix) ? '/' : base, prefix.slice(0, cut) || '.').split(sep).join('/');
  return new RegExp(`^${escapeRegExp(folder.endsWith('/') ? folder : `${folder}/`)}${escapeRegExp(prefix.slice(cut))}${rest}$`);
}

