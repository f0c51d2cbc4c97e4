// A sketch of the files stages make, from their instructions: where relative paths resolve (WORKDIR), and the
// paths that COPY/ADD destinations, WORKDIR and recognised RUN outputs create, each with the instruction that
// made it, following the FROM chain. Conservative: what it does not know it leaves out, and a stage built on an
// image may hold anything.
import { posix } from 'node:path';
import type { InstructionInfo, Stage, StageModel, StageReference } from './model';
import { hasVariable } from './args';
import { fromChain } from './scope';

/**
 * Visits the instructions of a stage's FROM chain, its first stage first, each with the WORKDIR it runs in
 * (undefined once a variable decides it), until `visit` says stop; returns the WORKDIR there (or at the end).
 */
function walkChain(model: StageModel, stage: Stage, visit: (current: Stage, instruction: InstructionInfo, dir: string | undefined) => boolean | void): string | undefined {
  let dir: string | undefined = '/';
  for (const current of fromChain(model, stage).reverse()) {
    for (const instruction of current.instructions) {
      if (visit(current, instruction, dir) === true) return dir;
      if (instruction.keyword === 'WORKDIR' && instruction.workdir !== undefined) dir = dir === undefined || hasVariable(instruction.workdir) ? undefined : posix.resolve(dir, instruction.workdir);
    }
  }
  return dir;
}

/** The WORKDIR in effect for an instruction starting on `line` of `stage` (Infinity: after its last); undefined where a variable decides. */
export function workdirAt(model: StageModel, stage: Stage, line: number): string | undefined {
  return walkChain(model, stage, (current, instruction) => current === stage && instruction.range.start.line >= line);
}

export interface ProducedPath {
  readonly stage: Stage;
  readonly instruction: InstructionInfo;
}

/** The absolute paths a stage's FROM chain is known to create, with what created each (the latest). */
export function producedPaths(model: StageModel, stage: Stage): Map<string, ProducedPath> {
  const produced = new Map<string, ProducedPath>();
  walkChain(model, stage, (current, instruction, dir) => {
    if (dir !== undefined) for (const path of pathsMadeBy(instruction, dir)) produced.set(path, { stage: current, instruction });
  });
  return produced;
}

/** What is known to make `path` (absolute) in a stage's FROM chain. */
export interface PathMakers {
  /** The path itself or the nearest folder above it (not the root) that an instruction makes, with the latest maker. */
  readonly made?: { readonly path: string } & ProducedPath;
  /**
   * The COPY/ADD instructions that fill the root itself (`COPY --from=xx / /`, `COPY . /`), latest first: they
   * may bring any path, so they say where it may come from, never that they made it.
   */
  readonly rootCopies: readonly ProducedPath[];
}

/** The latest, most specific maker of `path`, and the copies into the root it may come from instead. */
export function makersOf(model: StageModel, stage: Stage, path: string): PathMakers {
  const produced = producedPaths(model, stage);
  const rootCopies: ProducedPath[] = [];
  walkChain(model, stage, (current, instruction, dir) => {
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && dir !== undefined && pathsMadeBy(instruction, dir).includes('/')) rootCopies.unshift({ stage: current, instruction });
  });
  for (let at = path; at !== '/'; at = posix.dirname(at)) {
    const made = produced.get(at);
    if (made) return { made: { path: at, ...made }, rootCopies };
  }
  return { made: path === '/' && produced.has('/') ? { path, ...produced.get('/')! } : undefined, rootCopies };
}

function pathsMadeBy(instruction: InstructionInfo, dir: string): string[] {
  if (instruction.keyword === 'WORKDIR' && instruction.workdir && !hasVariable(instruction.workdir)) return [posix.resolve(dir, instruction.workdir)];
  if (instruction.keyword === 'RUN') return (instruction.outputs ?? []).map((path) => posix.resolve(dir, path));
  const paths = instruction.copyPaths;
  if (!paths || hasVariable(paths.destination.text) || paths.sources.some((source) => hasVariable(source.text))) return [];
  const destination = posix.resolve(dir, paths.destination.text);
  // `COPY a b /dir/` and `COPY a /dir/` put each source's base name in the directory; `COPY a /file` names the file.
  const intoDirectory = paths.destination.text.endsWith('/') || paths.sources.length > 1 || paths.destination.text === '.';
  return intoDirectory ? [destination, ...paths.sources.map((source) => posix.join(destination, posix.basename(source.text)))] : [destination];
}

/** The `--from` reference of a stage's COPY (not an ONBUILD trigger's, which copies in another stage). */
export function copyFromReference(model: StageModel, stage: Stage, instruction: InstructionInfo): StageReference | undefined {
  return model.references.find((r) => r.kind === 'copy-from' && !r.onbuild && r.inStage === stage.index && r.instructionLine === instruction.range.start.line);
}

/** The instruction a reference is written in; none for one before the first FROM. */
export function instructionOf(model: StageModel, reference: StageReference): InstructionInfo | undefined {
  return model.stages[reference.inStage]?.instructions.find((i) => i.range.start.line === reference.instructionLine);
}
