// A sketch of the files stages make, from their instructions: where relative paths resolve (WORKDIR), and the
// paths that COPY/ADD destinations, WORKDIR and recognised RUN outputs create, each with the instruction that
// made it, following the FROM chain. Conservative: what it does not know it leaves out, and a stage built on an
// image may hold anything.
import { posix } from 'node:path';
import type { InstructionInfo, Stage, StageModel } from './model';
import { hasVariable } from './args';
import { fromChain } from './scope';

/** The FROM chain from its first stage down to `stage`. */
function chainTo(model: StageModel, stage: Stage): Stage[] {
  return fromChain(model, stage).reverse();
}

/** The WORKDIR in effect for an instruction starting on `line` of `stage` (Infinity: after its last); undefined where a variable decides. */
export function workdirAt(model: StageModel, stage: Stage, line: number): string | undefined {
  let dir = '/';
  for (const current of chainTo(model, stage)) {
    for (const instruction of current.instructions) {
      if (current === stage && instruction.range.start.line >= line) break;
      if (instruction.keyword !== 'WORKDIR' || instruction.workdir === undefined) continue;
      if (hasVariable(instruction.workdir)) return undefined;
      dir = posix.resolve(dir, instruction.workdir);
    }
  }
  return dir;
}

export interface ProducedPath {
  readonly stage: Stage;
  readonly instruction: InstructionInfo;
}

/** The absolute paths a stage's FROM chain is known to create, with what created each (the latest). */
export function producedPaths(model: StageModel, stage: Stage): Map<string, ProducedPath> {
  const produced = new Map<string, ProducedPath>();
  // The WORKDIR in effect, followed down the chain (undefined once a variable decides it).
  let dir: string | undefined = '/';
  for (const current of chainTo(model, stage)) {
    for (const instruction of current.instructions) {
      if (dir !== undefined) for (const path of pathsMadeBy(instruction, dir)) produced.set(path, { stage: current, instruction });
      if (instruction.keyword === 'WORKDIR' && instruction.workdir !== undefined) dir = dir === undefined || hasVariable(instruction.workdir) ? undefined : posix.resolve(dir, instruction.workdir);
    }
  }
  return produced;
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
