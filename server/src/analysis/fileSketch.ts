// A sketch of the files stages make, from their instructions: where relative paths resolve (WORKDIR), and the
// paths that COPY/ADD destinations, WORKDIR and recognised RUN outputs create, each with the instruction that
// made it, following the FROM chain. Paths with variables are expanded as BuildKit expands them there, where
// that gives one value. Conservative: what it does not know it leaves out, and a stage built on an image may hold
// anything.
import { posix } from './posixPath';
import type { InstructionInfo, Stage, StageModel, StageReference } from './model';
import { hasVariable } from './args';
import { fromChain } from './chain';
import { evaluateInStage } from './bindings';
import { definiteValue } from './evaluate';

/**
 * Visits the instructions of a stage's FROM chain, its first stage first, each with the WORKDIR it runs in
 * (undefined where it is not known: a variable decides it, or the chain starts on an image, whose own WORKDIR
 * BuildKit starts from (`FROM golang` runs in /go), until an absolute WORKDIR), until `visit` says stop; returns
 * the WORKDIR there (or at the end).
 */
export function walkChain(model: StageModel, stage: Stage, visit: (current: Stage, instruction: InstructionInfo, dir: string | undefined) => boolean | void): string | undefined {
  const chain = fromChain(model, stage).reverse();
  let dir: string | undefined = startsOnScratch(model, chain[0]) ? '/' : undefined;
  for (const current of chain) {
    for (const instruction of current.instructions) {
      if (visit(current, instruction, dir) === true) return dir;
      if (instruction.keyword !== 'WORKDIR' || instruction.workdir === undefined) continue;
      const workdir = expandedPath(model, current, instruction, instruction.workdir);
      dir = workdir === undefined || (dir === undefined && !workdir.startsWith('/')) ? undefined : posix.resolve(dir ?? '/', workdir);
    }
  }
  return dir;
}

/** A chain's first stage built on `scratch`, which starts in `/`; an image (or a stage a FROM built from ARGs may name) starts in its own WORKDIR. */
function startsOnScratch(model: StageModel, root: Stage): boolean {
  return model.baseReferences[root.index]?.resolution.kind === 'image' && root.expandedBase?.toLowerCase() === 'scratch';
}

/** The WORKDIR in effect for an instruction starting on `line` of `stage` (Infinity: after its last); undefined where unknown (walkChain). */
export function workdirAt(model: StageModel, stage: Stage, line: number): string | undefined {
  if (line !== Infinity) return walkChain(model, stage, (current, instruction) => current === stage && instruction.range.start.line >= line);
  const known = sketchOf(model).finalWorkdir;
  if (!known.has(stage)) known.set(stage, walkChain(model, stage, () => false));
  return known.get(stage);
}

/** What rules ask of a stage's sketch again and again (every `COPY --from` of it): once per model and stage. */
interface Sketch {
  readonly finalWorkdir: Map<Stage, string | undefined>;
  readonly produced: Map<Stage, ReadonlyMap<string, ProducedPath>>;
}

const SKETCHES = new WeakMap<StageModel, Sketch>();

function sketchOf(model: StageModel): Sketch {
  let sketch = SKETCHES.get(model);
  if (!sketch) SKETCHES.set(model, sketch = { finalWorkdir: new Map(), produced: new Map() });
  return sketch;
}

export interface ProducedPath {
  readonly stage: Stage;
  readonly instruction: InstructionInfo;
}

/** The absolute paths a stage's FROM chain is known to create, with what created each (the latest). */
export function producedPaths(model: StageModel, stage: Stage): ReadonlyMap<string, ProducedPath> {
  const known = sketchOf(model).produced;
  let produced = known.get(stage);
  if (!produced) {
    const paths = new Map<string, ProducedPath>();
    walkChain(model, stage, (current, instruction, dir) => {
      for (const path of pathsMadeBy(model, current, instruction, dir)) paths.set(path, { stage: current, instruction });
    });
    known.set(stage, produced = paths);
  }
  return produced;
}

/** What is known to make `path` (absolute) in a stage's FROM chain. */
export interface PathMakers {
  /** The path itself or the nearest folder above it (not the root) that an instruction makes, with the latest maker. */
  readonly made?: { readonly path: string } & ProducedPath;
  /**
   * The COPY/ADD instructions that fill the root itself (`COPY --from=xx / /`, `COPY . /`), latest first: they
   * may bring any path, so they say where it may come from, never that they made it. So do those, and the RUNs,
   * that write a relative path where the WORKDIR is unknown (`COPY . .` on `FROM golang`, which runs in /go).
   */
  readonly rootCopies: readonly ProducedPath[];
}

/** The latest, most specific maker of `path`, and the copies into the root it may come from instead. */
export function makersOf(model: StageModel, stage: Stage, path: string): PathMakers {
  const produced = producedPaths(model, stage);
  const rootCopies: ProducedPath[] = [];
  walkChain(model, stage, (current, instruction, dir) => {
    const fillsRoot = (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && pathsMadeBy(model, current, instruction, dir).includes('/');
    if (fillsRoot || (dir === undefined && writesRelative(instruction))) rootCopies.unshift({ stage: current, instruction });
  });
  for (let at = path; at !== '/'; at = posix.dirname(at)) {
    const made = produced.get(at);
    if (made) return { made: { path: at, ...made }, rootCopies };
  }
  return { made: path === '/' && produced.has('/') ? { path, ...produced.get('/')! } : undefined, rootCopies };
}

/** A COPY/ADD to a relative destination, or a RUN with a relative output: where they write depends on the WORKDIR. */
export function writesRelative(instruction: InstructionInfo): boolean {
  if (instruction.keyword === 'RUN') return (instruction.outputs ?? []).some((path) => !path.startsWith('/'));
  return (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.copyPaths !== undefined && !instruction.copyPaths.destination.text.startsWith('/');
}

/** The paths an instruction makes; `dir`, the WORKDIR it runs in, undefined where unknown (relative paths are then too). */
export function pathsMadeBy(model: StageModel, stage: Stage, instruction: InstructionInfo, dir: string | undefined): string[] {
  const expand = (text: string) => expandedPath(model, stage, instruction, text);
  const resolve = (path: string) => (dir === undefined && !path.startsWith('/') ? [] : [posix.resolve(dir ?? '/', path)]);
  if (instruction.keyword === 'WORKDIR' && instruction.workdir) {
    const workdir = expand(instruction.workdir);
    return workdir === undefined ? [] : resolve(workdir);
  }
  if (instruction.keyword === 'RUN') return outsideMounts(instruction, (instruction.outputs ?? []).flatMap(resolve), resolve);
  const paths = instruction.copyPaths;
  const target = paths && expand(paths.destination.text);
  const sources = paths?.sources.map((source) => expand(source.text)) ?? [];
  if (target === undefined || sources.some((source) => source === undefined)) return [];
  const [destination] = resolve(target);
  if (destination === undefined) return [];
  // `COPY a b /dir/` and `COPY a /dir/` put a file source in the directory by its base name, but a directory
  // source's contents only (BuildKit's CopyDirContentsOnly), and a pattern whatever it matches; whether a build
  // context's or a stage's path is a file or a directory is not known here, so only the directory is certain.
  // A URL ADD downloads one file, named as the URL's path ends (an ADD of a Git repository clones into it).
  const intoDirectory = target.endsWith('/') || sources.length > 1 || target === '.';
  const downloads = instruction.keyword === 'ADD' ? sources.filter((source) => /^https?:\/\//i.test(source!) && !isGitSource(source!)) : [];
  return intoDirectory ? [destination, ...downloads.map((url) => posix.join(destination, downloadName(url!)))] : [destination];
}

/** The file name of a download: the URL's path's last part, without query or fragment. */
function downloadName(url: string): string {
  return posix.basename(url.replace(/[?#].*$/, '').replace(/^https?:\/\/[^/]*/i, '') || '/') || 'index.html';
}

/**
 * A RUN's outputs that stay in the image: what it writes under one of its own mounts (a cache, a tmpfs, a bind
 * mount, a secret) goes to the mount, not to the image (dockerfile2llb's dispatchRunMounts).
 */
function outsideMounts(instruction: InstructionInfo, outputs: string[], resolve: (path: string) => string[]): string[] {
  const targets = (instruction.mounts ?? []).flatMap((mount) => (mount.target === undefined || hasVariable(mount.target) ? [] : resolve(mount.target)));
  return targets.length === 0 ? outputs : outputs.filter((path) => !targets.some((target) => path === target || isInside(path, target)));
}

/** `inner` is strictly inside folder `outer`. */
export function isInside(inner: string, outer: string): boolean {
  return outer === '/' ? inner !== '/' : inner.startsWith(`${outer}/`);
}

/** A source ADD clones as a Git repository (BuildKit's gitutil.ParseGitRef): git@, git://, ssh://, or a URL ending in .git. */
function isGitSource(source: string): boolean {
  return /^(?:git@|git:\/\/|ssh:\/\/)/i.test(source) || /^https?:\/\/[^#]*\.git(?:#.*)?$/i.test(source);
}

/** A path of an instruction, its variables expanded as BuildKit expands them there; undefined unless one value. */
function expandedPath(model: StageModel, stage: Stage, instruction: InstructionInfo, text: string): string | undefined {
  if (!hasVariable(text)) return text;
  const value = definiteValue(evaluateInStage(model, stage, instruction.range.start.line, text));
  return value === '' ? undefined : value;
}

/** The `--from` reference of a stage's COPY (not an ONBUILD trigger's, which copies in another stage): among its stage's few. */
export function copyFromReference(model: StageModel, stage: Stage, instruction: InstructionInfo): StageReference | undefined {
  const line = instruction.range.start.line;
  return model.referencesIn[stage.index]?.find((reference) => reference.kind === 'copy-from' && !reference.onbuild && reference.instructionLine === line);
}

/** The instruction a reference is written in; none for one before the first FROM. */
export function instructionOf(model: StageModel, reference: StageReference): InstructionInfo | undefined {
  return model.stages[reference.inStage]?.instructions.find((i) => i.range.start.line === reference.instructionLine);
}
